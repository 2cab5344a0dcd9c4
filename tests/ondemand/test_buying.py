"""Buying a composed course: one basket line holding the revisions chosen, the
invoice listing its lessons, the PDF of exactly those revisions in the reader's
order, and the e-mail course of the same lessons."""

import io
import re

import pytest
from pypdf import PdfReader

from consent.models import ConsentRecord
from courses.models import Enrolment, LessonMail
from delivery.links import grant_path
from delivery.models import Grant
from shop.composed import composed_of
from tests.mailsink import body

from .conftest import URL, buy_composed

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(page.extract_text() for page in pages).replace("\xa0", " ")


def _chosen(offer):
    first, second, third = offer["lessons"][:3]
    # the reader's order: an article between two lessons, the third lesson first
    return [third, offer["article"], first]


def test_order_line_holds_the_revisions_chosen_and_the_invoice_lists_lessons(
    client, offer, django_capture_on_commit_callbacks, smtp_sink
):
    chosen = _chosen(offer)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy_composed(client, chosen, title="Mein Führungsjahr")
    line = order.lines.get()
    assert line.title == "E-Kurs nach Wunsch: Mein Führungsjahr"
    assert str(line.line_price_incl_tax) == "19.99"
    for page in chosen:
        page.refresh_from_db()
    expected = [page.live_revision_id for page in chosen] + [
        offer["leading"].latest_revision_id
    ]
    assert line.page_revision_ids == expected
    spec = composed_of(line)
    assert spec.lesson_titles == [p.title for p in chosen] + ["Abschluss Führung"]
    # § 356(5) BGB: the waiver was asked for and recorded as for a download
    purposes = set(
        ConsentRecord.objects.filter(scope=order.number).values_list(
            "purpose", flat=True
        )
    )
    assert ConsentRecord.Purpose.WITHDRAWAL_WAIVER in purposes
    from shop.invoices import invoice_pdf

    text = _text(invoice_pdf(order.invoice))
    assert "E-Kurs nach Wunsch: Mein Führungsjahr" in text
    for page in chosen:
        assert page.title in text
    confirmations = [m for m in smtp_sink.parsed() if order.number in m["Subject"]]
    contract = "\n".join(body(m, "plain") for m in confirmations)
    assert "Selbstlernkurs" in contract
    assert offer["article"].title in contract


def test_pdf_has_title_contents_lessons_in_order_tasks_and_final_lesson(
    client, offer, django_capture_on_commit_callbacks
):
    chosen = _chosen(offer)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy_composed(client, chosen, title="Mein Führungsjahr")
    # The pages change after the purchase: the buyer keeps what was chosen.
    article = offer["article"]
    article.lead = "Ein ganz neuer Vorspann."
    article.save_revision().publish()
    grant = Grant.objects.get(line__order=order)
    response = client.get(grant_path(grant))
    assert response.status_code == 200
    text = _text(b"".join(response.streaming_content))
    assert "Mein Führungsjahr" in text and "Inhalt" in text
    positions = [text.rindex(page.title) for page in chosen]
    assert positions == sorted(positions)
    assert text.rindex("Abschluss Führung") > positions[-1]
    assert "ABSCHLUSSLEKTION" in text and "LEKTION 2" in text
    assert "Lernaufgabe 2.1" in text and "Artikelaufgabe eins" in text
    assert "Lernaufgabe 4.1" in text and "Planaufgabe" in text
    assert "Selbstlernkurs" in text
    assert "Ein ganz neuer Vorspann." not in text
    assert re.search(r"Persönliche Kopie für wunsch@test\.example", text)


def test_e_mail_course_sends_the_chosen_lessons_in_order(
    client, offer, django_capture_on_commit_callbacks, smtp_sink
):
    chosen = _chosen(offer)
    with django_capture_on_commit_callbacks(execute=True):
        order = buy_composed(client, chosen, title="Mein Führungsjahr")
    enrolment = Enrolment.objects.get(line__order=order)
    assert enrolment.course is None and enrolment.mail_state == Enrolment.Mail.ACTIVE
    lessons = [
        m for m in smtp_sink.parsed() if "course-on-demand" in str(m.get("List-Id", ""))
    ]
    assert len(lessons) == 1
    first = lessons[0]
    assert chosen[0].title in first["Subject"] and "1 von 4" in first["Subject"]
    text = body(first, "plain")
    assert "Aufgabe 1 der Lektion" in text
    links = {
        kind: url
        for url, kind in re.findall(
            r"(https?://\S+/kurse/(kurslektion|verwalten|abbestellen)/[^/\s]+/)", text
        )
    }
    path = lambda url: re.sub(r"^https?://[^/]+", "", url)  # noqa: E731
    lesson = client.get(path(links["kurslektion"]))
    assert lesson.status_code == 200 and chosen[0].title in lesson.content.decode()
    area = client.get(path(links["verwalten"])).content.decode()
    for page in chosen:
        assert page.title in area
    assert "1 von 4 Lektionen gelesen" in area
    # next lesson now: the article, with its own learning tasks
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path(links["verwalten"]), {"action": "next", "after": "1"})
    second = [m for m in smtp_sink.parsed() if "2 von 4" in (m["Subject"] or "")]
    assert len(second) == 1 and offer["article"].title in second[0]["Subject"]
    assert "Artikelaufgabe eins" in body(second[0], "plain")
    mails = LessonMail.objects.filter(enrolment=enrolment).order_by("position")
    assert [m.revision_id for m in mails] == order.lines.get().page_revision_ids[:2]
    # one-click unsubscribe
    client.post(path(links["abbestellen"]))
    enrolment.refresh_from_db()
    assert enrolment.mail_state == Enrolment.Mail.UNSUBSCRIBED


def test_two_courses_in_one_basket_are_two_lines(client, offer):
    client.post(
        URL, {"action": "choose", "choose": [offer["lessons"][0].pk], "title": "A"}
    )
    client.post(URL, {"action": "basket", "title": "A"})
    client.post(
        URL, {"action": "choose", "choose": [offer["lessons"][1].pk], "title": "B"}
    )
    client.post(URL, {"action": "basket", "title": "B"})
    html = client.get("/shop/basket/").content.decode()
    assert "E-Kurs nach Wunsch: A" in html and "E-Kurs nach Wunsch: B" in html
    assert "39,98" in html


def test_product_is_not_sold_on_its_own(client, offer, terms):
    client.post(f"/shop/basket/add/{terms.product.pk}/", {"quantity": 1})
    html = client.get("/shop/basket/").content.decode()
    assert "E-Kurs nach Wunsch" not in html
    assert client.get(terms.product.get_absolute_url()).status_code == 404


def test_the_shop_dashboard_shows_the_lessons_not_the_raw_option(
    admin_client, offer, django_capture_on_commit_callbacks
):
    from django.test import Client
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        order = buy_composed(Client(), _chosen(offer), title="Mein Führungsjahr")
    line = order.lines.get()
    url = reverse(
        "dashboard:order-line-detail",
        kwargs={"number": order.number, "line_id": line.pk},
    )
    html = admin_client.get(url).content.decode()
    assert offer["article"].title in html and "Lernaufgaben" in html
    assert "revision_ids" not in html
