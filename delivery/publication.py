"""The print edition of an article, a series or a course: one print template
(`delivery/print/publication.html`) for all three, fed from the revisions bought.

An edition reads as a publisher's: a cover (hero image, title, lead, series and
part, authors, the publisher's name and logo), a colophon (publisher, copyright,
the revisions and their dates, every image credit with its licensor and licence,
the personal-copy notice the stamp completes with the buyer), a table of contents
with page numbers and PDF bookmarks where there are parts or many sections, the
text, the author boxes, and "Bücher zum Thema" with links to the shop.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Page, Revision

from blog.models import ArticlePage, SeriesPage
from courses.models import SELF_STUDY_NOTICE, CoursePage
from courses.selectors import tasks_of
from home.selectors import publisher_info
from mail.compose import site_root_url
from publisher.selectors import seller_data
from shop.selectors import product_cards

#: The id of the colophon's blank line the stamp fills with the buyer
#: (`delivery.stamp`): WeasyPrint writes it as a named destination.
BUYER_ANCHOR = "persoenliche-kopie"

# Blocks that make sense on paper; offers, sign-up boxes and embeds do not.
PRINTED_BLOCKS = {
    "heading_block",
    "paragraph_block",
    "image_block",
    "quote_block",
    "callout_block",
    "table_block",
}
HERO_SPEC = "fill-1400x800"
COVER_SPEC = "max-300x420"
BOOKS_ON_TOPIC = 4


@dataclass
class Section:
    """One part of the edition: the article itself, a series' part or a lesson."""

    anchor: str
    title: str
    kicker: str = ""
    lead: str = ""
    authors: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    number: int = 0


def _printed(page) -> list:
    return [block for block in page.body if block.block_type in PRINTED_BLOCKS]


def _authors(page) -> list:
    if not isinstance(page, ArticlePage):
        return []
    return [link.author for link in page.article_authors.all()]


def _image_credits(hero, sections: list[Section]) -> list[dict]:
    """Every image printed, with the rights registry's entry."""
    seen, credits = set(), []

    def add(image, where: str) -> None:
        if image is None or image.pk in seen:
            return
        seen.add(image.pk)
        credits.append(
            {
                "where": where,
                "credit": image.credit,
                "licensor": image.licensor,
                "licence": image.licence,
                "source": image.source_url,
            }
        )

    add(hero, "Titelbild")
    for section in sections:
        for block in section.blocks:
            if block.block_type == "image_block":
                add(block.value.get("image"), section.title)
        for author in section.authors:
            add(author.photo, f"Foto {author.name}")
    return credits


def _series_of(article: ArticlePage) -> dict | None:
    """ "Teil 2 der Serie „…“" for an article that is part of a series."""
    parent = article.get_parent() if article.pk else None
    if parent is None or parent.specific_class is not SeriesPage:
        return None
    parts = list(
        ArticlePage.objects.child_of(parent)
        .live()
        .order_by("path")
        .values_list("pk", flat=True)
    )
    if article.pk not in parts:
        return None
    return {
        "title": parent.title,
        "part": parts.index(article.pk) + 1,
        "total": len(parts),
    }


def _unique_authors(sections: list[Section]) -> list:
    seen, authors = set(), []
    for section in sections:
        for author in section.authors:
            if author.pk not in seen:
                seen.add(author.pk)
                authors.append(author)
    return authors


def _books_on_topic(pages: list) -> list:
    """Books, e-books and courses on the edition's topics, linked to the shop;
    not the PDFs of what the edition already holds."""
    held = {page.pk for page in pages}
    topics = sorted(
        {
            category.pk
            for page in pages
            if isinstance(page, ArticlePage)
            for category in page.categories.all()
        }
    )
    if not topics:
        return []
    root = site_root_url()
    return [
        {"card": card, "url": root + card.url}
        for card in product_cards(topics=topics, limit=BOOKS_ON_TOPIC + len(held))
        if card.page_id not in held
    ][:BOOKS_ON_TOPIC]


def composed_lead(sections: list[Section]) -> str:
    lessons = sum(1 for s in sections if s.kicker != "Abschlusslektion")
    tasks = sum(len(s.tasks) for s in sections)
    final = len(sections) > lessons
    return (
        f"Ihr persönlicher Kurs: {lessons} "
        f"{'Lektion' if lessons == 1 else 'Lektionen'} mit {tasks} Lernaufgaben"
        f"{' und einer Abschlusslektion' if final else ''}, zusammengestellt in der "
        "Reihenfolge Ihrer Wahl."
    )


def _composed_sections(items: list) -> tuple[list[Section], list]:
    """A course on demand's lessons (lessons, articles, the final lesson), each
    with its tasks, in the reader's order."""
    sections, hints = [], []
    for number, page in enumerate(items, start=1):
        item = page.course_item()
        section = Section(
            anchor=f"lektion-{number}",
            title=item.title,
            kicker="Abschlusslektion" if item.kind == "final" else f"Lektion {number}",
            lead=item.lead,
            authors=_authors(page),
            blocks=[b for b in item.blocks if b.block_type in PRINTED_BLOCKS],
            tasks=item.tasks,
            number=number,
        )
        sections.append(section)
        hints += [(section, task) for task in section.tasks if task["hint"]]
    return sections, hints


def publication_context(edition) -> dict:
    """Everything the print template shows, from the edition's revisions."""
    revisions = Revision.objects.in_bulk(edition.revision_ids)
    ordered = [revisions[rid] for rid in edition.revision_ids if rid in revisions]
    pages = [revision.as_object() for revision in ordered]
    if edition.kind == edition.Kind.COMPOSED:
        main, parts = SimpleNamespace(title=edition.title, pk=None), pages
    else:
        main, parts = pages[0], pages[1:]
    sections: list[Section] = []
    hints: list = []
    series = None
    notice = ""
    if edition.kind == edition.Kind.COMPOSED:
        kind, kind_label = "course", "E-Kurs nach Wunsch"
        sections, hints = _composed_sections(parts)
        show_toc = True
        notice = str(SELF_STUDY_NOTICE)  # rendered in German
    elif isinstance(main, CoursePage):
        kind, kind_label = "course", "E-Kurs"
        lessons = sorted(parts, key=lambda lesson: lesson.is_final)
        for number, lesson in enumerate(lessons, start=1):
            section = Section(
                anchor=f"lektion-{number}",
                title=lesson.title,
                kicker="Abschlusslektion" if lesson.is_final else f"Lektion {number}",
                lead=lesson.teaser,
                blocks=_printed(lesson),
                tasks=tasks_of(lesson),
                number=number,
            )
            sections.append(section)
            hints += [(section, task) for task in section.tasks if task["hint"]]
        show_toc = True
        notice = main.distance_learning_notice
    elif isinstance(main, SeriesPage):
        kind, kind_label = "series", "Serie"
        for number, part in enumerate(parts, start=1):
            sections.append(
                Section(
                    anchor=f"teil-{number}",
                    title=part.title,
                    kicker=f"Teil {number}",
                    lead=part.lead,
                    authors=_authors(part),
                    blocks=_printed(part),
                    number=number,
                )
            )
        show_toc = True
    else:
        kind, kind_label = "article", "Artikel"
        series = _series_of(main)
        blocks = _printed(main)
        sections.append(
            Section(
                anchor="artikel",
                title=main.title,
                lead=main.lead,
                authors=_authors(main),
                blocks=blocks,
                number=1,
            )
        )
        show_toc = sum(1 for b in blocks if b.block_type == "heading_block") >= 4
    hero = getattr(main, "hero_image", None)
    authors = _unique_authors(sections)
    return {
        "kind": kind,
        "kind_label": kind_label,
        "main": main,
        "lead": getattr(main, "lead", "")
        or (composed_lead(sections) if edition.kind == edition.Kind.COMPOSED else ""),
        "notice": notice,
        "outcomes": getattr(main, "outcomes", ""),
        "series": series,
        "hero": hero.get_rendition(HERO_SPEC) if hero else None,
        "authors": authors,
        "sections": sections,
        "show_toc": show_toc,
        "hints": hints,
        "revisions": [
            {
                "title": page.title,
                "id": revision.pk,
                "date": timezone.localtime(revision.created_at),
            }
            for page, revision in zip(pages, ordered, strict=True)
        ],
        "images": _image_credits(hero, sections),
        "books": _books_on_topic([p for p in pages if isinstance(p, Page)]),
        "publisher": publisher_info(),
        "seller": seller_data(),
        "site_url": site_root_url(),
        "year": timezone.localdate().year,
        "buyer_anchor": BUYER_ANCHOR,
        "edition": edition,
    }


def publication_html(edition) -> str:
    """The print document, in German (the language the publisher sells in)."""
    with translation.override("de"):
        return render_to_string(
            "delivery/print/publication.html", publication_context(edition)
        )
