"""The article page: what readers see around the text, and what it costs."""

import re

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from blog.models import ArticlePage
from pagecache import store as pagecache
from tests import factories

pytestmark = pytest.mark.django_db

FIRST_DAY = "/magazin/die-ersten-100-tage/der-erste-arbeitstag/"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_article_shows_authors_publisher_and_image_rights(client):
    html = client.get(FIRST_DAY).content.decode()
    text = text_of(html)
    assert "Mara Lindqvist" in text and "Karrierecoach, Hamburg" in text
    assert 'href="/magazin/author/mara-lindqvist/"' in html
    assert 'href="https://www.linkedin.com' in html or "LinkedIn" in text
    assert 'class="publisher-box"' in html and "Kompass Karriereverlag" in text
    rights = html[html.index('class="image-rights"') :]
    assert "Artikelbild Der erste Arbeitstag" in rights
    assert "Illustration Der erste Arbeitstag" in rights  # the body image too
    assert "Kompass Karriereverlag" in text_of(rights)  # the rights holder


def test_article_has_series_navigation_toc_and_reading_time(client):
    html = client.get(FIRST_DAY).content.decode()
    nav = html[html.index('class="series-nav"') :]
    assert re.search(r"(Part|Teil) 1 (of|von) 5", text_of(nav))
    assert (
        'rel="next" href="/magazin/die-ersten-100-tage/die-erste-woche-strukturieren/"'
        in nav
    )
    assert 'rel="prev"' not in nav.split("</nav>")[0]
    toc = html[
        html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))
    ]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors == [
        "vorher-klaren-was-sich-klaren-lasst",
        "zuhoren-schlagt-vorstellen",
        "notizen-fur-spater",
    ]
    for anchor in anchors:
        assert f'<h2 id="{anchor}">' in html
    assert re.search(r"1 (minute read|Minute Lesezeit)", text_of(html))

    second = client.get("/magazin/die-ersten-100-tage/die-erste-woche-strukturieren/")
    nav = second.content.decode()
    assert 'rel="prev" href="/magazin/die-ersten-100-tage/der-erste-arbeitstag/"' in nav


def test_pdf_offer_and_picked_products_show_live_prices(
    client, django_capture_on_commit_callbacks
):
    text = text_of(client.get(FIRST_DAY).content.decode())
    assert "3,99 €" in text  # the article's PDF
    assert "Gut ankommen" in text and "24,90 €" in text  # picked book
    assert "Souverän führen" in text and "19,99 €" in text  # picked course

    record = get_model("partner", "StockRecord").objects.get(
        product__upc="KOMPASS-PDF-0001"
    )
    record.price = "4.49"
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    text = text_of(client.get(FIRST_DAY).content.decode())
    assert "4,49 €" in text and "3,99 €" not in text


def test_article_without_picks_suggests_products_on_its_topics(client):
    html = client.get(
        "/magazin/gehalt-verhandeln/marktwert-ermitteln/"
    ).content.decode()
    box = html[html.index('id="topic-products"') :]
    assert "Gehalt ohne Bauchschmerzen" in text_of(box)  # shares "Gehalt"
    assert "Gut ankommen" not in text_of(box.split("</section>")[0])


def test_related_articles_share_a_topic(client):
    html = client.get(
        "/magazin/gehalt-verhandeln/marktwert-ermitteln/"
    ).content.decode()
    related = html[html.index('id="related-title"') :]
    titles = re.findall(r'<h3 class="card__title"><a href="([^"]+)"', related)
    gehalt = ArticlePage.objects.live().filter(categories__slug="gehalt")
    tagged = ArticlePage.objects.live().filter(tags__name__in=["Gehalt", "Verhandlung"])
    sharing = {page.url for page in gehalt} | {page.url for page in tagged}
    sharing.discard("/magazin/gehalt-verhandeln/marktwert-ermitteln/")
    assert len(sharing) == 2  # the two other parts of the salary series
    assert set(titles) == sharing


def test_newsletter_box_hands_the_address_to_the_sign_up_page(client):
    html = client.get(FIRST_DAY).content.decode()
    assert 'action="/newsletter/kompass-brief/subscribe/"' in html
    form = client.get(
        "/newsletter/kompass-brief/subscribe/", {"email": "leser@example.org"}
    )
    assert form.status_code == 200
    assert 'value="leser@example.org"' in form.content.decode()


# --- query budgets ------------------------------------------------------------------


def _forget_fragments(page: ArticlePage) -> None:
    page.refresh_from_db()
    generation = pagecache.fragments_generation()
    for name in ("article", "article_head"):
        cache.delete(
            make_template_fragment_key(
                name, [page.pk, page.last_published_at, generation, "de"]
            )
        )


def _render_cold(client, page: ArticlePage) -> int:
    """Queries of one render of the article with its fragments gone, once its images'
    renditions exist and the site-wide navigation and publisher data are cached."""
    _forget_fragments(page)
    assert client.get(page.url).status_code == 200  # makes any missing rendition
    _forget_fragments(page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def big_article(blog_index):
    authors = [factories.author(f"autorin-{n}", role="Testerin") for n in range(3)]
    products = [factories.product(f"Buch {n}", "12.00") for n in range(10)]
    images = [factories.image(f"bild-{n}", licensor="Test") for n in range(8)]
    series = factories.series_with_parts(
        blog_index,
        slug="grosse-serie",
        parts=5,
        authors=authors,
        products=products,
        images=images,
        category=factories.first_category(),
    )
    return ArticlePage.objects.child_of(series).order_by("path")[2]


def _add_tenfold_data(blog_index, demo_article):
    """Ten times the data of the scenario: 30 authors, 100 products, 80 images and
    about 190 articles (nine more five-part series and copies of a demo article)."""
    authors = [factories.author(f"weitere-{n}") for n in range(27)]
    products = [factories.product(f"Noch ein Buch {n}") for n in range(90)]
    images = [factories.image(f"mehr-{n}") for n in range(72)]
    for number in range(9):
        factories.series_with_parts(
            blog_index,
            slug=f"serie-{number}",
            parts=5,
            authors=authors[number * 3 : number * 3 + 3],
            products=products[number * 10 : number * 10 + 10],
            images=images[number * 8 : number * 8 + 8],
            category=factories.first_category(),
        )
    for number in range(126):
        demo_article.copy(
            to=blog_index,
            update_attrs={"slug": f"kopie-{number}", "title": f"Kopie {number}"},
        ).save_revision().publish()
    assert ArticlePage.objects.count() >= 190


def test_big_article_renders_in_ten_queries_at_any_data_size(
    client, settings, big_article, blog_index, article
):
    settings.PAGE_CACHE_SECONDS = 0
    html = client.get(big_article.url).content.decode()
    assert html.count('class="author-box"') == 3
    assert html.count('class="product-card"') == 10
    assert re.search(r"(Part|Teil) 3 (of|von) 5", text_of(html))
    assert html.count('<figure class="figure figure--content"') == 8

    before = _render_cold(client, big_article)
    assert before <= 10
    _add_tenfold_data(blog_index, article)
    assert _render_cold(client, big_article) == before


def test_blog_index_of_twenty_articles_in_ten_queries_at_any_data_size(
    client, settings, blog_index, article
):
    settings.PAGE_CACHE_SECONDS = 0
    for number in range(10):
        article.copy(
            to=blog_index,
            update_attrs={"slug": f"vorab-{number}", "title": f"V {number}"},
        ).save_revision().publish()

    def count() -> int:
        assert client.get("/magazin/").status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/magazin/")
        assert len(response.context["articles"]) == 20
        return len(queries)

    before = count()
    assert before <= 10
    _add_tenfold_data(blog_index, article)
    assert count() == before
