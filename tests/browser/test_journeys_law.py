"""The legal journeys in Chromium, with JavaScript on and off: a reader withdraws
from a mixed order through the footer's "Vertrag widerrufen" (the downloaded PDF
is not covered, and the page says why), the shop manager finishes it when the
parcel is back; a stranger reports a comment and the moderator removes it; the
withdrawal function speaks English on the reader's choice. Every page is
photographed to var/browser/ and checked by axe-core."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .journey import checkout_as_guest, mails, pay, text_of, to_basket

PDF_TITLE = "Der erste Arbeitstag: Was wirklich zählt (PDF)"
BOOK = "Gut ankommen. Der Ratgeber für die ersten 100 Tage"
ARTICLE = "/magazin/die-ersten-100-tage/der-erste-arbeitstag/"
JS = pytest.mark.parametrize("js", [True, False], ids=["js", "ohne-js"])


def _address() -> str:
    return f"widerruf-{uuid.uuid4().hex[:8]}@example.org"


def _buy_book_and_pdf(trip, email: str) -> str:
    to_basket(trip, BOOK)
    to_basket(trip, PDF_TITLE)
    checkout_as_guest(trip, email)
    trip.page.get_by_label("Vorname").fill("Lena")
    trip.page.get_by_label("Nachname").fill("Sommer")
    trip.page.get_by_label(re.compile("^Straße")).fill("Gartenweg 3")
    trip.page.get_by_label("Postleitzahl").fill("04109")
    trip.page.get_by_label("Ort", exact=True).fill("Leipzig")
    trip.page.get_by_role("button", name=re.compile("Weiter")).click()
    trip.page.get_by_role("button", name="So versenden").click()
    return pay(trip, "Testzahlung")


@JS
def test_reader_withdraws_the_book_and_learns_why_the_pdf_stays(journey, live_site, js):
    trip = journey("widerruf", js=js)
    email = _address()
    number = _buy_book_and_pdf(trip, email)
    link = trip.page.get_by_role("link", name=PDF_TITLE)
    expect(link).to_be_visible(timeout=30_000)
    with trip.page.expect_download():
        link.click()

    trip.page.get_by_role("contentinfo").get_by_role(
        "link", name="Vertrag widerrufen"
    ).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Vertrag widerrufen")
    trip.step("widerruf-start")
    trip.page.get_by_label("Ihr Name").fill("Lena Sommer")
    trip.page.get_by_label("Bestellnummer").fill(number)
    trip.page.get_by_label("E-Mail-Adresse der Bestellung").fill("falsch@example.org")
    trip.page.get_by_role("button", name="Weiter").click()
    expect(trip.page.locator("main")).to_contain_text("Wir finden keine Bestellung")
    trip.step("widerruf-nicht-gefunden")
    trip.page.get_by_label("E-Mail-Adresse der Bestellung").fill(email)
    trip.page.get_by_role("button", name="Weiter").click()

    main = trip.page.locator("main")
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        f"Bestellung {number} widerrufen"
    )
    expect(main.locator(".withdrawal__items")).to_contain_text(BOOK)
    refused = main.locator(".withdrawal__refused")
    expect(refused).to_contain_text(PDF_TITLE)
    expect(refused).to_contain_text("erloschen")
    expect(refused).to_contain_text("§ 356 Abs. 5 BGB")
    expect(refused).to_contain_text(re.compile(r"Eintrag Nr\. \d+"))
    trip.step("widerruf-pruefen")
    trip.page.get_by_role("button", name="Widerruf bestätigen").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Ihr Widerruf ist eingegangen"
    )
    expect(trip.page.locator("main")).to_contain_text(
        re.compile(r"am \d{1,2}\. \w+ \d{4} um \d{2}:\d{2}")
    )
    trip.step("widerruf-eingegangen")

    _, var_dir = live_site
    confirmation = None
    for _ in range(40):
        found = [m for m in mails(var_dir, email) if "Widerrufs" in str(m["Subject"])]
        if found:
            confirmation = found[-1]
            break
        trip.page.wait_for_timeout(500)
    assert confirmation is not None, "no confirmation mail"
    body = text_of(confirmation)
    assert "Gut ankommen" in body and "Uhr" in body

    staff = journey("widerruf-verwaltung", js=True)
    staff.login_staff()
    staff.go("/admin/withdrawals/")
    row = staff.page.locator("tr", has_text=number)
    expect(row).to_contain_text("wartet auf die Rücksendung")
    staff.step("widerrufe")
    row.get_by_role("button", name="Paket zurück: erstatten").click()
    expect(staff.page.locator("tr", has_text=number)).to_contain_text(
        "Erstattung per Überweisung offen"
    )
    staff.step("widerrufe-erstattet")
    staff.finish()
    trip.finish()


@JS
def test_a_stranger_reports_a_comment_and_the_moderator_removes_it(journey, js):
    trip = journey("meldung", js=js)
    trip.go(ARTICLE)
    report = trip.page.locator(".comment__report").first
    expect(report).to_have_attribute(
        "aria-label", re.compile(r"^Kommentar von .+ melden$")
    )
    report.click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Kommentar melden")
    trip.page.get_by_role("button", name="Meldung senden").click()
    expect(trip.page.locator(".field-error").first).to_be_visible()
    trip.step("meldung-fehler")
    trip.page.get_by_label(re.compile("^rechtswidriger Inhalt")).check()
    trip.page.get_by_label("Begründung").fill(
        "Der Kommentar nennt die private Telefonnummer einer Kollegin."
    )
    trip.page.get_by_label(re.compile("in gutem Glauben")).check()
    trip.step("meldung-formular")
    trip.page.get_by_role("button", name="Meldung senden").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Meldung"
    )
    trip.step("meldung-eingegangen")

    staff = journey("meldung-moderation", js=True)
    staff.login_staff()
    staff.go("/admin/comments/reports/")
    expect(staff.page.locator("main")).to_contain_text("private Telefonnummer")
    expect(staff.page.locator("main")).to_contain_text(
        "Zahlen für den Transparenzbericht"
    )
    staff.step("meldungen")
    staff.page.locator("tr", has_text="private Telefonnummer").get_by_role(
        "link", name="Entscheiden"
    ).first.click()
    staff.step("moderieren")
    staff.page.get_by_role(
        "button", name="Meldungen abschließen, Kommentar bleibt"
    ).click()
    expect(staff.page.locator("main")).to_contain_text("Inhalt belassen")
    staff.finish()
    trip.finish()


def test_the_withdrawal_function_speaks_english_on_the_readers_choice(journey):
    trip = journey("widerruf-englisch", js=True)
    trip.go("/vertrag-widerrufen/")
    trip.page.get_by_role("link", name="EN", exact=True).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Withdraw from a contract"
    )
    expect(trip.page.locator("main")).to_contain_text("Order number")
    trip.step("withdrawal-english")
    trip.page.get_by_role("link", name="DE", exact=True).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Vertrag widerrufen")
    trip.finish()
