"""The consent ledger: append-only entries, a confirmation noted once, staff exports
as CSV and JSON (also after an erasure, by the keyed hash), and unconfirmed requests
purged after the retention period."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django.utils import timezone

from consent import services
from consent.models import ConsentRecord
from privacy import registry as privacy

pytestmark = pytest.mark.django_db
EMAIL = "leserin@test.example"


def _entry(**fields) -> ConsentRecord:
    request = RequestFactory().post(
        "/newsletter/", HTTP_USER_AGENT="Testbrowser", REMOTE_ADDR="203.0.113.7"
    )
    return services.consent_record(
        purpose=fields.pop("purpose", ConsentRecord.Purpose.NEWSLETTER),
        text=fields.pop("text", "Ja, ich möchte den Newsletter erhalten."),
        source=fields.pop("source", "Anmeldeformular im Fuß der Seite /"),
        email=EMAIL,
        request=request,
        **fields,
    )


def test_entries_are_append_only_and_confirmed_once():
    record = _entry(scope="lindenblatt-post", awaits_confirmation=True)
    assert (record.ip_address, record.user_agent) == ("203.0.113.7", "Testbrowser")
    record.text = "anders"
    with pytest.raises(ValueError):
        record.save()
    assert services.consent_confirm(record) is True
    assert services.consent_confirm(record) is False
    stored = ConsentRecord.objects.get(pk=record.pk)
    assert stored.confirmed_at is not None
    assert stored.text == "Ja, ich möchte den Newsletter erhalten."


def test_unconfirmed_requests_are_purged_after_the_retention_period():
    old = _entry(awaits_confirmation=True)
    confirmed = _entry(awaits_confirmation=True)
    services.consent_confirm(confirmed)
    plain = _entry(purpose=ConsentRecord.Purpose.PRIVACY_POLICY)
    ConsentRecord.objects.filter(pk__in=[old.pk, confirmed.pk, plain.pk]).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    fresh = _entry(awaits_confirmation=True)
    assert services.unconfirmed_purge(days=30) == 1
    remaining = set(ConsentRecord.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {confirmed.pk, plain.pk, fresh.pk} <= remaining


def test_the_purge_is_a_daily_scheduled_task():
    from core import schedule

    job = schedule._jobs["consent-unconfirmed-purge"]
    assert job.daily_at_hour is not None
    assert job.task.call() == 0


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user(
        email="datenschutz@test.example", password="x"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_consentrecord"),
    )
    client = Client()
    client.force_login(user)
    return client


def test_staff_export_a_persons_entries_as_csv_and_json(staff):
    _entry(scope="lindenblatt-post")
    _entry(purpose=ConsentRecord.Purpose.WITHDRAWAL_WAIVER, text="=HYPERLINK(1)")
    page = staff.get("/admin/consent/", {"email": EMAIL})
    assert page.status_code == 200
    assert "Ja, ich möchte den Newsletter erhalten." in page.content.decode()
    exported = staff.get("/admin/consent/", {"email": EMAIL, "format": "json"})
    assert exported["Content-Disposition"].startswith("attachment;")
    rows = json.loads(exported.content)
    assert [row["purpose"] for row in rows] == ["newsletter", "withdrawal_waiver"]
    assert rows[0]["ip_address"] == "203.0.113.7"
    sheet = staff.get("/admin/consent/", {"email": EMAIL, "format": "csv"})
    table = list(csv.DictReader(io.StringIO(sheet.content.decode())))
    assert len(table) == 2
    assert table[1]["text"] == "'=HYPERLINK(1)"  # no formula for spreadsheets


def test_after_erasure_the_fact_is_still_found_by_the_address(staff):
    _entry(scope="lindenblatt-post")
    privacy.erase(EMAIL)
    record = ConsentRecord.objects.get()
    assert record.email == "" and record.ip_address is None
    rows = json.loads(
        staff.get("/admin/consent/", {"email": EMAIL, "format": "json"}).content
    )
    assert len(rows) == 1
    assert rows[0]["text"] == "Ja, ich möchte den Newsletter erhalten."
    assert rows[0]["erased_at"] is not None and rows[0]["email"] == ""


def test_the_ledger_needs_its_permission(django_user_model):
    editor = django_user_model.objects.create_user(email="e@test.example", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/consent/", {"email": EMAIL}).status_code in (302, 403)
