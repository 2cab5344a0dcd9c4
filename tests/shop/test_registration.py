"""Registration answers the same for a new and a taken address, and mails the owner
of a taken address instead of saying so on the page."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import world

pytestmark = pytest.mark.django_db
PASSWORD = "ein-langes-passwort-2026"


def _register(client, email):
    return client.post(
        "/shop/accounts/register/",
        {
            "first_name": "Ida",
            "last_name": "Neu",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )


def _visible(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_taken_and_new_addresses_get_the_same_answer(client, django_user_model):
    taken = _register(client, world.ADMIN_EMAIL)
    client.cookies.clear()
    new = _register(client, "neu@test.example")
    assert taken.redirect_chain == new.redirect_chain
    assert _visible(taken).replace(world.ADMIN_EMAIL, "X") == _visible(new).replace(
        "neu@test.example", "X"
    )
    assert "Wir haben Ihnen eine E-Mail an" in _visible(new)
    assert "existiert bereits" not in _visible(taken)
    owner_mail, new_mail = mail.outbox
    assert owner_mail.to == [world.ADMIN_EMAIL]
    assert "Sie haben bereits ein Kundenkonto" not in owner_mail.subject
    assert "/shop/password-reset/" in owner_mail.body
    assert new_mail.to == ["neu@test.example"]
    assert not django_user_model.objects.get(email="neu@test.example").is_active
    # The owner's account is untouched.
    assert (
        django_user_model.objects.filter(email__iexact=world.ADMIN_EMAIL).count() == 1
    )


def test_activation_link_opens_the_account(client, django_user_model):
    _register(client, "neu@test.example")
    link = re.search(r"http://\S+/activate/\S+/", mail.outbox[-1].body).group(0)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    user = django_user_model.objects.get(email="neu@test.example")
    assert user.is_active
    assert page.context["user"] == user


def test_broken_activation_link_says_so(client):
    page = client.get("/shop/accounts/activate/nicht-gueltig/", follow=True)
    assert "ungültig oder abgelaufen" in page.content.decode()


def test_inactive_account_cannot_log_in(client):
    _register(client, "neu@test.example")
    page = client.post(
        "/shop/accounts/login/",
        {
            "login-username": "neu@test.example",
            "login-password": PASSWORD,
            "login_submit": "1",
        },
    )
    assert page.status_code == 200
    assert not page.context["user"].is_authenticated


def test_over_long_address_is_a_form_error(client, django_user_model):
    page = client.post(
        "/shop/accounts/register/",
        {
            "email": "a" * 250 + "@test.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors["email"]
    assert not django_user_model.objects.filter(email__startswith="aaaa").exists()


def _activation_link() -> str:
    return re.search(r"http://\S+/activate/\S+/", mail.outbox[-1].body).group(0)


def test_an_activation_link_works_once(client, django_user_model):
    _register(client, "einmal@test.example")
    link = _activation_link()
    first = client.get(link)
    assert first.status_code == 302 and first["Location"].endswith("/accounts/")
    stranger = Client()
    again = stranger.get(link, follow=True)
    assert "bereits aktiv" in again.content.decode()
    assert not again.context["user"].is_authenticated  # no second login
    assert again.redirect_chain[-1][0].endswith("/shop/accounts/login/")


def test_an_activation_link_cannot_undo_a_deactivation(client, django_user_model):
    _register(client, "gesperrt@test.example")
    link = _activation_link()
    client.get(link)
    user = django_user_model.objects.get(email="gesperrt@test.example")
    django_user_model.objects.filter(pk=user.pk).update(is_active=False)
    page = Client().get(link, follow=True)
    assert not page.context["user"].is_authenticated
    assert not django_user_model.objects.get(pk=user.pk).is_active


def test_an_activation_link_dies_with_a_password_change(client, django_user_model):
    _register(client, "wechsel@test.example")
    link = _activation_link()
    user = django_user_model.objects.get(email="wechsel@test.example")
    user.set_password("ein-anderes-passwort-2026")
    user.save()
    page = Client().get(link, follow=True)
    assert "ungültig oder abgelaufen" in page.content.decode()
    assert not django_user_model.objects.get(pk=user.pk).is_active


def test_registering_again_sends_a_fresh_activation_link(client):
    _register(client, "verloren@test.example")
    first = _activation_link()
    client.cookies.clear()
    _register(client, "verloren@test.example")
    second = _activation_link()
    assert mail.outbox[-1].to == ["verloren@test.example"]
    assert "/activate/" in second  # not the "you already have an account" mail
    assert Client().get(second).status_code == 302
    assert Client().get(first).status_code == 302  # the old link: now "active"


def test_a_password_reset_for_a_never_activated_account_sends_activation(client):
    _register(client, "vergessen@test.example")
    mail.outbox.clear()
    client.post("/shop/password-reset/", {"email": "vergessen@test.example"})
    (sent,) = mail.outbox
    assert "/activate/" in sent.body


def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(
    client, settings
):
    """The request only queues the work (the worker looks the address up), so a
    known address costs what an unknown one does: 316 ms against 5 ms before."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "outside"],
        }
    }
    client.get("/shop/password-reset/")  # session and CSRF cookie
    token = client.cookies["csrftoken"].value
    counts = {}
    for email in (world.ADMIN_EMAIL, "niemand@test.example"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                "/shop/password-reset/",
                {"email": email, "csrfmiddlewaretoken": token},
            )
        assert response.status_code == 302
        counts[email] = [
            q["sql"].split(" ")[0] + " " + q["sql"].split('"')[1]
            for q in queries.captured_queries
        ]
    assert counts[world.ADMIN_EMAIL] == counts["niemand@test.example"]
    assert mail.outbox == []  # nothing sent in the request
