"""One user model for readers, authors and editors, logging in by e-mail."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_reader_registers_and_logs_in_with_email_in_the_shop(client):
    import re

    from django.core import mail

    response = client.post(
        "/shop/accounts/login/",
        {
            "registration-first_name": "Lea",
            "registration-last_name": "Sommer",
            "registration-email": "leser@example.org",
            "registration-password1": "ein-langes-passwort-42",
            "registration-password2": "ein-langes-passwort-42",
            "registration_submit": "Register",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="leser@example.org")
    assert user.get_full_name() == "Lea Sommer"
    # One message, ours (Oscar added "Thanks for registering!" beside it).
    page = client.get(response["Location"], follow=True).content.decode()
    assert page.count("Wir haben Ihnen eine E-Mail") == 1
    assert "Danke für Ihre Registrierung" not in page
    # The account opens with the link in the mail (shop/customer/registration.py).
    link = re.search(r"http://\S+/activate/\S+/", mail.outbox[-1].body).group(0)
    client.get(link)
    client.logout()
    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": "leser@example.org",
            "login-password": "ein-langes-passwort-42",
            "login_submit": "Log In",
        },
    )
    assert response.status_code == 302
    assert client.get("/shop/accounts/profile/").status_code == 200


def test_wrong_password_re_renders_the_form_with_a_message(client):
    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": "admin@kompass-verlag.example",
            "login-password": "falsch",
            "login_submit": "Log In",
        },
    )
    assert response.status_code == 200
    assert response.context["login_form"].errors


def test_editors_manage_users_in_wagtails_user_admin(admin_client):
    assert admin_client.get("/admin/users/").status_code == 200
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "redakteurin@lindenblatt.example",
            "first_name": "Ines",
            "last_name": "Berger",
            "password1": "redaktion-passwort-77",
            "password2": "redaktion-passwort-77",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        get_user_model()
        .objects.filter(email="redakteurin@lindenblatt.example")
        .exists()
    )


def test_private_page_sends_readers_to_the_shop_login(client, blog_index):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=blog_index, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(blog_index.url)
    assert response.status_code == 302
    assert response.url.startswith("/shop/accounts/login/?next=")


def test_user_admin_is_registered_with_search_fields():
    from django.contrib import admin

    model_admin = admin.site._registry[get_user_model()]
    assert "email" in model_admin.search_fields
