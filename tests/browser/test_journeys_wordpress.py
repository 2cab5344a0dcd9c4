"""The move from WordPress in Chromium: a member of staff uploads an export in the
admin, the worker imports it, the summary and the review list appear, and the
old addresses lead to the new pages. Photographed to var/browser/ and checked by
axe-core."""

import re
from pathlib import Path

from playwright.sync_api import expect

EXPORT = Path(__file__).resolve().parents[1] / "wpimport" / "data" / "kompass.xml"


def test_staff_imports_a_wordpress_export(journey, live_site):
    base, _var = live_site
    staff = journey("wordpress-import", js=True)
    staff.login_staff()
    staff.go("/admin/wordpress-import/")
    expect(staff.page.get_by_role("heading", level=1)).to_contain_text(
        "WordPress-Import"
    )
    staff.step("import-formular")
    staff.page.get_by_label("WordPress-Export (WXR)").set_input_files(str(EXPORT))
    staff.page.get_by_role("button", name="Import starten").click()
    expect(staff.page.locator("main")).to_contain_text("fertig", timeout=60_000)
    expect(staff.page.locator("main")).to_contain_text("Artikel")
    staff.step("import-zusammenfassung")
    staff.page.get_by_role("link", name=re.compile("Alle Importe")).click()
    expect(staff.page.locator("main")).to_contain_text("Lebenslauf ohne Lücken")
    staff.step("zu-pruefen")
    staff.finish()

    reader = journey("wordpress-alte-adressen", js=False)
    reader.go("/2024/03/lebenslauf-ohne-luecken/")
    expect(reader.page.get_by_role("heading", level=1)).to_have_text(
        "Lebenslauf ohne Lücken"
    )
    expect(reader.page.locator("main")).to_contain_text("Danke, das hilft mir sehr.")
    expect(reader.page.locator("main")).not_to_contain_text("Billig Uhren")
    reader.step("artikel-ueber-alte-adresse")
    reader.go("/?p=10")
    expect(reader.page.get_by_role("heading", level=1)).to_have_text(
        "Lebenslauf ohne Lücken"
    )
    reader.finish()
