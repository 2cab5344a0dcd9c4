"""The newsletter's StreamField blocks: the sign-up box editors place in an article,
and the body of an issue (text, picked articles and products)."""

from django.utils.translation import gettext_lazy as _
from newsletter.models import Newsletter
from wagtail import blocks
from wagtail.admin.widgets.chooser import BaseChooser

from core.blocks import CleanRichTextBlock


def newsletter_choices() -> list[tuple[str, str]]:
    return list(Newsletter.objects.filter(visible=True).values_list("slug", "title"))


class NewsletterSignupBlock(blocks.StructBlock):
    """A sign-up box for a newsletter. It posts in one step from the cached page
    (`newsletters.views.subscribe`); the confirmation mail does the rest."""

    newsletter = blocks.ChoiceBlock(choices=newsletter_choices, label=_("newsletter"))
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)

    class Meta:
        icon = "mail"
        template = "blocks/newsletter_signup_block.html"
        label = _("Newsletter sign-up")
        description = _("Invites readers to subscribe to a newsletter.")
        preview_value = {
            "newsletter": "neuigkeiten",
            "heading": _("One letter a month, no noise"),
            "text": _("New articles, series and books, with one practical tip."),
        }


class _ProductChooser(BaseChooser):
    # The shop's product chooser (`product_chooser` viewset), named by its URL and
    # model label: the shop sits on this app's layer and is not imported.
    model = "catalogue.Product"
    chooser_modal_url_name = "product_chooser:choose"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")


class ProductChooserBlock(blocks.ChooserBlock):
    target_model = "catalogue.Product"
    widget = _ProductChooser()

    class Meta:
        icon = "tag"


class IssueArticleBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("article or series"), page_type=["blog.ArticlePage", "blog.SeriesPage"]
    )
    teaser = blocks.TextBlock(
        label=_("teaser"),
        required=False,
        max_length=500,
        help_text=_("Leave empty for the article's own lead."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Article")


class IssueProductBlock(blocks.StructBlock):
    product = ProductChooserBlock(label=_("product"))
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)

    class Meta:
        icon = "tag"
        label = _("Product")


class IssueBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, icon="title")
    text = CleanRichTextBlock(
        label=_("text"), features=["bold", "italic", "link", "ul", "ol"]
    )
    article = IssueArticleBlock()
    product = IssueProductBlock()
