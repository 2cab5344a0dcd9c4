"""Malformed input is refused in one place (core/badinput.py) with a 400 that says
why, in the reader's language, before any view or database sees it."""

import pytest

from tests import world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, query",
    [
        ("/search/", {"q": "\x00"}),
        ("/language/de/", {"next": "\x00"}),
        ("/shop/catalogue/", {"q": "Geh\x00alt"}),
        ("/shop/search/", {"q": "\x1b[31m"}),
        ("/magazin/", {"page": "1\x00"}),
    ],
)
def test_a_control_character_in_a_query_is_a_400_that_says_why(client, path, query):
    response = client.get(path, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Steuerzeichen" in html and 'class="site-header"' in html
    assert "Nothing has been saved" not in html  # German, not the source text


def test_a_nul_in_the_path_is_a_400(client):
    response = client.get("/shop/invoices/%00/")
    assert response.status_code == 400
    assert "Die Adresse enthält ein Steuerzeichen" in response.content.decode()


def test_a_nul_in_a_form_value_is_a_400_naming_the_field(client):
    response = client.post("/newsletter/subscribe/", {"form": "\x00", "email": "a@b.c"})
    assert response.status_code == 400
    assert "„form“" in response.content.decode()


def test_the_english_reader_gets_the_reason_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/search/", {"q": "\x00"})
    assert response.status_code == 400
    assert "contains a control character" in response.content.decode()


def test_the_dashboard_order_search_with_a_nul_is_a_400(client, django_user_model):
    client.force_login(django_user_model.objects.get(email=world.ADMIN_EMAIL))
    response = client.get("/shop/dashboard/orders/", {"order_number": "1\x00"})
    assert response.status_code == 400


def test_tabs_and_line_breaks_in_a_text_stay_allowed(client):
    response = client.get("/search/", {"q": "Gehalt\tverhandeln\r\n"})
    assert response.status_code == 200
