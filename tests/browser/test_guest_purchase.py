"""The guest purchase of an article PDF with the demo's test payment, in German, in
Chromium with JavaScript switched off: the reader clicks and types, nothing is
posted behind their back."""

import re

from playwright.sync_api import expect

PDF_TITLE = "Der erste Arbeitstag: Was wirklich zählt (PDF)"


def test_guest_buys_the_article_pdf_without_javascript(live_site, chromium, shot):
    base, var_dir = live_site
    context = chromium.new_context(
        java_script_enabled=False,
        locale="de-DE",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()

    page.goto(base + "/shop/catalogue/")
    page.get_by_role("link", name=PDF_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PDF_TITLE)
    shot(page, "01-produkt")

    page.get_by_role("button", name="In den Warenkorb").first.click()
    page.goto(base + "/shop/basket/")
    expect(page.get_by_text(PDF_TITLE).first).to_be_visible()
    shot(page, "02-warenkorb")

    page.get_by_role("link", name="Weiter zur Kasse").first.click()
    page.get_by_label("Ihre E-Mail-Adresse").fill("leserin@example.org")
    expect(page.get_by_label("Als Gast bestellen, ohne Kundenkonto")).to_be_checked()
    shot(page, "03-kasse")
    # The password box must not block the guest: the browser submits the form.
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie möchten Sie bezahlen?"
    )
    steps = page.get_by_role("navigation", name="Schritte der Bestellung")
    expect(steps).not_to_contain_text("Adresse")
    page.get_by_label(re.compile("Testzahlung")).check()
    shot(page, "04-zahlung")
    page.get_by_role("button", name="Weiter zur Übersicht").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Bestellung prüfen")
    expect(page.get_by_text("enthaltene MwSt. 7 %")).to_be_visible()
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()
    # Without the two waiver ticks the browser itself refuses to send the form
    # (the boxes are required), and the server would refuse it too.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Bestellung prüfen")
    assert page.url.endswith("/shop/checkout/preview/")
    page.get_by_label(re.compile("Ich stimme ausdrücklich zu")).check()
    page.get_by_label(re.compile("Mir ist bekannt")).check()
    shot(page, "05-pruefen")
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Bestellung"
    )
    expect(page.get_by_text("Ihre Zahlung ist eingegangen.")).to_be_visible()
    shot(page, "06-danke")
    # The payment-received mail went out with the invoice attached. The worker
    # writes it after the order's commit (the contract confirmation and the
    # e-invoice are rendered there too): give it a moment.
    for _ in range(60):
        mails = "\n".join(p.read_text() for p in (var_dir / "mail").glob("*.log"))
        if "leserin@example.org" in mails and "application/pdf" in mails:
            break
        page.wait_for_timeout(500)
    assert "leserin@example.org" in mails
    assert "Content-Type: application/pdf" in mails
    context.close()
