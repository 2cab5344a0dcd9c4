"""Signal receivers: each hands straight to a service."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from newsletter.models import Newsletter

from core.hooks import newsletter_opt_in
from pagecache import store

from . import services
from .models import NewsletterProfile


@receiver(post_save, sender=Newsletter)
def give_new_newsletter_a_site(
    sender, instance: Newsletter, created: bool, **kwargs
) -> None:
    # After commit: the admin form saves its own site selection after the row.
    if created:
        transaction.on_commit(
            lambda: services.newsletter_site_ensure(newsletter=instance)
        )


@receiver(post_save, sender=Newsletter)
@receiver(post_save, sender=NewsletterProfile)
def newsletter_forms_refresh(sender, **kwargs) -> None:
    # Every page's footer names a newsletter: cached pages and fragments go.
    transaction.on_commit(store.purge_all)


@receiver(newsletter_opt_in)
def opt_in_from_other_forms(sender, *, email, request, source, text, name="", **kw):
    """The checkout's and the comment form's newsletter box: the same double
    opt-in as every other path, for the footer's newsletter."""
    newsletter = services.default_newsletter()
    if newsletter is None:
        return
    services.subscription_request(
        email=email,
        name=name,
        newsletters=[newsletter],
        text=text,
        source=source,
        request=request,
        user=getattr(request, "user", None),
    )
