"""Every page carries the Content-Security-Policy and the Permissions-Policy: the
public ones allow scripts and styles from this site only, the staff areas also
inline code, and a page served from the page cache replays the headers it was
stored with."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_public_page_and_its_cache_hit_carry_the_strict_policy(article):
    first = Client().get(article.url)
    hit = Client().get(article.url)
    assert hit["X-Page-Cache"] == "hit"
    for response in (first, hit):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self';" in policy + ";"
        assert "unsafe-inline" not in policy
        assert "nonce-" not in policy  # a shared cached page holds no secret
        assert "form-action 'self' https://checkout.stripe.com" in policy
        assert "camera=()" in response["Permissions-Policy"]


def test_the_staff_areas_allow_inline_code(admin_client):
    for path in ("/admin/", "/shop/dashboard/"):
        policy = admin_client.get(path)["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]
