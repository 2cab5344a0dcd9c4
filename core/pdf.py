"""The PDF engine: WeasyPrint behind a locked fetcher, with a time and a memory limit.

Rendered documents come from editors' content, so a render must not reach anything
but the project's own files: the fetcher serves `data:` URLs, the static files and
media files the document names under the private base URL below, and refuses every
other URL (`file://`, the cloud metadata address, any remote host): an image there
is simply left out. A render runs in a child process of the background worker with
an address-space limit and a deadline; a document that loops or explodes kills
only that child.
"""

import gc
import mimetypes
import multiprocessing
import os
import resource
import tempfile
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

#: Documents are rendered with this base URL: a host that does not exist, so a
#: relative or site-absolute URL resolves to it and is then mapped to a file.
BASE_URL = "https://render.invalid/"
HOST = urlsplit(BASE_URL).netloc


class RenderFailed(Exception):
    """The render ran out of time or memory, or the engine failed."""


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    media_base = _media_base()

    class LockedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            stored = _stored_name(url, media_base)
            if stored is not None:
                body = _stored_file(stored)
            elif parts.scheme != "https" or parts.netloc != HOST:
                raise ValueError(f"refused: {url[:80]}")
            else:
                body = _project_file(unquote(parts.path))
            if body is None:
                raise ValueError(f"not a project file: {parts.path[:80]}")
            mime = mimetypes.guess_type(parts.path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return LockedFetcher(allowed_protocols=("https", "data"), allow_redirects=False)


def _media_base() -> str:
    """Where the media storage's absolute URLs begin (object storage hands out
    signed URLs on its own host), or "" when its URLs are paths on this site."""
    probe = "render-probe.bin"
    base = default_storage.url(probe).split(probe, 1)[0]
    return base if urlsplit(base).netloc else ""


def _stored_name(url: str, media_base: str) -> str | None:
    """The media file an absolute URL of the media storage names, or None for any
    other URL. The file is then read through the storage's API; nothing is
    fetched over the network."""
    if not media_base or not url.startswith(media_base):
        return None
    return unquote(urlsplit(url[len(media_base) :]).path)


def _stored_file(name: str) -> bytes | None:
    if not name or ".." in name.split("/") or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def _project_file(path: str) -> bytes | None:
    """The bytes of a static or media file the document names, or None."""
    if ".." in path.split("/"):
        return None
    static, media = settings.STATIC_URL, settings.MEDIA_URL
    if path.startswith(static):
        found = finders.find(path[len(static) :])
        if found and os.path.isfile(found):
            with open(found, "rb") as handle:
                return handle.read()
        return None
    if path.startswith(media):
        return _stored_file(path[len(media) :])
    return None


def render(html: str, *, variant: str | None = None) -> bytes:
    """Render in this process (for the worker's child and for tests). `variant`
    is one of WeasyPrint's PDF variants, e.g. "pdf/a-3b" for an e-invoice or
    "pdf/ua-1" for a tagged, accessible document."""
    from weasyprint import HTML

    # A layout makes hundreds of thousands of boxes that live until it ends: the
    # cycle collector, run again and again over all of them, cost up to a fifth of
    # a render and found nothing to free. (The worker renders in a child that
    # exits afterwards.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
        if variant:
            return document.write_pdf(pdf_variant=variant)
        return document.write_pdf()
    finally:
        if collecting:
            gc.enable()


_engine_ready = False


def _engine_load() -> None:
    """Load the engine in the parent, once per process: its libraries, the font
    code it imports lazily, and the font configuration (one small render). A child
    under its memory limit could not map them any more, and a child that scanned
    the fonts under that limit could write an empty font cache for the machine,
    after which every render fails. Each child would also pay for them again."""
    global _engine_ready
    if not _engine_ready:
        render("<p>.</p>")
        _engine_ready = True


def _out_of_memory(error: BaseException) -> bool:
    """Running out of the address space shows as MemoryError, as a C extension's
    SystemError (an allocation failed without a Python error), or as a library or
    mapping that could not be loaded."""
    if isinstance(error, MemoryError | SystemError):
        return True
    text = str(error)
    return isinstance(error, OSError | ImportError) and (
        "failed to map" in text or "Cannot allocate memory" in text
    )


def _child(html: str, target: str, memory_bytes: int, variant: str | None) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        data = render(html, variant=variant)
    except Exception as error:  # noqa: BLE001  (reported to the parent by the exit code)
        os._exit(3 if _out_of_memory(error) else 2)
    with open(target, "wb") as handle:
        handle.write(data)
    os._exit(0)


def render_limited(
    html: str,
    *,
    seconds: float | None = None,
    memory_mb: int | None = None,
    variant: str | None = None,
) -> bytes:
    """Render in a forked child under an address-space limit and a deadline."""
    seconds = seconds or settings.PDF_RENDER_SECONDS
    memory = (memory_mb or settings.PDF_RENDER_MEMORY_MB) * 2**20
    _engine_load()
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "out.pdf")
        process = multiprocessing.get_context("fork").Process(
            target=_child, args=(html, target, memory, variant), daemon=True
        )
        process.start()
        process.join(seconds)
        if process.is_alive():
            process.kill()
            process.join()
            raise RenderFailed(f"render took longer than {seconds} s")
        if process.exitcode != 0 or not os.path.exists(target):
            reason = {3: "out of memory"}.get(process.exitcode, "engine error")
            raise RenderFailed(f"render failed ({reason}, exit {process.exitcode})")
        with open(target, "rb") as handle:
            return handle.read()
