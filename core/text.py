"""Text from strangers, made safe to show beside ours."""

import re

# Bidirectional controls (embeddings, overrides, isolates and marks): in a name
# they turn the text that follows around ("‮gpj.exe" reads "exe.jpg"), so a
# commenter could make the page say what they like after their name.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_strip(value: str) -> str:
    """`value` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", value or "")
