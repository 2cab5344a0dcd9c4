"""The general StreamField blocks: headings, text, images, quotes, tip boxes,
tables and embeds, used by the home page, standard pages and (with the shop's and
the newsletter's blocks added) the article body (`blog.blocks`).

Every block has an icon, a template, a description and a preview for the block
picker.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import CleanRichTextBlock

BODY_RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "h3",
    "h4",
    "superscript",
]


def heading_anchor(text: str) -> str:
    """The id of a heading, shared by the heading and the table of contents."""
    return slugify(text) or "section"


class HeadingBlock(blocks.StructBlock):
    """A section heading; articles build their table of contents from these."""

    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        label=_("level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading, listed in the table of contents.")
        preview_value = {"text": _("Why the first ninety days decide"), "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


class RichTextBlock(CleanRichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        preview_value = (
            "<p>A good onboarding plan answers three questions before the first day: "
            "who helps, what is expected, and when feedback comes.</p>"
        )


class CaptionedImageBlock(blocks.StructBlock):
    """An image in the text flow; its credit line is printed automatically."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    width = blocks.ChoiceBlock(
        choices=[("content", _("Text width")), ("wide", _("Wide"))],
        default="content",
        label=_("width"),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _(
            "An image with caption; the credit comes from the image library."
        )
        preview_value = {"caption": _("A sketch for the article"), "width": "content"}

    def get_preview_value(self):
        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("pk").first()
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, max_length=200
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A pull quote with optional source.")
        preview_value = {
            "quote": "Feedback is only useful if it arrives while it can still change "
            "something.",
            "attribution": "Mara Lindqvist",
        }


class CalloutBlock(blocks.StructBlock):
    """A boxed tip or warning set apart from the running text."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("note", _("Note")), ("warning", _("Warning"))],
        default="tip",
        label=_("kind"),
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = CleanRichTextBlock(
        label=_("text"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"
        label = _("Tip box")
        description = _("A highlighted tip, note or warning.")
        preview_value = {
            "kind": "tip",
            "title": "Tip",
            "text": "<p>Write the three most important tasks of the first week on "
            "one page.</p>",
        }


class TableDataBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        label = _("Table")
        description = _("A simple table with an optional header row.")
        preview_value = {
            "first_row_is_table_header": True,
            "data": [
                [_("Week"), _("Goal")],
                ["1", _("Know the team")],
                ["4", _("First own project")],
            ],
        }


class EmbedMediaBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Embed")
        description = _("A video or post from an oEmbed provider, by its URL.")
        preview_template = "blocks/previews/embed_block.html"
        preview_value = "https://www.youtube.com/watch?v=example"


class CodeBlock(blocks.StructBlock):
    """Program code or preformatted text, shown as written."""

    language = blocks.CharBlock(label=_("language"), required=False, max_length=30)
    code = blocks.TextBlock(label=_("code"))

    class Meta:
        icon = "code"
        template = "blocks/code_block.html"
        label = _("Code")
        description = _("Program code or preformatted text, shown as written.")
        preview_value = {"language": "python", "code": "print('Hallo')"}


class ReviewBlock(blocks.StructBlock):
    """Content an import could not turn into one of the site's blocks (an unknown
    shortcode or WordPress block): kept as it was, shown cleaned, and counted in
    the admin until an editor replaces or deletes it."""

    kind = blocks.CharBlock(label=_("what it was"), required=False, max_length=100)
    original = blocks.TextBlock(label=_("original HTML"))

    class Meta:
        icon = "warning"
        template = "blocks/review_block.html"
        label = _("Imported, to review")
        description = _(
            "Imported content without a matching block. Replace it with a proper "
            "block, or delete it."
        )
        preview_value = {"kind": "[gallery]", "original": "<p>[gallery ids=1,2]</p>"}


class BodyStreamBlock(blocks.StreamBlock):
    """The body of home and standard pages; articles extend it."""

    heading_block = HeadingBlock()
    paragraph_block = RichTextBlock()
    image_block = CaptionedImageBlock()
    quote_block = QuoteBlock()
    callout_block = CalloutBlock()
    table_block = TableDataBlock()
    embed_block = EmbedMediaBlock()
    code_block = CodeBlock()
    review_block = ReviewBlock()
