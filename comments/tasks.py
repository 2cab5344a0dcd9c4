"""Background work of the comments app: thin, each hands to a service."""

from django_tasks import task

from . import lifecycle, notifications, verification


@task()
def comment_published_mails(comment_id: int) -> int:
    return notifications.published_mails_send(comment_id)


@task()
def notify_confirmation_mail(comment_id: int) -> bool:
    return notifications.notify_confirmation_send(comment_id)


# Fetches a stranger's page: on the "outside" queue, which its own worker runs.
@task(queue_name="outside")
def mention_verify(mention_id: int) -> str:
    return verification.mention_verify(mention_id)


@task()
def comments_close_due() -> int:
    return lifecycle.comments_close_due()
