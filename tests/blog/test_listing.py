"""The magazine's listings: pages without counting, archives, junk page numbers."""

import pytest

pytestmark = pytest.mark.django_db


def test_magazine_pages_link_newer_and_older(client, monkeypatch):
    from blog.models import BlogIndexPage

    monkeypatch.setattr(BlogIndexPage, "ARTICLES_PER_PAGE", 8)  # 13 demo articles
    first = client.get("/magazin/")
    assert first.context["articles"].has_next
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get("/magazin/", {"page": "2"})
    html = second.content.decode()
    assert 'rel="prev" href="?page=1"' in html
    assert "Der erste Arbeitstag" in html  # the oldest article is on page two
    assert not second.context["articles"].has_next


@pytest.mark.parametrize("page", ["null", "-3", "2.5", "", "99999999999"])
def test_junk_page_numbers_show_a_page(client, page):
    response = client.get("/magazin/", {"page": page})
    assert response.status_code == 200


def test_page_past_the_end_says_so_and_links_back(client):
    html = client.get("/magazin/", {"page": "40"}).content.decode()
    assert "No older articles." in html or "Keine älteren Artikel." in html
    assert 'rel="prev" href="?page=39"' in html


def test_author_archive_lists_only_their_articles(client):
    response = client.get("/magazin/author/jonas-albrecht/")
    slugs = {article.slug for article in response.context["articles"]}
    assert slugs == {
        "nachverhandeln-ohne-streit",
        "arbeitszeugnis-lesen",
        "kuendigungsfristen-verstehen",
    }
