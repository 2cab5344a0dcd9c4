"""Sending an issue, the editors' side: schedule it (once), cancel it, send a test.
The worker does the sending (`dispatch.py`, through the `sending_run` task).
"""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mail.compose import site_root_url

from . import rendering
from .mails import newsletter_sender
from .models import Issue, Sending
from .tasks import sending_run


class AlreadySent(Exception):
    """The issue is sent, being sent or scheduled already."""


@transaction.atomic
def sending_create(*, issue: Issue, user=None, when=None) -> Sending:
    """Schedule `issue` for `when` (now if None); the worker starts it. An issue
    goes out once: a second click on "Send now" must not mail everyone again
    (a cancelled sending does not count)."""
    Issue.objects.select_for_update().filter(pk=issue.pk).first()
    if issue.sendings.exclude(status=Sending.Status.CANCELLED).exists():
        raise AlreadySent
    sending = Sending.objects.create(
        issue=issue,
        newsletter=issue.newsletter,
        scheduled_for=when or timezone.now(),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    if when is None:
        transaction.on_commit(lambda: sending_run.enqueue(sending.pk))
    return sending


def sending_cancel(sending: Sending) -> bool:
    return bool(
        Sending.objects.filter(
            pk=sending.pk,
            status__in=[Sending.Status.SCHEDULED, Sending.Status.RUNNING],
        ).update(status=Sending.Status.CANCELLED, finished_at=timezone.now())
    )


def test_send(*, issue: Issue, email: str) -> None:
    """Send the issue to one editor now, as a subscriber would get it; its links
    lead to the newsletter page (an editor is not necessarily subscribed)."""
    subject, html, text = rendering.issue_render(issue)
    landing = site_root_url() + reverse("newsletters:list")
    for placeholder in (rendering.UNSUBSCRIBE, rendering.PREFERENCES):
        html, text = (
            html.replace(placeholder, landing),
            text.replace(placeholder, landing),
        )
    message = EmailMultiAlternatives(
        "[Test] " + subject, text, newsletter_sender(issue.newsletter), [email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
