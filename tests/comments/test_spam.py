"""Each spam rule refuses with a sentence an honest reader understands, keeps the
text, and stores nothing."""

import pytest

from comments.models import Comment

from .helpers import READER, approved, send

KEPT = "Am ersten Tag hat mir vor allem die Liste geholfen."


def refused(response, status: int, sentence: str) -> None:
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    assert sentence in html
    assert KEPT.lower() in html.lower() or "Link eins" in html or "Kasino" in html


def test_honeypot(client, article):
    response = send(client, article.url, homepage="https://spam.example")
    refused(response, 400, "Dieses Feld bitte leer lassen")
    assert not Comment.objects.exists()


def test_too_fast_and_then_fine_without_retyping(client, article, rules):
    rules.min_seconds = 5
    rules.save()
    response = send(client, article.url, took=1)
    refused(response, 400, "schneller, als man einen Kommentar schreiben kann")
    assert not Comment.objects.exists()
    # The form came back with the time it was first served: sent again later, it
    # passes (here: the reader took 6 seconds in all).
    assert 'name="issued" value="' in response.content.decode()
    assert send(client, article.url, took=6).status_code == 302


def test_the_form_as_served_is_too_fast_when_sent_at_once(client, article, rules):
    rules.min_seconds = 5
    rules.save()
    response = send(client, article.url, took=None)
    refused(response, 400, "schneller, als man einen Kommentar schreiben kann")


def test_forged_or_missing_serving_time(client, article):
    response = send(client, article.url, took=None, issued="123.0:forged")
    refused(response, 400, "sehr lange geöffnet oder unvollständig")


def test_too_many_links(client, article):
    text = "Link eins https://a.example und www.b.example und http://c.example/x"
    response = send(client, article.url, text=text)
    refused(response, 400, "enthält 3 Links; erlaubt sind höchstens 2")
    assert not Comment.objects.exists()


def test_blocked_word_is_named(client, article, rules):
    rules.blocked_words = "kasino\nbillig-kredit.example"
    rules.save()
    response = send(client, article.url, text="Bestes Kasino im Netz, wirklich.")
    refused(response, 400, "enthält „kasino“")
    # Whole words only: "Kasinostraße" is a street, not spam.
    assert (
        send(client, article.url, text="Ich wohne in der Kasinostraße.").status_code
        == 302
    )
    # A phrase with a dot is found anywhere, also in the website field.
    response = send(
        client,
        article.url,
        text="Anderer Text.",
        website="https://billig-kredit.example/",
    )
    assert (
        response.status_code == 400
        and "billig-kredit.example" in response.content.decode()
    )


def test_duplicate(client, article):
    assert send(client, article.url).status_code == 302
    response = send(client, article.url, text=READER["text"].upper() + "  ")
    refused(response, 400, "bereits gesendet")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("per", ["ip", "address"])
def test_rate_limits(client, article, settings, per):
    settings.COMMENTS_PER_IP_HOUR = 3 if per == "ip" else 100
    settings.COMMENTS_PER_ADDRESS_HOUR = 3 if per == "address" else 100
    for number in range(3):
        email = READER["email"] if per == "address" else f"l{number}@leser.example"
        assert (
            send(client, article.url, text=f"Gedanke {number}", email=email).status_code
            == 302
        )
    email = READER["email"] if per == "address" else "l9@leser.example"
    response = send(client, article.url, email=email)
    refused(response, 429, "später erneut")
    assert Comment.objects.count() == 3


def test_refusals_do_not_count_against_the_limits(client, article, settings):
    settings.COMMENTS_PER_IP_HOUR = 1
    send(client, article.url, homepage="bot")
    send(
        client,
        article.url,
        text="x https://a.example https://b.example https://c.example",
    )
    assert send(client, article.url).status_code == 302


def test_reply_from_an_approved_address_goes_live_unless_spammy(client, article):
    approved(article, email=READER["email"])
    response = send(client, article.url, homepage="filled")
    assert response.status_code == 400
    assert Comment.objects.count() == 1
