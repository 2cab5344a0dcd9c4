"""A reader's plain text as it is shown: paragraphs, line breaks and links.

Readers write plain text (no markup is interpreted); it is escaped first, then blank
lines become paragraphs, single line breaks `<br>`, and web addresses links. The
result is cleaned once more with nh3's allow-list, which also gives every link
`rel="nofollow ugc"`, so whatever the text held can only come out as text.
"""

import re

import nh3
from django.utils.html import escape

# http(s) addresses and bare www. ones, up to whitespace, a bracket or a quote (in
# the escaped text, `&quot;` and its kin end an address too); trailing punctuation
# is not part of the address.
URL = re.compile(
    r"(?i)\b((?:https?://|www\.)(?:(?!&quot;|&lt;|&gt;|&#x27;|&#39;)[^\s<>\"'()\[\]{}])+)"
)
TRAILING = ".,;:!?"


def links_in(text: str) -> int:
    return len(URL.findall(text or ""))


def render(text: str) -> str:
    paragraphs = [
        block.strip()
        for block in re.split(r"\n\s*\n", _normalise(text))
        if block.strip()
    ]
    html = "".join(
        "<p>"
        + "<br>".join(_linkify(escape(line)) for line in block.split("\n"))
        + "</p>"
        for block in paragraphs
    )
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc",
    )


def _normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _linkify(escaped_line: str) -> str:
    def link(match: re.Match) -> str:
        url = match.group(1)
        tail = ""
        while url and url[-1] in TRAILING:
            url, tail = url[:-1], url[-1] + tail
        # The escaped text holds `&amp;` where the reader typed `&`; the address is
        # the same text, already safe inside an attribute.
        href = url if url.lower().startswith("http") else f"https://{url}"
        return f'<a href="{href}">{url}</a>{tail}'

    return URL.sub(link, escaped_line)
