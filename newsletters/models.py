"""What django-newsletter lacks: a subscriber across newsletters, the issues editors
write in Wagtail, their sendings with one row per recipient, and bounces.

django-newsletter stays the engine for the lists themselves: `newsletter.Newsletter`
(title, sender) and `newsletter.Subscription` (one row per address and newsletter,
with its own subscribed/unsubscribed flags and dates). A `Subscriber` ties the rows of
one address together; they are matched by the address, which is kept lower-case in
both.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from newsletter.models import Newsletter
from wagtail.models import PreviewableMixin

from core.fields import CleanStreamField

from .blocks import IssueBodyBlock


class NewsletterProfile(models.Model):
    """The public description and order of a newsletter on `/newsletter/`."""

    newsletter = models.OneToOneField(
        Newsletter, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    description = models.TextField(_("description"), blank=True, max_length=600)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "newsletter__title"]
        verbose_name = _("newsletter description")

    def __str__(self) -> str:
        return str(self.newsletter)


class Subscriber(models.Model):
    """One address and what belongs to it across all newsletters.

    `generation` grows on every unsubscription and address change: confirmation
    links name the generation they were sent in, so an old link can never subscribe
    an address again after it was withdrawn.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        _("last confirmation mail"), null=True, blank=True
    )
    generation = models.PositiveIntegerField(default=1)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    deactivation_reason = models.CharField(
        _("deactivated because"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None


class Issue(PreviewableMixin, models.Model):
    """One issue of a newsletter: a subject and a body of text, picked articles
    (their teasers with links) and products (with their live prices)."""

    newsletter = models.ForeignKey(
        Newsletter,
        on_delete=models.PROTECT,
        related_name="issues",
        verbose_name=_("newsletter"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    preheader = models.CharField(
        _("preheader"),
        max_length=150,
        blank=True,
        help_text=_("The line mail programs show after the subject."),
    )
    body = CleanStreamField(
        IssueBodyBlock(), use_json_field=True, verbose_name=_("body")
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "newsletters/mail/issue.html"

    def get_preview_context(self, request, mode_name):
        from .rendering import issue_context

        return issue_context(self, preview=True)


class Sending(models.Model):
    """One sending of an issue to its newsletter's confirmed subscribers.

    The mail is rendered once when the sending starts and kept here (`html`,
    `text`, with placeholders for each reader's links), so a resumed sending sends
    what the first readers got and the archive shows it. Its readers are the
    newsletter's confirmed, active subscribers when their range of ids is written
    (`written_through`).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        RUNNING = "running", _("sending")
        FINISHED = "finished", _("sent")
        CANCELLED = "cancelled", _("cancelled")

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="sendings")
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    scheduled_for = models.DateTimeField(_("send at"), default=timezone.now)
    subject = models.CharField(_("subject"), max_length=150, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Readers are written as `Recipient` rows a range of subscriber ids at a time,
    # while the first mails go out: the ids up to this one are written.
    written_through = models.PositiveBigIntegerField(
        default=0, db_default=0, editable=False
    )

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("sending")

    def __str__(self) -> str:
        return f"{self.issue} ({self.get_status_display()})"


class Recipient(models.Model):
    """One reader of one sending. A row is claimed before its mail goes out and
    marked sent after: a crash leaves it claimed, and claimed rows are never sent
    again (at most once; they count as "unknown (interrupted)")."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # Claimed by a worker that was killed before it marked the row: the mail
        # may or may not have gone out. Never sent again; shown as unknown.
        UNKNOWN = "unknown", _("unknown (interrupted)")

    sending = models.ForeignKey(
        Sending, on_delete=models.CASCADE, related_name="recipients"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default="queued")
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "subscriber"], name="recipient_once_per_sending"
            )
        ]
        indexes = [models.Index(fields=["sending", "state", "id"])]

    def __str__(self) -> str:
        return f"{self.sending_id}/{self.subscriber_id}: {self.state}"


class Bounce(models.Model):
    """A bounce or complaint reported by the mail server or the mail provider."""

    class Kind(models.TextChoices):
        HARD = "hard", _("hard bounce")
        SOFT = "soft", _("soft bounce")
        COMPLAINT = "complaint", _("complaint")

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        null=True,
        related_name="bounces",
    )
    email = models.EmailField(_("address"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=20)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("bounce")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email}"
