"""Search queries as readers type them: cleaned of syntax the databases would choke
on, and shown back with the matching words highlighted in an escaped excerpt."""

import html
import re

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail import blocks

MAX_QUERY_LENGTH = 200
SNIPPET_CHARS = 240

# Quotes, brackets, stars and colons are query syntax to SQLite FTS5 and PostgreSQL's
# tsquery; a reader typing them means nothing by it, and a lone quote is a syntax error.
QUERY_NOISE = re.compile(r"[^\w\s\-'.@&+]")


def clean_query(raw: str | None) -> str:
    """What is left of a query worth searching for: words, single-spaced, bounded."""
    text = QUERY_NOISE.sub(" ", (raw or "").replace("\x00", " "))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def highlight(text: str, query: str, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first match, with every word that
    starts like a query word in <mark>. Prefix matching stands in for the stemming
    the database did: "Gehalts" and "Gehälter" are found for "Gehalt"."""
    # Stored rich text carries entities ("&lt;"); they are text again before the
    # excerpt is escaped once for the page.
    plain = " ".join(html.unescape(strip_tags(text or "")).split())
    stems = [
        re.escape(word[: max(3, len(word) - 2)].lower())
        for word in query.split()
        if len(word) >= 2
    ]
    if not stems:
        return escape(Truncator(plain).chars(length))
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    first = pattern.search(plain)
    start = max(0, first.start() - length // 3) if first else 0
    if start:
        start = plain.find(" ", start) + 1 or start
    excerpt = plain[start : start + length]
    cut = excerpt.rfind(" ") if len(plain) > start + length else len(excerpt)
    excerpt = excerpt[: cut if cut > 0 else len(excerpt)]
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if len(plain) > start + len(excerpt) else ""
    return mark_safe(prefix + "".join(str(piece) for piece in pieces) + suffix)  # noqa: S308 (pieces escaped above)


def stream_text(stream) -> str:
    """The words of a StreamField, read from its stored JSON: no block is rendered
    and no chooser is resolved, so it costs no query. Settings of a block (a
    heading's level, an image's width) are choices, not words, and are left out."""
    words = []
    for block in stream.raw_data:
        value = block.get("value")
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, dict):
            definition = stream.stream_block.child_blocks.get(block.get("type"))
            children = getattr(definition, "child_blocks", {})
            words += [
                text
                for name, text in value.items()
                if isinstance(text, str)
                and not isinstance(children.get(name), blocks.ChoiceBlock)
            ]
    return strip_tags(" ".join(words))
