"""Background work of the outbox: thin, each hands to a service."""

from django_tasks import task

from . import services


@task()
def mail_deliver(mail_id: int) -> bool:
    return services.outbound_deliver(mail_id=mail_id)


@task()
def outbox_retry_due() -> int:
    return services.outbox_retry_due()


@task()
def mail_compose(path: str, kwargs: dict) -> bool:
    """Make a mail queued by `mail.later.mail_queue` and put it into the outbox."""
    return services.composed_mail_send(path=path, kwargs=kwargs)
