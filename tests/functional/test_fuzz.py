"""Strangers' input, generated: hypothesis posts arbitrary text (control
characters, NUL, other scripts, very long values, broken tokens) to every public
form and endpoint. No answer may be a 500, and every error page a reader sees is
in German.

The examples per endpoint and the answers they got are written to
var/fuzz-report.json for the closing note of a change.
"""

import fcntl
import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.flows.checkout import add_to_basket, as_guest, choose_payment

pytestmark = pytest.mark.django_db

# 200 per endpoint; CI's second pass (SQLite) runs fewer (FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
REPORT = Path(__file__).resolve().parents[2] / "var" / "fuzz-report.json"
_seen: dict[str, Counter] = defaultdict(Counter)

# Any character a browser or a script could send, NUL and the controls included
# (lone surrogates cannot be sent as UTF-8 at all).
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARS, max_size=40),
    st.text(CHARS, min_size=200, max_size=3000),
    st.sampled_from(
        ["", " ", "\x00", "a\x00b", "'\"<script>", "%00", "../../etc/passwd",
         "http://[/x", "0" * 300, "\u202eabc", "ä" * 100, "-1", "99999999999999"]
    ),
)  # fmt: skip
EMAIL = st.one_of(TEXT, st.emails().map(str))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line2", "postcode", "line4",
                  "country")  # fmt: skip
COMMENT_FIELDS = ("name", "email", "text", "website", "parent", "stamp", "issued",
                  "debate_rules", "privacy", "newsletter", "notify",
                  "homepage")  # fmt: skip
ENGLISH_ERRORS = (
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Select a valid choice",
    "Server Error",
    "Bad Request",
    "Forbidden",
    "Page not found",
    "Traceback",
)


def _check(name: str, response) -> None:
    _seen[name][response.status_code] += 1
    assert response.status_code < 500, f"{name}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if response.status_code >= 400 and "html" in content_type and response.content:
        html = response.content.decode("utf-8", "replace")
        assert 'lang="de"' in html, f"{name}: not a German page"
        for english in ENGLISH_ERRORS:
            assert english not in html, f"{name}: {english!r}"


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    REPORT.parent.mkdir(exist_ok=True)
    # Parallel workers each ran some endpoints: merge under a lock, adding counts.
    with open(REPORT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        for name, codes in _seen.items():
            old[name] = {
                "examples": sum(codes.values()),
                "answers": {str(code): n for code, n in sorted(codes.items())},
            }
        REPORT.write_text(json.dumps(old, indent=1, sort_keys=True))


def _path(value: str) -> str:
    return quote(value, safe="") or "x"


@FUZZ
@given(q=TEXT, page=TEXT, kind=TEXT)
def test_site_search(q, page, kind):
    _check(
        "GET /search/", Client().get("/search/", {"q": q, "page": page, "type": kind})
    )


@FUZZ
@given(q=TEXT, page=TEXT, sort=TEXT)
def test_shop_search_and_catalogue(q, page, sort):
    for path in ("/shop/search/", "/shop/catalogue/"):
        response = Client().get(path, {"q": q, "page": page, "sort_by": sort})
        _check(f"GET {path}", response)


@FUZZ
@given(code=TEXT, target=TEXT)
def test_language_switch(code, target):
    response = Client().get(f"/language/{_path(code)}/", {"next": target})
    _check("GET /language/<code>/", response)
    _check("GET /language/de/", Client().get("/language/de/", {"next": target}))


@FUZZ
@given(quantity=TEXT, product=st.integers(min_value=-5, max_value=10**12))
def test_basket_add(ids, quantity, product):
    client = Client()
    _check(
        "POST /shop/basket/add/<pk>/",
        client.post(f"/shop/basket/add/{ids.book}/", {"quantity": quantity}),
    )
    _check(
        "POST /shop/basket/add/<pk>/",
        client.post(f"/shop/basket/add/{product}/", {"quantity": "1"}),
    )


@FUZZ
@given(stamp=TEXT, quantity=TEXT)
def test_basket_add_from_cached_page(ids, stamp, quantity):
    response = Client().post(
        f"/shop/basket/add-from-page/{ids.pdf_product}/",
        {"stamp": stamp, "quantity": quantity},
        HTTP_ORIGIN="http://testserver",
    )
    _check("POST /shop/basket/add-from-page/<pk>/", response)


@FUZZ
@given(total=TEXT, line_id=TEXT, quantity=TEXT, voucher=TEXT)
def test_basket_lines_and_vouchers(ids, total, line_id, quantity, voucher):
    client = Client()
    add_to_basket(client, ids.book)
    data = {
        "form-TOTAL_FORMS": total,
        "form-INITIAL_FORMS": total,
        "form-0-id": line_id,
        "form-0-quantity": quantity,
        "form-0-DELETE": quantity,
    }
    _check("POST /shop/basket/", client.post("/shop/basket/", data))
    _check(
        "POST /shop/basket/vouchers/add/",
        client.post("/shop/basket/vouchers/add/", {"code": voucher}),
    )


@FUZZ
@given(username=EMAIL, options=TEXT, password=TEXT)
def test_checkout_gateway(ids, username, options, password):
    client = Client()
    add_to_basket(client, ids.pdf_product)
    response = client.post(
        "/shop/checkout/",
        {"username": username, "options": options, "password": password},
    )
    _check("POST /shop/checkout/", response)


@FUZZ
@given(fields=st.fixed_dictionaries(dict.fromkeys(ADDRESS_FIELDS, TEXT)), method=TEXT)
def test_checkout_address_and_shipping(ids, fields, method):
    client = Client()
    add_to_basket(client, ids.book)
    as_guest(client, "fuzz@test.example")
    _check(
        "POST /shop/checkout/shipping-address/",
        client.post("/shop/checkout/shipping-address/", fields),
    )
    _check(
        "POST /shop/checkout/shipping-method/",
        client.post("/shop/checkout/shipping-method/", {"method_code": method}),
    )


@FUZZ
@given(method=TEXT, action=TEXT, early=TEXT, waiver=TEXT, newsletter=TEXT)
def test_checkout_payment_and_order_button(
    ids, method, action, early, waiver, newsletter
):
    client = Client()
    add_to_basket(client, ids.pdf_product)
    as_guest(client, "fuzz@test.example")
    _check(
        "POST /shop/checkout/payment-method/",
        client.post("/shop/checkout/payment-method/", {"method": method}),
    )
    choose_payment(client, "test")
    data = {"action": action, "early_delivery": early, "waiver": waiver,
            "newsletter": newsletter}  # fmt: skip
    _check("POST /shop/checkout/preview/", client.post("/shop/checkout/preview/", data))


@FUZZ
@given(username=EMAIL, password=TEXT, redirect=TEXT)
def test_logins(username, password, redirect):
    shop = Client().post(
        "/shop/accounts/login/",
        {"login-username": username, "login-password": password,
         "login-redirect_url": redirect, "login_submit": "1"},
        REMOTE_ADDR="203.0.113.200",
    )  # fmt: skip
    _check("POST /shop/accounts/login/", shop)
    admin = Client().post(
        "/admin/login/", {"username": username, "password": password, "next": redirect}
    )
    _check("POST /admin/login/", admin)


@FUZZ
@given(email=EMAIL, first=TEXT, second=TEXT, name=TEXT)
def test_registration_and_password_reset(email, first, second, name):
    registration = Client().post(
        "/shop/accounts/register/",
        {"first_name": name, "last_name": name, "email": email, "password1": first,
         "password2": second, "registration_submit": "1"},
    )  # fmt: skip
    _check("POST /shop/accounts/register/", registration)
    reset = Client().post("/shop/password-reset/", {"email": email})
    _check("POST /shop/password-reset/", reset)
    _check(
        "GET /shop/accounts/activate/<token>/",
        Client().get(f"/shop/accounts/activate/{_path(first)}/"),
    )


@FUZZ
@given(title=TEXT, score=TEXT, body=TEXT)
def test_reviews(ids, admin_client, title, score, body):
    from oscar.core.loading import get_model

    product = get_model("catalogue", "Product").objects.get(pk=ids.book)
    url = product.get_absolute_url() + "reviews/add/"
    data = {"title": title, "score": score, "body": body}
    _check("POST <product>/reviews/add/", admin_client.post(url, data))
    _check("POST <product>/reviews/add/ (guest)", Client().post(url, data))


@FUZZ
@given(email=EMAIL, name=TEXT, form=TEXT, stamp=TEXT, newsletters=TEXT)
def test_newsletter_signup(email, name, form, stamp, newsletters):
    data = {"email": email, "name": name, "form": form, "stamp": stamp,
            "newsletters": newsletters}  # fmt: skip
    response = Client().post(
        "/newsletter/subscribe/", data, HTTP_ORIGIN="http://testserver"
    )
    _check("POST /newsletter/subscribe/", response)
    _check("POST /newsletter/", Client().post("/newsletter/", data))


@FUZZ
@given(token=TEXT, field=TEXT)
def test_newsletter_links(token, field):
    for name in ("confirm", "preferences", "address", "unsubscribe"):
        client = Client()
        path = f"/newsletter/{name}/{_path(token)}/"
        _check(f"GET /newsletter/{name}/<token>/", client.get(path))
        data = {"email": field, "name": field, "newsletters": field,
                "List-Unsubscribe": "One-Click"}  # fmt: skip
        _check(f"POST /newsletter/{name}/<token>/", client.post(path, data))


@FUZZ
@given(body=st.one_of(st.binary(max_size=3000), TEXT.map(str.encode)))
def test_bounce_webhook(settings, body):
    import hashlib
    import hmac

    settings.NEWSLETTER_WEBHOOK_SECRET = "geheim"
    signature = "sha256=" + hmac.new(b"geheim", body, hashlib.sha256).hexdigest()
    response = Client().post(
        "/newsletter/webhooks/bounces/", body, content_type="application/json",
        HTTP_X_IMPRINT_SIGNATURE=signature,
    )  # fmt: skip
    _check("POST /newsletter/webhooks/bounces/", response)


@FUZZ
@given(fields=st.fixed_dictionaries(dict.fromkeys(COMMENT_FIELDS, TEXT)))
def test_comments_and_replies(article, fields):
    response = Client().post(
        f"/kommentare/seite/{article.pk}/", fields, HTTP_ORIGIN="http://testserver"
    )
    _check("POST /kommentare/seite/<id>/", response)
    _check(
        "POST /kommentare/<id>/antworten/",
        Client().post(
            "/kommentare/1/antworten/", fields, HTTP_ORIGIN="http://testserver"
        ),
    )
    for name in ("eingang", "benachrichtigen", "abbestellen"):
        token = _path(fields["stamp"])
        _check(
            f"GET /kommentare/{name}/<token>/",
            Client().get(f"/kommentare/{name}/{token}/"),
        )


@FUZZ
@given(source=TEXT, target=TEXT)
def test_webmention_and_pingback(article, source, target):
    import xmlrpc.client

    _check(
        "POST /webmention/",
        Client().post("/webmention/", {"source": source, "target": target}),
    )
    try:
        body = xmlrpc.client.dumps((source, target), "pingback.ping").encode()
    except (ValueError, TypeError):
        body = source.encode()
    _check(
        "POST /pingback/",
        Client().post("/pingback/", body, content_type="text/xml"),
    )


@FUZZ
@given(token=TEXT, action=TEXT, interval=TEXT)
def test_course_links(token, action, interval):
    for name in ("lektion", "verwalten", "abbestellen"):
        path = f"/kurse/{name}/{_path(token)}/"
        _check(f"GET /kurse/{name}/<token>/", Client().get(path))
        data = {"action": action, "interval": interval, "List-Unsubscribe": "One-Click"}
        _check(f"POST /kurse/{name}/<token>/", Client().post(path, data))


@FUZZ
@given(signed=TEXT, email=EMAIL, number=TEXT)
def test_downloads_and_links_again(signed, email, number):
    path = f"/shop/downloads/{_path(signed)}/"
    _check("GET /shop/downloads/<signed>/", Client().get(path))
    _check("HEAD /shop/downloads/<signed>/", Client().head(path))
    _check(
        "POST /shop/downloads/links/",
        Client().post("/shop/downloads/links/", {"email": email, "number": number}),
    )


@FUZZ
@given(number=TEXT, verification=TEXT)
def test_invoices_and_order_status(number, verification):
    _check(
        "GET /shop/invoices/<number>/",
        Client().get(f"/shop/invoices/{_path(number)}/", {"hash": verification}),
    )


@FUZZ
@given(page=TEXT, query=TEXT)
def test_feeds_and_sitemap(page, query):
    for path in ("/magazin/feed/", "/magazin/feed/atom/", "/sitemap.xml"):
        _check(f"GET {path}", Client().get(path, {"p": page, "page": page, "q": query}))
