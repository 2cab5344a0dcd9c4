"""Rich text is cleaned on the server, whatever path it arrived by.

Wagtail's editor only produces safe markup, but text saved another way (an import,
the ORM, a crafted POST to the admin) reaches the page as it was stored, and Wagtail 8
renders `<script>` and `javascript:` links from it (advisory GHSA-wq5h-f9p5-q7fx). So
rich text is cleaned twice with an allow-list: when it is saved (the stored value is
clean for every later reader, the PDF and the feeds too) and when it is rendered (text
stored before this existed, or by a path that skipped the save hook).
"""

import functools
import re

import nh3
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText, expand_db_html

TEXT_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "sup", "sub", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "hr",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Wagtail's stored format: links to pages and documents by id, images and media as
# <embed>; none of these attributes can carry script.
# The editor's data-block-key ties a paragraph to its comments and revision diffs.
BLOCK_KEY = {"data-block-key"}
STORED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    **dict.fromkeys(("p", "li", "blockquote", "h5", "h6"), BLOCK_KEY),
    **{tag: BLOCK_KEY | {"id"} for tag in ("h2", "h3", "h4")},
}
RENDERED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "class", "loading"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}


# nh3 writes <embed ...>; Wagtail's rewriter only recognises <embed .../>.
OPEN_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>")


def clean_stored_html(html: str) -> str:
    """Wagtail's database rich-text format with anything executable removed."""
    cleaned = nh3.clean(
        html or "",
        tags=TEXT_TAGS | {"embed"},
        attributes=STORED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return OPEN_EMBED.sub(r"<embed\1/>", cleaned)


@functools.cache
def media_prefixes() -> tuple[str, ...]:
    """Where the site's own images live: MEDIA_URL, and the bucket's address when
    media is on object storage (without the signature of one URL)."""
    prefixes = [settings.MEDIA_URL]
    base = default_storage.url("x").split("?", 1)[0]
    prefixes.append(base[: -len("x")])
    return tuple(dict.fromkeys(prefix for prefix in prefixes if prefix))


def _own_images_only(tag: str, attribute: str, value: str) -> str | None:
    """An image shown on our pages loads from our media only: an outside `src`
    would make every reader's browser contact a third party (and tell it who read
    what). Such an image loses its source and shows nothing."""
    if tag == "img" and attribute == "src":
        return value if value.startswith(media_prefixes()) else None
    return value


def clean_html(html: str) -> SafeString:
    """HTML as a page shows it (expanded rich text, the shop dashboard's
    descriptions) with anything executable removed: the tags and attributes of
    `RENDERED_*`, links with safe schemes only, images from our media only."""
    return mark_safe(  # noqa: S308 (cleaned by nh3 with an allow-list just here)
        nh3.clean(
            html or "",
            tags=TEXT_TAGS | {"img"},
            attributes=RENDERED_ATTRIBUTES,
            attribute_filter=_own_images_only,
            url_schemes=URL_SCHEMES,
            link_rel="noopener",
        )
    )


def render_rich_text(html: str) -> SafeString:
    """Expand Wagtail's stored format to HTML and clean the result."""
    return clean_html(expand_db_html(html or ""))


def clean_rich_text_value(value):
    """The `RichText` (or raw string) a block or field is about to store, cleaned."""
    if isinstance(value, RichText):
        return RichText(clean_stored_html(value.source))
    if isinstance(value, str):
        return clean_stored_html(value)
    return value
