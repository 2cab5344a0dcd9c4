"""Private storage for bought files: it has no public URL at all.

The files are reached only through a download view that checks a grant; asking the
storage for a URL is a programming error, so it raises instead of handing out a path
under MEDIA_URL (local disk) or a presigned link that outlives the grant (S3).
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
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


class PrivateStorage(LazyObject):
    """`STORAGES["private"]`, looked up when first used rather than when the models
    load, so that the file fields follow the settings (as `default_storage` does)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_files = PrivateStorage()


@receiver(setting_changed)
def _private_storage_reset(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        private_files._wrapped = empty
