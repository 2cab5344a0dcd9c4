"""Background work of the customer accounts: thin, each hands to a service."""

from django_tasks import task

from . import registration


@task()
def password_reset_mail(email: str, language: str) -> str:
    return registration.password_reset_send(email=email, language=language)
