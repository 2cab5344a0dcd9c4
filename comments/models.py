"""Comments, mentions from other sites, and the editors' rules for both.

A comment belongs to any Wagtail page; a page type takes part by having a
`comments_open` field (the article has one in its settings tab). The e-mail address
and the client's network data are kept for moderation and the GDPR, never shown.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from .text import render as render_text


@register_setting(icon="comment")
class CommentSettings(BaseGenericSetting):
    """What editors decide about comments, in Settings → Comments."""

    class Moderation(models.TextChoices):
        FIRST = "first", _("First comment from an address waits, later ones go live")
        ALL = "all", _("Every comment waits for approval")

    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default="first"
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_("Counted from publication; 0 keeps comments open."),
    )
    min_seconds = models.PositiveIntegerField(
        _("minimum time to write (seconds)"),
        default=5,
        help_text=_(
            "A form sent faster than this after the page was served is refused."
        ),
    )
    max_links = models.PositiveIntegerField(_("maximum links per comment"), default=2)
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment containing one (in name, e-mail "
            "address, website or text, in any case) is refused with the word named."
        ),
    )

    class Meta:
        verbose_name = _("comment settings")

    def blocked_list(self) -> list[str]:
        return [
            line.strip().lower()
            for line in self.blocked_words.splitlines()
            if line.strip()
        ]


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SPAM = "spam", _("spam")

    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="reader_comments",
        verbose_name=_("page"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    text = models.TextField(_("text"), help_text=_("As written: plain text."))
    html = models.TextField(
        _("text as shown"),
        editable=False,
        help_text=_("Paragraphs and links made from the text, cleaned."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    author = models.ForeignKey(
        "blog.Author",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("written as author"),
        help_text=_("Set when one of the article's authors wrote it; marked as such."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="de",
        help_text=_("The language the writer used the site in; mails to them use it."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    approved_at = models.DateTimeField(
        _("first approved at"),
        null=True,
        blank=True,
        help_text=_("Notifications go out the first time a comment is approved."),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    # Notification of replies, asked for in the form and confirmed by a mailed link.
    notify_requested = models.BooleanField(_("asked to hear of replies"), default=False)
    notify_confirmed_at = models.DateTimeField(
        _("reply notifications confirmed at"), null=True, blank=True
    )
    notify_stopped_at = models.DateTimeField(
        _("reply notifications stopped at"), null=True, blank=True
    )
    erased_at = models.DateTimeField(_("writer erased at"), null=True, blank=True)
    statement_sent_at = models.DateTimeField(
        _("statement of reasons sent at"),
        null=True,
        blank=True,
        help_text=_(
            "When the writer was told why the comment was removed (DSA Art. 17)."
        ),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["page", "status", "created_at"], name="comment_thread"
            ),
            models.Index(fields=["email", "status"], name="comment_address"),
        ]

    def __str__(self) -> str:
        excerpt = " ".join(self.text.split())
        return f"{self.shown_name}: {excerpt[:60]}{'…' if len(excerpt) > 60 else ''}"

    def save(self, *args, **kwargs):
        # What readers see is always made from the text as written, whichever way
        # the text changed (the form, an edit in the admin, an import).
        fields = kwargs.get("update_fields")
        if fields is None or "text" in fields:
            self.html = render_text(self.text)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "html"}
        super().save(*args, **kwargs)

    @property
    def shown_name(self) -> str:
        if self.erased_at:
            return str(_("deleted"))
        return self.author.name if self.author_id and self.author else self.name

    @property
    def notifies_replies(self) -> bool:
        return bool(
            self.notify_confirmed_at and not self.notify_stopped_at and self.email
        )


class Mention(models.Model):
    """A page elsewhere that links to one of ours, announced by Webmention or
    pingback and verified by fetching it."""

    class Kind(models.TextChoices):
        WEBMENTION = "webmention", _("Webmention")
        PINGBACK = "pingback", _("pingback")

    class Status(models.TextChoices):
        CHECKING = "checking", _("being verified")
        PENDING = "pending", _("verified, waiting for approval")
        FAILED = "failed", _("verification failed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("page")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.URLField(_("source"), max_length=500)
    target = models.URLField(_("target"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.CHECKING,
        db_index=True,
    )
    failure = models.CharField(_("why verification failed"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    author_name = models.CharField(_("author"), max_length=150, blank=True)
    author_url = models.URLField(_("author's page"), max_length=500, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    published = models.DateTimeField(
        _("published at the source"), null=True, blank=True
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("sent from"), null=True, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["page", "source"], name="mention_once")
        ]

    def __str__(self) -> str:
        return self.title or self.source


class Report(models.Model):
    """A notice of content someone holds illegal or against the debate rules
    (Digital Services Act, Art. 16): from anyone, without an account. Kept with
    the decision taken on it, for the notifier's answer and the yearly counts a
    transparency report needs (Art. 15)."""

    class Reason(models.TextChoices):
        ILLEGAL = "illegal", _("illegal content (e.g. insult, threat, incitement)")
        PERSONAL_DATA = "personal_data", _("personal data of others")
        COPYRIGHT = "copyright", _("infringes copyright")
        SPAM = "spam", _("spam or advertising")
        RULES = "rules", _("breaks the debate rules")
        OTHER = "other", _("other reason")

    class Decision(models.TextChoices):
        OPEN = "open", _("open")
        REMOVED = "removed", _("content removed")
        KEPT = "kept", _("content kept")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("comment"),
    )
    mention = models.ForeignKey(
        Mention,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("mention"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("explanation"), max_length=2000)
    email = models.EmailField(_("e-mail address of the notifier"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.OPEN
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment__isnull=False, mention__isnull=True)
                | models.Q(comment__isnull=True, mention__isnull=False),
                name="report_names_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def item(self):
        return self.comment if self.comment_id else self.mention
