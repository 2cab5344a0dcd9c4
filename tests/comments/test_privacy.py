"""GDPR: a commenter's data is exported and erased through `privacy`; the text of
their published comments stays readable in the thread as written by "gelöscht"."""

from django.test import Client

from comments.models import Comment
from consent.models import ConsentRecord
from privacy import registry

from .helpers import READER, approved, send


def test_export_and_erase(client, article):
    shown = approved(
        article, email=READER["email"], name="Jana Reuter", text="Mein Beitrag."
    )
    reply = approved(article, parent=shown, text="Antwort darauf.")
    send(Client(), article.url, text="Noch nicht freigegeben.")
    Comment.objects.filter(text="Noch nicht freigegeben.").update(status="pending")
    exported = registry.export(READER["email"])["comments"]
    assert {item["text"] for item in exported} == {
        "Mein Beitrag.",
        "Noch nicht freigegeben.",
    }

    report = registry.erase(READER["email"])["comments"]
    assert report["kept"] and report["erased"]
    shown.refresh_from_db()
    assert (shown.name, shown.email, shown.ip_address) == ("", "", None)
    assert shown.erased_at is not None
    assert not Comment.objects.filter(text="Noch nicht freigegeben.").exists()
    assert Comment.objects.get(pk=reply.pk).parent_id == shown.pk
    html = Client().get(article.url).content.decode()
    assert "Mein Beitrag." in html and "gelöscht" in html and "Jana Reuter" not in html
    assert registry.export(READER["email"]).get("comments") is None
    # The consent the form recorded stays provable, without the address.
    records = ConsentRecord.objects.filter(purpose="debate_rules")
    assert records.exists() and not records.filter(email=READER["email"]).exists()
