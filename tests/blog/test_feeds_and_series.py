"""Feeds of the magazine, its archives and series; the series page."""

import re

import feedparser
import pytest

from blog.models import ArticlePage
from tests.world import ROOT_URL as ROOT

pytestmark = pytest.mark.django_db

# Links in feeds and heads are absolute, on the site's own address (Wagtail's Site,
# `ROOT`), whatever host the request came in on.
FEEDS = [
    "/journal/feed/",
    "/journal/themen/gehalt/feed/",
    "/journal/autoren/hanna-berger/feed/",
    "/journal/schlagwort/onboarding/feed/",
    "/journal/gut-gestartet/feed/",
]


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize("flavour", ["", "atom/"])
def test_feeds_are_valid_and_carry_excerpts_only(client, path, flavour):
    response = client.get(path + flavour)
    assert response.status_code == 200
    expected_type = "application/atom+xml" if flavour else "application/rss+xml"
    assert response["Content-Type"].startswith(expected_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == ("atom10" if flavour else "rss20")
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(ROOT + "/journal/")
        summary = entry.summary
        assert entry.link in summary  # the link to the full text
        # Excerpt only: the lead, never the body's sections.
        assert "<h2" not in summary and len(summary) < 800


def test_feed_entries_match_their_scope(client, ids, series, lead_author):
    salary = feedparser.parse(client.get("/journal/themen/gehalt/feed/").content)
    assert {entry.title for entry in salary.entries} == set(
        ArticlePage.objects.filter(pk__in=ids.salary_parts).values_list(
            "title", flat=True
        )
    )
    parts = feedparser.parse(client.get(f"{series.url}feed/").content)
    titles = {entry.title for entry in parts.entries}
    assert titles == set(
        ArticlePage.objects.live().child_of(series).values_list("title", flat=True)
    )
    assert len(titles) == 4  # the fifth part is scheduled, not out yet
    by_author = feedparser.parse(client.get(f"{lead_author.archive_url}feed/").content)
    assert by_author.entries
    assert all(lead_author.name in entry.author for entry in by_author.entries)


def test_unknown_archive_feed_is_404(client):
    assert client.get("/journal/themen/gibt-es-nicht/feed/").status_code == 404
    assert client.get("/journal/schlagwort/gibt-es-nicht/feed/atom/").status_code == 404


def test_pages_announce_their_feeds(client, article, series):
    links = re.findall(
        r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"',
        client.get(article.url).content.decode(),
    )
    assert ("application/rss+xml", ROOT + "/journal/feed/") in links
    assert ("application/atom+xml", f"{ROOT}{series.url}feed/atom/") in links
    archive = client.get("/journal/themen/gehalt/").content.decode()
    assert f'href="{ROOT}/journal/themen/gehalt/feed/"' in archive
    home = client.get("/").content.decode()
    assert f'href="{ROOT}/journal/feed/"' in home


def test_publishing_purges_the_feeds(
    client, article, django_capture_on_commit_callbacks
):
    client.get("/journal/feed/")
    assert client.get("/journal/feed/")["X-Page-Cache"] == "hit"
    article.title = "Der erste Tag, neu erzählt"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    feed = feedparser.parse(client.get("/journal/feed/").content)
    assert "Der erste Tag, neu erzählt" in {entry.title for entry in feed.entries}


def test_series_page_lists_parts_with_progress_and_the_pdf_offer(client, series):
    html = client.get(series.url).content.decode()
    parts = re.findall(r'class="series-part series-part--(\w+)"', html)
    assert parts == ["published"] * 4 + ["upcoming"]
    assert '<progress max="5" value="4"' in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "4 von 5" in text
    # Each part shows its lead.
    for part in ArticlePage.objects.live().child_of(series):
        assert part.lead in text
    offer = html.split('class="offer offer--series"', 1)[1].split("</section>", 1)[0]
    assert "9,99 €" in " ".join(offer.split())  # the series PDF at its shop price


def test_series_pdf_offer_follows_the_product_that_sells_it(client, series, ids):
    from shop.services import product_page_link

    product_page_link(product_id=ids.book, page_id=series.pk)
    html = client.get(series.url).content.decode()
    assert "24,90 €" in " ".join(html.split())  # babel puts a no-break space before €
