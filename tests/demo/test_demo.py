"""Smoke tests of the demo publisher (`load_demo`): it loads, it loads only once,
every page of it renders, and it answers where `make run` serves it."""

import io

import pytest
from django.apps import apps
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.core.management.base import CommandError
from newsletter.models import Newsletter
from oscar.core.loading import get_model
from wagtail.models import Page, Site

from blog.models import ArticlePage, Author, SeriesPage

pytestmark = pytest.mark.django_db


def test_demo_has_what_the_brief_asks_for():
    assert Author.objects.count() >= 3
    assert SeriesPage.objects.live().count() == 2
    articles = ArticlePage.objects.all()
    assert articles.count() >= 12
    assert all(article.hero_image and article.hero_image.credit for article in articles)
    classes = set(
        get_model("catalogue", "Product").objects.values_list(
            "product_class__kind", flat=True
        )
    )
    assert classes == {"article_pdf", "book", "ebook", "course"}
    assert Newsletter.objects.filter(site__isnull=False).exists()


def test_load_demo_twice_changes_nothing(capsys):
    def counts():
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.managed
            and not model._meta.label.startswith(("django_tasks", "wagtailsearch"))
        }

    before = counts()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert counts() == before


def test_load_demo_refuses_production_without_force(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo")


def test_every_live_demo_page_renders(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert len(pages) >= 15
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode(), page.url
    product = get_model("catalogue", "Product").objects.filter(is_public=True).first()
    assert client.get(product.get_absolute_url()).status_code == 200


def test_demo_site_answers_on_the_port_make_run_serves(client, settings):
    """`make run PORT=8765` loads the demo with SITE_DOMAIN=127.0.0.1:8765: the
    links the site builds (canonical, feeds, sitemap, mails) point there."""
    settings.SITE_DOMAIN = "127.0.0.1:8765"
    call_command("load_demo", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8765"
    article = ArticlePage.objects.live().first()
    html = client.get(article.url, HTTP_HOST="127.0.0.1:8765").content.decode()
    assert f'rel="canonical" href="http://127.0.0.1:8765{article.url}"' in html
    assert 'href="http://127.0.0.1:8765/magazin/feed/"' in html
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8765").content.decode()
    assert "<loc>http://127.0.0.1:8765/magazin/</loc>" in sitemap
    assert "127.0.0.1:8000" not in html + sitemap
