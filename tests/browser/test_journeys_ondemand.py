"""The course on demand in Chromium, with JavaScript off (and on): a reader filters
by topic, ticks lessons and an article, moves one, names the course, buys it as a
guest and downloads the PDF of exactly that course; the composer in English; a
reader asks the editors for a course. Every page is photographed to var/browser/
and checked by axe-core."""

import io
import re
import uuid

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .journey import checkout_as_guest, pay

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "ohne-js"])
URL = "/kurse/nach-wunsch/"


@JS
def test_reader_composes_buys_and_downloads_a_course(journey, js):
    trip = journey("kurs-nach-wunsch", js=js)
    email = f"wunschkurs-{uuid.uuid4().hex[:8]}@example.org"
    trip.go(URL)
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("E-Kurs nach Wunsch")
    trip.step("baukasten")
    trip.page.get_by_label("Thema").select_option(label="Führung")
    trip.page.get_by_role("button", name="Filtern").click()
    for title in ("Der Rollenwechsel", "Erwartungen klären", "Gutes Feedback geben"):
        trip.page.get_by_label(re.compile(title)).check()
    trip.step("angekreuzt")
    trip.page.get_by_role("button", name="Angekreuzte hinzufügen").click()
    expect(trip.page.locator(".composer__summary")).to_contain_text("3 / 30")
    trip.page.get_by_role("button", name="„Der Rollenwechsel“ nach unten").click()
    chosen = trip.page.locator(".composer__chosen .composer__item-title")
    expect(chosen.nth(0)).to_have_text("Erwartungen klären")
    expect(chosen.nth(1)).to_have_text("Der Rollenwechsel")
    expect(chosen.nth(3)).to_have_text("Abschluss: Ihr Führungsplan")
    trip.page.get_by_label("Name des Kurses").fill("Mein erstes Team")
    trip.step("zusammengestellt")
    trip.page.get_by_role("button", name="In den Warenkorb").click()
    expect(trip.page.locator("main")).to_contain_text(
        "E-Kurs nach Wunsch: Mein erstes Team"
    )
    checkout_as_guest(trip, email)
    pay(trip, "Testzahlung")
    trip.step("danke")
    link = trip.page.get_by_role("link", name=re.compile("Mein erstes Team"))
    expect(link.first).to_be_visible(timeout=60_000)
    with trip.page.expect_download() as download:
        link.first.click()
    data = open(download.value.path(), "rb").read()
    (trip.folder / "kurs.pdf").write_bytes(data)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    text = text.replace("\xa0", " ")
    assert email in text
    order = [text.rindex(t) for t in ("Erwartungen klären", "Der Rollenwechsel")]
    assert order == sorted(order)
    assert text.rindex("Abschluss: Ihr Führungsplan") > order[-1]
    trip.finish()


def test_the_composer_speaks_english_on_the_readers_choice(journey):
    trip = journey("kurs-nach-wunsch-englisch", js=True)
    trip.go(URL)
    trip.page.get_by_role("link", name="EN", exact=True).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("eCourse on demand")
    expect(trip.page.locator("main")).to_contain_text("Lessons and articles to choose")
    trip.step("composer-english")
    trip.page.get_by_role("link", name="DE", exact=True).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("E-Kurs nach Wunsch")
    trip.finish()


def test_a_reader_asks_the_editors_for_a_course(journey):
    trip = journey("kurswunsch", js=False)
    trip.go(URL)
    trip.page.get_by_role("link", name="Wir stellen Ihren Kurs zusammen").click()
    trip.page.get_by_role("button", name="Anfrage senden").click()
    expect(trip.page.locator("main")).to_contain_text(
        "Bitte prüfen Sie die markierten Felder."
    )
    trip.step("anfrage-fehler")
    trip.page.get_by_label("Ihr Name").fill("Ronja Berg")
    trip.page.get_by_label("Ihre E-Mail-Adresse").fill("ronja@example.org")
    trip.page.get_by_label("Gehalt").check()
    trip.page.get_by_label("Was soll der Kurs behandeln?").fill(
        "Ich verhandle im Frühjahr mein Gehalt neu."
    )
    trip.page.get_by_role("button", name="Anfrage senden").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Danke, Ihre Anfrage ist da"
    )
    trip.step("anfrage-eingegangen")
    staff = journey("kurswunsch-redaktion", js=True)
    staff.login_staff()
    staff.go("/admin/kurswuensche/")
    expect(staff.page.locator("main")).to_contain_text("Ronja Berg")
    staff.step("kurswuensche")
    staff.page.locator("tr", has_text="Ronja Berg").get_by_role(
        "link", name="Kurs zusammenstellen"
    ).first.click()
    staff.page.get_by_label(re.compile("Das Gehaltsgespräch führen")).check()
    staff.page.get_by_label(re.compile("Den eigenen Marktwert ermitteln")).check()
    staff.page.get_by_role("button", name="Angekreuzte hinzufügen").click()
    staff.page.get_by_label("Name des Kurses").fill("Gehalt neu verhandeln")
    staff.step("zusammenstellen")
    staff.page.get_by_role("button", name=re.compile("Link zu diesem Kurs")).click()
    expect(staff.page.locator("body")).to_contain_text("unterwegs")
    staff.step("verschickt")
    staff.finish()
    trip.finish()
