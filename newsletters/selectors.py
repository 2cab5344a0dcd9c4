"""Reads of the newsletter."""

from bisect import bisect_left
from collections import Counter
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from newsletter.models import Newsletter, Subscription

from .models import Recipient, Sending, Subscriber

# A running sending whose worker showed no sign of life for this long is resumed.
STALE = timedelta(minutes=2)

STATES = ("confirmed", "pending", "unsubscribed", "bounced")


def public_newsletters() -> list[Newsletter]:
    return list(
        Newsletter.objects.filter(visible=True)
        .select_related("profile")
        .order_by("profile__position", "title")
    )


def privacy_page():
    from home.models import StandardPage

    return StandardPage.objects.live().filter(role=StandardPage.Role.PRIVACY).first()


def privacy_page_url() -> str:
    """Where a consent sentence links its "privacy policy" ("" if unpublished)."""
    page = privacy_page()
    return page.url if page else ""


def subscriptions_pending(subscriber: Subscriber, subscriptions: list[int]) -> bool:
    """Whether a confirmation link still has something to confirm."""
    return Subscription.objects.filter(
        pk__in=subscriptions,
        email_field=subscriber.email,
        subscribed=False,
        unsubscribed=False,
    ).exists()


def chosen_slugs(subscriber: Subscriber) -> list[str]:
    """Newsletters the address receives or has asked for (pending)."""
    return list(
        Subscription.objects.filter(email_field=subscriber.email)
        .filter(Q(subscribed=True) | Q(unsubscribed=False))
        .values_list("newsletter__slug", flat=True)
    )


def subscription_states(subscriber: Subscriber) -> dict[str, str]:
    """slug -> "confirmed" | "pending" | "ended"."""
    states = {}
    for slug, subscribed, unsubscribed in Subscription.objects.filter(
        email_field=subscriber.email
    ).values_list("newsletter__slug", "subscribed", "unsubscribed"):
        states[slug] = (
            "confirmed" if subscribed else "ended" if unsubscribed else "pending"
        )
    return states


def archive():
    """Sent issues of public newsletters, newest first."""
    return (
        Sending.objects.filter(status=Sending.Status.FINISHED, newsletter__visible=True)
        .select_related("newsletter")
        .order_by("-finished_at")
    )


def archive_html(sending: Sending) -> str:
    """The issue as sent, its personal links pointing at the newsletter page."""
    from django.urls import reverse

    from .rendering import PREFERENCES, UNSUBSCRIBE

    landing = reverse("newsletters:list")
    html = sending.html.replace(PREFERENCES, landing).replace(UNSUBSCRIBE, landing)
    # Only the body: the archive page has the site's own head.
    start, end = html.find("<body"), html.rfind("</body>")
    if start != -1 and end != -1:
        html = html[html.find(">", start) + 1 : end]
    return html


def subscriber_history(*, weeks: int = 26, now=None) -> dict:
    """Subscribers per newsletter at the end of each of the last `weeks` weeks:
    confirmed, pending, unsubscribed and bounced, from the rows' own dates (one
    query for the rows, one for the bounced addresses, one for the titles). Each
    row adds its states' spans to difference arrays, so the work grows with the
    rows, not with rows times weeks."""
    now = now or timezone.now()
    points = [now - timedelta(weeks=weeks - 1 - index) for index in range(weeks)]
    bounced = dict(
        Subscriber.objects.exclude(deactivated_at=None).values_list(
            "email", "deactivated_at"
        )
    )
    diffs: dict[int, dict[str, list[int]]] = {}
    rows = Subscription.objects.values_list(
        "newsletter_id",
        "email_field",
        "create_date",
        "subscribe_date",
        "unsubscribe_date",
        "subscribed",
        "unsubscribed",
    )
    for (
        newsletter_id,
        email,
        created,
        subscribed_at,
        ended_at,
        on,
        off,
    ) in rows.iterator():
        changes = [(created, "pending")]
        if subscribed_at and (on or off):
            changes.append((subscribed_at, "confirmed"))
        if off and ended_at:
            changes.append((ended_at, "unsubscribed"))
        if email in bounced:
            changes.append((bounced[email], "bounced"))
        changes.sort(key=lambda change: change[0])
        diff = diffs.setdefault(
            newsletter_id, {state: [0] * (weeks + 1) for state in STATES}
        )
        for index, (since, state) in enumerate(changes):
            until = changes[index + 1][0] if index + 1 < len(changes) else None
            first = bisect_left(points, since)
            last = weeks if until is None else bisect_left(points, until)
            if first < last:
                diff[state][first] += 1
                diff[state][last] -= 1
    titles = dict(Newsletter.objects.values_list("pk", "title"))
    newsletters = {}
    for pk, diff in sorted(diffs.items()):
        running = dict.fromkeys(STATES, 0)
        series = []
        for index in range(weeks):
            for state in STATES:
                running[state] += diff[state][index]
            series.append(Counter(running))
        newsletters[titles.get(pk, str(pk))] = series
    return {"points": points, "newsletters": newsletters}


def confirmed_count(newsletter: Newsletter) -> int:
    addresses = Subscription.objects.filter(
        newsletter=newsletter, subscribed=True
    ).values("email_field")
    return Subscriber.objects.filter(deactivated_at=None, email__in=addresses).count()


def sendings_due(now=None) -> list[int]:
    """Scheduled sendings whose time has come, and running ones whose worker died
    (no sign of life for `STALE`)."""
    now = now or timezone.now()
    return list(
        Sending.objects.filter(
            Q(status=Sending.Status.SCHEDULED, scheduled_for__lte=now)
            | Q(status=Sending.Status.RUNNING, heartbeat_at__lt=now - STALE)
        ).values_list("pk", flat=True)
    )


def sending_counts(sending: Sending) -> dict[str, int]:
    """How many readers of a sending are queued, sent, failed or unknown."""
    counts = dict(
        sending.recipients.values_list("state").annotate(n=Count("pk")).order_by()
    )
    total = sum(counts.values())
    return {
        "total": total,
        "queued": counts.get(Recipient.State.QUEUED, 0)
        + counts.get(Recipient.State.CLAIMED, 0),
        "sent": counts.get(Recipient.State.SENT, 0),
        "failed": counts.get(Recipient.State.FAILED, 0),
        "unknown": counts.get(Recipient.State.UNKNOWN, 0),
    }
