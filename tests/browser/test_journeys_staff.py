"""The newsletter from both sides, the editor's article and the shop manager's
refund, in German: every page photographed to var/browser/ and checked by
axe-core. The subscriber's side runs with JavaScript on and off."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .journey import (
    checkout_as_guest,
    mail_link,
    mails,
    order_status_set,
    pay,
    to_basket,
)

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "ohne-js"])
PDF_TITLE = "Der erste Arbeitstag: Was wirklich zählt (PDF)"


def _issue_written_and_sent(staff, subject: str) -> None:
    """The editor writes an issue, looks at its preview, tests it, sends it."""
    staff.go("/admin/newsletter/issues/add/")
    staff.page.locator("#id_newsletter").select_option(label="Neuigkeiten")
    staff.page.locator("#id_subject").fill(subject)
    staff.page.get_by_title("Einen Block einfügen").first.click()
    staff.page.get_by_role("option", name="Text", exact=True).click()
    staff.page.locator("[data-streamfield-stream-container] [role=textbox]").first.fill(
        "Diesen Monat: drei Artikel über die ersten Wochen im neuen Job."
    )
    staff.step("ausgabe-schreiben")
    staff.page.get_by_role("button", name="Speichern").first.click()
    staff.page.wait_for_url(re.compile(r"/admin/newsletter/issues/"))
    staff.step("gespeichert")
    staff.go("/admin/newsletter/issues/")
    row = staff.page.locator("tr", has_text=subject).first
    send = row.locator("a[href$='/send/']").first.get_attribute("href")
    staff.page.goto(staff.base + send)
    staff.step("senden")
    preview = staff.page.get_by_role("link", name="Vorschau").get_attribute("href")
    staff.page.goto(staff.base + preview)
    expect(staff.page.locator("body")).to_contain_text("drei Artikel")
    staff.step("vorschau")
    staff.page.goto(staff.base + send)
    staff.page.get_by_role("button", name=re.compile("^Test an")).click()
    expect(staff.page.get_by_text(re.compile("Testmail|Test-E-Mail"))).to_be_visible()
    staff.step("test-gesendet")
    staff.page.get_by_role("button", name="Jetzt senden").click()
    expect(
        staff.page.get_by_role("heading", name="Diese Ausgabe jetzt senden?")
    ).to_be_visible()
    staff.step("senden-bestaetigen")
    staff.page.get_by_role("button", name=re.compile("^Ja, an ")).click()
    expect(staff.page.locator("main")).to_contain_text(re.compile("versandt|Versand"))
    staff.step("gesendet")


@JS
def test_newsletter_sign_up_confirm_preferences_issue_and_one_click_unsubscribe(
    journey, live_site, js
):
    _base, var_dir = live_site
    reader = journey("newsletter", js=js)
    email = f"abo-{uuid.uuid4().hex[:8]}@example.org"
    reader.go("/")
    footer = reader.page.get_by_role("region", name="Newsletter")
    footer.get_by_label("E-Mail-Adresse").fill(email)
    reader.step("anmelden")
    footer.get_by_role("button", name="Abonnieren").click()
    reader.step("bestaetigung-geschickt")

    reader.page.goto(mail_link(var_dir, email, "/newsletter/confirm/"))
    reader.step("bestaetigen")
    reader.page.get_by_role("button", name=re.compile("Ja, ")).click()
    expect(reader.page.get_by_role("heading", level=1)).to_contain_text("bestätigt")
    reader.step("bestaetigt")
    reader.page.get_by_role("link", name=re.compile("Newsletter verwalten")).click()
    reader.page.get_by_label("Name (freiwillig)").fill("Ida")
    reader.step("einstellungen")
    reader.page.get_by_role("button", name="Speichern", exact=True).click()
    reader.step("einstellungen-gespeichert")

    staff = journey("newsletter-redaktion" + ("" if js else "-fuer-ohne-js"))
    staff.login_staff()
    subject = f"Post im Dezember {uuid.uuid4().hex[:4]}"
    _issue_written_and_sent(staff, subject)

    issue = next(m for m in reversed(mails(var_dir, email)) if m["Subject"] == subject)
    assert issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    target = re.search(r"<(https?://[^>]+)>", issue["List-Unsubscribe"]).group(1)
    # What a mail program does for its "unsubscribe" button (RFC 8058).
    answer = reader.page.request.post(target, form={"List-Unsubscribe": "One-Click"})
    assert answer.status == 200
    reader.page.goto(mail_link(var_dir, email, "/newsletter/preferences/"))
    expect(reader.page.locator("main")).to_contain_text("abgemeldet")
    reader.step("abgemeldet")
    reader.finish()
    staff.finish()


def test_shop_manager_refunds_an_order_and_the_download_stops(journey, live_site):
    _base, var_dir = live_site
    reader = journey("erstattung-leserin")
    email = f"erstattung-{uuid.uuid4().hex[:8]}@example.org"
    to_basket(reader, PDF_TITLE)
    checkout_as_guest(reader, email)
    number = pay(reader, "Testzahlung")
    download = mail_link(var_dir, email, "/shop/downloads/")
    reader.step("gekauft")

    staff = journey("erstattung")
    staff.login_staff()
    staff.go("/shop/dashboard/orders/")
    staff.step("bestellungen")
    staff.page.get_by_role("link", name=number, exact=True).click()
    expect(staff.page.locator("#order-downloads")).to_contain_text("Offen")
    order_status_set(staff, "Erstattet")
    expect(staff.page.locator("#order-downloads")).to_contain_text("Gesperrt")
    staff.step("erstattet")

    reader.page.goto(download)
    expect(reader.page.get_by_role("heading", level=1)).to_have_text(
        "Download nicht verfügbar"
    )
    expect(reader.page.locator("main")).to_contain_text("storniert oder erstattet")
    reader.step("download-gesperrt")
    reader.finish()
    staff.finish()


def _png(path, colour=(31, 78, 95)) -> str:
    from PIL import Image

    Image.new("RGB", (1200, 675), colour).save(path)
    return str(path)


def _choose(staff, button, pick: str) -> None:
    """Open a chooser, search for `pick`, take it."""
    button.click()
    # The open one: the page editor keeps other dialogs (privacy, comments) in the
    # page, and which of them comes last depends on when Wagtail adds them.
    modal = staff.page.locator(".modal.show:visible, [role=dialog]:visible").last
    expect(modal).to_be_visible()
    search = modal.locator("input[type=search], input[name=q]").first
    if search.count():
        search.fill(pick)
        staff.page.wait_for_timeout(800)
    modal.get_by_text(pick, exact=False).first.click()
    expect(modal).to_be_hidden()


def test_editor_writes_an_article_sold_as_pdf_and_finds_it_in_the_shop(
    journey, tmp_path
):
    staff = journey("redaktion-artikel")
    staff.login_staff()
    token = uuid.uuid4().hex[:6]
    image_title = f"Kontaktbörse Skizze {token}"

    # The image and its rights: credit, licensor, licence.
    staff.go("/admin/images/add/")
    staff.page.locator("#id_title").fill(image_title)
    staff.page.locator("#id_file").set_input_files(_png(tmp_path / "skizze.png"))
    staff.page.locator("#id_credit_line").fill("Illustration: Jana Roth")
    staff.page.locator("#id_licensor").fill("Atelier Roth")
    staff.page.locator("#id_licence").fill("Redaktionelle Nutzung, unbefristet")
    staff.step("bild-hochladen")
    staff.page.get_by_role(
        "button", name=re.compile("Hochladen|Speichern")
    ).first.click()
    staff.page.wait_for_url(re.compile(r"/admin/images/"))
    staff.step("bild-gespeichert")

    # The article: text, the image, books on the topic, an author, sold as PDF.
    staff.go("/admin/pages/search/?q=Magazin")
    staff.page.get_by_role("link", name="Magazin", exact=True).first.click()
    magazine = re.search(r"/admin/pages/(\d+)/", staff.page.url).group(1)
    staff.go(f"/admin/pages/add/blog/articlepage/{magazine}/")
    title = f"Kontaktbörse für Einsteiger {token}"
    staff.page.locator("#id_title").fill(title)
    staff.page.locator("#id_lead").fill(
        "Wie Sie in den ersten Wochen die Menschen kennenlernen, die weiterhelfen."
    )
    stream = staff.page.locator("[data-streamfield-stream-container]").first
    stream.get_by_title("Einen Block einfügen").first.click()
    staff.page.get_by_role("option", name="Text", exact=True).click()
    stream.locator("[role=textbox]").last.fill(
        "Notieren Sie nach jedem Gespräch einen Namen und eine Frage."
    )
    stream.get_by_title("Einen Block einfügen").last.click()
    staff.page.get_by_role("option", name="Bild", exact=True).click()
    _choose(
        staff, stream.get_by_role("button", name="Bild auswählen").last, image_title
    )
    stream.get_by_title("Einen Block einfügen").last.click()
    staff.page.get_by_role("option", name="Produkte zum Thema", exact=True).click()
    _choose(
        staff,
        stream.get_by_role("button", name=re.compile("Produkt auswählen")).last,
        "Gut ankommen",
    )
    _choose(
        staff,
        staff.page.get_by_role("button", name="Autorin/Autor auswählen").first,
        "Mara Lindqvist",
    )
    staff.page.get_by_label("Als PDF verkaufen").check()
    staff.page.get_by_label("PDF-Preis (brutto, €)").fill("2.99")
    staff.step("artikel-schreiben")
    staff.page.locator("[data-w-dropdown-target='toggle']").last.click()
    staff.page.get_by_role("button", name="Veröffentlichen").click()
    expect(staff.page.locator("body")).to_contain_text("veröffentlicht")
    staff.step("veroeffentlicht")

    # In the shop: the article's PDF, and on the article its credit.
    shop = journey("redaktion-artikel-shop")
    shop.go("/shop/catalogue/")
    shop.page.get_by_role("link", name=f"{title} (PDF)").first.click()
    expect(shop.page.get_by_role("heading", level=1)).to_have_text(f"{title} (PDF)")
    shop.step("im-shop")
    shop.page.get_by_role("link", name=title).first.click()
    assert f"/kontaktboerse-fuer-einsteiger-{token}/" in shop.page.url
    expect(shop.page.locator("main")).to_contain_text("Illustration: Jana Roth")
    shop.step("artikel")
    staff.finish()
    shop.finish()
