"""Mail to many readers (`mail.bulk`), against a real SMTP server on loopback: one
connection for many mails, each reader's own values, a refused address failing
alone with the server's reason."""

import pytest
from django.core.mail import EmailMultiAlternatives

from mail.bulk import BulkConnection, PreparedMail, bulk_send
from tests.mailsink import body

PLACEHOLDERS = {"to": "reader@placeholder.invalid", "link": "https://x.invalid/"}


def _prepared() -> PreparedMail:
    def build(values):
        message = EmailMultiAlternatives(
            "Neue Lektion",
            f"Ihr Link: {values['link']}",
            "Verlag <kurs@verlag.example>",
            [values["to"]],
        )
        message.attach_alternative(f'<a href="{values["link"]}">Lesen</a>', "text/html")
        return message

    return PreparedMail(build, PLACEHOLDERS)


def _mails(count: int):
    prepared = _prepared()
    for number in range(count):
        yield (
            number,
            prepared,
            {
                "to": f"leser{number}@example.org",
                "link": f"https://v.example/{number}/",
            },
        )


@pytest.mark.django_db
def test_many_mails_go_over_one_connection_each_with_its_own_values(smtp_sink):
    with BulkConnection(per_connection=500) as connection:
        outcome = bulk_send(connection, _mails(5))
    assert outcome.sent == [0, 1, 2, 3, 4] and outcome.failed == {}
    assert smtp_sink.connections == 1
    third = smtp_sink.to("leser2@example.org")[0]
    assert "https://v.example/2/" in body(third, "plain")
    assert 'href="https://v.example/2/"' in body(third, "html")
    assert "placeholder" not in body(third, "plain")


@pytest.mark.django_db
def test_a_refused_address_fails_alone_with_the_reason(smtp_sink):
    smtp_sink.refuse = {"leser1@example.org"}
    with BulkConnection(per_connection=500) as connection:
        outcome = bulk_send(connection, _mails(3))
    assert outcome.sent == [0, 2]
    [(reason, ids)] = outcome.failed.items()
    assert ids == [1] and "mailbox unavailable" in reason
    assert outcome.failed_count == 1
    assert {rcpt[0] for rcpt, _raw in smtp_sink.messages} == {
        "leser0@example.org",
        "leser2@example.org",
    }


@pytest.mark.django_db
def test_a_connection_is_renewed_after_its_share_of_mails(smtp_sink):
    with BulkConnection(per_connection=2) as connection:
        outcome = bulk_send(connection, _mails(5))
    assert len(outcome.sent) == 5
    assert smtp_sink.connections == 3
