"""Courses on demand: the publisher's terms, the courses editors put together
for a reader, and the readers' requests for one.

A reader's own composition lives in their session until it goes into the basket;
from then on the basket line holds it (`shop.composed`). Only what editors compose
for a reader is stored here, because it is sent as a link and bought later.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from taxonomy.models import Category

MAX_LESSONS = 30


def new_code() -> str:
    """The public id of a composed course (its offer link, its basket line)."""
    return secrets.token_urlsafe(12)


@register_setting(icon="tasks")
class OnDemandSettings(BaseGenericSetting):
    """What the publisher offers: whether readers may compose courses, the price
    (flat or per lesson) and how the course is delivered."""

    class Pricing(models.TextChoices):
        FLAT = "flat", _("one price per course")
        PER_LESSON = "per_lesson", _("a price per lesson")

    enabled = models.BooleanField(
        _("readers may put together their own courses"), default=False
    )
    product = models.ForeignKey(
        "catalogue.Product",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"product_class__kind": "course"},
        verbose_name=_("product"),
        help_text=_(
            "The eCourse product every composed course is sold as (not shown in "
            "the shop on its own; its VAT rate applies)."
        ),
    )
    pricing = models.CharField(
        _("pricing"), max_length=12, choices=Pricing.choices, default=Pricing.FLAT
    )
    flat_price = models.DecimalField(
        _("price per course (€)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("19.99"),
        validators=[MinValueValidator(Decimal("0.50"))],
    )
    lesson_price = models.DecimalField(
        _("price per lesson (€)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1.49"),
        validators=[MinValueValidator(Decimal("0.10"))],
        help_text=_("The final lesson is included."),
    )
    offers_pdf = models.BooleanField(_("as one PDF"), default=True)
    offers_email = models.BooleanField(_("as an e-mail course"), default=True)
    mail_interval_days = models.PositiveSmallIntegerField(
        _("days between lessons"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("product"),
        MultiFieldPanel(
            [
                FieldPanel("pricing"),
                FieldPanel("flat_price"),
                FieldPanel("lesson_price"),
            ],
            heading=_("Price"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("offers_pdf"),
                FieldPanel("offers_email"),
                FieldPanel("mail_interval_days"),
            ],
            heading=_("Delivery"),
        ),
    ]

    class Meta:
        verbose_name = _("courses on demand")

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.offers_pdf or self.offers_email):
            raise ValidationError(
                {"offers_email": _("Offer the course as a PDF, by e-mail or both.")}
            )
        if self.enabled and self.product_id is None:
            raise ValidationError(
                {"product": _("Choose the product composed courses are sold as.")}
            )


class CourseRequest(models.Model):
    """A reader's request: "put together a course for me on this topic"."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        OFFERED = "offered", _("course sent")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    topics = models.ManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("topics")
    )
    wishes = models.TextField(_("what the course should cover"), max_length=3000)
    lessons_wanted = models.PositiveSmallIntegerField(
        _("lessons wanted"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LESSONS)],
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    offered_at = models.DateTimeField(_("course sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("course request")
        verbose_name_plural = _("course requests")
        ordering = ["-created_at"]
        permissions = [("handle_course_requests", "Can compose courses for readers")]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d})"


class ComposedCourse(models.Model):
    """A course an editor put together for a reader's request. While a draft it
    names pages (`page_ids`, in order); sending it freezes what it holds (`spec`,
    the revisions then live and the price), and the reader's link buys exactly
    that."""

    code = models.CharField(max_length=32, unique=True, default=new_code)
    request = models.ForeignKey(
        CourseRequest,
        on_delete=models.CASCADE,
        related_name="courses",
        verbose_name=_("request"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    page_ids = models.JSONField(default=list, blank=True)
    spec = models.JSONField(null=True, blank=True, editable=False)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("composed course")
        verbose_name_plural = _("composed courses")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or str(_("(untitled course)"))
