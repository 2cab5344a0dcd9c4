"""Private storage for bought files: it has no public URL at all.

The files are reached only through a download view that checks a grant; asking the
storage for a URL is a programming error, so it raises instead of handing out a path
under MEDIA_URL (local disk) or a presigned link that outlives the grant (S3).
"""

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage


class NoPublicURL(Exception):
    pass


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise NoPublicURL("private files are served only through a download grant")


class PrivateS3Storage(S3Storage):
    default_acl = "private"

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NoPublicURL("private files are served only through a download grant")
