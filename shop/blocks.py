"""StreamField blocks that show the shop: the PDF offer of an article and the
products an editor recommends. They render from what the page's selector loaded for
the whole page (`article_extras` in the context), so ten products cost one query."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .catalogue.choosers import product_chooser_viewset
from .selectors import product_cards


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
        context = super().get_preview_context(value, parent_context)
        cards = product_cards(limit=3)
        context["article_extras"] = {"products_by_id": {c.pk: c for c in cards}}
        context["preview_cards"] = cards
        return context
