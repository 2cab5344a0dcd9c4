"""The reader's journeys in German, each with JavaScript on and off: buying the
article PDF and reading the stamp in it, a book with shipping in a mixed basket,
prepayment settled in the dashboard, an account from registration to its pages,
a comment through moderation, and the e-mail course with its pause and resume.
Every page is photographed to var/browser/ and checked by axe-core."""

import io
import re
import uuid

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .journey import checkout_as_guest, mail_link, order_status_set, pay, to_basket

PDF_TITLE = "Der erste Arbeitstag: Was wirklich zählt (PDF)"
BOOK = "Gut ankommen. Der Ratgeber für die ersten 100 Tage"
COURSE = "E-Kurs: Souverän führen"
ARTICLE = "/magazin/die-ersten-100-tage/der-erste-arbeitstag/"
JS = pytest.mark.parametrize("js", [True, False], ids=["js", "ohne-js"])


def _address() -> str:
    return f"leserin-{uuid.uuid4().hex[:8]}@example.org"


@JS
def test_reader_buys_the_article_pdf_and_finds_the_stamp_in_it(journey, js):
    trip = journey("leser-pdf", js=js)
    email = _address()
    to_basket(trip, PDF_TITLE)
    checkout_as_guest(trip, email)
    pay(trip, "Testzahlung")
    trip.step("danke")
    link = trip.page.get_by_role("link", name=PDF_TITLE)
    expect(link).to_be_visible(timeout=30_000)  # the page refreshes until ready
    with trip.page.expect_download() as download:
        link.click()
    data = open(download.value.path(), "rb").read()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert email in text.replace("\xa0", " ")
    trip.finish()


@JS
def test_reader_buys_a_book_and_a_pdf_with_shipping_to_germany(journey, js):
    trip = journey("leser-buch", js=js)
    to_basket(trip, BOOK)
    to_basket(trip, PDF_TITLE)
    checkout_as_guest(trip, _address())
    expect(trip.page.get_by_role("heading", level=1)).to_contain_text(
        "Wohin sollen wir Ihre Bestellung schicken?"
    )
    trip.page.get_by_label("Vorname").fill("Lena")
    trip.page.get_by_label("Nachname").fill("Sommer")
    trip.page.get_by_label(re.compile("^Straße")).fill("Gartenweg 3")
    trip.page.get_by_label("Postleitzahl").fill("04109")
    trip.page.get_by_label("Ort", exact=True).fill("Leipzig")
    trip.step("adresse")
    trip.page.get_by_role("button", name=re.compile("Weiter")).click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Versand")
    trip.step("versand")
    trip.page.get_by_role("button", name="So versenden").click()
    pay(trip, "Testzahlung")
    trip.step("danke")
    body = trip.page.locator("main")
    expect(body).to_contain_text("04109 Leipzig")
    expect(body).to_contain_text("Versand innerhalb Deutschlands")
    expect(body).to_contain_text(re.compile(r"Gesamtbetrag\s*32,79"))
    trip.finish()


@JS
def test_prepayment_order_is_marked_paid_and_the_downloads_appear(
    journey, live_site, js
):
    _base, var_dir = live_site
    trip = journey("vorkasse", js=js)
    email = _address()
    to_basket(trip, PDF_TITLE)
    checkout_as_guest(trip, email)
    number = pay(trip, "Vorkasse")
    expect(trip.page.get_by_text("Bitte überweisen Sie den Betrag")).to_be_visible()
    trip.step("danke-ueberweisung")

    staff = journey("vorkasse-shopverwaltung" + ("" if js else "-fuer-ohne-js"))
    staff.login_staff()
    staff.go(f"/shop/dashboard/orders/{number}/")
    expect(staff.page.locator("body")).to_contain_text("Überweisung ausstehend")
    order_status_set(staff, "Bezahlt")
    expect(staff.page.locator("body")).to_contain_text("Bezahlt")
    staff.step("bezahlt")

    status = mail_link(var_dir, email, "/order-status/")
    trip.page.goto(status)
    if trip.page.get_by_role("button", name="Bestellung anzeigen").count():
        # A browser that has not seen the order asks for the address first.
        trip.step("bestellung-adresse")
        trip.page.locator("main").get_by_label("E-Mail-Adresse").fill(email)
        trip.page.get_by_role("button", name="Bestellung anzeigen").click()
    trip.step("bestellung-mit-download")
    expect(trip.page.get_by_role("link", name=PDF_TITLE)).to_be_visible()
    trip.finish()
    staff.finish()


@JS
def test_account_from_registration_to_downloads_and_courses(journey, live_site, js):
    _base, var_dir = live_site
    trip = journey("konto", js=js)
    email = _address()
    trip.go("/shop/accounts/login/")
    trip.step("anmelden-oder-registrieren")
    form = trip.page.locator("#register_form")
    form.get_by_label("Vorname").fill("Ida")
    form.get_by_label("Nachname").fill("Neumann")
    form.get_by_label("E-Mail-Adresse").fill(email)
    form.get_by_label("Passwort", exact=True).fill("ein-langes-passwort-2026")
    form.get_by_label("Passwort bestätigen").fill("ein-langes-passwort-2026")
    form.get_by_role("button", name="Konto eröffnen").click()
    expect(trip.page.get_by_text("Wir haben Ihnen eine E-Mail")).to_have_count(1)
    trip.step("registriert")

    trip.page.goto(mail_link(var_dir, email, "/activate/"))
    expect(trip.page.get_by_text("Ihr Kundenkonto ist aktiv")).to_be_visible()
    trip.step("aktiviert")
    trip.page.get_by_role("navigation", name="Ihr Konto").get_by_role(
        "link", name="Abmelden"
    ).click()
    trip.step("abgemeldet")
    trip.go("/shop/accounts/login/")
    login = trip.page.locator("#login_form")
    login.get_by_label("E-Mail-Adresse").fill(email)
    login.get_by_label("Passwort").fill("ein-langes-passwort-2026")
    login.get_by_role("button", name="Anmelden").click()
    trip.step("konto")
    nav = trip.page.get_by_role("navigation", name="Ihr Konto")
    nav.get_by_role("link", name="Meine Downloads").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Meine Downloads")
    trip.step("meine-downloads")
    nav = trip.page.get_by_role("navigation", name="Ihr Konto")
    nav.get_by_role("link", name="Meine Kurse").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text("Meine Kurse")
    trip.step("meine-kurse")
    trip.finish()


@JS
def test_comment_with_both_consents_is_moderated_then_visible(journey, js):
    trip = journey("kommentar", js=js)
    text = f"Danke für die Liste. Notiz {uuid.uuid4().hex[:6]}."
    trip.go(ARTICLE)
    form = trip.page.locator("form.comment-form__form").first
    form.locator("#comment-name").fill("Ida Leserin")
    form.locator("#comment-email").fill(_address())
    form.locator("#comment-text").fill(text)
    form.locator("#comment-rules").check()
    form.locator("#comment-privacy").check()
    trip.step("kommentar-schreiben")
    trip.page.wait_for_timeout(6_000)  # writing takes longer than the 5 s trap
    form.get_by_role("button", name="Kommentar senden").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Danke für Ihren Kommentar"
    )
    trip.step("eingang")

    staff = journey("kommentar-moderation" + ("" if js else "-fuer-ohne-js"))
    staff.login_staff()
    staff.go("/admin/comments/comments/?status=pending")
    staff.step("moderation")
    row = staff.page.locator("tr", has_text="Ida Leserin").first
    review = row.locator("a", has_text="Moderieren").first.get_attribute("href")
    staff.page.goto(staff.base + review)  # the row's "Moderieren" action
    expect(staff.page.locator("main")).to_contain_text(text)
    staff.step("pruefen")
    staff.page.get_by_role("button", name="Freigeben", exact=True).click()
    staff.step("freigegeben")

    trip.go(ARTICLE)
    expect(trip.page.get_by_text(text)).to_be_visible()
    trip.step("sichtbar")
    trip.finish()
    staff.finish()


@JS
def test_course_bought_read_by_link_paused_and_resumed(journey, live_site, js):
    _base, var_dir = live_site
    trip = journey("kurs", js=js)
    email = _address()
    to_basket(trip, COURSE)
    checkout_as_guest(trip, email)
    pay(trip, "Testzahlung")
    trip.step("danke")

    trip.page.goto(mail_link(var_dir, email, "/kurse/lektion/"))
    expect(trip.page.get_by_role("heading", level=1)).to_be_visible()
    trip.step("lektion-per-link")

    trip.page.goto(mail_link(var_dir, email, "/kurse/verwalten/"))
    trip.step("kursbereich")
    trip.page.get_by_role("button", name=re.compile("Pausieren")).click()
    expect(trip.page.locator("main")).to_contain_text(re.compile("pausiert", re.I))
    trip.step("pausiert")
    trip.page.get_by_role("button", name=re.compile("Fortsetzen")).click()
    expect(trip.page.locator("main")).not_to_contain_text(
        re.compile("ist pausiert", re.I)
    )
    trip.step("fortgesetzt")
    trip.finish()


def _tab_to(page, describe: str, matches: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches (a JavaScript predicate on
    `el`); only the keyboard moves the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"() => {{ const el = document.activeElement; return {matches}; }}"
        ):
            return
    raise AssertionError(f"Tab never reached {describe}")


def _enter(page) -> None:
    """Press Enter on the focused link or button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_guest_checkout_with_the_keyboard_alone(journey):
    """Tab, Space, Enter and the arrow keys: no mouse from the product to the
    thank-you page."""
    trip = journey("tastatur", width=1280)
    page = trip.page
    trip.go("/shop/catalogue/der-erste-arbeitstag-was-wirklich-zahlt-pdf_1/")
    _tab_to(page, "the basket button", "el.textContent.trim() === 'In den Warenkorb'")
    _enter(page)
    _tab_to(page, "the basket link", "el.getAttribute('href') === '/shop/basket/'")
    _enter(page)
    trip.step("warenkorb")
    _tab_to(page, "the checkout link", "el.textContent.trim() === 'Weiter zur Kasse'")
    _enter(page)
    _tab_to(page, "the e-mail box", "el.name === 'username'")
    page.keyboard.type(_address())
    trip.step("kasse")
    _tab_to(page, "the continue button", "el.textContent.trim() === 'Weiter'")
    _enter(page)
    _tab_to(page, "the payment choice", "el.name === 'method'")
    for _ in range(4):
        if page.evaluate("() => document.activeElement.value") == "test":
            break
        page.keyboard.press("ArrowDown")  # moves and selects within the group
    assert page.evaluate("() => document.activeElement.checked")
    trip.step("zahlung")
    _tab_to(
        page, "the review button", "el.textContent.trim() === 'Weiter zur Übersicht'"
    )
    _enter(page)
    for name in ("early_delivery", "waiver"):
        _tab_to(page, name, f"el.name === '{name}'")
        page.keyboard.press("Space")
    trip.step("pruefen")
    _tab_to(page, "the order button", "el.id === 'place-order'")
    _enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Bestellung"
    )
    trip.step("danke")
    trip.finish()
