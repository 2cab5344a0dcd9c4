"""The one way a mail is made (`mail.compose`, `mail.later`): from the publisher,
with the site's links, in the reader's language, and composed after the commit."""

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage, send_mail

from mail import compose
from mail.compose import Kind
from mail.later import composer, mail_queue
from mail.services import composed_mail_send
from publisher.models import PublisherSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(site) -> PublisherSettings:
    settings_row = PublisherSettings.for_site(site)
    settings_row.name = "Lindenblatt Verlag"
    settings_row.save()
    return settings_row


def test_every_kind_of_mail_comes_from_the_publishers_name(publisher, settings):
    settings.DEFAULT_FROM_EMAIL = "redaktion@lindenblatt.example"
    settings.NEWSLETTER_FROM_EMAIL = "Alter Name <brief@lindenblatt.example>"
    for kind in (Kind.ORDER, Kind.ACCOUNT, Kind.COURSE, Kind.COMMENTS, Kind.STAFF):
        assert compose.sender(kind) == (
            "Lindenblatt Verlag <redaktion@lindenblatt.example>"
        )
    assert compose.sender(Kind.NEWSLETTER) == (
        "Lindenblatt Verlag <brief@lindenblatt.example>"
    )
    # A newsletter with a sender of its own.
    assert compose.sender(
        Kind.NEWSLETTER, name="Die Post", address="post@lindenblatt.example"
    ) == ("Die Post <post@lindenblatt.example>")


def test_the_site_url_is_the_default_sites(site):
    assert compose.site_root_url() == site.root_url
    assert compose.site_root_url().startswith(("http://", "https://"))


def test_a_message_is_built_in_the_readers_language_with_both_parts(publisher):
    german = compose.message_build(
        template="newsletters/mail/change",
        to="neu@example.org",
        kind=Kind.NEWSLETTER,
        language="de",
        context={"old_email": "alt@example.org", "link": "https://x/", "days": 7},
    )
    english = compose.message_build(
        template="newsletters/mail/change",
        to="neu@example.org",
        kind=Kind.NEWSLETTER,
        language="en",
        context={"old_email": "alt@example.org", "link": "https://x/", "days": 7},
    )
    assert german.subject != english.subject
    assert "\n" not in german.subject
    assert [mimetype for _content, mimetype in german.alternatives] == ["text/html"]
    assert "https://x/" in german.body
    assert german.from_email.startswith("Lindenblatt Verlag <")


def test_a_template_without_html_gives_a_plain_mail(publisher):
    message = compose.message_build(
        template="courses/mail/welcome",
        to="kurs@example.org",
        kind=Kind.COURSE,
        language="de",
        context={"enrolment": None, "manage_url": "https://x/kurs/"},
    )
    assert message.alternatives == []
    assert "https://x/kurs/" in message.body


def test_list_headers_offer_one_click_unsubscribe():
    headers = compose.list_headers(
        unsubscribe_url="https://x/ab/", list_id="<post.x>", mailto="ab@x?subject=1"
    )
    assert headers["List-Unsubscribe"] == "<https://x/ab/>, <mailto:ab@x?subject=1>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == "<post.x>"


def test_a_mail_from_a_bare_address_gets_the_publishers_name(publisher, settings):
    """Django's and Oscar's own mails (and those of `accounts`) name no sender."""
    settings.DEFAULT_FROM_EMAIL = "redaktion@lindenblatt.example"
    send_mail("Betreff", "Text", None, ["leser@example.org"])
    assert django_mail.outbox[-1].from_email == (
        "Lindenblatt Verlag <redaktion@lindenblatt.example>"
    )


@composer
def _greeting(*, to: str) -> EmailMessage | None:
    if not to:
        return None
    return EmailMessage("Hallo", "Text", None, [to])


def test_a_queued_mail_is_composed_only_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_queue(_greeting, to="spaeter@example.org")
    assert not django_mail.outbox  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in django_mail.outbox] == [["spaeter@example.org"]]


def test_a_composer_with_nothing_to_say_sends_nothing():
    path = f"{__name__}._greeting"
    assert composed_mail_send(path=path, kwargs={"to": ""}) is False
    assert not django_mail.outbox


def test_only_marked_composers_are_run_by_the_worker():
    with pytest.raises(ValueError, match="not a mail composer"):
        composed_mail_send(path="django.core.mail.send_mail", kwargs={})
    with pytest.raises(AttributeError):
        mail_queue(send_mail, subject="x")  # refused where it is asked for


def test_without_a_configured_address_mails_come_from_the_publishers_own(settings):
    settings.DEFAULT_FROM_EMAIL = ""
    settings.NEWSLETTER_FROM_EMAIL = ""
    for kind in (Kind.ORDER, Kind.NEWSLETTER):
        assert compose.sender(kind).endswith("<kontakt@lindenblatt.example>")
    send_mail("Hallo", "Ein Text.", None, ["leser@example.org"])
    [message] = django_mail.outbox
    assert message.from_email.endswith("<kontakt@lindenblatt.example>")


def test_every_mail_ends_with_the_publishers_imprint(publisher):
    built = compose.message_build(
        template="newsletters/mail/change",
        to="neu@example.org",
        kind=Kind.NEWSLETTER,
        language="de",
        context={"old_email": "alt@example.org", "link": "https://x/", "days": 7},
    )
    html = built.alternatives[0][0]
    # A bare mail of Django's or Oscar's gets it from the outbox.
    send_mail("Passwort", "Ihr Link.", None, ["leser@example.org"])
    bare = django_mail.outbox[-1]
    for text in (built.body, html, bare.body):
        assert "Verlag Lindenblatt GmbH" in text
        assert "Am Teich 4, 04109 Leipzig" in text
        assert "USt-IdNr.: DE999999999" in text
        assert "imprint" not in text.lower()
    assert built.body.count("\n-- \n") == 1 and bare.body.count("\n-- \n") == 1
