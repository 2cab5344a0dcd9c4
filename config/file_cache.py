"""The embedded default's cache: files shared by the web server, the worker and the
scheduler, with what this process last read of each file kept in memory.

A file cache is what lets a page purged by the worker (a scheduled unpublish) vanish
for the web server at once, which local memory can't. Reading a cached page from a
file, though, means opening it and decompressing it on every hit. Every write
replaces the file (a new inode), and a purge deletes it, so one `stat` tells whether
the copy read before is still the file's content: if the inode, size and time are
unchanged and it has not expired, the copy is served, unpickled afresh so no caller
can change it for the next.
"""

import os
import pickle
import time
import zlib
from collections import OrderedDict

from django.core.cache.backends.filebased import FileBasedCache

MAX_COPIES = 200  # whole cached pages: about 20 MB at most per process


class LocalCopyFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        # file name -> ((inode, size, mtime), expiry, pickled value)
        self._copies: OrderedDict[str, tuple] = OrderedDict()

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            stat = os.stat(fname)
        except FileNotFoundError:
            self._copies.pop(fname, None)
            return default
        stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        copy = self._copies.get(fname)
        if copy is not None and copy[0] == stamp:
            expiry, pickled = copy[1], copy[2]
            if expiry is None or expiry >= time.time():
                self._copies.move_to_end(fname)
                return pickle.loads(pickled)  # noqa: S301 (our own cache files)
            self._copies.pop(fname, None)
        try:
            with open(fname, "rb") as f:
                try:
                    expiry = pickle.load(f)  # noqa: S301 (our own cache files)
                except EOFError:
                    expiry = 0
                if expiry is not None and expiry < time.time():
                    f.close()
                    self._delete(fname)
                    return default
                pickled = zlib.decompress(f.read())
        except FileNotFoundError:
            return default
        self._copies[fname] = (stamp, expiry, pickled)
        if len(self._copies) > MAX_COPIES:
            self._copies.popitem(last=False)
        return pickle.loads(pickled)  # noqa: S301 (our own cache files)
