"""The PDF as a publisher sells it (delivery/publication.py): a cover, a colophon
with the revision, the image rights and the buyer, contents with page numbers and
bookmarks, the author boxes and the books on the topic, linked to the shop."""

import io
import re

import pytest
from oscar.core.loading import get_model
from pypdf import PdfReader

from blog.models import ArticlePage
from delivery.links import grant_path
from delivery.models import Grant
from mail.compose import site_root_url
from taxonomy.models import Category
from tests.flows.checkout import guest_buys

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def _download(client, product_pk: int, django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, product_pk, **kw)
    grant = Grant.objects.get(line__product_id=product_pk)
    data = b"".join(client.get(grant_path(grant)).streaming_content)
    return grant, PdfReader(io.BytesIO(data))


def _pages(reader) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in reader.pages]


def test_article_edition_cover_colophon_authors_and_books(
    client, ids, article, django_capture_on_commit_callbacks
):
    book = Product.objects.get(pk=ids.book)
    book.topics.add(*Category.objects.filter(articles=article))
    grant, reader = _download(
        client, ids.pdf_product, django_capture_on_commit_callbacks
    )
    pages = _pages(reader)
    cover, colophon = pages[0], pages[1]
    authors = [link.author for link in article.article_authors.all()]

    # The cover: kind, title, lead, the series and part, authors, publisher.
    assert "ARTIKEL" in cover and article.title in cover
    assert article.lead[:40] in " ".join(cover.split())
    assert "Teil 1 von" in cover and "der Serie „Gut gestartet“" in cover
    assert all(author.name in cover for author in authors)
    assert "Verlag Lindenblatt" in cover or "Lindenblatt" in cover

    # The colophon: copyright, the revision bought and its date, each image's
    # credit, licensor and licence, and the buyer where the notice leaves room.
    assert "© " in colophon and "Alle Rechte vorbehalten" in colophon
    assert f"(Revision {article.live_revision_id})" in colophon
    assert "Titelbild: Illustration: Atelier Test" in colophon
    assert "Lizenzgeber: Bildagentur Test" in colophon
    assert "Lizenz: Redaktionelle Nutzung" in colophon
    order = grant.line.order
    assert f"{order.email}, Bestellung {order.number} vom" in colophon

    # The caption and the credit are two lines, not one run of text.
    body = "\n".join(pages[2:])
    assert re.search(r"Eine Skizze\s*\n\s*Illustration: Atelier Test", body)

    # At the end: the authors' boxes and the books on the topic, linked.
    assert any(authors[0].name in page and authors[0].role in page for page in pages)
    books = [page for page in pages if "Bücher zum Thema" in page][-1]
    assert book.title in books
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    assert site_root_url() + book.get_absolute_url() in links
    assert not any("invalid" in link for link in links)

    # Every page carries the stamp; the document names itself.
    assert all(f"Bestellung {order.number}" in page for page in pages)
    assert reader.metadata["/Title"] == grant.line.title


def test_series_edition_has_contents_with_page_numbers_and_bookmarks(
    client, ids, series, django_capture_on_commit_callbacks
):
    series_pdf = Product.objects.get(page_id=series.pk)
    topics = Category.objects.filter(articles__in=series.get_children())
    part_pdf = Product.objects.get(pk=ids.pdf_product)  # sells the first part
    part_pdf.topics.add(*topics)
    book = Product.objects.get(pk=ids.book)
    book.topics.add(*topics)
    _grant, reader = _download(
        client, series_pdf.pk, django_capture_on_commit_callbacks
    )
    pages = _pages(reader)
    books = [page for page in pages if "Bücher zum Thema" in page][-1]
    # Books on the topic, not the PDF of a part the reader holds already.
    assert book.title in books and part_pdf.title not in books
    parts = list(ArticlePage.objects.child_of(series).live().order_by("path"))
    contents = next(page for page in pages if page.lstrip().startswith("Inhalt"))
    outline = [item["/Title"] for item in reader.outline if isinstance(item, dict)]
    for number, part in enumerate(parts, start=1):
        listed = re.search(
            rf"Teil {number}\s*{re.escape(part.title)}[ .]*?(\d+)\s*$",
            contents,
            re.M,
        )
        assert listed, (part.title, contents)
        page_number = int(listed.group(1))
        # The number in the contents is the page the part starts on.
        assert part.title in pages[page_number - 1]
        assert part.title in outline  # a PDF bookmark for each part


def test_no_page_ends_on_a_heading(
    client, ids, article, django_capture_on_commit_callbacks
):
    _grant, reader = _download(
        client, ids.pdf_product, django_capture_on_commit_callbacks
    )
    headings = [
        str(block.value)
        for block in article.body
        if block.block_type == "heading_block"
    ]
    for text in _pages(reader)[2:]:
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not re.fullmatch(r"\d+ / \d+", line.strip())
        ]
        content = [line for line in lines if "Persönliche Kopie für" not in line]
        if content:
            assert content[-1] not in headings, content[-1]
