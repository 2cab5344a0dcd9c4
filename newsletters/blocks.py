"""The newsletter's StreamField block: a sign-up box editors place in an article."""

from django.utils.translation import gettext_lazy as _
from newsletter.models import Newsletter
from wagtail import blocks


def newsletter_choices() -> list[tuple[str, str]]:
    return list(Newsletter.objects.filter(visible=True).values_list("slug", "title"))


class NewsletterSignupBlock(blocks.StructBlock):
    """A sign-up box for a newsletter. The form hands the address to the
    newsletter's own sign-up page (`newsletters.views`)."""

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
