"""The versions of legal texts, and the ledger of consents that cite them."""

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision


class PolicyVersion(models.Model):
    """One published revision of a legal page, numbered per page.

    Append-only, and it keeps its own copy of the title and text: consent records
    (comments, newsletter, checkout) point at the version a person agreed to, and that
    text must stay provable after later edits, revision purges or even deletion of
    the page.
    """

    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        related_name="policy_versions",
    )
    revision = models.OneToOneField(
        Revision, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, blank=True)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text as published"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        # The table of the time when versions lived in the home app: moving the model
        # moved no row (consent/migrations/0001_initial.py).
        db_table = "home_policyversion"
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="policyversion_unique_number"
            )
        ]
        verbose_name = _("policy version")

    def __str__(self) -> str:
        return f"{self.title}: {self.label}"

    @property
    def label(self) -> str:
        published = formats.date_format(
            timezone.localtime(self.published_at), "SHORT_DATE_FORMAT"
        )
        return _("version %(number)s of %(date)s") % {
            "number": self.number,
            "date": published,
        }


class ConsentRecord(models.Model):
    """One consent given or withdrawn: the ledger that proves it.

    Append-only: a record is never edited after it is written (a withdrawal is a new
    record). The one exception is erasure under the GDPR, which replaces the personal
    fields with a keyed hash of the address and keeps the fact that consent was given,
    with its text and version, because the publisher must still be able to prove it
    (Art. 7(1) GDPR). The exact wording shown is stored with the record, since a label
    in the code can change while the record must not.
    """

    class Purpose(models.TextChoices):
        NEWSLETTER = "newsletter", _("newsletter")
        PRIVACY_POLICY = "privacy_policy", _("privacy policy")
        DEBATE_RULES = "debate_rules", _("debate rules")
        EARLY_DELIVERY = (
            "early_delivery",
            _("delivery of digital content before the withdrawal period ends"),
        )
        WITHDRAWAL_WAIVER = (
            "withdrawal_waiver",
            _("acknowledgement that the right of withdrawal ends (§ 356(5) BGB)"),
        )

    class Action(models.TextChoices):
        GIVEN = "given", _("given")
        WITHDRAWN = "withdrawn", _("withdrawn")

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    scope = models.CharField(
        _("scope"),
        max_length=100,
        blank=True,
        help_text=_("What the purpose names: a newsletter's slug, an order number."),
    )
    action = models.CharField(
        _("action"), max_length=10, choices=Action.choices, default=Action.GIVEN
    )
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    text = models.TextField(_("text shown"))
    policy_version = models.ForeignKey(
        PolicyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consent_records",
        verbose_name=_("policy version cited"),
    )
    source = models.CharField(
        _("source"), max_length=255, help_text=_("The form and page it came from.")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    awaits_confirmation = models.BooleanField(
        _("awaits confirmation"),
        default=False,
        help_text=_(
            "A double opt-in request: it counts only once confirmed, and is purged "
            "if it never is."
        ),
    )
    confirmed_at = models.DateTimeField(
        _("confirmed at"),
        null=True,
        blank=True,
        help_text=_("For double opt-in: when the link in the mail was followed."),
    )
    subject_hash = models.CharField(
        _("keyed hash of the address"), max_length=64, blank=True, db_index=True
    )
    erased_at = models.DateTimeField(_("personal data erased at"), null=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["email", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not getattr(self, "_erasing", False):
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)
