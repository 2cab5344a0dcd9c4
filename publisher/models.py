"""Who publishes the site: name, box, seller and bank data, edited under Settings.

It sits low in the layers because nearly everything reads it: mails name the
publisher as sender, invoices and the checkout print the seller data, pages show the
publisher box. Reads go through `selectors.py`, kept per process.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.fields import CleanRichTextField


@register_setting(icon="site")
class PublisherSettings(BaseSiteSetting):
    """Who publishes the site: shown in the publisher box, the imprint and (later)
    on invoices, where the seller's legal data is mandatory."""

    name = models.CharField(_("publisher name"), max_length=255, default="Verlag")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    description = CleanRichTextField(
        _("about the publisher"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown in the publisher box under every article."),
    )
    press_references = CleanRichTextField(
        _("press references"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    legal_name = models.CharField(
        _("legal name of the seller"), max_length=255, blank=True
    )
    street_address = models.CharField(
        _("street and number"), max_length=255, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, default="Deutschland")
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    vat_id = models.CharField(_("VAT ID (USt-IdNr.)"), max_length=30, blank=True)
    register_entry = models.CharField(
        _("commercial register entry"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Amtsgericht Köln, HRB 12345".'),
    )
    managing_director = models.CharField(
        _("managing director"), max_length=255, blank=True
    )
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    iban = models.CharField(
        _("IBAN"),
        max_length=34,
        blank=True,
        help_text=_("Readers paying in advance transfer to this account."),
    )
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    oss = models.BooleanField(
        _("One-Stop-Shop (OSS): over the EUR 10,000 threshold"),
        default=False,
        help_text=_(
            "Tick once your sales of digital goods to consumers in other EU "
            "countries exceed EUR 10,000 a year (§ 3a(5) UStG): PDFs, e-books and "
            "courses then carry the VAT rate of the buyer's country, and the "
            "quarterly OSS report lists them."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("description"),
                FieldPanel("press_references"),
            ],
            heading=_("Publisher box"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("Printed in the imprint and on invoices.")),
                FieldPanel("legal_name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("vat_id"),
                FieldPanel("register_entry"),
                FieldPanel("managing_director"),
            ],
            heading=_("Seller data"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("Shown to readers who choose payment in advance.")),
                FieldPanel("bank_name"),
                FieldPanel("iban"),
                FieldPanel("bic"),
            ],
            heading=_("Bank account"),
        ),
        MultiFieldPanel([FieldPanel("oss")], heading=_("VAT on digital goods")),
    ]

    class Meta:
        # The table was made when the settings lived in `home`; it keeps its name.
        db_table = "home_publishersettings"
        verbose_name = _("publisher")

    @property
    def postal_address(self) -> str:
        return ", ".join(
            part
            for part in (self.street_address, f"{self.postcode} {self.city}".strip())
            if part
        )
