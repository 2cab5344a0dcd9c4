"""HomePage routes a whole path in one query and still finds the right page."""

import pytest

from blog.models import ArticlePage, SeriesPage

pytestmark = pytest.mark.django_db


def add_article(parent, slug, title):
    article = ArticlePage(title=title, slug=slug, lead="Kurz.", body=[])
    parent.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_same_slug_in_two_series_routes_to_each_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = SeriesPage.objects.get(slug="gut-gestartet")
    second = SeriesPage.objects.get(slug="mehr-verdienen")
    add_article(first, "fazit", "Fazit der ersten Serie")
    add_article(second, "fazit", "Fazit der zweiten Serie")
    html = client.get("/journal/mehr-verdienen/fazit/").content.decode()
    assert "Fazit der zweiten Serie" in html
    html = client.get("/journal/gut-gestartet/fazit/").content.decode()
    assert "Fazit der ersten Serie" in html


@pytest.mark.parametrize(
    "path",
    [
        "/journal/gibt-es-nicht/der-erste-arbeitstag/",
        "/journal/der-erste-tag/",  # right slug, wrong parent
        "/journal/gut-gestartet/der-erste-tag/zu-tief/",
        "/journal/autoren/niemand/",
    ],
)
def test_wrong_paths_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_routing_cost_does_not_grow_with_depth(
    client, settings, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    counts = []
    for path in [
        "/journal/fuehren-auf-distanz/",
        "/journal/gut-gestartet/der-erste-tag/",
    ]:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts.append(len(queries))
    # The route and the page, plus the article's discussion (thread and mentions).
    assert counts[0] == counts[1] <= 4
