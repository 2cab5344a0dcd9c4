"""The newsletter list moves in: statuses, lists and consent evidence kept, bad
rows reported by line, no mail unless asked for a new double opt-in."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from newsletter.models import Subscription

from consent.models import ConsentRecord
from newsletters.models import Subscriber
from tests import factories

pytestmark = pytest.mark.django_db
CSV = Path(__file__).parent / "data" / "mailpoet.csv"


@pytest.fixture
def letter(db):
    return factories.newsletter(title="Karrierebrief", slug="karrierebrief")


def _run(*extra) -> str:
    out = io.StringIO()
    call_command(
        "import_subscribers",
        str(CSV),
        "--format",
        "mailpoet",
        "--list-map",
        "Karrierebrief=karrierebrief",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_statuses_lists_and_consent_evidence_are_kept(letter, smtp_sink):
    output = _run()
    assert "neu 4" in output
    assert "line 6: „kein-at-zeichen“ is not an e-mail address" in output
    assert "line 7: unknown status „gesperrt“" in output
    assert "line 8: list „Unbekannte Liste“ has no newsletter here" in output
    anna = Subscription.objects.get(email_field="anna@leser.example")
    assert anna.subscribed and not anna.unsubscribed
    assert Subscriber.objects.get(email="anna@leser.example").confirmed_at is not None
    bernd = Subscription.objects.get(email_field="bernd@leser.example")
    assert not bernd.subscribed and bernd.unsubscribed
    clara = Subscriber.objects.get(email="clara@leser.example")
    assert clara.deactivated_at is not None
    dora = Subscription.objects.get(email_field="dora@leser.example")
    assert not dora.subscribed and not dora.unsubscribed  # waits, never mailed
    record = ConsentRecord.objects.get(email="anna@leser.example")
    assert record.source.startswith("Import aus MailPoet, Datei mailpoet.csv, Zeile 2")
    assert "IP 192.0.2.10" in record.text and "03.05.2021" in record.text
    assert record.created_at.year == 2021
    assert ConsentRecord.objects.get(email="bernd@leser.example").action == "withdrawn"
    assert smtp_sink.parsed() == []  # no mail without --reconfirm
    # again: nothing twice
    output = _run()
    assert "neu 0" in output
    assert ConsentRecord.objects.filter(email="anna@leser.example").count() == 1


def test_reconfirm_asks_active_addresses_again(
    letter, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = _run("--reconfirm")
    assert "Bestätigungsmails 2" in output
    recipients = sorted(m["To"] for m in smtp_sink.parsed())
    assert recipients == ["anna@leser.example", "dora@leser.example"]
    anna = Subscription.objects.get(email_field="anna@leser.example")
    assert not anna.subscribed  # until the new confirmation
