"""Feeds of the magazine, its archives and series; the series page."""

import re

import feedparser
import pytest

pytestmark = pytest.mark.django_db

# Links in feeds and heads are absolute, on the site's own address (Wagtail's Site),
# whatever host the request came in on.
ROOT = "http://127.0.0.1:8000"

FEEDS = [
    "/magazin/feed/",
    "/magazin/category/gehalt/feed/",
    "/magazin/author/mara-lindqvist/feed/",
    "/magazin/tag/onboarding/feed/",
    "/magazin/die-ersten-100-tage/feed/",
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
        assert entry.link.startswith(ROOT + "/magazin/")
        summary = entry.summary
        assert entry.link in summary  # the link to the full text
        # Excerpt only: the lead, never the body's sections.
        assert "<h2" not in summary and len(summary) < 800


def test_feed_entries_match_their_scope(client):
    salary = feedparser.parse(client.get("/magazin/category/gehalt/feed/").content)
    assert {entry.title for entry in salary.entries} == {
        "Den eigenen Marktwert ermitteln",
        "Das Gehaltsgespräch führen",
        "Nachverhandeln ohne Streit",
    }
    series = feedparser.parse(client.get("/magazin/die-ersten-100-tage/feed/").content)
    titles = {entry.title for entry in series.entries}
    assert "Der erste Arbeitstag: Was wirklich zählt" in titles
    assert len(titles) == 4  # the fifth part is scheduled, not out yet
    mara = feedparser.parse(client.get("/magazin/author/mara-lindqvist/feed/").content)
    assert all("Mara Lindqvist" in entry.author for entry in mara.entries)


def test_unknown_archive_feed_is_404(client):
    assert client.get("/magazin/category/gibt-es-nicht/feed/").status_code == 404
    assert client.get("/magazin/tag/gibt-es-nicht/feed/atom/").status_code == 404


def test_pages_announce_their_feeds(client):
    article = client.get("/magazin/die-ersten-100-tage/der-erste-arbeitstag/")
    links = re.findall(
        r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"',
        article.content.decode(),
    )
    assert ("application/rss+xml", ROOT + "/magazin/feed/") in links
    assert (
        "application/atom+xml",
        ROOT + "/magazin/die-ersten-100-tage/feed/atom/",
    ) in links
    archive = client.get("/magazin/category/gehalt/").content.decode()
    assert f'href="{ROOT}/magazin/category/gehalt/feed/"' in archive
    home = client.get("/").content.decode()
    assert f'href="{ROOT}/magazin/feed/"' in home


def test_publishing_purges_the_feeds(
    client, article, django_capture_on_commit_callbacks
):
    client.get("/magazin/feed/")
    assert client.get("/magazin/feed/")["X-Page-Cache"] == "hit"
    article.title = "Der erste Arbeitstag, neu erzählt"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    feed = feedparser.parse(client.get("/magazin/feed/").content)
    assert "Der erste Arbeitstag, neu erzählt" in {
        entry.title for entry in feed.entries
    }


def test_series_page_lists_parts_with_progress_and_the_pdf_place(client):
    html = client.get("/magazin/die-ersten-100-tage/").content.decode()
    parts = re.findall(r'class="series-part series-part--(\w+)"', html)
    assert parts == ["published"] * 4 + ["upcoming"]
    assert '<progress max="5" value="4"' in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert re.search(r"4 (of|von) 5", text)
    # Each part shows its lead.
    assert "Am ersten Tag entscheidet sich wenig" in text
    assert 'class="offer offer--series"' in html


def test_series_pdf_offer_shows_the_product_price(client, series):
    from oscar.core.loading import get_model

    series.pdf_product = get_model("catalogue", "Product").objects.get(
        upc="978-3-00-000001-0"
    )
    series.save_revision().publish()
    html = client.get(series.url).content.decode()
    assert "24,90 €" in " ".join(html.split())  # babel puts a no-break space before €
