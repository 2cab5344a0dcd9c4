"""eCourses as the editor and the reader meet them.

A `CoursePage` sells one shop product and says how buyers get it: one PDF of
the whole course, an e-mail course that sends one lesson at a time, or both. Its
lessons are the `LessonPage`s under it, in the page tree's order (editors drag
them), with the final lesson always last. A lesson's teaser is public; its body
only for enrolled readers and staff. Who sees what is decided in `views.py`
(`lesson_serve`, for the page tree and for the mail's signed link alike), and each
page's context comes from `selectors.py` through `wagtail_hooks.py` (hook
`core.hooks.PAGE_CONTEXT`): the page models import neither.

Buying the product makes an `Enrolment` (one per order line); each lesson mailed
to it is a `LessonMail`, claimed before it is sent, so no reader gets a lesson
twice (`dispatch.py`).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from core.fields import CleanRichTextField, CleanStreamField
from home.admin_forms import SitePageForm
from home.learning import CourseItem, lesson_item
from home.models import HeroImageMixin, ImprintPageMixin
from shop.selectors import pages_sold
from taxonomy.models import Category

from .blocks import LessonBodyBlock

MAX_LESSONS = 30

#: What a course without learning-success checks says under the FernUSG: an
#: editor's course with them off, and every course on demand.
SELF_STUDY_NOTICE = _(
    "Self-study course: the learning tasks are for checking yourself. You do not "
    "send in answers, and we do not check your learning success."
)


class LessonPageForm(SitePageForm):
    """At most one final lesson per course and at most `MAX_LESSONS` others
    (the parent is known here also when the lesson is new)."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page
        if parent is None:
            return cleaned
        siblings = LessonPage.objects.child_of(parent)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if cleaned.get("is_final") and siblings.filter(is_final=True).exists():
            self.add_error("is_final", _("This course already has a final lesson."))
        elif (
            not cleaned.get("is_final")
            and siblings.filter(is_final=False).count() >= MAX_LESSONS
        ):
            self.add_error(
                None,
                _("A course has at most %(count)d lessons and a final lesson.")
                % {"count": MAX_LESSONS},
            )
        return cleaned


class CoursePage(HeroImageMixin, ImprintPageMixin, Page):
    lead = models.TextField(
        _("lead"), help_text=_("Two or three sentences: who the course is for.")
    )
    outcomes = CleanRichTextField(
        _("what the reader learns"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("A short list: what readers can do after the course."),
    )
    product = models.ForeignKey(
        "catalogue.Product",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_pages",
        limit_choices_to={"product_class__kind": "course"},
        verbose_name=_("product"),
        help_text=_(
            "The shop product (of an eCourse class) that sells this course. "
            "Publishing links it to the course in the shop."
        ),
    )
    offers_pdf = models.BooleanField(
        _("as one PDF"),
        default=True,
        help_text=_("Buyers download the whole course as one PDF."),
    )
    offers_email = models.BooleanField(
        _("as an e-mail course"),
        default=True,
        help_text=_("Buyers get one lesson by e-mail at a time."),
    )
    mail_interval_days = models.PositiveSmallIntegerField(
        _("days between lessons"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("For the e-mail course; each reader may change it."),
    )

    # Distance learning (FernUSG; BGH III ZR 109/24 of 2025): a paid course in
    # which the publisher checks the learning success (even the chance to send a
    # tutor answers or questions counts) needs the ZFU's approval, and without it
    # the contract is void. Off, the tasks are for self-checking only.
    learning_control = models.BooleanField(
        _("learning success is checked (Lernerfolgskontrolle)"),
        default=False,
        help_text=_(
            "Only for a course approved by the ZFU: readers send answers and a tutor "
            "checks them. Off, the tasks are for self-checking only and nobody can "
            "send answers; the course page says so."
        ),
    )
    zfu_number = models.CharField(
        _("ZFU approval number"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z ./-]{2,29}$",
                _("Enter the number as the ZFU's approval notice gives it."),
            )
        ],
        help_text=_(
            "Required with learning-success checks; shown on the course, the "
            "product page and in the contract confirmation."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("product"),
                FieldPanel("offers_pdf"),
                FieldPanel("offers_email"),
                FieldPanel("mail_interval_days"),
            ],
            heading=_("Sale and delivery"),
        ),
        MultiFieldPanel(
            [FieldPanel("learning_control"), FieldPanel("zfu_number")],
            heading=_("Distance learning (FernUSG)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("outcomes"),
        index.SearchField("lessons_public_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.LessonPage"]
    route_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("eCourse")
        verbose_name_plural = _("eCourses")

    def lessons_public_text(self) -> str:
        """The lessons' titles and teasers (public on the course page): a search
        for a lesson finds its course. The lessons' own text is sold, not indexed
        here."""
        return " ".join(
            f"{title} {teaser}"
            for title, teaser in LessonPage.objects.child_of(self)
            .live()
            .values_list("title", "teaser")
        )

    def clean(self):
        super().clean()
        # The product's link (`Product.page`) names one page it sells.
        sold = pages_sold([self.product]) if self.product_id else {}
        if sold.get(self.product_id, self.pk) != self.pk:
            raise ValidationError(
                {"product": _("This product already sells another page.")}
            )
        if not (self.offers_pdf or self.offers_email):
            raise ValidationError(
                {"offers_email": _("Offer the course as a PDF, by e-mail or both.")}
            )
        if self.learning_control and not self.zfu_number.strip():
            raise ValidationError(
                {
                    "zfu_number": _(
                        "A course that checks learning success needs the ZFU's "
                        "approval (§ 12 FernUSG): enter its number, or switch the "
                        "checks off."
                    )
                }
            )

    @property
    def distance_learning_notice(self) -> str:
        """What the course page, the product page and the contract confirmation
        say about the course under the FernUSG."""
        if self.learning_control:
            return _(
                "Distance-learning course approved by the Staatliche Zentralstelle "
                "für Fernunterricht (ZFU) under no. %(number)s."
            ) % {"number": self.zfu_number}
        return SELF_STUDY_NOTICE


class LessonPage(ImprintPageMixin, Page):
    teaser = models.TextField(
        _("teaser"),
        help_text=_("Public: shown to everyone, in the course overview and the mail."),
    )
    body = CleanStreamField(
        LessonBodyBlock(),
        use_json_field=True,
        verbose_name=_("body"),
        help_text=_("The lesson, for enrolled readers: 1 to 6 learning tasks."),
    )
    is_final = models.BooleanField(
        _("final lesson"),
        default=False,
        help_text=_("The course's closing lesson; it always comes last."),
    )
    on_demand = models.BooleanField(
        _("may be part of a course on demand"),
        default=False,
        help_text=_(
            "Readers may choose this lesson when they put together their own "
            "course; the composer's filter finds it under its topics."
        ),
    )
    categories = ParentalManyToManyField(
        Category,
        blank=True,
        related_name="lessons",
        verbose_name=_("topics"),
        help_text=_("The composer's topic filter finds the lesson under these."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("is_final"),
        MultiFieldPanel(
            [FieldPanel("on_demand"), FieldPanel("categories")],
            heading=_("Course on demand"),
        ),
    ]
    # Only the public part is indexed: the site search must not show lesson text.
    search_fields = [*Page.search_fields, index.SearchField("teaser", boost=2)]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    # Thirty lessons and the final one; the form checks the split.
    max_count_per_parent = MAX_LESSONS + 1
    base_form_class = LessonPageForm

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_preview_context(self, request, mode_name):
        """Editors preview the whole lesson, not the teaser."""
        return self.get_context(request, full=True)

    def clean(self):
        super().clean()
        if self.on_demand and self.is_final:
            raise ValidationError(
                {
                    "on_demand": _(
                        "A final lesson closes its own course; courses on demand "
                        "take theirs from the final-lesson templates."
                    )
                }
            )

    def course_item(self) -> CourseItem:
        """The lesson as the PDF, the mails and the composer read it."""
        return lesson_item(
            title=self.title,
            lead=self.teaser,
            kind="final" if self.is_final else "lesson",
            body=self.body,
        )

    @cached_property
    def course(self) -> CoursePage:
        """The course this lesson belongs to (its parent page)."""
        return CoursePage.objects.get(path=self.path[: -self.steplen])


class FinalLessonTemplate(RevisionMixin, models.Model):
    """The closing lesson a course on demand ends with: editors write one per
    group of topics (and one without topics, for any course); the composer takes
    the template that shares most topics with the lessons chosen. A composed
    course holds the template's revision, so later edits change no course
    already bought."""

    title = models.CharField(_("title"), max_length=255)
    teaser = models.TextField(_("teaser"))
    body = CleanStreamField(
        LessonBodyBlock(),
        use_json_field=True,
        verbose_name=_("body"),
        help_text=_("The closing lesson: 1 to 6 learning tasks."),
    )
    topics = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Leave empty for the template used when no other fits."),
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        for_concrete_model=False,
        related_query_name="final_lesson_template",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("topics"),
    ]

    class Meta:
        verbose_name = _("final-lesson template")
        verbose_name_plural = _("final-lesson templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def course_item(self) -> CourseItem:
        return lesson_item(
            title=self.title, lead=self.teaser, kind="final", body=self.body
        )


class Enrolment(models.Model):
    """A buyer's place in a course: made when the order is paid, ended when it is
    cancelled or refunded. The e-mail course's state lives here."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended (cancelled or refunded)")

    class Mail(models.TextChoices):
        NONE = "none", _("no e-mail course")
        ACTIVE = "active", _("running")
        PAUSED = "paused", _("paused")
        FINISHED = "finished", _("finished")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    course = models.ForeignKey(
        CoursePage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    course_title = models.CharField(_("course"), max_length=255)
    line = models.OneToOneField(
        "order.Line",
        on_delete=models.CASCADE,
        related_name="enrolment",
        verbose_name=_("order line"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    mail_state = models.CharField(
        _("e-mail course"), max_length=12, choices=Mail.choices, default=Mail.NONE
    )
    interval_days = models.PositiveSmallIntegerField(_("days between lessons"))
    revision_ids = models.JSONField(
        _("lessons of a course on demand"),
        default=list,
        blank=True,
        help_text=_(
            "For a course the reader put together: the revisions of its lessons, "
            "in the reader's order, the final lesson last. Empty for an editor's "
            "course, whose lessons are the course page's."
        ),
    )
    next_lesson_at = models.DateTimeField(_("next lesson"), null=True, blank=True)
    last_lesson_at = models.DateTimeField(_("last lesson sent"), null=True, blank=True)
    lessons_sent = models.PositiveSmallIntegerField(_("lessons mailed"), default=0)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["mail_state", "next_lesson_at"], name="enrolment_due"),
        ]
        permissions = [("view_course_reports", "Can see eCourse enrolments")]

    def __str__(self) -> str:
        return f"{self.course_title} · {self.email or _('(erased)')}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE and self.erased_at is None


class LessonMail(models.Model):
    """One lesson mailed to one enrolment. Written as "claimed" before the mail
    goes out and "sent" after, so a worker that dies in between never sends it
    again: the next run counts it as failed ("interrupted")."""

    class State(models.TextChoices):
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="mails"
    )
    lesson = models.ForeignKey(
        LessonPage, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A course on demand's lesson is the revision chosen (of a lesson, an
    # article or a final-lesson template).
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lesson_title = models.CharField(max_length=255)
    position = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=8, choices=State.choices)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("lesson mail")
        verbose_name_plural = _("lesson mails")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "position"], name="lesson_mail_once_per_position"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_mail_once_per_lesson"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "revision"], name="lesson_mail_once_per_revision"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "claimed_at"], name="lesson_mail_state")
        ]

    def __str__(self) -> str:
        return f"{self.lesson_title} → {self.enrolment_id}"


class LessonRead(models.Model):
    """When an enrolled reader first opened a lesson on the site (their progress)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="reads"
    )
    lesson = models.ForeignKey(
        LessonPage, null=True, on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_read_once"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "revision"], name="lesson_read_once_per_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} read {self.lesson_id}"
