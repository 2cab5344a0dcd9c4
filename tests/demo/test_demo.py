"""Smoke tests of the demo publisher (`load_demo`): it loads, it loads only once,
every page of it renders, and it answers where `make run` serves it. The other
tests never read the demo; these load it into an empty site (the test publisher's
page tree is removed first, inside the test's transaction)."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.core.management.base import CommandError
from newsletter.models import Newsletter
from oscar.core.loading import get_model
from wagtail.models import Page, Site

from blog.models import ArticlePage, Author, BlogIndexPage, SeriesPage
from demo.loader import DEMO_ADMIN_EMAIL
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_site(home_page):
    """No page tree and no site, as after `migrate` on a fresh database."""
    Site.objects.all().delete()
    home_page.delete()


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.label.startswith(("django_tasks", "wagtailsearch"))
    }


def test_demo_loads_once_with_what_the_brief_asks_for_and_every_page_renders(
    empty_site, client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    report = load_demo()
    assert "created" in report and f"Admin login: {DEMO_ADMIN_EMAIL}" in report

    home = HomePage.objects.get()
    assert Author.objects.count() >= 3
    assert SeriesPage.objects.live().descendant_of(home).count() == 2
    articles = ArticlePage.objects.descendant_of(home)
    assert articles.count() >= 12
    assert all(article.hero_image and article.hero_image.credit for article in articles)
    kinds = set(
        get_model("catalogue", "Product")
        .objects.filter(upc__isnull=False)
        .values_list("product_class__kind", flat=True)
    )
    assert {"article_pdf", "book", "ebook", "course"} <= kinds
    assert Newsletter.objects.filter(site__isnull=False).exists()

    pages = Page.objects.live().descendant_of(home, inclusive=True).specific()
    assert len(pages) >= 15
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode(), page.url
        # The EU's ODR platform closed on 20 July 2025: no page links it.
        assert "ec.europa.eu/consumers/odr" not in response.content.decode()

    # Impressum and AGB: the § 36 VSBG statement; the Impressum names the editor
    # responsible under § 18(2) MStV.
    legal = {page.role: page for page in StandardPage.objects.exclude(role="")}
    imprint = client.get(legal["imprint"].url).content.decode()
    assert "§ 18 Abs. 2 MStV: Jonas Albrecht" in imprint
    assert "Verbraucherschlichtungsstelle" in imprint and "§ 36 VSBG" in imprint
    assert "§ 36 VSBG" in client.get(legal["terms"].url).content.decode()
    # The accessibility statement (BFSG) is a legal page, linked in every footer.
    home_html = client.get("/").content.decode()
    assert (
        f'<a href="{legal["accessibility"].url}">Erklärung zur Barrierefreiheit</a>'
        in home_html
    )
    policy = client.get(legal["withdrawal"].url).content.decode()
    assert "„Vertrag widerrufen“" in policy and "/vertrag-widerrufen/" in policy
    # The finished series is sold as one PDF: its price on the front page's shelf
    # and its page; the series with a part still to come promises it instead.
    salary = SeriesPage.objects.get(slug="gehalt-verhandeln")
    assert salary.sell_as_pdf and salary.pdf_price == Decimal("12.90")
    shelf = home_html.split('class="series-shelf"', 1)[1].split("</ul>", 1)[0]
    assert "Ganze Serie als PDF" in shelf and "12,90" in shelf
    assert "inkl. MwSt." in shelf
    assert "In den Warenkorb" in client.get(salary.url).content.decode()
    first_days = client.get(SeriesPage.objects.get(slug="die-ersten-100-tage").url)
    assert "Sobald alle Teile erschienen sind" in first_days.content.decode()

    before = counts()
    assert "nothing changed" in load_demo()
    assert counts() == before


def test_demo_site_answers_on_the_port_make_run_serves(empty_site, client, settings):
    """`make run PORT=8765` loads the demo with SITE_DOMAIN=127.0.0.1:8765: the
    links the site builds (canonical, feeds, sitemap, mails) point there."""
    load_demo()  # first served on the default port
    settings.SITE_DOMAIN = "127.0.0.1:8765"
    load_demo()  # then `make run PORT=8765`
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8765"
    article = ArticlePage.objects.live().first()
    html = client.get(article.url, HTTP_HOST="127.0.0.1:8765").content.decode()
    assert f'rel="canonical" href="http://127.0.0.1:8765{article.url}"' in html
    index = BlogIndexPage.objects.live().get()
    assert f'href="http://127.0.0.1:8765{index.url}feed/"' in html
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8765").content.decode()
    assert "<loc>http://127.0.0.1:8765/sitemap-pages.xml</loc>" in sitemap
    pages = client.get("/sitemap-pages.xml", HTTP_HOST="127.0.0.1:8765")
    sitemap += pages.content.decode()
    assert f"<loc>http://127.0.0.1:8765{index.url}</loc>" in sitemap
    assert "127.0.0.1:8000" not in html + sitemap


def test_load_demo_refuses_production_without_force(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo")
