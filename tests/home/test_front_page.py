"""The front page: sections an editor composes, a default that shows each, the
shelf's basket form posting from the cached page, and a flat query count."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from blog.models import ArticlePage, Author, SeriesPage
from home.models import HomePage
from pagecache import store
from taxonomy.models import Category

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def _section(html: str, heading: str) -> str:
    """The HTML of the section whose h2 is `heading`, up to the next section."""
    start = html.index(f">{heading}</h2>")
    end = html.find("</section>", start)
    return html[start:end]


def test_default_front_page_shows_every_section(client, ids):
    html = client.get("/").content.decode()
    newest = ArticlePage.objects.live().order_by("-publication_date", "-pk").first()
    lead = html.split('class="lead-story"', 1)[1].split("</article>", 1)[0]
    # The lead story: the newest article, large, with its lead and author.
    assert newest.title in lead and newest.lead[:30] in lead
    assert 'class="lead-story__image"' in lead
    assert newest.authors[0].name in lead
    # Further stories leave the lead out.
    stories = _section(html, "Weitere Artikel")
    assert newest.title not in stories and stories.count('class="card"') >= 3
    # The series shelf: cover, number of parts, part 1, the series PDF's price.
    shelf = _section(html, "Unsere Serien")
    series = SeriesPage.objects.get(pk=ids.series)
    assert series.title in shelf and "Serie in 5 Teilen" in shelf  # one scheduled
    first = ArticlePage.objects.get(pk=ids.first_part)
    assert f'href="{first.url}"' in shelf and "Teil 1 lesen" in shelf
    assert "9,99\xa0€" in shelf
    # Books, e-books and courses with gross prices and a basket form; never an
    # article's PDF.
    products = _section(html, "Bücher, E-Books und Kurse")
    for title, price in (
        ("Sicher ankommen", "24,90"),
        ("Gehalt klar verhandeln (E-Book)", "14,99"),
        ("Teams führen lernen", "19,99"),
    ):
        assert title in products and price in products
    assert "(PDF)" not in products
    assert products.count('action="/shop/basket/add-from-page/') == 3
    assert "csrfmiddlewaretoken" not in products
    # Topics with their pages, authors with theirs, and the newsletter.
    topics = _section(html, "Themen")
    assert 'href="/journal/themen/gehalt/"' in topics and "Gehalt" in topics
    authors = _section(html, "Unsere Autorinnen und Autoren")
    assert 'href="/journal/autoren/hanna-berger/"' in authors
    assert "Der Newsletter" in html and 'name="email"' in html
    # One sign-up form on the page: the footer leaves its own out.
    assert html.count('name="email"') == 1


def test_editor_chooses_sections_and_their_order(client, ids):
    home = HomePage.objects.get(pk=ids.home)
    salary = Category.objects.get(slug="gehalt")
    chosen = ArticlePage.objects.get(pk=ids.salary_parts[0])
    home.body = [
        ("product_shelf", {"heading": "Unsere Bücher", "kinds": ["book"], "count": 4}),
        ("lead_story", {"article": chosen}),
        ("stories", {"heading": "", "topic": salary, "count": 6}),
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.index("Unsere Bücher") < html.index('class="lead-story"')
    lead = html.split('class="lead-story"', 1)[1].split("</article>", 1)[0]
    assert chosen.title in lead
    books = _section(html, "Unsere Bücher")
    assert "Sicher ankommen" in books and "E-Book" not in books
    # Stories on the topic, without the chosen lead; the heading is the topic.
    stories = _section(html, "Gehalt")
    assert chosen.title not in stories
    assert 'href="/journal/themen/gehalt/"' in stories
    # Sections the editor did not place are not shown.
    assert "series-card" not in html and "author-card" not in html
    # The footer's newsletter form comes back: the page has none of its own.
    assert html.count('name="email"') == 1


def test_shelf_basket_form_posts_from_the_cached_front_page(client, ids, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/")
    cached = client.get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert first.content == cached.content
    form = re.search(
        rf'action="(/shop/basket/add-from-page/{ids.book}/)".*?'
        r'name="stamp" value="([^"]+)"',
        cached.content.decode(),
        re.S,
    )
    assert form, "the book's basket form is on the page"
    response = client.post(
        form.group(1),
        {"stamp": form.group(2), "quantity": "1"},
        HTTP_ORIGIN="http://testserver",
        HTTP_REFERER="http://testserver/",
    )
    assert response.status_code == 302
    basket = client.get("/shop/basket/").content.decode()
    assert "Sicher ankommen" in basket


def test_sold_out_book_shows_as_unavailable(client, ids):
    StockRecord = get_model("partner", "StockRecord")
    StockRecord.objects.filter(product_id=ids.book).update(num_in_stock=0)
    html = client.get("/").content.decode()
    shelf = _section(html, "Bücher, E-Books und Kurse")
    book = shelf.split("Sicher ankommen", 1)[1].split("</li>", 1)[0]
    assert "Derzeit nicht lieferbar" in book
    assert f"/shop/basket/add-from-page/{ids.book}/" not in shelf


def test_price_change_purges_the_cached_front_page(
    client, ids, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    StockRecord = get_model("partner", "StockRecord")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    record = StockRecord.objects.get(product_id=ids.book)
    record.price = "27.50"
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    response = client.get("/")
    assert response["X-Page-Cache"] != "hit"
    assert "27,50" in response.content.decode()


def test_front_page_queries_do_not_grow_with_the_data(client, settings, ids):
    """Twice the articles, series and books: the uncached front page costs the
    same queries."""
    settings.PAGE_CACHE_SECONDS = 0

    def count() -> int:
        """The sections rendered afresh (their fragment forgotten), everything
        else warm."""
        client.get("/")
        store.fragments_expire()
        client.get("/")  # the site chrome kept per fragments token, warm again
        cache.delete(sections_fragment_key())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    before = count()
    journal = ArticlePage.objects.get(pk=ids.first_part).get_parent().get_parent()
    article = ArticlePage.objects.get(pk=ids.standalone[0])
    for number in range(8):
        copy = article.copy(
            to=journal,
            update_attrs={"slug": f"mehr-{number}", "title": f"Mehr {number}"},
        )
        copy.save_revision().publish()
    series = SeriesPage.objects.get(pk=ids.series)
    for number in range(3):
        copy = series.copy(
            to=journal,
            recursive=True,
            update_attrs={"slug": f"serie-{number}", "title": f"Serie {number}"},
        )
        copy.save_revision().publish()
    for number in range(5):
        Author.objects.create(name=f"Gast {number}", slug=f"gast-{number}")
    assert count() == before
    assert before <= 13  # today's front page with its shelves (tests/home/test_site.py)


def sections_fragment_key() -> str:
    home = HomePage.objects.get()
    return make_template_fragment_key(
        "home_sections",
        [
            home.pk,
            home.last_published_at,
            store.fragments_generation(),
            store.structure_generation(),
            "de",
        ],
    )


def test_sections_are_cached_for_logged_in_readers_and_renewed_by_a_publish(
    client, ids, settings, django_user_model, django_capture_on_commit_callbacks
):
    """Logged-in readers skip the page cache; the sections' fragment spares them
    the shelves' queries, and a new article shows at once."""
    settings.PAGE_CACHE_SECONDS = 0
    reader = django_user_model.objects.create_user(
        email="leserin@example.org", password="x-geheim-123"
    )
    client.force_login(reader)
    client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert not any("catalogue_product" in q["sql"] for q in warm.captured_queries)
    article = ArticlePage.objects.get(pk=ids.standalone[0])
    with django_capture_on_commit_callbacks(execute=True):
        copy = article.copy(
            to=article.get_parent(),
            update_attrs={
                "slug": "ganz-neu",
                "title": "Ganz neu erschienen",
                "publication_date": date.today() + timedelta(days=1),
            },
        )
        copy.save_revision().publish()
    assert "Ganz neu erschienen" in client.get("/").content.decode()
