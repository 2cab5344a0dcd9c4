"""Text from strangers, made safe to show beside ours; mail subjects on one line."""

import re

from django.template.loader import render_to_string

# Bidirectional controls (embeddings, overrides, isolates and marks): in a name
# they turn the text that follows around ("‮gpj.exe" reads "exe.jpg"), so a
# commenter could make the page say what they like after their name.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_strip(value: str) -> str:
    """`value` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", value or "")


def subject_render(template: str, context: dict) -> str:
    """A mail subject from its template, on one line (templates may wrap it, and a
    line break in a header would end it). Every mail of the site renders its
    subject here (`mail.compose.message_build`; the login warning of `accounts`)."""
    return " ".join(render_to_string(template, context).split())


def phrase_link(text: str, phrase: str, url: str) -> str:
    """`text`, escaped, with the last occurrence of `phrase` made a link to `url`:
    a consent sentence names the privacy policy in its own words, and the words
    themselves are the link (a second link beside it would repeat them). The
    sentence stays one string, so the consent ledger stores what was shown."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    where = text.rfind(phrase) if phrase and url else -1
    if where < 0:
        return escape(text)
    return mark_safe(  # noqa: S308 - every part below is escaped
        escape(text[:where])
        + format_html('<a href="{}">{}</a>', url, phrase)
        + escape(text[where + len(phrase) :])
    )


GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def slug_german(value: str) -> str:
    """A URL slug as a German reader writes it without umlauts: "Kontaktbörse" ->
    "kontaktboerse" (not "kontaktborse"); other letters lose their accents."""
    from django.utils.text import slugify

    return slugify(value.translate(GERMAN_LETTERS))
