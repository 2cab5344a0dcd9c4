"""The Content-Security-Policy is on, and nothing the site does breaks it: a reader
with JavaScript buys an article PDF, an editor opens the page editor, adds a block
to the StreamField and picks an image in the chooser, a shop manager opens the
dashboard's orders. Chromium reports every violation to the page
(`securitypolicyviolation`); none may occur."""

import re

from playwright.sync_api import expect

ADMIN = ("admin@kompass-verlag.example", "kompass-demo")
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(
    event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile
  );
});
"""


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def _context(chromium):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.add_init_script(LISTEN)
    return context


def test_the_reader_pays_with_javascript_and_no_violation(live_site, chromium, shot):
    base, _var_dir = live_site
    context = _context(chromium)
    page = context.new_page()
    seen = []
    response = page.goto(base + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    page.goto(base + "/magazin/die-ersten-100-tage/der-erste-arbeitstag/")
    seen += _violations(page)
    page.goto(base + "/shop/catalogue/")
    page.get_by_role("link", name=re.compile(r"\(PDF\)")).first.click()
    page.get_by_role("button", name="In den Warenkorb").first.click()
    page.goto(base + "/shop/basket/")
    seen += _violations(page)
    page.get_by_role("link", name="Weiter zur Kasse").first.click()
    page.get_by_label("Ihre E-Mail-Adresse").fill("csp@example.org")
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label(re.compile("Testzahlung")).check()
    page.get_by_role("button", name="Weiter zur Übersicht").click()
    page.get_by_label(re.compile("Ich stimme ausdrücklich zu")).check()
    page.get_by_label(re.compile("Mir ist bekannt")).check()
    seen += _violations(page)
    page.get_by_role("button", name="Zahlungspflichtig bestellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Bestellung"
    )
    seen += _violations(page)
    shot(page, "csp-01-danke")
    assert seen == []
    context.close()


def test_the_editor_and_the_shop_manager_work_without_a_violation(
    live_site, chromium, shot
):
    base, _var_dir = live_site
    context = _context(chromium)
    page = context.new_page()
    seen = []
    page.goto(base + "/admin/login/")
    page.fill("#id_username", ADMIN[0])
    page.fill("#id_password", ADMIN[1])
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    seen += _violations(page)

    page.goto(base + "/admin/pages/search/?q=Magazin")
    seen += _violations(page)
    edit = page.locator("a[href*='/edit/']", has_text="Magazin").first
    magazine_id = re.search(r"/admin/pages/(\d+)/", edit.get_attribute("href")).group(1)
    page.goto(base + f"/admin/pages/{magazine_id}/")  # the explorer
    seen += _violations(page)

    # A new article: the StreamField and the image chooser.
    page.goto(base + f"/admin/pages/add/blog/articlepage/{magazine_id}/")
    page.locator("button[data-chooser-action-choose]").first.click()
    expect(page.get_by_role("heading", name="Bild auswählen")).to_be_visible()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    expect(page.locator(".modal")).to_be_hidden()
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option").first.click()
    expect(
        page.locator("[data-contentpath='body'] .w-panel, .c-sf-block").first
    ).to_be_visible()
    shot(page, "csp-02-editor")
    seen += _violations(page)

    page.goto(base + "/shop/dashboard/orders/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    seen += _violations(page)
    page.goto(base + "/shop/dashboard/catalogue/")
    seen += _violations(page)
    shot(page, "csp-03-dashboard")
    assert seen == []
    context.close()
