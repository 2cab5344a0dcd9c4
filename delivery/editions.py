"""Editions: the PDF of an article or series exactly as it stood in the revisions
bought, rendered once per set of revisions, in the background worker.

At payment each line records the revisions (`record_revisions`): an article's live
revision, or a series' and its live parts' in order. The edition for those revisions
is found or created (its key is a hash of the page and revision ids), and rendered
by a task (`tasks.edition_render`) under the engine's limits (`core.pdf`).
"""

import hashlib
import io
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Page

from blog.models import SeriesPage
from core import pdf
from courses.models import CoursePage
from shop.selectors import pages_sold

from .models import Edition
from .publication import publication_html


@dataclass(frozen=True)
class SoldPage:
    """What delivery needs of the page a PDF product sells."""

    pk: int
    title: str
    live_revision_id: int | None
    is_series: bool  # a series or a course: the page and its parts
    path: str
    depth: int


def sold_pages(products) -> dict[int, SoldPage]:
    """{product id: the article, series or course it sells as PDF}, read through
    the shop's one link (`shop.selectors.pages_sold`); a course only while it is
    live and offers the PDF. One query for any number of products."""
    sold = pages_sold(products)
    if not sold:
        return {}
    types = ContentType.objects.get_for_models(SeriesPage, CoursePage)
    with_parts = {types[SeriesPage].pk, types[CoursePage].pk}
    rows = {
        row["pk"]: row
        for row in Page.objects.filter(pk__in=set(sold.values()))
        .exclude(
            Q(content_type=types[CoursePage])
            & ~Q(coursepage__offers_pdf=True, live=True)
        )
        .values("pk", "title", "live_revision_id", "content_type_id", "path", "depth")
    }
    return {
        product_id: SoldPage(
            pk=row["pk"],
            title=row["title"],
            live_revision_id=row["live_revision_id"],
            is_series=row["content_type_id"] in with_parts,
            path=row["path"],
            depth=row["depth"],
        )
        for product_id, page_id in sold.items()
        if (row := rows.get(page_id)) is not None
    }


def revisions_for(pages) -> dict[int, list[int]]:
    """{page id: the revisions a buyer gets now}: an article's live one; a series'
    and its live parts' in their order. One query for all the series' parts."""
    result = {
        page.pk: [page.live_revision_id] for page in pages if page.live_revision_id
    }
    series = [page for page in pages if page.is_series and page.pk in result]
    if series:
        condition = Q()
        for page in series:
            condition |= Q(path__startswith=page.path, depth=page.depth + 1)
        parts = (
            Page.objects.filter(condition, live=True, live_revision__isnull=False)
            .order_by("path")
            .values_list("path", "live_revision_id")
        )
        for path, revision_id in parts:
            for page in series:
                if path.startswith(page.path):
                    result[page.pk].append(revision_id)
    return result


def edition_key(page_id: int, revision_ids: list[int]) -> str:
    raw = f"{page_id}:" + ",".join(str(rid) for rid in revision_ids)
    return hashlib.sha256(raw.encode()).hexdigest()


def composed_key(title: str, revision_ids: list[int]) -> str:
    """A course on demand's edition: its title and revisions (two readers who
    chose the same lessons under the same title share one render)."""
    raw = "composed:" + ",".join(str(rid) for rid in revision_ids) + ":" + title
    return hashlib.sha256(raw.encode()).hexdigest()


def editions_for(wanted: dict) -> dict[str, Edition]:
    """{key: edition} for {key: (page or None, revision ids, title)}: the existing
    ones as stored, the missing ones created with one upsert however many (an
    edition someone else created a moment ago is found, not duplicated). Without a
    page it is a course on demand's. `needs_render` tells which still want a
    render queued: those created now and those whose render failed; a pending
    one already has its render queued, and a ready one needs none."""
    if not wanted:
        return {}
    found = {edition.key: edition for edition in Edition.objects.filter(key__in=wanted)}
    for edition in found.values():
        edition.needs_render = edition.status == Edition.Status.FAILED
    missing = {key: spec for key, spec in wanted.items() if key not in found}
    if missing:
        created = Edition.objects.bulk_create(
            [
                Edition(
                    key=key,
                    page_id=page.pk if page else None,
                    kind=Edition.Kind.PAGE if page else Edition.Kind.COMPOSED,
                    revision_ids=ids,
                    title=(page.title if page else title)[:255],
                )
                for key, (page, ids, title) in missing.items()
            ],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["key"],
        )
        for edition in created:
            edition.needs_render = True
            found[edition.key] = edition
    return found


def edition_html(edition: Edition) -> str:
    """The print document of the edition, built from the revisions bought (not
    the live page): one template for articles, series and courses
    (`delivery.publication`)."""
    return publication_html(edition)


def edition_render(edition_id: int) -> Edition:
    """Render the edition if it is not ready yet (idempotent; run by the worker)."""
    edition = Edition.objects.get(pk=edition_id)
    if edition.status == Edition.Status.READY:
        return edition
    try:
        # Tagged PDF/UA-1 (Barrierefreiheitsstärkungsgesetz): structure tree,
        # language, title shown, headings, lists, figures with their alt text.
        data = pdf.render_limited(edition_html(edition), variant="pdf/ua-1")
    except pdf.RenderFailed as error:
        Edition.objects.filter(pk=edition.pk).update(
            status=Edition.Status.FAILED, error=str(error)
        )
        raise
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if edition.status != Edition.Status.READY:
            edition.file.save(f"{edition.key}.pdf", ContentFile(data), save=False)
            edition.sha256 = hashlib.sha256(data).hexdigest()
            edition.page_count = len(PdfReader(io.BytesIO(data)).pages)
            edition.status = Edition.Status.READY
            edition.error = ""
            edition.rendered_at = timezone.now()
            edition.save()
    return edition
