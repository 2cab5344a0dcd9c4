"""Background work of the image-rights registry (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def licence_expiry_reminder() -> int:
    """E-mail the editors the image licences that end within 30 days, with the
    pages showing each image. Queued daily by `run_schedule`; returns how many
    licences were reported."""
    from .services import licence_reminder_send  # a task imports its service

    return licence_reminder_send()


@task()
def share_card_render(image_id: int, page_id: int, revision_id: int) -> None:
    """The share image of a page revision just published (images/share.py)."""
    from wagtail.images import get_image_model

    from .share import share_card_make

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        share_card_make(image=image, page_id=page_id, revision_id=revision_id)
