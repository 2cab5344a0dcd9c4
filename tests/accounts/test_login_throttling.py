"""Logins are throttled per account and per address (django-axes), on the shop's and
the admin's login alike, and answer the same whether or not an account exists."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.test import Client, RequestFactory

from core.http import client_ip
from tests import world

pytestmark = pytest.mark.django_db

SHOP_LOGIN = "/shop/accounts/login/"


def shop_login(client: Client, email: str, password: str, address="198.51.100.7"):
    return client.post(
        SHOP_LOGIN,
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=address,
    )


def test_an_account_is_locked_from_one_address_at_the_fifth_failure(client):
    for _ in range(4):
        response = shop_login(client, world.ADMIN_EMAIL, "falsch", "198.51.100.3")
        assert response.status_code == 200  # the form again, with its message
    locked = shop_login(Client(), world.ADMIN_EMAIL, "falsch", "198.51.100.3")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Zu viele Versuche" in html and 'class="site-header"' in html
    # Even the right password waits now, from that address.
    right = shop_login(
        Client(), world.ADMIN_EMAIL, "passwort-fuer-tests", "198.51.100.3"
    )
    assert right.status_code == 429


def test_failures_from_many_addresses_do_not_lock_the_owner_out(client):
    """Five wrong passwords for the account, each from another address, used to
    lock it for everyone; now the owner still logs in and hears of it by mail."""
    for attempt in range(7):
        response = shop_login(
            Client(), world.ADMIN_EMAIL, "falsch", f"198.51.100.{attempt + 10}"
        )
        assert response.status_code == 200
    right = shop_login(
        Client(), world.ADMIN_EMAIL, "passwort-fuer-tests", "203.0.113.51"
    )
    assert right.status_code == 302
    warnings = [m for m in mail.outbox if m.to == [world.ADMIN_EMAIL]]
    assert len(warnings) == 1  # once per cool-off window, not per failure
    assert "anzumelden" in warnings[0].subject
    assert "nicht gesperrt" in warnings[0].body


def test_an_address_is_locked_after_five_failures_on_any_accounts(client):
    for number in range(5):
        shop_login(client, f"rate-{number}@example.org", "falsch", "192.0.2.9")
    locked = shop_login(
        Client(), world.EDITOR_EMAIL, "passwort-fuer-tests", "192.0.2.9"
    )
    assert locked.status_code == 429
    elsewhere = shop_login(
        Client(), world.EDITOR_EMAIL, "passwort-fuer-tests", "192.0.2.10"
    )
    assert elsewhere.status_code == 302  # the account itself is not locked


def test_the_admin_login_is_throttled_too(client):
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": world.EDITOR_EMAIL, "password": "falsch"},
            REMOTE_ADDR="198.51.100.77",
        )
    locked = client.post(
        "/admin/login/",
        {"username": world.EDITOR_EMAIL, "password": "passwort-fuer-tests"},
        REMOTE_ADDR="198.51.100.77",
    )
    assert locked.status_code == 429
    elsewhere = Client().post(
        "/admin/login/",
        {"username": world.EDITOR_EMAIL, "password": "passwort-fuer-tests"},
        REMOTE_ADDR="198.51.100.78",
    )
    assert elsewhere.status_code == 302


def test_a_successful_login_clears_the_failures(client):
    for _ in range(3):
        shop_login(client, world.EDITOR_EMAIL, "falsch", "198.51.100.90")
    assert (
        shop_login(
            client, world.EDITOR_EMAIL, "passwort-fuer-tests", "198.51.100.90"
        ).status_code
        == 302
    )
    assert not AccessAttempt.objects.filter(username=world.EDITOR_EMAIL).exists()


class CountingHasher(PBKDF2PasswordHasher):
    """Django's default hasher, counting how often it hashes (a password check or
    the stand-in for one)."""

    algorithm = "pbkdf2_sha256"
    calls = 0

    def encode(self, password, salt, iterations=None):
        CountingHasher.calls += 1
        return super().encode(password, salt, iterations)


def test_unknown_and_known_addresses_cost_and_answer_the_same(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_login_throttling.CountingHasher"]
    answers = {}
    for email in (world.ADMIN_EMAIL, "niemand@example.org"):
        CountingHasher.calls = 0
        response = shop_login(Client(), email, "falsch", "198.51.100.200")
        errors = response.context["login_form"].non_field_errors()
        answers[email] = (CountingHasher.calls, response.status_code, list(errors))
    known, unknown = answers[world.ADMIN_EMAIL], answers["niemand@example.org"]
    assert known == unknown
    assert known[:2] == (1, 200)  # one password hash each, the form again
    assert known[2][0].startswith("Bitte E-Mail-Adresse und Passwort eingeben.")


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "client"),
    [
        (0, "203.0.113.9", "10.0.0.2", "10.0.0.2"),  # no proxy trusted: the peer
        (1, "203.0.113.9", "10.0.0.2", "203.0.113.9"),  # behind nginx
        (1, "6.6.6.6, 203.0.113.9", "10.0.0.2", "203.0.113.9"),  # a forged entry
        (2, "203.0.113.9, 10.0.0.3", "10.0.0.2", "203.0.113.9"),  # CDN + nginx
        (1, "", "10.0.0.2", "10.0.0.2"),  # no header at all
    ],
)
def test_client_ip_is_read_past_the_trusted_proxies(
    settings, proxies, forwarded, remote, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == client
