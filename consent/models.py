"""The versions of legal texts that consent records cite."""

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
