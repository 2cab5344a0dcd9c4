"""Editions rendered once per bought revision, e-book files, download grants and the
copies delivered under them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import private_files


def private_storage():
    """The file fields' storage (a callable, so migrations name this function)."""
    return private_files


def _token() -> str:
    return secrets.token_urlsafe(24)


class Edition(models.Model):
    """The PDF of one article or series as it stood in the revisions bought.

    `key` names the revisions (an article's, or a series' and its parts'), so every
    buyer of the same revisions shares one render, and a buyer of an older revision
    keeps getting the older text after the page changes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    class Kind(models.TextChoices):
        PAGE = "page", _("article, series or course")
        COMPOSED = "composed", _("course on demand")

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAGE)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revision_ids = models.JSONField(default=list)
    title = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(storage=private_storage, upload_to="editions/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True)
    error = models.TextField(blank=True)
    rendered_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("rendered edition")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"


class EbookFile(models.Model):
    """The file an e-book product delivers: a PDF or an EPUB, checked by content."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        EPUB = "epub", "EPUB"

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="ebook_file",
        verbose_name=_("product"),
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="ebooks/", max_length=255
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    accessibility_confirmed = models.BooleanField(
        _("sell without complete accessibility metadata"),
        default=False,
        help_text=_(
            "Only if the EPUB cannot get them: the shop then sells it without "
            "saying how accessible it is (BFSG)."
        ),
    )
    accessibility_gaps = models.CharField(
        _("accessibility metadata missing"), max_length=255, blank=True, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("e-book file")
        verbose_name_plural = _("e-book files")

    def __str__(self) -> str:
        return f"{self.product} ({self.get_kind_display()})"


class Grant(models.Model):
    """The right to download what one order line bought, a limited number of times
    until a date; revoked when the order is cancelled or refunded."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.CASCADE, related_name="download_grant"
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, null=True, blank=True, related_name="grants"
    )
    ebook = models.ForeignKey(
        EbookFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    max_downloads = models.PositiveIntegerField()
    downloads_used = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("download grant")

    def __str__(self) -> str:
        return f"{self.line.title} ({self.line.order.number})"

    @property
    def is_ready(self) -> bool:
        if self.ebook_id:
            return True
        return self.edition is not None and self.edition.status == Edition.Status.READY

    @property
    def filename_suffix(self) -> str:
        if self.ebook_id and self.ebook.kind == EbookFile.Kind.EPUB:
            return "epub"
        return "pdf"

    @property
    def downloads_left(self) -> int:
        return max(0, self.max_downloads - self.downloads_used)

    @property
    def is_open(self) -> bool:
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.downloads_left > 0
        )


class Delivery(models.Model):
    """One copy handed out: its stamp and the SHA-256 of the exact bytes, so a copy
    found elsewhere can be traced to the order it was delivered to."""

    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivered_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField(max_length=64, db_index=True)
    stamp = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, upload_to="copies/", blank=True)

    class Meta:
        verbose_name = _("delivered copy")
        verbose_name_plural = _("delivered copies")

    def __str__(self) -> str:
        return f"{self.grant} {self.delivered_at:%Y-%m-%d %H:%M}"


class Renewal(models.Model):
    """A fresh allowance a member of staff gave a grant (downloads used up, or the
    link expired): who, when, and what the grant stood at before, so the order's
    history shows every download beyond the one bought."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="renewals")
    renewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    renewed_at = models.DateTimeField(default=timezone.now)
    downloads_used_before = models.PositiveIntegerField()
    expires_at_before = models.DateTimeField()
    downloads_added = models.PositiveIntegerField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("renewed allowance")
        verbose_name_plural = _("renewed allowances")
        ordering = ["renewed_at"]

    def __str__(self) -> str:
        return f"{self.grant} {self.renewed_at:%Y-%m-%d %H:%M}"
