"""What an import remembers: which WordPress object became which object here, so
a second run updates instead of duplicating, and a run that stopped halfway can
simply be run again."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
