"""The rich-text block every app's StreamFields use: cleaned when stored."""

from wagtail import blocks

from .sanitize import clean_rich_text_value


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text cleaned when stored (`core.sanitize`); templates render it with
    `clean_richtext`, which cleans again."""

    def get_prep_value(self, value):
        return super().get_prep_value(clean_rich_text_value(value))

    def to_python(self, value):
        """Stored text is cleaned (and its markup balanced) as it is read, so the
        editor can open text that was stored without the save hook."""
        return super().to_python(clean_rich_text_value(value))
