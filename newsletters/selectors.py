"""Reads of the newsletter."""

from collections import Counter
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from newsletter.models import Newsletter, Subscription

from .models import Sending, Subscriber


def public_newsletters() -> list[Newsletter]:
    return list(
        Newsletter.objects.filter(visible=True)
        .select_related("profile")
        .order_by("profile__position", "title")
    )


def privacy_page():
    from home.models import StandardPage

    return StandardPage.objects.live().filter(role=StandardPage.Role.PRIVACY).first()


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
    query for the rows, one for the newsletters)."""
    now = now or timezone.now()
    points = [now - timedelta(weeks=weeks - 1 - index) for index in range(weeks)]
    bounced = dict(
        Subscriber.objects.exclude(deactivated_at=None).values_list(
            "email", "deactivated_at"
        )
    )
    counts: dict[int, list[Counter]] = {}
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
        series = counts.setdefault(newsletter_id, [Counter() for _ in points])
        bounce = bounced.get(email)
        for index, point in enumerate(points):
            if created > point:
                continue
            if bounce and bounce <= point:
                series[index]["bounced"] += 1
            elif off and ended_at and ended_at <= point:
                series[index]["unsubscribed"] += 1
            elif on and subscribed_at and subscribed_at <= point:
                series[index]["confirmed"] += 1
            elif not on and not off:
                series[index]["pending"] += 1
            elif subscribed_at and subscribed_at <= point:
                series[index]["confirmed"] += 1
            else:
                series[index]["pending"] += 1
    titles = dict(Newsletter.objects.values_list("pk", "title"))
    return {
        "points": points,
        "newsletters": {
            titles.get(pk, str(pk)): series for pk, series in sorted(counts.items())
        },
    }


def confirmed_count(newsletter: Newsletter) -> int:
    addresses = Subscription.objects.filter(
        newsletter=newsletter, subscribed=True
    ).values("email_field")
    return Subscriber.objects.filter(deactivated_at=None, email__in=addresses).count()
