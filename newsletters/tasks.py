"""Background work of the newsletter: thin, each hands to a module that does it."""

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task
from newsletter.models import Newsletter

from . import dispatch, selectors, services


@task()
def signup_request(
    *,
    email: str,
    name: str,
    newsletter_ids: list[int],
    text: str,
    source: str,
    ip_address: str | None,
    user_agent: str,
    user_id: int | None,
    language: str,
) -> bool:
    """A sign-up from the public forms, worked out here so that the request does
    the same work for every address (newsletters/views.py)."""
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids))
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with translation.override(language):
        services.subscription_request(
            email=email,
            name=name,
            newsletters=newsletters,
            text=text,
            source=source,
            ip_address=ip_address,
            user_agent=user_agent,
            user=user,
        )
    return True


@task()
def sending_run(sending_id: int) -> dict:
    return dispatch.sending_run(sending_id)


@task()
def sendings_due() -> list[int]:
    """Every minute: start scheduled sendings whose time has come, and resume
    those whose worker died."""
    due = selectors.sendings_due()
    for pk in due:
        sending_run.enqueue(pk)
    return due
