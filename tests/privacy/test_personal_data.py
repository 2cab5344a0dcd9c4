"""GDPR requests: every app that stores personal data answers `privacy.export` and
`privacy.erase`, and staff handle requests in the Wagtail admin with an audit trail."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from newsletter.models import Newsletter, Subscription
from oscar.core.loading import get_model
from oscar.test.factories import create_order

import privacy
from privacy.models import PrivacyAuditEntry
from privacy.services import subject_hash

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
UserSearch = get_model("analytics", "UserSearch")
Email = get_model("communication", "Email")

READER = "leser@example.org"
GUEST = "gast@example.org"


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user(
        email=READER, password="geheim-und-lang-42", first_name="Lea", last_name="Leser"
    )
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="DE",
        defaults={"name": "Deutschland", "is_shipping_country": True},
    )
    UserAddress.objects.create(
        user=user,
        first_name="Lea",
        last_name="Leser",
        line1="Gartenweg 3",
        postcode="50667",
        line4="Köln",
        country=country,
    )
    newsletter = Newsletter.objects.first()
    Subscription.objects.create(
        newsletter=newsletter, user=user, subscribed=True, ip="203.0.113.9"
    )
    Basket.objects.create(owner=user)
    UserSearch.objects.create(user=user, query="Gehalt verhandeln")
    return user


@pytest.fixture
def guest_order():
    order = create_order(guest_email=GUEST)
    Email.objects.create(
        email=GUEST, subject="Ihre Bestellung", body_text="Danke für Ihre Bestellung."
    )
    Subscription.objects.create(
        newsletter=Newsletter.objects.first(),
        email_field=GUEST,
        name_field="Gerd Gast",
        subscribed=True,
    )
    return order


def test_export_gathers_account_addresses_subscriptions_and_orders(
    reader, guest_order, client
):
    client.post(  # a failed login, which django-axes records with the address
        "/shop/accounts/login/",
        {"login-username": READER, "login-password": "falsch", "login_submit": "1"},
        REMOTE_ADDR="198.51.100.4",
    )
    reader_data = privacy.export("  Leser@Example.org ")
    assert reader_data["accounts"]["users"][0]["first_name"] == "Lea"
    assert reader_data["shop"]["addresses"][0][0] == "Lea Leser"
    assert reader_data["newsletters"][-1]["ip"] == "203.0.113.9"
    assert reader_data["shop"]["searches"][0]["query"] == "Gehalt verhandeln"
    assert reader_data["accounts"]["failed_logins"][0]["ip_address"] == "198.51.100.4"

    guest_data = privacy.export(GUEST)
    assert guest_data["shop"]["orders"][0]["number"] == str(guest_order.number)
    assert guest_data["newsletters"][-1]["name"] == "Gerd Gast"
    assert guest_data["shop"]["mails_sent"][0]["subject"] == "Ihre Bestellung"
    assert "accounts" not in guest_data  # a guest has no account


def test_export_of_an_unknown_address_is_empty():
    assert privacy.export("niemand@example.org") == {}


def test_erasure_removes_personal_data_and_keeps_orders_for_the_tax_law(
    reader, guest_order, client
):
    client.post(
        "/shop/accounts/login/",
        {"login-username": READER, "login-password": "falsch", "login_submit": "1"},
    )
    report = privacy.erase(GUEST)
    reasons = [item["why"] for item in report["shop"]["kept"]]
    assert reasons == [
        # orders and invoices (none yet: this order is unpaid)
        "eight years from the end of the year of issue, by § 14b UStG and "
        "§ 147(3) AO (as amended from 2025)",
        "six years as business letters by § 257 HGB",  # copies of shop mails
    ]
    assert Order.objects.filter(pk=guest_order.pk).exists()
    assert not Subscription.objects.filter(email_field=GUEST).exists()
    assert not Basket.objects.filter(pk=guest_order.basket_id).exists()

    privacy.erase(READER)
    reader.refresh_from_db()
    assert reader.email.endswith("@erased.invalid")
    assert (reader.first_name, reader.last_name, reader.is_active) == ("", "", False)
    assert not reader.has_usable_password()
    assert not UserAddress.objects.filter(user=reader).exists()
    assert not Subscription.objects.filter(user=reader).exists()
    assert not UserSearch.objects.filter(user=reader).exists()
    assert privacy.export(READER) == {}


@pytest.fixture
def privacy_officer(client, django_user_model):
    """A staff member whose group was given the permission in Wagtail's group
    editor, and nothing else beyond admin access."""
    user = django_user_model.objects.create_user(
        email="dsb@imprint.example", password="x" * 20
    )
    group = Group.objects.create(name="Datenschutz")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_personal_data"),
    )
    user.groups.add(group)
    client.force_login(user)
    return user


def test_staff_without_the_permission_can_neither_export_nor_erase(
    client, django_user_model, reader
):
    editor = django_user_model.objects.create_user(
        email="red@imprint.example", password="x" * 20
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get("/admin/privacy/")
    assert page.status_code == 302 and page["Location"] == "/admin/"  # Wagtail's "no"
    export = client.post("/admin/privacy/", {"email": READER, "action": "export"})
    assert export.status_code == 302 and "attachment" not in export.get(
        "Content-Disposition", ""
    )
    client.post("/admin/privacy/erase/", {"email": READER, "confirm": "on"})
    reader.refresh_from_db()
    assert reader.email == READER
    assert not PrivacyAuditEntry.objects.exists()


def test_export_downloads_json_and_leaves_an_audit_entry(
    client, privacy_officer, reader
):
    page = client.get("/admin/privacy/")
    assert "Personenbezogene Daten" in page.content.decode()
    response = client.post("/admin/privacy/", {"email": READER, "action": "export"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["data"]["accounts"]["users"][0]["email"] == READER
    entry = PrivacyAuditEntry.objects.get()
    assert entry.action == "export" and entry.staff == privacy_officer
    assert entry.subject_hash == subject_hash(READER)
    assert READER not in json.dumps(entry.summary) + entry.note


def test_erasure_asks_for_confirmation_first(client, privacy_officer, reader):
    confirm = client.post("/admin/privacy/", {"email": READER, "action": "erase"})
    html = confirm.content.decode()
    assert "Endgültig löschen" in html
    found = html.split("Gefunden in:", 1)[1].split("</ul>", 1)[0]
    assert "<li>Konten</li>" in found and "<li>Newsletter</li>" in found
    reader.refresh_from_db()
    assert reader.email == READER  # nothing happened yet

    unticked = client.post("/admin/privacy/erase/", {"email": READER})
    assert unticked.status_code == 400
    reader.refresh_from_db()
    assert reader.email == READER
    assert not PrivacyAuditEntry.objects.exists()


def test_confirmed_erasure_is_recorded_with_what_the_law_keeps(
    client, privacy_officer, guest_order
):
    response = client.post(
        "/admin/privacy/erase/", {"email": GUEST, "confirm": "on"}, follow=True
    )
    assert response.status_code == 200
    entry = PrivacyAuditEntry.objects.get(action="erase")
    assert "§ 147(3) AO" in entry.note
    assert entry.summary["shop"]["kept"]
    assert entry.subject_hash == subject_hash(GUEST)
    assert GUEST not in json.dumps(entry.summary) + entry.note
    assert Order.objects.filter(pk=guest_order.pk).exists()
    assert "§ 147(3) AO" in response.content.decode()  # the message says what was kept


def test_bad_address_re_renders_the_form_with_an_error(client, privacy_officer):
    response = client.post("/admin/privacy/", {"email": "kein-at", "action": "erase"})
    assert response.status_code == 200
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()
    assert not PrivacyAuditEntry.objects.exists()
