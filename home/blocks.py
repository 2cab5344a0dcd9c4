"""StreamField blocks shared by articles, standard pages and the home page.

Every block has an icon, a template, a description and a preview for the block
picker. Blocks that show shop data (the PDF offer, products on the topic) render from
what the page's selector loaded for the whole page (`article_extras` in the context),
so ten products cost one query, not ten.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from shop.catalogue.choosers import product_chooser_viewset

from .sanitize import clean_rich_text_value

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


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text cleaned when stored (`home.sanitize`); templates render it with
    `clean_richtext`, which cleans again."""

    def get_prep_value(self, value):
        return super().get_prep_value(clean_rich_text_value(value))


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


class ProductIdBlock(product_chooser_viewset.get_block_class()):
    """A chosen product that stays an id when the page is loaded: the page's
    selector then loads every product on the page, with prices, in one query."""

    def to_python(self, value):
        return value

    def bulk_to_python(self, values):
        return list(values)

    def get_prep_value(self, value):
        return getattr(value, "pk", value)

    def extract_references(self, value):
        # Wagtail's reference index finds the pages to purge when a product changes.
        if value:
            yield self.model_class, str(getattr(value, "pk", value)), "", ""


class PdfOfferBlock(blocks.StructBlock):
    """The offer to buy this article as a PDF, at the price the shop charges now."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_('Leave empty for "Read it offline: this article as a PDF".'),
    )
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        template = "blocks/pdf_offer_block.html"
        label = _("PDF offer")
        description = _(
            "Offers this article as a PDF with its live shop price. Needs the "
            "article's PDF product."
        )
        preview_value = {
            "heading": "",
            "text": _("Print it, annotate it, keep it: with your personal watermark."),
        }

    def get_preview_context(self, value, parent_context=None):
        from blog.selectors import product_cards

        context = super().get_preview_context(value, parent_context)
        cards = product_cards(product_kind="article_pdf", limit=1)
        context["article_extras"] = {"pdf_offer": cards[0] if cards else None}
        return context


class ProductsBlock(blocks.StructBlock):
    """Books, e-books and courses the editor recommends at this point."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_('Leave empty for "Books on the topic".'),
    )
    products = blocks.ListBlock(
        ProductIdBlock(label=_("product")), label=_("products"), min_num=1, max_num=12
    )

    class Meta:
        icon = "tag"
        template = "blocks/products_block.html"
        label = _("Products on the topic")
        description = _("Books, e-books or courses from the shop, with prices.")
        preview_value = {"heading": "", "products": []}

    def get_preview_context(self, value, parent_context=None):
        from blog.selectors import product_cards

        context = super().get_preview_context(value, parent_context)
        cards = product_cards(limit=3)
        context["article_extras"] = {"products_by_id": {c.pk: c for c in cards}}
        context["preview_cards"] = cards
        return context


def newsletter_choices() -> list[tuple[str, str]]:
    from newsletter.models import Newsletter

    return list(Newsletter.objects.filter(visible=True).values_list("slug", "title"))


class NewsletterSignupBlock(blocks.StructBlock):
    """A sign-up box for a newsletter. Until the newsletter issue builds the opt-in
    flow, the form hands the address to the newsletter's own sign-up page."""

    newsletter = blocks.ChoiceBlock(choices=newsletter_choices, label=_("newsletter"))
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)

    class Meta:
        icon = "mail"
        template = "blocks/newsletter_signup_block.html"
        label = _("Newsletter sign-up")
        description = _("Invites readers to subscribe to a newsletter.")
        preview_value = {
            "newsletter": "kompass-brief",
            "heading": _("One letter a month, no noise"),
            "text": _("New articles, series and books, with one practical tip."),
        }


class BodyStreamBlock(blocks.StreamBlock):
    heading_block = HeadingBlock()
    paragraph_block = RichTextBlock()
    image_block = CaptionedImageBlock()
    quote_block = QuoteBlock()
    callout_block = CalloutBlock()
    table_block = TableDataBlock()
    embed_block = EmbedMediaBlock()
    pdf_offer_block = PdfOfferBlock()
    products_block = ProductsBlock()
    newsletter_block = NewsletterSignupBlock()
