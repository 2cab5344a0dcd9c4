"""The magazine's listings: pages without counting, archives, junk page numbers."""

import pytest

from blog.models import ArticlePage, Author, BlogIndexPage

pytestmark = pytest.mark.django_db


def test_magazine_pages_link_newer_and_older(client, monkeypatch, blog_index):
    live = ArticlePage.objects.live().descendant_of(blog_index)
    oldest = live.order_by("publication_date", "pk").first()
    newest = live.order_by("-publication_date", "-pk").first()
    monkeypatch.setattr(BlogIndexPage, "ARTICLES_PER_PAGE", live.count() - 2)
    first = client.get(blog_index.url)
    assert first.context["articles"].has_next
    html = first.content.decode()
    assert 'rel="next" href="?page=2"' in html
    assert newest.title in html and oldest.title not in html
    second = client.get(blog_index.url, {"page": "2"})
    html = second.content.decode()
    assert 'rel="prev" href="?page=1"' in html
    assert oldest.title in html  # the oldest article is on page two
    assert [article.pk for article in second.context["articles"]][-1] == oldest.pk
    assert not second.context["articles"].has_next


@pytest.mark.parametrize("page", ["null", "-3", "2.5", "", "99999999999"])
def test_junk_page_numbers_show_a_page(client, blog_index, page):
    response = client.get(blog_index.url, {"page": page})
    assert response.status_code == 200
    assert response.context["articles"].number >= 1


def test_page_past_the_end_says_so_and_links_back(client, blog_index):
    html = client.get(blog_index.url, {"page": "40"}).content.decode()
    assert "Keine älteren Artikel." in html
    assert 'rel="prev" href="?page=39"' in html


def test_author_archive_lists_only_their_articles(client, ids):
    author = Author.objects.get(pk=ids.second_author)
    response = client.get(author.archive_url)
    listed = {article.pk for article in response.context["articles"]}
    theirs = set(
        ArticlePage.objects.live()
        .filter(article_authors__author=author)
        .values_list("pk", flat=True)
    )
    assert listed == theirs
    assert (
        len(theirs) == 4
    )  # three alone, and the first part of the series as co-author
    html = response.content.decode()
    assert all(
        title in html
        for title in ArticlePage.objects.filter(pk__in=theirs).values_list(
            "title", flat=True
        )
    )
