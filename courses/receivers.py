"""Publishing a course links the product it names to it in the shop."""

from django.dispatch import receiver
from wagtail.signals import page_published

from . import services
from .models import CoursePage


@receiver(page_published, sender=CoursePage)
def course_product_link(sender, instance: CoursePage, **kwargs) -> None:
    services.course_sale_link(course=instance)
