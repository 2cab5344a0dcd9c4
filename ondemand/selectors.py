"""Reads of the composer: what may be chosen, the draft's summary (lessons,
tasks, pages, price) and the final lesson that fits the topics chosen.

The composer page reads everything in a fixed number of queries, whatever the
number of lessons and articles offered (`composer_state`): the lessons, the
articles, each with their topics, their courses and series, and the final-lesson
templates.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from blog.models import ArticlePage, SeriesPage
from courses.models import FinalLessonTemplate, LessonPage
from home.learning import pages_for, stream_facts
from taxonomy.models import Category

from .models import MAX_LESSONS, OnDemandSettings

CENT = Decimal("0.01")
FRAME_PAGES = 4  # cover, colophon, contents, solution hints


@dataclass
class Candidate:
    """A lesson or an article a reader may choose."""

    page_id: int
    kind: str  # "lesson" or "article"
    title: str
    lead: str
    topics: list  # Category
    group_id: int | None  # the course or series it belongs to
    group_title: str
    tasks: int
    pages: int


@dataclass
class Final:
    revision_id: int | None
    title: str
    tasks: int
    pages: int


@dataclass
class Summary:
    lessons: int
    tasks: int
    pages: int
    price: Decimal
    final: Final | None
    as_pdf: bool
    by_mail: bool
    interval_days: int


@dataclass
class ComposerState:
    settings: OnDemandSettings
    candidates: list[Candidate]
    chosen: list[Candidate]
    shown: list[Candidate]  # the filter's result
    topics: list
    groups: list[tuple[int, str]]
    summary: Summary
    missing: list[int] = field(default_factory=list)  # chosen, no longer offered

    @property
    def full(self) -> bool:
        return len(self.chosen) >= MAX_LESSONS


def _topics_of(lesson_ids: list[int], article_ids: list[int]) -> dict[int, list]:
    """{page id: its topics} for lessons and articles together, in one query (a
    lesson and an article never share a page id)."""
    fields = ("category_id", "category__name", "category__slug")
    lessons = LessonPage.categories.through.objects.filter(
        lessonpage_id__in=lesson_ids
    ).values_list("lessonpage_id", *fields)
    articles = ArticlePage.categories.through.objects.filter(
        articlepage_id__in=article_ids
    ).values_list("articlepage_id", *fields)
    result: dict[int, list] = {}
    for page_id, pk, name, slug in lessons.union(articles, all=True):
        result.setdefault(page_id, []).append(Category(pk=pk, name=name, slug=slug))
    for topics in result.values():
        topics.sort(key=lambda topic: topic.name)
    return result


def _with_parent(queryset):
    """The pages with their parent's id, title and type, read in the same query
    (a lesson's course, an article's series or magazine)."""
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    )
    return queryset.annotate(
        parent_pk=Subquery(parent.values("pk")[:1]),
        parent_title=Subquery(parent.values("title")[:1]),
        parent_type=Subquery(parent.values("content_type_id")[:1]),
    )


def candidates_all() -> list[Candidate]:
    """Every lesson and article released for courses on demand, live, with its
    topics and its course or series: three queries for any number. Tasks and
    words are read from the stored bodies, converting no block."""
    lessons = list(
        _with_parent(
            LessonPage.objects.live().filter(on_demand=True, is_final=False)
        ).order_by("path")
    )
    articles = list(
        _with_parent(ArticlePage.objects.live().filter(course_eligible=True)).order_by(
            "path"
        )
    )
    topics_of = _topics_of([p.pk for p in lessons], [p.pk for p in articles])
    series_type = ContentType.objects.get_for_model(SeriesPage).pk
    result = []
    for page in lessons:
        tasks, words = stream_facts(page.body)
        result.append(_candidate(page, "lesson", page.teaser, tasks, words, topics_of))
    for page in articles:
        tasks, _task_words = stream_facts(page.learning_tasks)
        _none, words = stream_facts(page.body)
        candidate = _candidate(page, "article", page.lead, tasks, words, topics_of)
        if page.parent_type != series_type:  # in the magazine, not a series
            candidate.group_id, candidate.group_title = None, ""
        result.append(candidate)
    return result


def _candidate(page, kind, lead, tasks, words, topics_of) -> Candidate:
    return Candidate(
        page_id=page.pk,
        kind=kind,
        title=page.title,
        lead=lead,
        topics=topics_of.get(page.pk, []),
        group_id=page.parent_pk,
        group_title=page.parent_title or "",
        tasks=tasks,
        pages=pages_for(words, tasks),
    )


def final_for(topic_ids: set[int]) -> Final | None:
    """The final-lesson template sharing most topics with those chosen; else
    the one without topics (for any course). One query."""
    rows = FinalLessonTemplate.objects.order_by("pk").values_list(
        "pk", "title", "latest_revision_id", "body", "topics"
    )
    templates: dict[int, dict] = {}
    for pk, title, revision_id, body, topic in rows:
        entry = templates.setdefault(
            pk,
            {"title": title, "revision": revision_id, "body": body, "topics": set()},
        )
        if topic is not None:
            entry["topics"].add(topic)
    if not templates:
        return None

    def fit(pk: int) -> tuple:
        entry = templates[pk]
        shared = len(entry["topics"] & topic_ids)
        # Most topics shared; else one made for any course (no topics).
        return (shared, not entry["topics"], -pk)

    best = max(templates, key=fit)
    entry = templates[best]
    if not (entry["topics"] & topic_ids) and entry["topics"]:
        return None
    tasks, words = stream_facts(entry["body"])
    return Final(
        revision_id=entry["revision"],
        title=entry["title"],
        tasks=tasks,
        pages=pages_for(words, tasks),
    )


def price_for(terms: OnDemandSettings, lessons: int) -> Decimal:
    if terms.pricing == OnDemandSettings.Pricing.PER_LESSON:
        return (terms.lesson_price * lessons).quantize(CENT, ROUND_HALF_UP)
    return terms.flat_price


def summary_of(terms: OnDemandSettings, chosen: list[Candidate]) -> Summary:
    topic_ids = {topic.pk for item in chosen for topic in item.topics}
    final = final_for(topic_ids) if chosen else None
    return Summary(
        lessons=len(chosen),
        tasks=sum(item.tasks for item in chosen) + (final.tasks if final else 0),
        pages=FRAME_PAGES
        + sum(item.pages for item in chosen)
        + (final.pages if final else 0)
        if chosen
        else 0,
        price=price_for(terms, len(chosen)) if chosen else Decimal("0.00"),
        final=final,
        as_pdf=terms.offers_pdf,
        by_mail=terms.offers_email,
        interval_days=terms.mail_interval_days,
    )


def composer_state(
    terms: OnDemandSettings,
    page_ids: list[int],
    *,
    topic: str = "",
    group: int | None = None,
) -> ComposerState:
    """The composer's page: what is offered (filtered by topic and by course or
    series), what is chosen, in order, and its summary."""
    offered = candidates_all()
    by_id = {item.page_id: item for item in offered}
    chosen = [by_id[pk] for pk in page_ids if pk in by_id]
    shown = [
        item
        for item in offered
        if (not topic or any(t.slug == topic for t in item.topics))
        and (group is None or item.group_id == group)
    ]
    topics = {t.pk: t for item in offered for t in item.topics}
    groups = {item.group_id: item.group_title for item in offered if item.group_id}
    return ComposerState(
        settings=terms,
        candidates=offered,
        chosen=chosen,
        shown=shown,
        topics=sorted(topics.values(), key=lambda t: t.name),
        groups=sorted(groups.items(), key=lambda g: g[1]),
        summary=summary_of(terms, chosen),
        missing=[pk for pk in page_ids if pk not in by_id],
    )


def terms_current() -> OnDemandSettings:
    return OnDemandSettings.load()


def live_revisions(page_ids: list[int]) -> dict[int, int]:
    """{page id: its live revision} for the pages still live. One query."""
    return dict(
        Page.objects.filter(
            pk__in=page_ids, live=True, live_revision__isnull=False
        ).values_list("pk", "live_revision_id")
    )


def offer_find(code: str):
    """An editor's course sent to a reader, by the code in its link."""
    from .models import ComposedCourse

    return (
        ComposedCourse.objects.select_related("request")
        .filter(code=code, sent_at__isnull=False)
        .first()
    )
