"""The site search: every kind of content, typed results with highlighted snippets,
pagination, German ranking on PostgreSQL."""

import re

import pytest
from django.db import connection

from blog.models import ArticlePage
from sitesearch.tasks import search_index_refresh
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def hits(response) -> list[tuple[str, str]]:
    """(type label, title) of each hit on a result page."""
    html = response.content.decode()
    return re.findall(
        r'<p class="search-hit__type">([^<]+)</p>\s*<h3 class="search-hit__title">'
        r"(?:<a [^>]+>)?([^<]+)",
        html,
    )


def test_overview_covers_articles_series_authors_and_products(client, ids):
    found = hits(client.get("/search/", {"q": "Gehalt"}))
    salary = ArticlePage.objects.filter(pk__in=ids.salary_parts)
    assert ("Artikel", "Den Marktwert kennen") in found
    assert {("Artikel", page.title) for page in salary} <= set(found)
    assert ("Serie", "Mehr verdienen") in found
    assert ("E-Book", "Gehalt klar verhandeln (E-Book)") in found  # the product
    assert ("Artikel", "Der erste Tag im Team") not in found
    authors = hits(client.get("/search/", {"q": "Berger"}))
    assert authors == [("Autorin/Autor", "Hanna Berger")]


def test_snippets_highlight_the_query_words(client):
    html = client.get("/search/", {"q": "Gehalt"}).content.decode()
    marks = re.findall(r"<mark>([^<]+)</mark>", html)
    assert marks
    assert all(mark.lower().startswith("gehalt") for mark in marks)


def test_highlighting_escapes_what_it_shows():
    from core.query import highlight

    snippet = highlight("<b>Gehalt</b> & <script>x</script> Gehaltsband", "Gehalt")
    assert "<script>" not in snippet and "&amp;" in snippet
    assert str(snippet).count("<mark>") == 2


def test_snippets_show_the_words_once_escaped_without_block_settings(
    client, blog_index
):
    ArticlePageFactory(
        parent=blog_index,
        title="Zahlen vergleichen",
        body=[
            ("heading_block", {"text": "Vergleichsdaten", "level": "h2"}),
            ("paragraph_block", "<p>Prüfen Sie &lt;Tarif&gt; und Zulagen.</p>"),
        ],
    )
    search_index_refresh.call()
    html = client.get(
        "/search/", {"q": "Vergleichsdaten", "type": "articles"}
    ).content.decode()
    snippet = html.split("<mark>Vergleichsdaten</mark>", 1)[1].split("</p>", 1)[0]
    assert " h2 " not in snippet
    assert "Prüfen Sie &lt;Tarif&gt; und Zulagen." in snippet  # escaped once
    assert "&amp;lt;" not in html


def test_one_kind_is_paginated(client, blog_index, article):
    for number in range(23):
        article.copy(
            to=blog_index,
            update_attrs={
                "slug": f"zebrafisch-{number}",
                "title": f"Zebrafisch {number}",
            },
        ).save_revision().publish()
    search_index_refresh.call()
    first = client.get("/search/", {"q": "Zebrafisch", "type": "articles"})
    assert len(hits(first)) == 20
    assert 'rel="next"' in first.content.decode()
    second = client.get(
        "/search/", {"q": "Zebrafisch", "type": "articles", "page": "2"}
    )
    assert len(hits(second)) == 3
    assert 'rel="prev"' in second.content.decode()
    assert {t for _k, t in hits(first)}.isdisjoint({t for _k, t in hits(second)})
    overview = client.get("/search/", {"q": "Zebrafisch"}).content.decode()
    assert "type=articles" in overview  # "all results" link from the overview


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Gehalt", "type": "nonsense"},
        {"q": "Gehalt", "type": "articles", "page": "x"},
        {"q": "Gehalt", "type": "products", "page": "99999999999"},
        {"q": "ä" * 300},
    ],
)
def test_odd_parameters_give_a_page(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    results = response.context["results"]
    assert results.query == params["q"][:200]
    if params.get("type") == "articles":  # page "x" is the first page
        assert results.page.number == 1 and results.page.object_list


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full text")
def test_postgresql_ranks_with_german_stemming(client):
    # "Gehälter" and "Probezeiten" occur nowhere; German stems find "Gehalt" and
    # "Probezeit". The simple configuration would find nothing.
    found = {title for _k, title in hits(client.get("/search/", {"q": "Gehälter"}))}
    assert "Den Marktwert kennen" in found
    found = {title for _k, title in hits(client.get("/search/", {"q": "Probezeiten"}))}
    assert "Die Probezeit bestehen" in found
    # A title match ranks above articles that only mention the word.
    ranked = hits(client.get("/search/", {"q": "Marktwert", "type": "articles"}))
    assert ranked[0][1] == "Den Marktwert kennen"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full text")
def test_postgresql_ranks_only_the_newest_matches(client, monkeypatch):
    from blog.models import ArticlePage
    from sitesearch import selectors

    every = selectors.newest_article_matches("Gehalt", limit=1000)
    salary = ArticlePage.objects.filter(categories__slug="gehalt")
    assert set(salary.values_list("pk", flat=True)) <= set(every)
    assert every == sorted(every, reverse=True)  # newest first
    assert selectors.newest_article_matches("Gehalt", limit=2) == every[:2]
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 1)
    found = hits(client.get("/search/", {"q": "Gehalt", "type": "articles"}))
    assert [title for _k, title in found] == [
        ArticlePage.objects.get(pk=every[0]).title
    ]
