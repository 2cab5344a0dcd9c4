"""The article page: what readers see around the text, and what it costs."""

import re

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from blog.models import ArticlePage
from home.blocks import heading_anchor
from pagecache import store as pagecache
from tests import factories, world

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_article_shows_authors_publisher_and_image_rights(client, article, lead_author):
    html = client.get(article.url).content.decode()
    text = text_of(html)
    assert lead_author.name in text and lead_author.role in text
    assert f'href="{lead_author.archive_url}"' in html
    assert 'href="https://www.linkedin.example/in/hanna-berger"' in html
    assert 'class="publisher-box"' in html and world.PUBLISHER in text
    rights = html[html.index('class="image-rights"') :]
    assert article.hero_image.title in rights
    assert "Skizze Der erste Tag" in rights  # the body image too
    assert "Bildagentur Test" in text_of(rights)  # the rights holder


def test_article_has_series_navigation_toc_and_reading_time(
    client, article, second_part
):
    html = client.get(article.url).content.decode()
    box = html[html.index("aside-box--series") :].split("</nav>")[0]
    assert "Sie lesen Teil 1 von 5" in text_of(box)
    assert f'href="{second_part.url}"' in box
    assert f'rel="next" href="{second_part.url}"' in html
    assert 'rel="prev"' not in html
    toc = html[
        html.index("aside-box--toc") : html.index(
            "</nav>", html.index("aside-box--toc")
        )
    ]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    headings = [
        block.value["text"]
        for block in article.body
        if block.block_type == "heading_block"
    ]
    assert anchors == [heading_anchor(text) for text in headings]
    assert anchors[0] == "vorher-fragen-was-sich-fragen-lasst"  # umlauts folded
    for anchor in anchors:
        assert f'<h2 id="{anchor}">' in html
    assert "1 Minute Lesezeit" in text_of(html)

    nav = client.get(second_part.url).content.decode()
    assert f'rel="prev" href="{article.url}"' in nav


def test_pdf_offer_and_picked_products_show_live_prices(
    client, article, ids, django_capture_on_commit_callbacks
):
    text = text_of(client.get(article.url).content.decode())
    assert "3,99 €" in text  # the article's PDF
    assert "Sicher ankommen" in text and "24,90 €" in text  # picked book
    assert "Teams führen lernen" in text and "19,99 €" in text  # picked course

    record = get_model("partner", "StockRecord").objects.get(product=ids.pdf_product)
    record.price = "4.49"
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    text = text_of(client.get(article.url).content.decode())
    assert "4,49 €" in text and "3,99 €" not in text


def test_article_without_picks_suggests_products_on_its_topics(client, salary_article):
    html = client.get(salary_article.url).content.decode()
    box = html[html.index('class="end-offer"') :].split("</section>")[0]
    assert "Gehalt klar verhandeln (E-Book)" in text_of(box)  # topic "Gehalt"
    assert "Sicher ankommen" not in text_of(box)


def test_related_articles_share_a_topic(client, salary_article, ids):
    html = client.get(salary_article.url).content.decode()
    related = html[html.index('id="related-title"') :]
    urls = re.findall(r'<h3 class="card__title"><a href="([^"]+)"', related)
    others = ArticlePage.objects.filter(pk__in=ids.salary_parts[1:])
    assert set(urls) == {page.url for page in others}


def test_newsletter_box_subscribes_to_its_newsletter_in_one_step(client, article, ids):
    html = client.get(article.url).content.decode()
    box = html[html.index('<aside class="signup"') :]
    box = box[: box.index("</aside>")]
    assert 'method="post" action="/newsletter/subscribe/"' in box
    assert f'name="newsletters" value="{ids.newsletter_slug}"' in box
    assert 'name="stamp"' in box and 'type="email" name="email"' in box


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
    authors = factories.AuthorFactory.create_batch(3, role="Testerin")
    products = [factories.product(f"Buch {n}", "12.00") for n in range(10)]
    images = factories.ImageFactory.create_batch(8)
    series = factories.series_with_parts(
        blog_index,
        slug="grosse-serie",
        parts=5,
        authors=authors,
        products=products,
        images=images,
        category=factories.CategoryFactory(),
    )
    return ArticlePage.objects.child_of(series).order_by("path")[2]


def _add_tenfold_data(blog_index, article):
    """Ten times the data of the scenario: 30 authors, 100 products, 80 images and
    about 190 articles (nine more five-part series and copies of an article)."""
    authors = factories.AuthorFactory.create_batch(27)
    products = [factories.product(f"Noch ein Buch {n}") for n in range(90)]
    images = factories.ImageFactory.create_batch(72)
    for number in range(9):
        factories.series_with_parts(
            blog_index,
            slug=f"serie-{number}",
            parts=5,
            authors=authors[number * 3 : number * 3 + 3],
            products=products[number * 10 : number * 10 + 10],
            images=images[number * 8 : number * 8 + 8],
            category=factories.CategoryFactory(),
        )
    for number in range(126):
        article.copy(
            to=blog_index,
            update_attrs={"slug": f"kopie-{number}", "title": f"Kopie {number}"},
        ).save_revision().publish()
    assert ArticlePage.objects.count() >= 180


def test_big_article_renders_in_twelve_queries_at_any_data_size(
    client, settings, big_article, blog_index, article
):
    settings.PAGE_CACHE_SECONDS = 0
    html = client.get(big_article.url).content.decode()
    assert html.count('class="author-mini"') == 3
    assert html.count('class="product-card"') == 10
    assert "Teil 3 von 5" in text_of(html)
    assert html.count('<figure class="figure figure--content"') == 8

    before = _render_cold(client, big_article)
    # Ten for the article, two for its discussion (the thread and the mentions).
    assert before <= 12
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
        assert client.get(blog_index.url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(blog_index.url)
        assert len(response.context["articles"]) == 20
        return len(queries)

    before = count()
    assert before <= 10
    _add_tenfold_data(blog_index, article)
    assert count() == before
