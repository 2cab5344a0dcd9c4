"""What an import remembers: which WordPress object became which object here, so
a second run updates instead of duplicating, and a run that stopped halfway can
simply be run again."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from delivery.storage import private_files


class WpObject(models.Model):
    """One WordPress object (post, page, attachment, comment, author, term) of one
    site, and what it became here. `fingerprint` is a hash of what was imported:
    unchanged, the next run skips it."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("image")
        COMMENT = "comment", _("comment")
        MENTION = "mention", _("pingback or trackback")
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64, blank=True)
    needs_review = models.PositiveIntegerField(_("blocks to review"), default=0)
    old_url = models.CharField(_("old address"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id"], name="wp_object_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.kind} {self.wp_id}"


def _private_storage():
    """The bought files' private storage (delivery's lazy one, which follows
    STORAGES); a callable, so the migrations name this function."""
    return private_files


class ImportRun(models.Model):
    """An import started from the admin: the uploaded export, run by the worker,
    with its progress and summary for the page that watches it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    export = models.FileField(
        _("WordPress export (WXR)"), storage=_private_storage, upload_to="wpimport/"
    )
    parent = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("magazine"),
    )
    media_dir = models.CharField(
        _("media directory on the server"),
        max_length=500,
        blank=True,
        help_text=_("A copy of wp-content/uploads, if the images should come along."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    done = models.PositiveIntegerField(_("entries read"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at"]
        permissions = [("run_wordpress_import", "Can import from WordPress")]

    def __str__(self) -> str:
        return f"{self.export.name} ({self.get_status_display()})"
