"""The UI in German by default, English on request; prices and dates by locale."""

import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from django.conf import settings

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES"


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_ui_is_german_by_default_with_german_prices_and_dates(client, article):
    text = text_of(client.get(article.url))
    assert "Teil 1 von 5" in text and "Hier schreibt für Sie" in text
    assert "3,99 € inkl. MwSt." in text
    assert re.search(
        r"\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|"
        r"September|Oktober|November|Dezember) \d{4}",
        text,
    )


def test_a_browser_asking_for_english_gets_the_german_site(client, article):
    """The page's language is the content's: an English browser gets German menus
    around the German article, and `lang="de"`, until the reader switches."""
    response = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response["Content-Language"] == "de"
    assert '<html lang="de">' in html
    assert "Teil 1 von 5" in text_of(response)


def test_english_by_choice_marks_the_ui_english_and_the_article_german(client, article):
    client.get("/language/en/", {"next": article.url})
    response = client.get(article.url)
    html, text = response.content.decode(), text_of(response)
    assert response["Content-Language"] == "en"
    assert "Part 1 of 5" in text and "About the author" in text
    assert "€3.99 incl. VAT" in text
    # The content stays German and says so; the English chrome says it is English.
    assert '<html lang="de">' in html
    assert '<header class="site-header" role="banner" lang="en">' in html
    assert article.title in text and article.lead in text


def test_language_switch_remembers_the_choice_and_the_cache_keeps_languages_apart(
    client, article
):
    german = client.get(article.url)
    assert "Teil 1 von 5" in text_of(german)
    switched = client.get("/language/en/", {"next": article.url})
    assert switched.status_code == 302 and switched["Location"] == article.url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = client.get(article.url)
    assert "Part 1 of 5" in text_of(english)
    # A reader without the cookie still gets the German copy from the cache.
    from django.test import Client

    other = Client().get(article.url)
    assert other["X-Page-Cache"] == "hit"
    assert "Teil 1 von 5" in text_of(other)
    assert "Cookie" in other["Vary"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "",
        "abc",  # a bare word was taken for a URL name: 500 NoReverseMatch
        "home",
        "javascript:alert(1)",
        "/\\evil.example",
        "\\evil.example",
        "/%0d%0aSet-Cookie:x=1",
        "http://testserver/magazin/",
        "magazin/",
        "../../etc/passwd",
        "customer:summary",
    ],
)
def test_language_switch_follows_only_local_paths(client, target):
    response = client.get("/language/de/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] in ("/", target)
    assert response["Location"].startswith("/") and not response["Location"].startswith(
        ("//", "/\\")
    )


def test_language_switch_goes_back_to_the_page_with_its_query(client):
    response = client.get("/language/en/", {"next": "/magazin/?page=2"})
    assert response["Location"] == "/magazin/?page=2"


def test_unknown_language_is_404(client):
    assert client.get("/language/xx/").status_code == 404


def test_german_catalog_is_complete_and_compiled():
    with open(CATALOG / "django.po", "rb") as source:
        catalog = read_po(source, locale="de")
    messages = [message for message in catalog if message.id]
    assert len(messages) > 200
    untranslated = [
        m.id
        for m in messages
        if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert untranslated == []
    assert not [m.id for m in messages if m.fuzzy]
    # The committed .mo holds exactly what the .po says (`make messages` compiles it).
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    with open(CATALOG / "django.mo", "rb") as committed:
        expected = {str(m.id): str(m.string) for m in read_mo(compiled) if m.id}
        actual = {str(m.id): str(m.string) for m in read_mo(committed) if m.id}
    assert actual == expected
