"""E-book files: checked by their content, not their name, and stamped per copy.

A PDF must start with `%PDF-`; an EPUB must be a ZIP whose first entry is the
uncompressed `mimetype` file saying `application/epub+zip`, with a
`META-INF/container.xml` naming its package document. An EPUB copy gets the stamp in
its package metadata and as a colophon page at the end of the book.
"""

import io
import re
import zipfile
from html import escape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EPUB_MIMETYPE = b"application/epub+zip"


def detect_kind(data: bytes) -> str:
    """ "pdf" or "epub", or ValidationError saying what is wrong."""
    if len(data) > settings.EBOOK_MAX_MB * 2**20:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.EBOOK_MAX_MB}
        )
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                first = archive.infolist()[0]
                if (
                    first.filename == "mimetype"
                    and archive.read("mimetype").strip() == EPUB_MIMETYPE
                    and "META-INF/container.xml" in archive.namelist()
                ):
                    return "epub"
        except (zipfile.BadZipFile, IndexError, KeyError) as error:
            raise ValidationError(_("The EPUB file is damaged.")) from error
    raise ValidationError(_("Only PDF and EPUB files can be sold as e-books."))


def _package_path(archive: zipfile.ZipFile) -> str:
    container = archive.read("META-INF/container.xml").decode("utf-8")
    match = re.search(r'full-path="([^"]+)"', container)
    if not match:
        raise ValidationError(_("The EPUB file is damaged."))
    return match.group(1)


#: The EPUB Accessibility 1.1 metadata a shop must be able to show (European
#: Accessibility Act, BFSG): how the book can be perceived, what helps, and a
#: summary in words.
ACCESSIBILITY_PROPERTIES = {
    "schema:accessMode": gettext_lazy("access modes (schema:accessMode)"),
    "schema:accessibilityFeature": gettext_lazy(
        "features (schema:accessibilityFeature)"
    ),
    "schema:accessibilitySummary": gettext_lazy(
        "summary (schema:accessibilitySummary)"
    ),
}


def epub_accessibility_missing(data: bytes) -> list[str]:
    """The accessibility metadata the EPUB's package document lacks (EPUB 3
    `<meta property=…>` or EPUB 2 `<meta name=… content=…>`), as labels."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = archive.read(_package_path(archive)).decode("utf-8", "replace")
    missing = []
    for prop, label in ACCESSIBILITY_PROPERTIES.items():
        epub3 = re.search(
            rf'<meta[^>]*property="{re.escape(prop)}"[^>]*>\s*[^<\s][^<]*</meta>',
            package,
        )
        epub2 = re.search(
            rf'<meta[^>]*name="{re.escape(prop)}"[^>]*content="[^"]+"', package
        )
        if not (epub3 or epub2):
            missing.append(str(label))
    return missing


def stamp_epub(data: bytes, *, text: str) -> bytes:
    """The EPUB with the stamp in its metadata and a colophon page at the end."""
    source = zipfile.ZipFile(io.BytesIO(data))
    package_path = _package_path(source)
    folder = package_path.rsplit("/", 1)[0] + "/" if "/" in package_path else ""
    package = source.read(package_path).decode("utf-8")
    safe = escape(text)
    package = package.replace(
        "</metadata>", f"<dc:rights>{safe}</dc:rights>\n</metadata>", 1
    )
    package = package.replace(
        "</manifest>",
        '<item id="personal-copy" href="personal-copy.xhtml" '
        'media-type="application/xhtml+xml"/>\n</manifest>',
        1,
    )
    package = package.replace(
        "</spine>", '<itemref idref="personal-copy"/>\n</spine>', 1
    )
    colophon = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="de"><head>'
        "<title>Impressum dieser Kopie</title></head><body>"
        f"<p>{safe}</p></body></html>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr(
            zipfile.ZipInfo("mimetype"), EPUB_MIMETYPE, compress_type=zipfile.ZIP_STORED
        )
        for item in source.infolist():
            if item.filename == "mimetype":
                continue
            content = source.read(item.filename)
            if item.filename == package_path:
                content = package.encode("utf-8")
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
        target.writestr(
            folder + "personal-copy.xhtml",
            colophon,
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return out.getvalue()
