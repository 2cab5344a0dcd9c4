"""Reads of the newsletter."""

from bisect import bisect_left
from collections import Counter
from datetime import timedelta

from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, Value, When
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
    confirmed, pending, unsubscribed and bounced, from the rows' own dates.

    The database groups the rows by the week points at which their states begin
    (and by which of two changes in one week came first), so the dashboard reads
    a few hundred groups instead of every row: 500,000 subscriptions took 18 s
    read one by one. Rows of bounced addresses, which are few, are read one by
    one. Each group adds its states' spans to difference arrays."""
    now = now or timezone.now()
    points = [now - timedelta(weeks=weeks - 1 - index) for index in range(weeks)]
    bounced = dict(
        Subscriber.objects.exclude(deactivated_at=None).values_list(
            "email", "deactivated_at"
        )
    )
    bounced_emails = Subscriber.objects.exclude(deactivated_at=None).values("email")
    diffs: dict[int, dict[str, list[int]]] = {}

    def spans(newsletter_id: int, changes: list[tuple[int, str]], count: int) -> None:
        """`changes`: (first point at or after the change, state), in time order."""
        diff = diffs.setdefault(
            newsletter_id, {state: [0] * (weeks + 1) for state in STATES}
        )
        for index, (first, state) in enumerate(changes):
            last = changes[index + 1][0] if index + 1 < len(changes) else weeks
            if first < last:
                diff[state][first] += count
                diff[state][last] -= count

    def point_index(field: str) -> Case:
        """bisect_left(points, value): how many points lie before the change."""
        whens = [
            When(**{f"{field}__lte": point}, then=Value(index))
            for index, point in enumerate(points)
        ]
        return Case(*whens, default=Value(weeks), output_field=IntegerField())

    def later(field: str, than: str) -> Case:
        return Case(
            When(**{f"{field}__gte": F(than)}, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )

    confirmed = Q(subscribe_date__isnull=False) & (
        Q(subscribed=True) | Q(unsubscribed=True)
    )
    ended = Q(unsubscribed=True, unsubscribe_date__isnull=False)
    groups = (
        Subscription.objects.exclude(email_field__in=bounced_emails)
        .annotate(
            created_at=point_index("create_date"),
            confirmed_at=Case(When(confirmed, then=point_index("subscribe_date"))),
            ended_at=Case(When(ended, then=point_index("unsubscribe_date"))),
            confirmed_late=later("subscribe_date", "create_date"),
            ended_late=later("unsubscribe_date", "create_date"),
            ended_after_confirmed=later("unsubscribe_date", "subscribe_date"),
        )
        .values_list(
            "newsletter_id",
            "created_at",
            "confirmed_at",
            "ended_at",
            "confirmed_late",
            "ended_late",
            "ended_after_confirmed",
        )
        .annotate(count=Count("pk"))
        .order_by()
    )
    for (
        newsletter_id,
        created_at,
        confirmed_at,
        ended_at,
        confirmed_late,
        ended_late,
        ended_after_confirmed,
        count,
    ) in groups:
        # The changes in time order: each ranks after those it is not earlier
        # than; equal times keep the order pending, confirmed, unsubscribed, as a
        # stable sort of the dates would. The points follow the same order.
        has_confirmed, has_ended = confirmed_at is not None, ended_at is not None
        changes = [
            (
                (has_confirmed and not confirmed_late) + (has_ended and not ended_late),
                created_at,
                "pending",
            )
        ]
        if has_confirmed:
            rank = confirmed_late + (has_ended and not ended_after_confirmed)
            changes.append((rank, confirmed_at, "confirmed"))
        if has_ended:
            rank = ended_late + (has_confirmed and ended_after_confirmed)
            changes.append((rank, ended_at, "unsubscribed"))
        changes.sort()
        spans(newsletter_id, [(first, state) for _, first, state in changes], count)
    if bounced:
        rows = Subscription.objects.filter(email_field__in=bounced_emails).values_list(
            "newsletter_id",
            "email_field",
            "create_date",
            "subscribe_date",
            "unsubscribe_date",
            "subscribed",
            "unsubscribed",
        )
        for newsletter_id, email, created, subscribed_at, ended_at, on, off in rows:
            dated = [(created, "pending")]
            if subscribed_at and (on or off):
                dated.append((subscribed_at, "confirmed"))
            if off and ended_at:
                dated.append((ended_at, "unsubscribed"))
            dated.append((bounced[email], "bounced"))
            dated.sort(key=lambda change: change[0])
            spans(
                newsletter_id,
                [(bisect_left(points, since), state) for since, state in dated],
                1,
            )
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
