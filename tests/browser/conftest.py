"""Browser journeys: a real server with the demo content, driven by Debian's Chromium
through Playwright. Run by `make test-browser` (and CI), which sets
IMPRINT_BROWSER_TESTS=1; a plain `make test` skips them.

The server is `manage.py runserver` in a process of its own, on a fresh SQLite
database in a temporary VAR_DIR, migrated and loaded with `load_demo`, exactly as
`make run` serves it. Screenshots of each step go to var/browser/ for a human to look
at.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "var" / "browser"


def pytest_collection_modifyitems(config, items):
    if os.environ.get("IMPRINT_BROWSER_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="browser journeys run with `make test-browser`")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """The demo site served on a free port; yields (base URL, its VAR_DIR).
    BROWSER_SITE=http://host:port,/its/var/dir points the journeys at a server
    already running (`make run`) while writing them."""
    if os.environ.get("BROWSER_SITE"):
        base, var = os.environ["BROWSER_SITE"].split(",")
        yield base, Path(var)
        return
    var_dir = tmp_path_factory.mktemp("browser-var")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        VAR_DIR=str(var_dir),
        SITE_DOMAIN=f"127.0.0.1:{port}",
        TASKS_BACKEND="immediate",
        DEBUG="0",
        LOG_LEVEL="ERROR",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(
            manage + command, cwd=ROOT, env=env, check=True, capture_output=True
        )
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urlopen(base + "/", timeout=2)  # noqa: S310  (our own local server)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the demo server did not start")
        yield base, var_dir
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture(scope="session")
def auditor(chromium):
    """A page that runs axe-core (from npm) over a copy of any journey page."""
    from .journey import Auditor

    context = chromium.new_context(bypass_csp=True, locale="de-DE")
    yield Auditor(context.new_page())
    context.close()


@pytest.fixture
def journey(chromium, auditor, live_site):
    """`journey(name, js=True, width=1280)`: a browser context whose every step
    is photographed to var/browser/<name>/ and checked by axe-core."""
    from .journey import Journey

    made = []

    def start(
        name: str, *, js: bool = True, width: int = 1280, height: int = 900
    ) -> Journey:
        trip = Journey(
            chromium, auditor, live_site, name, js=js, width=width, height=height
        )
        made.append(trip)
        return trip

    yield start
    for trip in made:
        trip.close()
