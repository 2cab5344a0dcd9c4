"""What every browser journey shares: a context in German (JavaScript on or off),
a screenshot and an axe-core check of every page it reaches, the mails the demo
server wrote, and logging in as the demo's staff."""

import email
import email.policy
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "var" / "browser"
ADMIN = ("admin@kompass-verlag.example", "kompass-demo")
BLOCKING = {"serious", "critical"}


class Auditor:
    """axe-core over the page itself when JavaScript is on, else over a copy of
    its DOM in a page of its own (a journey without JavaScript cannot run it);
    the copy's stylesheets load from the site through a <base>, so colour
    contrast is checked as the reader sees it."""

    def __init__(self, page):
        self.page = page

    def audit(self, page, *, live: bool) -> list[str]:
        """Check `page` itself (`live`: JavaScript on, the CSP bypassed for the
        injected script only) or a copy of its DOM."""
        if not AXE.exists():
            raise RuntimeError("axe-core is missing: `make test-browser` installs it")
        if live:
            target = page
            target.wait_for_load_state("networkidle")
        else:
            html = page.content()
            html = re.sub(
                r"<head([^>]*)>", rf'<head\1><base href="{page.url}">', html, count=1
            )
            html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
            target = self.page
            target.set_content(html, wait_until="load")
        target.add_script_tag(path=str(AXE))
        found = target.evaluate(
            """async () => (await axe.run(document)).violations.map(v => ({
                impact: v.impact, id: v.id,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ['
                    + (n.failureSummary || '').split(String.fromCharCode(10))
                        .slice(1).join(' ').trim().slice(0, 160)
                    + ']')}))"""
        )
        return [
            f"{item['impact']} {item['id']}: {', '.join(item['nodes'])}"
            for item in found
            if item["impact"] in BLOCKING
        ]


class Journey:
    def __init__(
        self, chromium, auditor, live_site, name, *, js=True, width=1280, height=900
    ):
        self.base, self.var_dir = live_site
        self.name = name + ("" if js else "-ohne-js")
        self.js = js
        self.context = chromium.new_context(
            java_script_enabled=js,
            bypass_csp=js,  # axe-core is injected; the CSP has its own journey
            locale="de-DE",
            viewport={"width": width, "height": height},
            extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"},
            accept_downloads=True,
        )
        self.page = self.context.new_page()
        self.auditor = auditor
        self.steps = 0
        self.started = time.monotonic()
        self.problems: list[str] = []
        self.folder = SHOTS / self.name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()

    def go(self, path: str):
        return self.page.goto(self.base + path)

    def step(self, label: str) -> None:
        """Photograph the page and check it with axe-core."""
        self.steps += 1
        if self.js:
            # The whole page is photographed: images below the fold, which the
            # browser would fetch on scrolling (loading="lazy"), are fetched first.
            self.page.evaluate(
                "document.querySelectorAll('img[loading=lazy]')"
                ".forEach(img => { img.loading = 'eager'; })"
            )
            self.page.wait_for_function(
                "Array.from(document.images).every(img => img.complete)",
                timeout=10_000,
            )
        self.page.screenshot(
            path=str(self.folder / f"{self.steps:02d}-{label}.png"), full_page=True
        )
        for problem in self.auditor.audit(self.page, live=self.js):
            self.problems.append(f"{label} ({self.page.url}): {problem}")

    def finish(self) -> float:
        """Fail on any serious or critical accessibility finding; the seconds the
        journey took (for the closing note: var/browser/times.txt)."""
        seconds = time.monotonic() - self.started
        with open(SHOTS / "times.txt", "a") as log:
            log.write(f"{self.name}\t{seconds:.1f} s\t{self.steps} pages\n")
        assert not self.problems, "\n".join(self.problems)
        return seconds

    def login_staff(self) -> None:
        self.go("/admin/login/")
        self.page.fill("#id_username", ADMIN[0])
        self.page.fill("#id_password", ADMIN[1])
        self.page.click("button[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def close(self) -> None:
        self.context.close()


def mails(var_dir: Path, to: str) -> list[email.message.EmailMessage]:
    """The mails the server wrote to `to` (Django's file backend: messages one
    after another, each ended by a line of 79 dashes), oldest first."""
    found = []
    for path in sorted(
        (var_dir / "mail").glob("*.log"), key=lambda p: p.stat().st_mtime
    ):
        for raw in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if not raw.strip():
                continue
            message = email.message_from_string(
                raw.strip() + "\n", policy=email.policy.default
            )
            if to in str(message.get("To", "")):
                found.append(message)
    return found


def text_of(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def mail_link(var_dir: Path, to: str, pattern: str, *, wait: float = 20) -> str:
    """The first link matching `pattern` in the newest mail to `to` that has one
    (the outbox hands mails to the worker: waits for them a little)."""
    deadline = time.monotonic() + wait
    while True:
        for message in reversed(mails(var_dir, to)):
            found = re.search(r"https?://\S*" + pattern + r"\S*", text_of(message))
            if found:
                return found.group(0).rstrip(".,)>")
        if time.monotonic() > deadline:
            raise AssertionError(f"no mail to {to} with a link like {pattern}")
        time.sleep(0.5)


# --- the shop's steps, as a reader and a shop manager take them -----------------


def to_basket(trip: Journey, title: str) -> None:
    """From the catalogue to the product page, and into the basket."""
    from playwright.sync_api import expect

    trip.go("/shop/catalogue/")
    trip.page.get_by_role("link", name=title).first.click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(title)
    trip.page.get_by_role("button", name="In den Warenkorb").first.click()


def checkout_as_guest(trip: Journey, email: str) -> None:
    trip.go("/shop/basket/")
    trip.step("warenkorb")
    trip.page.get_by_role("link", name="Weiter zur Kasse").first.click()
    trip.page.get_by_label("Ihre E-Mail-Adresse").fill(email)
    trip.step("kasse")
    trip.page.get_by_role("button", name="Weiter").click()


def pay(trip: Journey, method: str) -> str:
    """Choose `method`, tick the waiver where downloads are bought, order; the
    order number from the thank-you page."""
    from playwright.sync_api import expect

    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Wie möchten Sie bezahlen?"
    )
    trip.page.get_by_label(re.compile(method)).check()
    trip.step("zahlung")
    trip.page.get_by_role("button", name="Weiter zur Übersicht").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Ihre Bestellung prüfen"
    )
    for box in ("Ich stimme ausdrücklich zu", "Mir ist bekannt"):
        label = trip.page.get_by_label(re.compile(box))
        if label.count():
            label.check()
    trip.step("pruefen")
    trip.page.get_by_role("button", name="Zahlungspflichtig bestellen").click()
    expect(trip.page.get_by_role("heading", level=1)).to_have_text(
        "Vielen Dank für Ihre Bestellung"
    )
    return re.search(
        r"Bestellnummer lautet <strong>(\d+)</strong>", trip.page.content()
    ).group(1)


def order_status_set(staff: Journey, status: str) -> None:
    """On the dashboard's order page: the order's status form, not the lines'."""
    form = staff.page.locator("#order_status_form")
    form.locator("select[name=new_status]").select_option(status)
    staff.step("bestellung")
    form.get_by_role("button", name="Status ändern").click()
