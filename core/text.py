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
