"""WordPress bodies as StreamField blocks.

Gutenberg stores its blocks as HTML between comments (`<!-- wp:paragraph -->…
<!-- /wp:paragraph -->`); those comments decide the split. The classic editor
stores HTML whose paragraphs are blank lines (WordPress adds the `<p>`s when it
shows the post: `wpautop`); that HTML is split into paragraphs the same way and
then walked element by element.

Each piece becomes one of the site's blocks: heading, text (paragraphs and lists),
image, quote, table, embed, code. Galleries become their images. What has no
block here (an unknown shortcode or block, a layout block, a form) becomes a
`review_block` holding the original HTML: shown safely (as cleaned text), and
counted for editors to review. Nothing is dropped but empty spacers.

`Converter.blocks(html)` returns `(blocks, needs_review)`; images are found through
`image_for(url or attachment id)`, links to the old site through `link_for(url)`.
"""

import json
import re
from collections.abc import Callable
from html import unescape

from bs4 import BeautifulSoup, NavigableString, Tag

from core.sanitize import clean_stored_html

BLOCK_COMMENT = re.compile(
    r"<!--\s+(/)?wp:([a-z0-9/-]+)(\s+(\{.*?\}))?\s*(/)?-->", re.DOTALL
)
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z_][\w-]*)([^\]]*)\]")
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table",
    "pre", "figure", "img", "div", "hr", "dl", "iframe", "form", "script", "style",
    "address", "section", "article", "aside", "video", "audio", "object",
}  # fmt: skip
EMBED_HOSTS = (
    "youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com",
    "soundcloud.com", "spotify.com", "flickr.com", "slideshare.net",
    "instagram.com", "tiktok.com", "ted.com", "dailymotion.com",
)  # fmt: skip
SKIPPED_BLOCKS = {"separator", "spacer", "nextpage", "more"}


def autop(text: str) -> str:
    """WordPress's paragraphs: blank lines separate paragraphs, single line
    breaks inside a paragraph become `<br>`; block elements stand alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    block = "|".join(sorted(BLOCK_TAGS))
    text = re.sub(rf"(<(?:{block})\b)", r"\n\n\1", text)
    text = re.sub(rf"(</(?:{block})>)", r"\1\n\n", text)
    pieces = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(rf"<(?:{block})\b", chunk) or SHORTCODE.fullmatch(chunk):
            pieces.append(chunk)
        else:
            pieces.append("<p>" + chunk.replace("\n", "<br>") + "</p>")
    return "\n".join(pieces)


def _attributes(text: str) -> dict:
    return dict(ATTRIBUTE.findall(text or ""))


def _plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html or "")).strip()


class Converter:
    def __init__(
        self,
        image_for: Callable[[str | int], int | None],
        link_for: Callable[[str], int | str | None] = lambda url: None,
    ) -> None:
        self.image_for = image_for
        self.link_for = link_for
        self.needs_review = 0

    # --- entry ---------------------------------------------------------------

    def blocks(self, html: str) -> tuple[list[tuple[str, object]], int]:
        self.needs_review = 0
        html = html or ""
        if "<!-- wp:" in html:
            result = self._gutenberg(html)
        else:
            result = self._classic(html)
        return [block for block in result if block is not None], self.needs_review

    # --- Gutenberg -----------------------------------------------------------

    def _gutenberg(self, html: str) -> list:
        """Top-level blocks; the HTML between them (classic chunks) as classic."""
        result, depth, start, current, position = [], 0, 0, None, 0
        for match in BLOCK_COMMENT.finditer(html):
            closing, name, attributes, self_closing = (
                match.group(1),
                match.group(2),
                match.group(4),
                match.group(5),
            )
            if depth == 0 and not closing:
                between = html[position : match.start()]
                if between.strip():
                    result += self._classic(between)
                if self_closing:
                    result += self._block(name, _json(attributes), "")
                    position = match.end()
                    continue
                current = (name, _json(attributes))
                start = match.end()
                depth = 1
            elif not closing and not self_closing:
                depth += 1
            elif closing:
                depth -= 1
                if depth == 0 and current is not None:
                    result += self._block(
                        current[0], current[1], html[start : match.start()]
                    )
                    current = None
                    position = match.end()
        rest = html[position:] if current is None else html[start:]
        if rest.strip():
            result += self._classic(rest)
        return result

    def _block(self, name: str, attributes: dict, inner: str) -> list:
        name = name.removeprefix("core/")
        inner = inner.strip()
        if name in SKIPPED_BLOCKS:
            return []
        if name in (
            "paragraph",
            "list",
            "heading",
            "quote",
            "pullquote",
            "table",
            "image",
        ):
            return self._classic(inner)
        if name in ("code", "preformatted", "verse"):
            soup = BeautifulSoup(inner, "html.parser")
            return [self._code(soup.get_text(), attributes.get("language", ""))]
        if name == "gallery":
            return self._gallery(inner, attributes)
        if name == "embed" or name.startswith("embed") or name.startswith("core-embed"):
            url = attributes.get("url") or _first_url(inner)
            return [("embed_block", url)] if url else [self._review(inner, name)]
        if name in ("html", "shortcode", "freeform"):
            return self._classic(inner)
        if not _plain(inner) and "<img" not in inner:
            # A block with nothing of its own to show (a site title, a query
            # loop): kept for review, so an editor sees it was there.
            return [self._review(f"<!-- wp:{name} -->", name)]
        return [self._review(inner, name)]

    def _gallery(self, inner: str, attributes: dict) -> list:
        images = []
        for pk in attributes.get("ids", []) or []:
            image = self.image_for(pk)
            if image:
                images.append(
                    ("image_block", {"image": image, "caption": "", "width": "content"})
                )
        if images:
            return images
        soup = BeautifulSoup(inner, "html.parser")
        return [block for img in soup.find_all("img") for block in self._image(img)]

    # --- classic HTML --------------------------------------------------------

    def _classic(self, html: str) -> list:
        html = self._shortcodes(html)
        soup = BeautifulSoup(autop(html), "html.parser")
        result = []
        for node in soup.children:
            if isinstance(node, NavigableString):
                text = str(node).strip()
                if text.startswith("\x00"):
                    result.append(self._placeholder(text))
                elif text:
                    result.append(self._paragraph(f"<p>{text}</p>"))
                continue
            if isinstance(node, Tag):
                result += self._element(node)
        return result

    def _element(self, node: Tag) -> list:
        name = node.name
        text = node.get_text(" ", strip=True)
        if name == "p":
            inner = node.decode_contents().strip()
            if inner.startswith("\x00") and inner.endswith("\x00"):
                return [self._placeholder(inner)]
            images = node.find_all("img")
            if images and not text:
                return [block for img in images for block in self._image(img)]
            url = BARE_URL.match(text or "")
            if url and len(node.contents) == 1 and _embeddable(url.group(1)):
                return [("embed_block", url.group(1))]
            return [self._paragraph(str(node))] if text else []
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if not text:
                return []
            level = "h2" if name in ("h1", "h2") else "h3"
            return [("heading_block", {"text": text[:200], "level": level})]
        if name in ("ul", "ol", "dl"):
            return [self._paragraph(str(node))] if text else []
        if name == "blockquote":
            cite = node.find("cite")
            attribution = cite.get_text(" ", strip=True) if cite else ""
            if cite:
                cite.extract()
            quote = node.get_text("\n", strip=True)
            return [("quote_block", {"quote": quote, "attribution": attribution[:150]})]
        if name == "table" or node.find("table"):
            table = node if name == "table" else node.find("table")
            return [self._table(table)]
        if name == "pre":
            return [self._code(node.get_text(), "")]
        if name == "img":
            return self._image(node)
        if name == "figure":
            if node.find("table"):
                return [self._table(node.find("table"))]
            images = node.find_all("img")
            if images:
                caption = node.find("figcaption")
                caption_text = caption.get_text(" ", strip=True) if caption else ""
                return [
                    block for img in images for block in self._image(img, caption_text)
                ]
            if node.find("iframe") or node.find("blockquote"):
                url = _first_url(str(node))
                if url and _embeddable(url):
                    return [("embed_block", url)]
            return [self._review(str(node), "figure")] if text else []
        if name == "hr":
            return []
        if name == "iframe":
            url = node.get("src", "")
            if _embeddable(url):
                return [("embed_block", url)]
        if name == "div" and not node.find(["iframe", "form", "script", "object"]):
            return self._classic(node.decode_contents())
        if not text and not node.find("img"):
            return []
        return [self._review(str(node), name)]

    # --- shortcodes ----------------------------------------------------------

    def _shortcodes(self, html: str) -> str:
        """Known shortcodes become HTML; unknown ones are set aside as review
        blocks (marked `\\x00n\\x00`), so that splitting never cuts them."""
        self._set_aside: list = []

        def caption(match):
            inner = match.group(2)
            img = re.search(r"<img[^>]*>", inner)
            text = _plain(re.sub(r"<img[^>]*>", "", inner))
            if not img:
                return f"<p>{text}</p>"
            return f"<figure>{img.group(0)}<figcaption>{text}</figcaption></figure>"

        def gallery(match):
            ids = _attributes(match.group(1)).get("ids", "")
            figures = []
            for pk in ids.split(","):
                image = self.image_for(pk.strip())
                if image:
                    figures.append(f'<img data-image-id="{image}">')
            if figures:
                return "\n\n<figure>" + "".join(figures) + "</figure>\n\n"
            return self._aside(match.group(0), "gallery")

        def embed(match):
            return f"\n\n<p>{match.group(1).strip()}</p>\n\n"

        html = CAPTION.sub(caption, html)
        html = GALLERY.sub(gallery, html)
        html = EMBED_SHORTCODE.sub(embed, html)

        def unknown(match):
            return self._aside(match.group(0), match.group(2))

        # [name …]…[/name] first, then lone [name …]
        html = re.sub(
            r"\[([a-zA-Z_][\w-]*)([^\]]*)\](.*?)\[/\1\]",
            lambda m: self._aside(m.group(0), m.group(1)),
            html,
            flags=re.DOTALL,
        )
        return SHORTCODE.sub(
            lambda m: unknown(m) if not m.group(1) else m.group(0), html
        )

    def _aside(self, original: str, name: str) -> str:
        self._set_aside.append((original, name))
        return f"\n\n\x00{len(self._set_aside) - 1}\x00\n\n"

    def _placeholder(self, text: str) -> tuple:
        number = int(text.strip("\x00").strip() or 0)
        original, name = self._set_aside[number]
        return self._review(original, f"[{name}]")

    # --- blocks --------------------------------------------------------------

    def _paragraph(self, html: str) -> tuple:
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("a"):
            new = self.link_for(link.get("href", ""))
            if isinstance(new, int):  # a page imported already: Wagtail's link
                del link["href"]
                link["linktype"] = "page"
                link["id"] = str(new)
            elif new:
                link["href"] = new
        for img in soup.find_all("img"):
            img.decompose()
        return ("paragraph_block", clean_stored_html(str(soup)))

    def _image(self, img: Tag, caption: str = "") -> list:
        image = None
        if img.get("data-image-id"):
            image = int(img["data-image-id"])
        else:
            match = re.search(r"wp-image-(\d+)", " ".join(img.get("class", [])))
            if match:
                image = self.image_for(int(match.group(1)))
            if image is None and img.get("src"):
                image = self.image_for(img["src"])
        if image is None:
            return [self._review(str(img), "image")]
        return [
            (
                "image_block",
                {"image": image, "caption": caption[:300], "width": "content"},
            )
        ]

    def _table(self, table: Tag) -> tuple:
        rows = []
        header = bool(table.find("thead")) or bool(table.find("th"))
        for row in table.find_all("tr"):
            rows.append(
                [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
            )
        width = max((len(row) for row in rows), default=0)
        rows = [row + [""] * (width - len(row)) for row in rows]
        return (
            "table_block",
            {
                "data": rows,
                "first_row_is_table_header": header,
                "first_col_is_header": False,
            },
        )

    def _code(self, code: str, language: str) -> tuple:
        return ("code_block", {"language": language[:30], "code": code.strip("\n")})

    def _review(self, html: str, kind: str) -> tuple:
        self.needs_review += 1
        return ("review_block", {"kind": kind[:100], "original": html})


def _json(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _first_url(html: str) -> str:
    match = re.search(r"https?://[^\s\"'<>]+", html or "")
    return match.group(0) if match else ""


def _embeddable(url: str) -> bool:
    host = re.sub(r"^https?://(www\.)?", "", url or "").split("/", 1)[0]
    return any(host == known or host.endswith("." + known) for known in EMBED_HOSTS)
