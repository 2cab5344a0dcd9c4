"""Staff pages as an editor and a shop manager use them: log in, then open the
page editor of an article, the page explorer of the magazine, the shop
dashboard's order list and the newsletter's subscriber list, one request after
another (as a person clicks), against the server `bench/run.py` started. Prints
one JSON line: p50 and p95 per page.

Usage (by bench/run.py): python bench/admin.py BASE_URL
"""

import http.cookiejar
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from blog.models import ArticlePage, BlogIndexPage
from demo.loader import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

ROUNDS = int(os.environ.get("ADMIN_ROUNDS", "20"))


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def timed(open_url, url: str, data: dict | None = None, headers=None) -> float:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 - the bench server on loopback
    started = time.perf_counter()
    with open_url(request) as response:
        response.read()
        if response.status != 200 or (data is None and response.url != url):
            # A redirect (to the login) would time the wrong page.
            raise SystemExit(f"{url}: {response.status} at {response.url}")
    return (time.perf_counter() - started) * 1000


def login(base: str):
    """The admin login as a browser does it: the form's CSRF token, then the
    post; returns the opener and the milliseconds the post took (redirect
    included)."""
    browser, jar = opener()
    page = browser.open(base + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    took = timed(
        browser.open,
        base + "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": DEMO_ADMIN_EMAIL,
            "password": DEMO_ADMIN_PASSWORD,
            "next": "/admin/",
        },
        {"Referer": base + "/admin/login/"},
    )
    return browser, took


def main() -> None:
    base = sys.argv[1].rstrip("/")
    article = ArticlePage.objects.live().order_by("pk").first()
    magazine = BlogIndexPage.objects.live().first()
    pages = {
        "page_editor": f"/admin/pages/{article.pk}/edit/",
        "page_explorer": f"/admin/pages/{magazine.pk}/",
        "order_list": "/shop/dashboard/orders/",
        "subscriber_list": "/admin/newsletter_subscribers/",
    }
    logins = []
    for _ in range(max(3, ROUNDS // 4)):
        browser, took = login(base)
        logins.append(took)
    for path in pages.values():  # the first request of each warms its caches
        timed(browser.open, base + path)
    times = {name: [] for name in pages}
    for _ in range(ROUNDS):
        for name, path in pages.items():
            times[name].append(timed(browser.open, base + path))
    times["login"] = logins
    print(  # noqa: T201
        json.dumps(
            {
                name: {
                    "p50_ms": statistics.median(values),
                    "p95_ms": sorted(values)[max(0, int(len(values) * 0.95) - 1)],
                    "n": len(values),
                }
                for name, values in times.items()
            }
        )
    )


if __name__ == "__main__":
    main()
