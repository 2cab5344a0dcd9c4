"""Site-wide behaviour: search, error pages, sitemap, robots, menus, query budgets."""

import re

import pytest
from django.test import override_settings

from blog.models import ArticlePage
from tests import world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("junk", ["", "   ", '"', "((", "a" * 1000, "NOT", "ä:ö^*"])
def test_empty_or_junk_query_gives_a_friendly_page(client, junk):
    response = client.get("/search/", {"q": junk})
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()


def test_unknown_url_gives_the_designed_404(client):
    response = client.get("/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in html
    assert world.PUBLISHER in html
    assert 'action="/search/"' in html


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_database(django_assert_num_queries):
    from django.utils import translation

    from home.views import server_error

    with django_assert_num_queries(0), translation.override("de"):
        response = server_error(None)
    assert response.status_code == 500
    assert "Bei uns ist etwas schiefgelaufen" in response.content.decode()


def _sitemap_files(client) -> list[str]:
    """The files /sitemap.xml (an index) names, each fetched."""
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    files = re.findall(r"<loc>(.*?)</loc>", index)
    return [
        client.get(
            url.removeprefix(world.ROOT_URL).replace("&amp;", "&")
        ).content.decode()
        for url in files
    ]


def test_sitemap_lists_pages_and_products_with_lastmod(client, ids, article):
    from oscar.core.loading import get_model

    xml = "".join(_sitemap_files(client))
    book = get_model("catalogue", "Product").objects.get(pk=ids.book)
    assert f"<loc>{world.ROOT_URL}{article.url}</loc>" in xml
    assert f"{world.ROOT_URL}{book.get_absolute_url()}" in xml
    live_pages = ArticlePage.objects.live().count()
    assert xml.count("<lastmod>") >= live_pages
    # The scheduled part is not published yet, so it is not announced.
    assert "nach-der-probezeit" not in xml


def test_sitemap_files_hold_at_most_the_limit_and_together_every_page(
    client, monkeypatch
):
    """sitemaps.org allows 50,000 addresses per file; a magazine of 100,000 articles
    needs several, named by the index. Here the limit is 3."""
    from django.contrib.sitemaps import Sitemap

    full = "".join(_sitemap_files(client))
    monkeypatch.setattr(Sitemap, "limit", 3)
    files = _sitemap_files(client)
    assert len(files) > 2
    addresses = [re.findall(r"<loc>(.*?)</loc>", xml) for xml in files]
    assert all(0 < len(found) <= 3 for found in addresses)
    everything = [url for found in addresses for url in found]
    assert sorted(everything) == sorted(re.findall(r"<loc>(.*?)</loc>", full))
    assert len(set(everything)) == len(everything)


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_wagtail_admin_menu_links_to_shop_dashboard_for_staff(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "/shop/dashboard/" in html
    assert admin_client.get("/shop/dashboard/").status_code == 200


def test_newsletter_pages_answer(client, ids):
    assert client.get("/newsletter/").status_code == 200
    response = client.get("/newsletter/archive/")
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()


def test_credits_stand_under_editorial_images_not_logos_portraits_or_cards(
    client, article
):
    html = client.get(article.url).content.decode()
    credit = article.hero_image.credit
    # Under the hero and under the body image, and in the article's credits list.
    assert html.count(f'<span class="figure__credit">{credit}</span>') >= 2
    credits_section = html.split('id="image-rights-title"', 1)[1]
    assert credit in credits_section
    author_box = html.split("aside-box--author", 1)[1].split("</section>", 1)[0]
    publisher_box = html.split('class="publisher-box"', 1)[1].split("</section>", 1)[0]
    assert "figcaption" not in author_box and "figcaption" not in publisher_box
    related = html.split('class="card card--compact"', 1)[1].split("</article>", 1)[0]
    assert "figure__credit" not in related
    listing = client.get(article.get_parent().get_parent().url).content.decode()
    assert "card__image" in listing and "figure__credit" not in listing


def test_home_page_title_names_the_publisher_once(client, home_page, article):
    assert home_page.title == world.PUBLISHER
    html = client.get("/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == world.PUBLISHER
    article_html = client.get(article.url).content.decode()
    assert f"<title>{article.title} · {world.PUBLISHER}</title>" in article_html


def test_favicon_is_served(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in html
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301 and redirect["Location"] == "/static/favicon.ico"
    icon = client.get("/static/favicon.ico")
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO


def test_magazine_announces_each_feed_once(client, blog_index):
    html = client.get(blog_index.url).content.decode()
    feeds = [
        line
        for line in html.splitlines()
        if 'rel="alternate"' in line and "feed" in line
    ]
    hrefs = [line.split('href="', 1)[1].split('"', 1)[0] for line in feeds]
    assert hrefs and len(hrefs) == len(set(hrefs))
    assert f"{world.ROOT_URL}{blog_index.url}feed/" in hrefs


def test_scheduled_series_part_is_shown_as_upcoming(client, series, ids):
    scheduled = ArticlePage.objects.get(pk=ids.scheduled_part)
    assert scheduled.live is False
    html = client.get(series.url).content.decode()
    upcoming = html.split('series-part--upcoming"', 1)[1].split("</li>", 1)[0]
    assert scheduled.title in upcoming and "href" not in upcoming
    assert client.get(f"{series.url}{scheduled.slug}/").status_code == 404


# Query budgets with the page cache off (what a first reader after a purge costs),
# counted after one warm-up request (renditions created, navigation and fragments
# cached). Listings prefetch, so these hold at any data size (below).
QUERY_BUDGETS = [
    ("home", 13),  # with the shelves, topics and authors (issue 28: was 16)
    ("topic", 12),
    ("authors", 4),
    ("journal", 15),
    ("series", 12),
    ("author", 17),
    ("article", 2),  # issue 26: at most two
    ("catalogue", 9),
    ("search", 17),
]


def budget_path(name: str) -> str:
    from blog.models import Author, BlogIndexPage, SeriesPage

    ids = world.WORLD
    return {
        "home": "/",
        "topic": f"{BlogIndexPage.objects.get(pk=ids.journal).url}themen/gehalt/",
        "authors": f"{BlogIndexPage.objects.get(pk=ids.journal).url}autoren/",
        "journal": BlogIndexPage.objects.get(pk=ids.journal).url,
        "series": SeriesPage.objects.get(pk=ids.series).url,
        "author": Author.objects.get(pk=ids.lead_author).archive_url,
        "article": ArticlePage.objects.get(pk=ids.first_part).url,
        "catalogue": "/shop/catalogue/",
        "search": "/search/?q=Gehalt",
    }[name]


@pytest.mark.parametrize(("name", "budget"), QUERY_BUDGETS)
def test_page_query_budget(
    client, settings, django_assert_max_num_queries, name, budget
):
    settings.PAGE_CACHE_SECONDS = 0
    path = budget_path(name)
    assert client.get(path).status_code == 200
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


def test_query_counts_do_not_grow_with_the_data(client, settings, blog_index, article):
    """Twice as many articles, authors on each: listings cost the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    paths = [budget_path(name) for name, _budget in QUERY_BUDGETS]

    def counts():
        result = {}
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            result[path] = len(queries)
        return result

    before = counts()
    for number in range(14):
        copy = article.copy(
            to=blog_index,
            update_attrs={"slug": f"kopie-{number}", "title": f"Gehalt Kopie {number}"},
        )
        copy.save_revision().publish()
    after = counts()
    assert after == before
