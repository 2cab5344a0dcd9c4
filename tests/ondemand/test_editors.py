"""“Wir stellen Ihren Kurs zusammen”: a reader asks, an editor composes the course
in the admin with the same composer, the reader buys exactly that course through
the link in the mail."""

import re

import pytest

from courses.models import Enrolment
from ondemand.models import ComposedCourse, CourseRequest
from privacy.services import personal_data_erase, personal_data_export
from tests.mailsink import body

from .conftest import checkout

pytestmark = pytest.mark.django_db
REQUEST = "/kurse/nach-wunsch/anfrage/"


def _ask(client, topic, **extra):
    data = {
        "name": "Ronja Berg",
        "email": "ronja@test.example",
        "topics": [topic.pk],
        "lessons_wanted": "3",
        "wishes": "Ich leite bald mein erstes Team und möchte mich vorbereiten.",
        **extra,
    }
    return client.post(REQUEST, data)


def test_request_form_shows_errors_and_keeps_the_input(client, offer, topic):
    response = _ask(client, topic, email="kein-at-zeichen", wishes="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie die markierten Felder." in html
    assert "Ronja Berg" in html  # nothing typed is lost
    assert not CourseRequest.objects.exists()


def test_editor_composes_and_the_reader_buys_exactly_that_course(
    client, admin_client, offer, topic, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, topic)
    assert response.status_code == 302
    request = CourseRequest.objects.get()
    receipt = [m for m in smtp_sink.parsed() if m["Subject"] == "Ihr Kurswunsch"]
    assert receipt and "erstes Team" in body(receipt[0], "plain")

    listing = admin_client.get("/admin/kurswuensche/").content.decode()
    assert "Ronja Berg" in listing
    compose_url = f"/admin/kurswuensche/{request.pk}/"
    page = admin_client.get(compose_url)
    assert page.status_code == 200
    first, second = offer["lessons"][:2]
    admin_client.post(
        compose_url,
        {
            "action": "choose",
            "choose": [first.pk, second.pk, offer["article"].pk],
            "title": "Ihr erstes Team",
        },
    )
    admin_client.post(
        compose_url, {"action": f"up:{second.pk}", "title": "Ihr erstes Team"}
    )
    course = ComposedCourse.objects.get(request=request)
    assert course.page_ids == [second.pk, first.pk, offer["article"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            compose_url, {"action": "send", "title": "Ihr erstes Team"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == CourseRequest.Status.OFFERED
    offer_mail = [m for m in smtp_sink.parsed() if "ist fertig" in (m["Subject"] or "")]
    assert len(offer_mail) == 1
    text = body(offer_mail[0], "plain")
    assert "19,99" in text and second.title in text
    link = re.search(r"https?://[^/\s]+(/kurse/nach-wunsch/angebot/[^/\s]+/)", text)

    # The lesson changes after the editor sent the course: the link still buys
    # the revision the editor chose.
    sent_revision = ComposedCourse.objects.get().spec["revision_ids"]
    second.refresh_from_db()
    second.teaser = "Neu geschrieben"
    second.save_revision().publish()

    reader = client.__class__()
    offer_page = reader.get(link.group(1)).content.decode()
    assert "Ihr erstes Team" in offer_page and "Ronja Berg" in offer_page
    reader.post(link.group(1))
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout(reader, "ronja@test.example")
    line = order.lines.get()
    assert line.page_revision_ids == sent_revision
    enrolment = Enrolment.objects.get(line=line)
    assert enrolment.revision_ids == sent_revision


def test_request_is_exported_and_erased_on_request(client, offer, topic, admin_user):
    _ask(client, topic)
    export = personal_data_export(email="ronja@test.example", staff=admin_user)
    assert "erstes Team" in str(export)
    personal_data_erase(email="ronja@test.example", staff=admin_user)
    assert not CourseRequest.objects.exists()


def test_a_stranger_cannot_flood_the_editors_with_requests(client, offer, topic):
    for _ in range(5):
        assert _ask(client, topic).status_code == 302
    response = _ask(client, topic)
    assert response.status_code == 429
    assert "mehrere Anfragen" in response.content.decode()
    assert CourseRequest.objects.count() == 5


def test_an_offer_goes_into_the_basket_once(client, offer, admin_client, topic):
    _ask(client, topic)
    request = CourseRequest.objects.get()
    url = f"/admin/kurswuensche/{request.pk}/"
    admin_client.post(
        url,
        {"action": "choose", "choose": [offer["lessons"][0].pk], "title": "Einmal"},
    )
    admin_client.post(url, {"action": "send", "title": "Einmal"})
    link = f"/kurse/nach-wunsch/angebot/{ComposedCourse.objects.get().code}/"
    client.post(link)
    response = client.post(link, follow=True)
    assert "liegt bereits in Ihrem Warenkorb" in response.content.decode()
    html = client.get("/shop/basket/").content.decode()
    assert html.count("E-Kurs nach Wunsch: Einmal") == 1


def test_an_unknown_offer_link_is_404(client, offer):
    assert client.get("/kurse/nach-wunsch/angebot/gibt-es-nicht/").status_code == 404
