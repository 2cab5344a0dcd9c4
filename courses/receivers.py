"""Publishing a course links the product it names to it in the shop."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import services
from .models import CoursePage, LessonPage


@receiver(page_published, sender=CoursePage)
def course_product_link(sender, instance: CoursePage, **kwargs) -> None:
    services.course_sale_link(course=instance)


@receiver(page_published, sender=LessonPage)
@receiver(page_unpublished, sender=LessonPage)
def course_search_refresh(sender, instance: LessonPage, **kwargs) -> None:
    """A lesson's title and teaser are part of its course's search entry."""
    services.course_search_refresh(lesson=instance)
