"""Registration answers the same for a new and a taken address, and mails the owner
of a taken address instead of saying so on the page."""

import re

import pytest
from django.core import mail

from tests import world

pytestmark = pytest.mark.django_db
PASSWORD = "ein-langes-passwort-2026"


def _register(client, email):
    return client.post(
        "/shop/accounts/register/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
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
