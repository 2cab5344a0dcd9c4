"""Background work of the outbox: thin, each hands to a service."""

from django_tasks import task

from . import services


@task()
def mail_deliver(mail_id: int) -> bool:
    return services.outbound_deliver(mail_id=mail_id)


@task()
def outbox_retry_due() -> int:
    return services.outbox_retry_due()
