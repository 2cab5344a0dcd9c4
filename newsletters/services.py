"""Writes of the newsletter: sign-up with double opt-in, confirmation, preferences,
unsubscription, address change and deactivation after bounces. Every consent given
or withdrawn goes into the ledger (`consent`).

django-newsletter's `Subscription.save()` flips flags on its own (saving an
unsubscribed row as not unsubscribed subscribes it), so its rows are changed here
with `update()` only, which writes exactly what is said.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from newsletter.models import Newsletter, Subscription

from consent.models import ConsentRecord
from consent.selectors import policy_version_of_role
from consent.services import consent_confirm, consent_records, source_text
from mail.later import mail_queue

from . import mails
from .models import Bounce, NewsletterProfile, Subscriber

RESEND_AFTER = timedelta(hours=1)


def newsletter_site_ensure(*, newsletter: Newsletter) -> None:
    """Attach the current site to a newsletter that has none.

    `Newsletter.site` is a many-to-many whose default is only applied by forms, so a
    newsletter created in code (a data import, `load_demo`, a shell) has no site and
    all its pages answer 404.
    """
    if not newsletter.site.exists():
        newsletter.site.add(Site.objects.get(pk=settings.SITE_ID))


@transaction.atomic
def newsletter_create(
    *,
    title: str,
    slug: str,
    email: str,
    sender: str,
    description: str = "",
    position: int = 0,
) -> Newsletter:
    newsletter = Newsletter(title=title, slug=slug, email=email, sender=sender)
    newsletter.full_clean()
    newsletter.save()
    newsletter_site_ensure(newsletter=newsletter)
    NewsletterProfile.objects.create(
        newsletter=newsletter, description=description, position=position
    )
    return newsletter


def consent_wording(newsletters: list[Newsletter]) -> str:
    """The sentence a sign-up form shows under its button, in the active language:
    what the reader agrees to. The ledger stores it exactly as shown."""
    titles = ", ".join(gettext("“%(title)s”") % {"title": n.title} for n in newsletters)
    return gettext(
        "By subscribing you agree that we send you the newsletter %(titles)s by "
        "e-mail. We will first send a confirmation link. You can unsubscribe at any "
        "time with the link in every issue; details in our privacy policy."
    ) % {"titles": titles}


def consent_wording_choice() -> str:
    """The sentence under a form where the reader ticks newsletters themselves
    (the newsletter page, the preference centre, the account)."""
    return gettext(
        "By subscribing you agree that we send you the newsletters you ticked by "
        "e-mail. We will first send a confirmation link. You can unsubscribe at any "
        "time with the link in every issue; details in our privacy policy."
    )


@transaction.atomic
def subscription_request(
    *,
    email: str,
    newsletters: list[Newsletter],
    text: str,
    source: str,
    request: HttpRequest | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    name: str = "",
    user=None,
    limited: bool = True,
) -> Subscriber:
    """Ask for a subscription to `newsletters`: pending rows, a ledger entry that
    awaits confirmation, and a confirmation mail (at most one per hour for the
    address when `limited`, the public forms' case). An address that is already
    subscribed, or was deactivated after bounces, gets nothing; the caller answers
    the same in every case."""
    email = email.strip().lower()
    language = translation.get_language() or settings.LANGUAGE_CODE
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"name": name, "language": language[:8], "user": _user(user)},
    )
    if not created and name and not subscriber.name:
        Subscriber.objects.filter(pk=subscriber.pk).update(name=name)
    if not subscriber.is_active:
        if limited:
            return subscriber
        # The reader came back through their own link or account: start afresh.
        Subscriber.objects.filter(pk=subscriber.pk).update(
            deactivated_at=None, deactivation_reason=""
        )
        subscriber.deactivated_at, subscriber.deactivation_reason = None, ""
    pending = []
    for newsletter in newsletters:
        row = Subscription.objects.filter(
            email_field=email, newsletter=newsletter
        ).first()
        if row is None:
            row = Subscription.objects.create(
                email_field=email, newsletter=newsletter, name_field=name or None
            )
        elif row.subscribed:
            continue
        else:
            Subscription.objects.filter(pk=row.pk).update(
                subscribed=False, unsubscribed=False, create_date=timezone.now()
            )
        pending.append((newsletter, row.pk))
    # A repeated request within the hour adds nothing to the ledger either.
    recent = set(
        ConsentRecord.objects.filter(
            email=email,
            purpose=ConsentRecord.Purpose.NEWSLETTER,
            awaits_confirmation=True,
            confirmed_at=None,
            created_at__gte=timezone.now() - RESEND_AFTER,
        ).values_list("scope", flat=True)
    )
    to_record = [n for n, _pk in pending if n.slug not in recent or not limited]
    if not pending:
        return subscriber
    version = policy_version_of_role("privacy")
    consent_records(
        [
            {
                "purpose": ConsentRecord.Purpose.NEWSLETTER,
                "scope": newsletter.slug,
                "email": email,
                "user": user,
                "text": text,
                "policy_version": version,
                "source": source,
                "request": request,
                "ip_address": ip_address,
                "user_agent": user_agent,
                "awaits_confirmation": True,
            }
            for newsletter in to_record
        ]
    )
    confirmation_send(subscriber=subscriber, limited=limited)
    return subscriber


def confirmation_send(*, subscriber: Subscriber, limited: bool = True) -> bool:
    """Queue the confirmation mail for every pending subscription of the address,
    unless one went out within the hour (`limited`). The timestamp is set by one
    conditional UPDATE, so two requests at once send one mail."""
    now = timezone.now()
    allowed = Subscriber.objects.filter(pk=subscriber.pk, deactivated_at=None)
    if limited:
        allowed = allowed.filter(
            Q(confirmation_sent_at=None)
            | Q(confirmation_sent_at__lt=now - RESEND_AFTER)
        )
    if not allowed.update(confirmation_sent_at=now):
        return False
    pending = list(
        Subscription.objects.filter(
            email_field=subscriber.email, subscribed=False, unsubscribed=False
        ).values_list("pk", flat=True)
    )
    if not pending:
        return False
    mail_queue(
        mails.confirmation_mail, subscriber_id=subscriber.pk, subscriptions=pending
    )
    return True


@transaction.atomic
def subscription_confirm(
    *, subscriber: Subscriber, subscriptions: list[int]
) -> list[Newsletter]:
    """Confirm the subscriptions a confirmation mail named, if still pending, and
    note the confirmation in the ledger. Repeating it changes nothing."""
    now = timezone.now()
    rows = list(
        Subscription.objects.select_for_update()
        .filter(
            pk__in=subscriptions,
            email_field=subscriber.email,
            subscribed=False,
            unsubscribed=False,
        )
        .select_related("newsletter")
    )
    Subscription.objects.filter(pk__in=[row.pk for row in rows]).update(
        subscribed=True, subscribe_date=now
    )
    if rows and subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=now)
        subscriber.confirmed_at = now
    for record in ConsentRecord.objects.filter(
        email=subscriber.email,
        purpose=ConsentRecord.Purpose.NEWSLETTER,
        scope__in=[row.newsletter.slug for row in rows],
        awaits_confirmation=True,
        confirmed_at=None,
    ):
        consent_confirm(record)
    return [row.newsletter for row in rows]


@transaction.atomic
def unsubscribe(
    *,
    subscriber: Subscriber,
    newsletters: list[Newsletter] | None,
    source: str,
    request: HttpRequest | None = None,
) -> list[Newsletter]:
    """End the subscriptions to `newsletters` (all when None), pending ones too,
    and write each withdrawal to the ledger. The subscriber's generation grows, so
    no confirmation link sent before works any more."""
    rows = Subscription.objects.filter(email_field=subscriber.email).filter(
        Q(subscribed=True) | Q(unsubscribed=False)
    )
    if newsletters is not None:
        rows = rows.filter(newsletter__in=newsletters)
    rows = list(rows.select_related("newsletter"))
    if not rows:
        return []
    Subscription.objects.filter(pk__in=[row.pk for row in rows]).update(
        subscribed=False, unsubscribed=True, unsubscribe_date=timezone.now()
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(
        generation=subscriber.generation + 1
    )
    subscriber.generation += 1
    consent_records(
        [
            {
                "purpose": ConsentRecord.Purpose.NEWSLETTER,
                "action": ConsentRecord.Action.WITHDRAWN,
                "scope": row.newsletter.slug,
                "email": subscriber.email,
                "text": gettext("Unsubscribed from the newsletter „%(title)s“.")
                % {"title": row.newsletter.title},
                "source": source,
                "request": request,
            }
            for row in rows
        ]
    )
    return [row.newsletter for row in rows]


@transaction.atomic
def preferences_save(
    *,
    subscriber: Subscriber,
    chosen: list[Newsletter],
    name: str,
    source: str,
    request: HttpRequest | None = None,
) -> dict:
    """Apply the preference centre's form: newsletters no longer chosen are ended,
    newly chosen ones go through the double opt-in (the mail is sent at once: the
    reader came through a link only they have)."""
    current = set(
        Subscription.objects.filter(email_field=subscriber.email)
        .filter(Q(subscribed=True) | Q(unsubscribed=False))
        .values_list("newsletter_id", flat=True)
    )
    chosen_ids = {newsletter.pk for newsletter in chosen}
    if name != subscriber.name:
        Subscriber.objects.filter(pk=subscriber.pk).update(name=name)
        subscriber.name = name
    ended = []
    if current - chosen_ids:
        ended = unsubscribe(
            subscriber=subscriber,
            newsletters=list(Newsletter.objects.filter(pk__in=current - chosen_ids)),
            source=source,
            request=request,
        )
    added = [n for n in chosen if n.pk not in current]
    if added:
        subscription_request(
            email=subscriber.email,
            newsletters=added,
            text=consent_wording_choice(),
            source=source,
            request=request,
            limited=False,
        )
    return {"ended": ended, "added": added}


def address_change_request(*, subscriber: Subscriber, new_email: str) -> None:
    """Send a confirmation link to the new address; nothing changes until it is
    followed."""
    mail_queue(
        mails.address_change_mail,
        subscriber_id=subscriber.pk,
        new_email=new_email.strip().lower(),
    )


@transaction.atomic
def address_change_confirm(*, subscriber: Subscriber, new_email: str) -> Subscriber:
    """Move the subscriber and their subscriptions to the confirmed new address.
    If the new address has a subscriber of its own, this one's newsletters join it."""
    old = subscriber.email
    existing = (
        Subscriber.objects.select_for_update()
        .filter(email=new_email)
        .exclude(pk=subscriber.pk)
        .first()
    )
    rows = Subscription.objects.filter(email_field=old)
    if existing is not None:
        taken = set(
            Subscription.objects.filter(email_field=new_email).values_list(
                "newsletter_id", flat=True
            )
        )
        rows.filter(newsletter_id__in=taken).delete()
        rows.update(email_field=new_email)
        subscriber.delete()
        subscriber = existing
    else:
        rows.update(email_field=new_email)
        Subscriber.objects.filter(pk=subscriber.pk).update(
            email=new_email,
            generation=subscriber.generation + 1,
            confirmed_at=subscriber.confirmed_at or timezone.now(),
        )
        subscriber.refresh_from_db()
    now = timezone.now()
    consent_records(
        [
            {
                "purpose": ConsentRecord.Purpose.NEWSLETTER,
                "scope": row.newsletter.slug,
                "email": new_email,
                "text": gettext(
                    "Address changed from %(old)s, confirmed by the link sent to "
                    "the new address."
                )
                % {"old": old},
                "source": source_text(gettext_noop("newsletter address change")),
                "confirmed_at": now,
            }
            for row in Subscription.objects.filter(
                email_field=new_email, subscribed=True
            ).select_related("newsletter")
        ]
    )
    return subscriber


@transaction.atomic
def bounce_record(*, email: str, kind: str, source: str, detail: str = "") -> Bounce:
    """Note a bounce or complaint; a hard bounce or a complaint deactivates the
    address (every subscription ends, no further mail goes to it)."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    bounce = Bounce.objects.create(
        subscriber=subscriber,
        email=email,
        kind=kind,
        source=source[:20],
        detail=detail[:300],
    )
    if subscriber is not None and kind in (Bounce.Kind.HARD, Bounce.Kind.COMPLAINT):
        Subscriber.objects.filter(pk=subscriber.pk, deactivated_at=None).update(
            deactivated_at=timezone.now(),
            deactivation_reason=str(Bounce.Kind(kind).label),
        )
        Subscription.objects.filter(email_field=email, subscribed=True).update(
            subscribed=False, unsubscribed=True, unsubscribe_date=timezone.now()
        )
    return bounce


def subscriber_for_user(user) -> Subscriber:
    """The subscriber of a logged-in reader's address (created empty if new)."""
    subscriber, _ = Subscriber.objects.get_or_create(
        email=user.email.strip().lower(),
        defaults={
            "name": user.get_full_name()[:100],
            "user": user,
            "language": (translation.get_language() or "de")[:8],
        },
    )
    return subscriber


def _user(user):
    return user if user is not None and user.is_authenticated else None


def default_newsletter() -> Newsletter | None:
    """The newsletter of the footer and of other forms' opt-in boxes."""
    public = Newsletter.objects.filter(visible=True)
    return (
        public.filter(slug=settings.NEWSLETTER_FOOTER).first()
        if settings.NEWSLETTER_FOOTER
        else None
    ) or public.order_by("profile__position", "title").first()
