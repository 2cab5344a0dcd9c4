"""The discussion as readers see it: nesting, the count, authors' replies, links,
hostile input rendered inert, and a thread of any size in a fixed number of
queries."""

import re
import time

from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from comments import selectors
from comments.models import Comment
from pagecache import store

from .helpers import approved, send


def section(html: str) -> str:
    return html[html.index('id="kommentare"') :]


def test_replies_nest_three_levels_then_flat(client, article, lead_author):
    top = approved(article, name="Leserin A", text="Erste Frage.")
    second = approved(article, parent=top, name="Autor B", text="Antwort eins.")
    third = approved(article, parent=second, name="Leserin A", text="Nachfrage.")
    fourth = approved(article, parent=third, name="Autor B", text="Tiefer.")
    fifth = approved(article, parent=fourth, name="Leserin A", text="Noch tiefer.")
    roots, count = selectors.thread(article)
    assert count == 5
    assert [node.comment.pk for node in roots] == [top.pk]
    level3 = roots[0].children[0].children
    assert [node.comment.pk for node in level3] == [third.pk, fourth.pk, fifth.pk]
    assert [node.depth for node in level3] == [3, 3, 3]
    assert level3[1].replying_to == "Leserin A" and level3[2].replying_to == "Autor B"
    html = section(client.get(article.url).content.decode())
    assert f"5 Antworten auf „{article.title}“" in html
    assert html.count("comment--depth-3") == 3
    assert "Antwort an Leserin A" in html


def test_authors_reply_is_marked(client, article, lead_author):
    reply = approved(article, name="x", text="Von der Autorin.")
    reply.author = lead_author
    reply.save()
    html = section(client.get(article.url).content.decode())
    assert "comment--by-author" in html
    assert f">{lead_author.name}</a>" in html
    assert '<span class="comment__badge">Autorin/Autor</span>' in html


def test_text_becomes_paragraphs_and_nofollow_links(client, article):
    approved(
        article,
        text="Erster Absatz\nmit Umbruch.\n\nZweiter mit https://quelle.example/a?b=1&c=2.",
    ).__class__.objects.filter(website="").update(website="https://leser.example/")
    html = section(client.get(article.url).content.decode())
    assert "<p>Erster Absatz<br>mit Umbruch.</p>" in html
    assert (
        '<a href="https://quelle.example/a?b=1&amp;c=2" rel="nofollow ugc">'
        "https://quelle.example/a?b=1&amp;c=2</a>." in html
    )
    assert '<a href="https://leser.example/" rel="nofollow ugc">Leser</a>' in html


XSS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    'https://a.example/"onmouseover="alert(1)',
    "<a href='javascript:alert(1)'>klick</a>",
]


def test_hostile_text_is_stored_as_written_and_shown_inert(client, article):
    for payload in XSS:
        Comment.objects.create(
            page=article, name=payload[:80], email="x@leser.example", text=payload,
            website="", status="approved",
        )  # fmt: skip
    stored = list(Comment.objects.values_list("text", flat=True))
    assert stored == XSS  # kept as written (harmless: it is never output raw)
    html = section(client.get(article.url).content.decode())
    assert "<script>" not in html and "<svg" not in html and "<img" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert not re.search(r"<a [^>]*href=\"javascript:", html)
    # No element carries an event handler: attribute names, as a browser parses
    # them (an escaped name inside a label's text is only text).
    assert not [(tag, name) for tag, name in _attributes(html) if name.startswith("on")]
    assert "&lt;script&gt;alert(" in html


def _attributes(html: str) -> list[tuple[str, str]]:
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name) for name, _value in attrs)

    Collect().feed(html)
    return found


def test_the_reply_page_works_without_javascript(client, article):
    parent = approved(article, name="Leserin A", text="Eine Frage an alle.")
    html = client.get(article.url).content.decode()
    assert f'href="/kommentare/{parent.pk}/antworten/"' in html
    reply_page = client.get(f"/kommentare/{parent.pk}/antworten/").content.decode()
    assert "Ihre Antwort an Leserin A" in reply_page
    assert "Eine Frage an alle." in reply_page
    assert f'name="parent" value="{parent.pk}"' in reply_page
    # Sent without the rules box, the form comes back still answering the parent.
    response = send(client, f"/kommentare/{parent.pk}/antworten/", debate_rules=None)
    assert response.status_code == 400
    again = response.content.decode()
    assert "Ihre Antwort an Leserin A" in again
    assert f'name="parent" value="{parent.pk}"' in again
    assert send(client, f"/kommentare/{parent.pk}/antworten/").status_code == 302
    assert Comment.objects.get(email="jana@leser.example").parent == parent


def test_erased_writer_shows_as_deleted(client, article):
    approved(article, name="Weg", text="Bleibt lesbar.").__class__.objects.update(
        erased_at="2026-01-01T00:00:00Z", name="", email=""
    )
    html = section(client.get(article.url).content.decode())
    assert "gelöscht" in html and "Bleibt lesbar." in html


def _build_thread(page, size: int) -> None:
    """`size` comments: threads of top comments, replies and replies to replies."""
    parents: list[Comment] = []
    for number in range(size):
        parent = parents[number // 3] if number % 4 and parents else None
        parents.append(
            Comment.objects.create(
                page=page,
                parent=parent,
                name=f"Person {number % 17}",
                email=f"p{number}@leser.example",
                text=f"Beitrag {number}",
                status="approved",
            )  # fmt: skip
        )


def test_comment_part_adds_at_most_three_queries(
    article, django_assert_max_num_queries
):
    _build_thread(article, 200)
    template = Template("{% load comment_tags %}{% page_comments page %}")
    template.render(Context({"page": article}))  # warms the per-process memo
    with django_assert_max_num_queries(3):
        html = template.render(Context({"page": article}))
    assert html.count('class="comment ') == 200


def test_article_queries_do_not_grow_with_comments(article):
    """A page-cache miss of the article costs as many queries with 200 comments
    in threads as with one."""

    def uncached_queries() -> int:
        client = Client()
        for _ in range(2):  # warm the memos and the article's fragments
            client.get(article.url)
            store.purge_paths([article.url])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url)["X-Page-Cache"] == "miss"
        return len(queries)

    approved(article)
    one = uncached_queries()
    _build_thread(article, 200)
    assert uncached_queries() == one


def test_an_author_logged_in_on_the_site_is_marked_and_live(
    client, article, lead_author, django_user_model
):
    user = django_user_model.objects.create_user(
        email="hanna@autorin.example", password="x" * 20
    )
    lead_author.user = user
    lead_author.save()
    client.force_login(user)
    assert send(client, article.url, text="Danke für alle Fragen!").status_code == 302
    comment = Comment.objects.get(text="Danke für alle Fragen!")
    assert comment.status == "approved" and comment.author == lead_author
    html = section(Client().get(article.url).content.decode())
    assert "comment--by-author" in html and "Danke für alle Fragen!" in html


def test_a_kept_discussion_costs_no_query_and_moderation_shows_at_once(
    article, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """The thread is built once and kept beside the page's cache entries: the next
    page-cache miss reads it back with no query, and approving a comment (which
    purges the page) shows it to the next reader."""
    from comments import services

    approved(article, name="Erste Leserin")
    template = Template("{% load comment_tags %}{% page_comments page %}")
    template.render(Context({"page": article}))
    with django_assert_max_num_queries(0):
        html = template.render(Context({"page": article}))
    assert "Erste Leserin" in html
    waiting = approved(article, name="Zweiter Leser")
    Comment.objects.filter(pk=waiting.pk).update(status=Comment.Status.PENDING)
    waiting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.comments_moderate(comments=[waiting], status=Comment.Status.APPROVED)
    html = template.render(Context({"page": article}))
    assert "Erste Leserin" in html and "Zweiter Leser" in html


def test_an_erased_commenter_leaves_the_kept_discussion(
    client, article, django_capture_on_commit_callbacks
):
    from comments.privacy import erase_personal_data

    approved(article, name="Nora Beispiel", email="nora@leser.example")
    assert "Nora Beispiel" in client.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data("nora@leser.example")
    assert "Nora Beispiel" not in Client().get(article.url).content.decode()


def test_a_comment_form_kept_in_the_fragment_is_accepted_until_it_expires(
    article, monkeypatch
):
    """The discussion with its form is kept for up to PAGE_FRAGMENT_SECONDS: a
    reader who gets the form from the oldest kept copy can still send it."""
    from core import cached_forms
    from pagecache.services import PAGE_FRAGMENT_SECONDS

    html = Template("{% load comment_tags %}{% page_comments page %}").render(
        Context({"page": article})
    )
    stamp = re.search(r'name="stamp" value="([^"]+)"', html).group(1)
    later = time.time() + PAGE_FRAGMENT_SECONDS - 1
    monkeypatch.setattr(time, "time", lambda: later)
    request = RequestFactory().post(
        "/", {"stamp": stamp}, HTTP_ORIGIN="http://testserver"
    )
    cached_forms.stamp_check(request, "comment", article.pk)


def test_the_kept_discussion_is_kept_per_language(article):
    """A German reader's copy of the discussion is never shown to an English
    reader: each language has its own."""
    from django.utils import translation

    approved(article, name="Erste Leserin")
    template = Template("{% load comment_tags %}{% page_comments page %}")
    with translation.override("de"):
        german = template.render(Context({"page": article}))
    with translation.override("en"):
        english = template.render(Context({"page": article}))
    assert "Melden" in german and "Melden" not in english
    assert "Report" in english
