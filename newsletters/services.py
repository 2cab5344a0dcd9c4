"""Writes around django-newsletter that it does not do itself."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from newsletter.models import Newsletter


def newsletter_site_ensure(*, newsletter: Newsletter) -> None:
    """Attach the current site to a newsletter that has none.

    `Newsletter.site` is a many-to-many whose default is only applied by forms, so a
    newsletter created in code (a data import, `load_demo`, a shell) has no site and
    all its pages answer 404.
    """
    if not newsletter.site.exists():
        newsletter.site.add(Site.objects.get(pk=settings.SITE_ID))


@transaction.atomic
def newsletter_create(*, title: str, slug: str, email: str, sender: str) -> Newsletter:
    newsletter = Newsletter(title=title, slug=slug, email=email, sender=sender)
    newsletter.full_clean()
    newsletter.save()
    newsletter_site_ensure(newsletter=newsletter)
    return newsletter
