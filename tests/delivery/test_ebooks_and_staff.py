"""E-book files checked by content and stamped per copy; private storage without
public URLs; tracing a found copy; delivery's GDPR part."""

import io
import re
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from oscar.core.loading import get_model

from delivery import ebooks
from delivery.forms import EbookFileForm
from delivery.models import Delivery, EbookFile, Grant
from privacy import registry as privacy
from tests.flows.checkout import guest_buys

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


ACCESSIBLE = (
    '<meta property="schema:accessMode">textual</meta>'
    '<meta property="schema:accessibilityFeature">tableOfContents</meta>'
    '<meta property="schema:accessibilitySummary">Reiner Text.</meta>'
)


def make_epub(title: str = "Gehalt klar verhandeln", accessible: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
            'version="3.0" unique-identifier="id"><metadata '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="id">test</dc:identifier><dc:title>{title}</dc:title>'
            "<dc:language>de</dc:language>"
            + (ACCESSIBLE if accessible else "")
            + "</metadata><manifest>"
            '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>'
            '</manifest><spine><itemref idref="c1"/></spine></package>',
        )
        book.writestr("OEBPS/c1.xhtml", "<html><body><p>Kapitel eins</p></body></html>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("buch.pdf", b"%PDF-1.7\n...", "pdf"),
        ("buch.epub", None, "epub"),
        ("buch.epub", b"%PDF-1.7\n", "pdf"),  # the content decides, not the name
    ],
)
def test_files_are_checked_by_content(ids, name, content, kind):
    data = content if content is not None else make_epub()
    form = EbookFileForm(
        data={"product": ids.ebook},
        files={"file": SimpleUploadedFile(name, data)},
        instance=EbookFile.objects.get(product_id=ids.ebook),
    )
    assert form.is_valid(), form.errors
    assert form.instance.kind == kind


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00 not a book", b"PK\x03\x04 broken zip", b"<html>pdf</html>"],
)
def test_other_files_are_refused(ids, data):
    form = EbookFileForm(
        data={"product": ids.ebook},
        files={"file": SimpleUploadedFile("buch.pdf", data)},
        instance=EbookFile.objects.get(product_id=ids.ebook),
    )
    assert not form.is_valid()
    assert form.errors["file"]


def test_an_epub_without_accessibility_metadata_needs_the_editors_word(ids):
    instance = EbookFile.objects.get(product_id=ids.ebook)
    upload = {"file": SimpleUploadedFile("buch.epub", make_epub(accessible=False))}
    form = EbookFileForm(data={"product": ids.ebook}, files=upload, instance=instance)
    assert not form.is_valid()
    message = " ".join(form.errors["file"])
    assert "Barrierefreiheitsangaben" in message
    assert "schema:accessMode" in message and "schema:accessibilitySummary" in message
    upload = {"file": SimpleUploadedFile("buch.epub", make_epub(accessible=False))}
    form = EbookFileForm(
        data={"product": ids.ebook, "accessibility_confirmed": "on"},
        files=upload,
        instance=instance,
    )
    assert form.is_valid(), form.errors
    assert "schema:accessMode" in form.instance.accessibility_gaps


def test_the_demo_epub_carries_its_accessibility_metadata():
    from demo.ebook import ebook_epub

    data = ebook_epub(title="T", author="A", identifier="x", modified="2026-01-01")
    assert ebooks.epub_accessibility_missing(data) == []


def test_size_limit(settings):
    settings.EBOOK_MAX_MB = 0
    with pytest.raises(ValidationError):
        ebooks.detect_kind(b"%PDF-1.7 too big")


def test_epub_copy_is_stamped_in_metadata_and_colophon(
    ids, django_capture_on_commit_callbacks
):
    ebook = EbookFile.objects.get(product_id=ids.ebook)
    ebook.kind = "epub"
    ebook.file.save("buch.epub", io.BytesIO(make_epub()), save=False)
    ebook.size = ebook.file.size
    ebook.save()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.ebook)
    order = Order.objects.get(guest_email="leser@test.example")
    page = client.get("/shop/checkout/thank-you/").content.decode()
    path = re.search(r'href="(/shop/downloads/[^"]+/)"', page).group(1)
    response = client.get(path)
    assert response["Content-Disposition"].endswith('.epub"')
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.infolist()[0].filename == "mimetype"
        package = book.read("OEBPS/content.opf").decode()
        colophon = book.read("OEBPS/personal-copy.xhtml").decode()
    stamp = f"Bestellung {order.number}"
    assert stamp in package and "<dc:rights>" in package
    assert stamp in colophon and "leser@test.example" in colophon
    assert 'idref="personal-copy"' in package


def test_private_files_have_no_public_url(
    client, ids, django_capture_on_commit_callbacks
):
    from delivery.storage import NoPublicURL

    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    grant = Grant.objects.get(line__product_id=ids.pdf_product)
    name = grant.edition.file.name
    with pytest.raises(NoPublicURL):
        grant.edition.file.storage.url(name)
    root = str(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert not root.startswith(str(settings.MEDIA_ROOT))
    for url in (
        settings.MEDIA_URL + name,
        settings.MEDIA_URL + "../private/" + name,
        "/private/" + name,
        "/shop/downloads/" + grant.token + "/",  # the bare token is not a signed link
    ):
        assert Client().get(url).status_code in (400, 404), url


def test_private_s3_storage_has_no_public_url():
    from delivery.storage import NoPublicURL, PrivateS3Storage

    storage = PrivateS3Storage(bucket_name="privat", location="private")
    with pytest.raises(NoPublicURL):
        storage.url("editions/x.pdf")
    assert storage.default_acl == "private"


def test_staff_trace_a_found_copy(
    admin_client, ids, django_capture_on_commit_callbacks
):
    buyer = Client()
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(buyer, ids.pdf_product)
    order = Order.objects.get(guest_email="leser@test.example")
    path = re.search(
        r'href="(/shop/downloads/[^"]+/)"',
        buyer.get("/shop/checkout/thank-you/").content.decode(),
    ).group(1)
    data = b"".join(buyer.get(path).streaming_content)
    found = admin_client.post(
        "/admin/reports/trace-copy/", {"file": SimpleUploadedFile("fund.pdf", data)}
    )
    assert f"Bestellung {order.number}" in found.content.decode()
    other = admin_client.post(
        "/admin/reports/trace-copy/", {"file": SimpleUploadedFile("x.pdf", data + b" ")}
    )
    assert "Keine ausgelieferte Kopie" in other.content.decode()


def test_gdpr_export_and_erasure_keep_hashes(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    path = re.search(
        r'href="(/shop/downloads/[^"]+/)"',
        client.get("/shop/checkout/thank-you/").content.decode(),
    ).group(1)
    client.get(path)
    exported = privacy.export("leser@test.example")["delivery"]["deliveries"]
    assert exported[0]["sha256"] and "leser@test.example" in exported[0]["stamp"]
    privacy.erase("leser@test.example")
    delivery = Delivery.objects.get(grant__line__product_id=ids.pdf_product)
    assert "leser@test.example" not in delivery.stamp
    assert delivery.sha256 == exported[0]["sha256"]
    assert not delivery.file


def test_ebook_file_list_shows_its_own_search_not_the_shops_sort_options(
    admin_client,
):
    html = admin_client.get("/admin/ebook_files/").content.decode()
    assert "Kundenbewertung" not in html and "Preis absteigend" not in html
    assert 'name="sort_by"' not in html
