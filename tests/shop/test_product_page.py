"""The product page: a publisher's facts, one gross price, reviews from buyers only,
no database write per view, and the page cache with a basket form that needs no
CSRF token (core/cached_forms.py)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from oscar.core.loading import get_model

from core.cached_forms import stamp
from pagecache import store
from shop import analytics
from tests.flows.checkout import choose_payment, place_order

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
ProductRecord = get_model("analytics", "ProductRecord")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "127.0.0.1:8000"}


@pytest.fixture
def book(ids):
    product = Product.objects.get(pk=ids.book)
    product.contributors = "Hanna Berger"
    product.book_format = Product.Format.PAPERBACK
    product.page_count = 212
    product.published_on = date(2026, 3, 1)
    product.delivery_time = "2–3 Werktage"
    product.save()
    return product


def _fresh():
    cache.clear()
    store.forget_local_tokens()


def test_book_page_shows_what_a_publisher_shows(client, book):
    html = client.get(book.get_absolute_url()).content.decode()
    assert "von Hanna Berger" in html
    assert "<dt>ISBN</dt><dd>9783000000017</dd>" in html
    # Oscar's UPC row, as a label: the bare letters can turn up inside a random token.
    assert "<dt>UPC</dt>" not in html and ">UPC<" not in html
    assert "Taschenbuch" in html and "212" in html and "März 2026" in html
    assert "Lieferzeit: 2–3 Werktage" in html
    assert "24,90" in html and "inkl. MwSt." in html
    for stock_phrase in (
        "exkl. Steuer",
        "Preis (inkl",
        ">Steuer<",
        "Anzahl der Bewertungen",
    ):
        assert stock_phrase not in html
    assert "csrfmiddlewaretoken" not in html
    # GPSR (Regulation (EU) 2023/988): the manufacturer's name, address and e-mail.
    safety = html[html.index("Produktsicherheit") :]
    assert "Verlag Lindenblatt GmbH</strong>, Am Teich 4, 04109 Leipzig" in safety
    assert "kontakt@lindenblatt.example" in safety


def test_a_download_has_no_product_safety_box(client, ids):
    product = Product.objects.get(pk=ids.pdf_product)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Produktsicherheit" not in html


def test_product_page_within_budget_and_without_a_write(
    client, book, django_assert_max_num_queries
):
    _fresh()
    client.get(book.get_absolute_url())  # warms routing, site and thumbnail caches
    store.purge_paths([book.get_absolute_url()])
    with django_assert_max_num_queries(8) as captured:
        response = client.get(book.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    writes = [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")
    ]
    assert writes == []
    hit = client.get(book.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"


def test_product_views_are_counted_later(client, book):
    before = ProductRecord.objects.filter(product=book).first()
    before = before.num_views if before else 0
    _fresh()
    client.get(book.get_absolute_url())
    assert (
        ProductRecord.objects.filter(product=book).first() or ProductRecord(num_views=0)
    ).num_views == before
    assert analytics.views_flush() == 1
    assert ProductRecord.objects.get(product=book).num_views == before + 1


def test_price_change_purges_the_cached_page(
    client, book, django_capture_on_commit_callbacks
):
    _fresh()
    client.get(book.get_absolute_url())
    assert client.get(book.get_absolute_url())["X-Page-Cache"] == "hit"
    record = StockRecord.objects.get(product=book)
    record.price = "26.00"
    with django_capture_on_commit_callbacks(execute=True):
        record.save()  # as the dashboard saves it
    page = client.get(book.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "26,00" in page.content.decode()


def test_basket_form_posts_from_a_cached_page_without_csrf(book, ids):
    _fresh()
    reader = Client(enforce_csrf_checks=True)
    reader.get(book.get_absolute_url())
    page = reader.get(book.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    stamp_value = html.split('name="stamp" value="')[1].split('"')[0]
    response = reader.post(
        f"/shop/basket/add-from-page/{book.pk}/",
        {"stamp": stamp_value, "quantity": 2},
        HTTP_ORIGIN="http://127.0.0.1:8000",
        **HOST,
    )
    assert response.status_code == 302
    basket = reader.get("/shop/basket/").context["basket"]
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [
        (book.pk, 2)
    ]


@pytest.mark.parametrize(
    ("headers", "stamp_for"),
    [
        ({"HTTP_ORIGIN": "https://evil.example"}, "self"),
        ({}, "self"),  # neither Origin nor Referer
        ({"HTTP_REFERER": "https://evil.example/page"}, "self"),
        ({"HTTP_ORIGIN": "http://127.0.0.1:8000"}, "other"),
        ({"HTTP_ORIGIN": "http://127.0.0.1:8000"}, "forged"),
    ],
)
def test_forged_basket_posts_add_nothing(book, ids, headers, stamp_for):
    reader = Client()
    value = {
        "self": stamp("basket-add", book.pk),
        "other": stamp("basket-add", ids.pdf_product),
        "forged": "1:abc",
    }[stamp_for]
    response = reader.post(
        f"/shop/basket/add-from-page/{book.pk}/",
        {"stamp": value, "quantity": 1},
        follow=True,
        **headers,
        **HOST,
    )
    assert response.status_code == 200
    assert "nichts in Ihren Warenkorb gelegt" in response.content.decode()
    basket = reader.get("/shop/basket/").context["basket"]
    assert basket.num_items == 0


def test_catalogue_is_cached_within_budget(client, django_assert_max_num_queries):
    _fresh()
    client.get("/shop/catalogue/")  # warms routing, site and thumbnail caches
    store.purge_paths(["/shop/catalogue/"])
    with django_assert_max_num_queries(9):
        first = client.get("/shop/catalogue/")
    assert first["X-Page-Cache"] == "miss"
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert client.get("/shop/catalogue/")["X-Page-Cache"] == "hit"


def test_only_buyers_review_and_reviews_wait_for_moderation(
    client, ids, django_user_model, django_capture_on_commit_callbacks
):
    ebook = Product.objects.get(pk=ids.ebook)
    url = f"/shop/catalogue/{ebook.slug}_{ebook.pk}/reviews/add/"
    reader = django_user_model.objects.create_user(email="r@test.example", password="x")
    client.force_login(reader)
    refused = client.get(url, follow=True)
    assert refused.redirect_chain[-1][0] == ebook.get_absolute_url()
    assert not ProductReview.objects.filter(user=reader).exists()

    from tests.flows.checkout import WAIVER, add_to_basket

    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, ids.ebook)
        client.get("/shop/checkout/")
        choose_payment(client)
        place_order(client, **WAIVER)
    form = client.get(url)
    assert form.status_code == 200
    for bad in ("abc", "0", "6", ""):
        page = client.post(url, {"title": "Gut", "score": bad, "body": "Hilfreich."})
        assert page.status_code == 200
        assert "Bitte vergeben Sie einen bis fünf Sterne" in page.content.decode()
    done = client.post(url, {"title": "Gut", "score": "4", "body": "Hilfreich."})
    assert done.status_code == 302
    review = ProductReview.objects.get(user=reader)
    assert review.score == 4 and review.status == ProductReview.FOR_MODERATION
    page = Client().get(Product.objects.get(pk=ids.ebook).get_absolute_url())
    assert "Hilfreich." not in page.content.decode()


def test_guest_cannot_review(client, ids):
    product = Product.objects.get(pk=ids.ebook)
    response = client.get(f"/shop/catalogue/{product.slug}_{product.pk}/reviews/add/")
    assert response.status_code == 302
    assert not ProductReview.objects.filter(product_id=ids.ebook).exists()


def test_a_product_shows_the_newest_articles_on_its_topics_and_none_without(
    book, django_assert_max_num_queries
):
    """Without topics the product asks for no articles at all (on 100,000 articles
    that search walked the whole archive); with one, the newest live articles on
    it, in two queries."""
    from blog.models import ArticlePage
    from blog.selectors import product_related_pages

    article = (
        ArticlePage.objects.live()
        .filter(categories__isnull=False)
        .order_by("-publication_date")
        .first()
    )
    topic = article.categories.first()
    book.topics.clear()
    with django_assert_max_num_queries(1):
        assert product_related_pages(book) == []
    book.topics.add(topic)
    product_related_pages(book)  # warms the site's root paths for the links
    with django_assert_max_num_queries(2):
        related = product_related_pages(book)
    newest = (
        ArticlePage.objects.live()
        .filter(categories=topic)
        .order_by("-publication_date", "-pk")
        .first()
    )
    assert related[0]["title"] == newest.title
    assert all(
        ArticlePage.objects.filter(title=item["title"], categories=topic).exists()
        for item in related
    )
