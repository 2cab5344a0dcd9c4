"""Topics, authors and series as landing pages; the header menu's topics; the
article's sidebar and end; share images."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PILImage

from blog.models import ArticlePage, Author, AuthorBook, ReadingMark, SeriesPage
from images.share import share_card_spec
from images.tasks import share_card_render
from taxonomy.models import Category

pytestmark = pytest.mark.django_db


def test_header_menu_lists_the_topics_folded_for_phones(client, ids):
    html = client.get("/").content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    menu = header.split('<details class="site-menu">', 1)[1].split("</details>", 1)[0]
    assert "<summary>Menü</summary>" in menu
    for slug, name in (("einstieg", "Einstieg"), ("gehalt", "Gehalt")):
        assert f'href="/journal/themen/{slug}/"' in menu and name in menu
    assert 'href="/journal/autoren/"' in menu
    # Search is one tap away on a phone: a link beside the menu button.
    assert 'class="site-header__search-link" href="/search/"' in header


def test_renamed_topic_reaches_every_cached_header(
    client, settings, ids, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    topic = Category.objects.get(slug="gehalt")
    topic.name = "Gehalt und Geld"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    assert "Gehalt und Geld" in client.get("/").content.decode()


def test_topic_page_gathers_articles_series_and_products(client, ids):
    response = client.get("/journal/themen/gehalt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gehalt</h1>" in html
    salary_series = SeriesPage.objects.get(pk=ids.salary_series)
    series = html.split('id="topic-series"', 1)[1].split("</section>", 1)[0]
    assert salary_series.title in series
    products = html.split('id="topic-products"', 1)[1].split("</section>", 1)[0]
    assert "Gehalt klar verhandeln (E-Book)" in products and "14,99" in products
    assert "Sicher ankommen" not in products  # not on the topic
    articles = html.split('id="topic-articles"', 1)[1]
    part = ArticlePage.objects.get(pk=ids.salary_parts[0])
    assert part.title in articles
    onboarding = ArticlePage.objects.get(pk=ids.first_part)
    assert onboarding.title not in articles
    # Its own feed, announced and served.
    assert 'href="/journal/themen/gehalt/feed/"' in html
    feed = client.get("/journal/themen/gehalt/feed/")
    assert feed.status_code == 200 and part.title in feed.content.decode()


def test_unknown_topic_is_404_and_old_addresses_move(client, ids):
    assert client.get("/journal/themen/gibt-es-nicht/").status_code == 404
    for old, new in (
        ("/journal/category/gehalt/", "/journal/themen/gehalt/"),
        ("/journal/category/gehalt/feed/", "/journal/themen/gehalt/feed/"),
        ("/journal/author/hanna-berger/", "/journal/autoren/hanna-berger/"),
        (
            "/journal/tag/probezeit/feed/atom/",
            "/journal/schlagwort/probezeit/feed/atom/",
        ),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    assert client.get("/journal/category/gehalt/anything/").status_code == 404


def test_author_page_has_photo_bio_links_articles_and_books(client, ids):
    author = Author.objects.get(pk=ids.lead_author)
    AuthorBook.objects.create(author=author, product_id=ids.book, sort_order=0)
    html = client.get("/journal/autoren/hanna-berger/").content.decode()
    assert "<h1>Hanna Berger</h1>" in html
    assert "fill-160x160" in html  # the photo
    assert "begleitet seit Jahren" in html
    assert 'href="https://hanna-berger.example"' in html and "LinkedIn" in html
    books = html.split('id="author-books"', 1)[1].split("</section>", 1)[0]
    assert "Sicher ankommen" in books and "24,90" in books
    assert ArticlePage.objects.get(pk=ids.first_part).title in html


def test_authors_index_lists_every_author_with_articles(client, ids):
    Author.objects.create(name="Noch Ohne Text", slug="noch-ohne-text")
    html = client.get("/journal/autoren/").content.decode()
    for slug in ("hanna-berger", "jana-vogt"):
        assert f'href="/journal/autoren/{slug}/"' in html
    # An author with no published article has no page to lead to yet.
    assert "noch-ohne-text" not in html
    hanna = html.split('href="/journal/autoren/hanna-berger/"', 1)[1].split("</li>")[0]
    count = (
        ArticlePage.objects.live()
        .filter(article_authors__author_id=ids.lead_author)
        .count()
    )
    assert f"{count} Artikel" in hanna


def test_series_page_shows_reading_times_and_what_the_reader_has_read(client, ids):
    series = SeriesPage.objects.get(pk=ids.series)
    first = ArticlePage.objects.get(pk=ids.first_part)
    anonymous = client.get(series.url).content.decode()
    assert "Minute" in anonymous and "Teil 1 lesen" in anonymous
    assert "gelesen" not in anonymous.split('class="series-parts"', 1)[1]
    reader = get_user_model().objects.create_user(
        email="leserin@example.org", password="x-geheim-123"
    )
    client.force_login(reader)
    assert client.get(first.url).status_code == 200
    html = client.get(series.url).content.decode()
    parts = html.split('class="series-parts"', 1)[1]
    read_part = parts.split(first.title, 1)[1].split("</li>", 1)[0]
    assert "badge--read" in read_part
    assert "Sie haben 1 von" in html


def test_series_page_promises_its_pdf_only_while_parts_are_still_to_come(
    client, ids, settings
):
    """An unsold series whose parts are all out promises nothing; one with a
    part still scheduled says the PDF comes once every part is out."""
    settings.PAGE_CACHE_SECONDS = 0
    complete = client.get(SeriesPage.objects.get(pk=ids.salary_series).url)
    assert "3 von 3 Teilen erschienen" in complete.content.decode()
    assert "Die ganze Serie als PDF" not in complete.content.decode()
    series = SeriesPage.objects.get(pk=ids.series)
    series.sell_as_pdf = False
    series.save_revision().publish()
    upcoming = client.get(series.url).content.decode()
    assert "Sobald alle Teile erschienen sind" in upcoming


def test_article_sidebar_and_end(client, ids, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = ArticlePage.objects.get(pk=ids.first_part)
    # Without an offer placed in the text, the sidebar offers the PDF.
    first.body = [
        (block.block_type, block.value)
        for block in first.body
        if block.block_type != "pdf_offer_block"
    ]
    first.sell_as_pdf, first.pdf_price = True, Decimal("3.99")
    first.save_revision().publish()
    html = client.get(first.url).content.decode()
    # Sidebar boxes in reading order after the text on narrow screens.
    order = [
        html.index(marker)
        for marker in (
            'class="article__header"',
            'class="article__body prose"',
            "aside-box--series",
            "aside-box--offer",
            "aside-box--author",
            'class="article-end"',
        )
    ]
    assert order == sorted(order)
    assert "Sie lesen Teil 1 von" in html
    # The PDF offer posts to the basket from the cached page.
    offer = html.split("aside-box--offer", 1)[1].split("</section>", 1)[0]
    assert "/shop/basket/add-from-page/" in offer and "3,99" in offer
    # At the end: the next part, related articles and one offer.
    second = ArticlePage.objects.get(pk=ids.second_part)
    end = html.split('class="article-end"', 1)[1]
    assert 'class="next-part"' in end and second.title in end
    assert end.count('class="end-offer"') == 1
    # The kicker names the topic and the series.
    kicker = html.split('class="kicker"', 1)[1].split("</p>", 1)[0]
    assert "Einstieg" in kicker and "Teil 1 von" in kicker


def test_editor_chosen_offer_wins_over_the_topic(client, ids, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = ArticlePage.objects.get(pk=ids.first_part)
    html = client.get(first.url).content.decode()
    default = html.split('class="end-offer"', 1)[1].split("</section>", 1)[0]
    assert "Teams führen lernen" not in default
    first.offer_id = ids.course
    first.save_revision().publish()
    html = client.get(first.url).content.decode()
    chosen = html.split('class="end-offer"', 1)[1].split("</section>", 1)[0]
    assert "Teams führen lernen" in chosen and "19,99" in chosen


def test_share_image_is_made_per_revision_with_the_title(client, ids, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = ArticlePage.objects.get(pk=ids.first_part)
    revision = first.save_revision()
    revision.publish()
    first.refresh_from_db()
    spec = share_card_spec(first.live_revision_id)
    share_card_render.call(first.hero_image_id, first.pk, first.live_revision_id)
    image = first.hero_image
    card = image.renditions.get(filter_spec=spec)
    assert (card.width, card.height) == (1200, 630)
    html = client.get(first.url).content.decode()
    assert f'{card.url}">' in html.split('og:image" content="', 1)[1][:300]
    assert 'og:image:width" content="1200"' in html
    # The title is drawn in white over the darkened foot of the picture.
    with card.file.open("rb") as handle:
        drawn = PILImage.open(io.BytesIO(handle.read())).convert("L")
    darkest, brightest = drawn.crop((60, 440, 1140, 575)).getextrema()
    assert darkest < 90 and brightest > 230
    # A new title makes a new card; the old one goes.
    first.title = "Der erste Tag, neu erzählt"
    first.save_revision().publish()
    first.refresh_from_db()
    share_card_render.call(first.hero_image_id, first.pk, first.live_revision_id)
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert share_card_spec(first.live_revision_id) in specs and spec not in specs


def test_series_shares_its_own_card(client, ids, settings):
    settings.PAGE_CACHE_SECONDS = 0
    series = SeriesPage.objects.get(pk=ids.series)
    series.hero_image = ArticlePage.objects.get(pk=ids.first_part).hero_image
    series.save_revision().publish()
    series.refresh_from_db()
    html = client.get(series.url).content.decode()
    image = html.split('og:image" content="', 1)[1].split('"', 1)[0]
    assert f".sharecard-{series.live_revision_id}." in image


def test_price_change_purges_the_cached_topic_and_author_pages(
    client, ids, settings, django_capture_on_commit_callbacks
):
    from oscar.core.loading import get_model

    settings.PAGE_CACHE_SECONDS = 300
    author = Author.objects.get(pk=ids.salary_author)
    AuthorBook.objects.create(author=author, product_id=ids.ebook, sort_order=0)
    pages = ("/journal/themen/gehalt/", "/journal/autoren/jana-vogt/")
    for path in pages:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    record = get_model("partner", "StockRecord").objects.get(product_id=ids.ebook)
    record.price = "16.49"
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    for path in pages:
        response = client.get(path)
        assert response["X-Page-Cache"] != "hit"
        assert "16,49" in response.content.decode()


def test_reading_marks_are_exported_and_erased_with_the_reader(client, ids):
    import privacy

    reader = get_user_model().objects.create_user(
        email="leser@example.org", password="x-geheim-123"
    )
    client.force_login(reader)
    first = ArticlePage.objects.get(pk=ids.first_part)
    client.get(first.url)
    exported = privacy.export("leser@example.org")
    assert exported["blog"]["articles_read"][0]["article"] == first.title
    privacy.erase("leser@example.org")
    assert not ReadingMark.objects.filter(page=first).exists()


def test_editors_find_the_new_fields_in_the_admin(admin_client, ids):
    author = admin_client.get(f"/admin/snippets/blog/author/edit/{ids.lead_author}/")
    assert author.status_code == 200 and "Bücher im Shop" in author.content.decode()
    article = admin_client.get(f"/admin/pages/{ids.first_part}/edit/")
    assert article.status_code == 200 and "Angebot am Ende" in article.content.decode()
    home = admin_client.get(f"/admin/pages/{ids.home}/edit/").content.decode()
    for section in ("Aufmacher", "Serien-Regal", "Shop-Regal", "Autorenleiste"):
        assert section in home


def test_series_page_costs_the_same_queries_with_more_parts(client, ids, settings):
    """Reading times are counted from the parts' stored bodies: parts with images
    and product picks add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    series = SeriesPage.objects.get(pk=ids.series)

    def count() -> int:
        client.get(series.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(series.url).status_code == 200
        return len(queries)

    before = count()
    first = ArticlePage.objects.get(pk=ids.first_part)  # with an image and picks
    for number in range(4):
        first.copy(
            to=series,
            update_attrs={"slug": f"teil-mehr-{number}", "title": f"Mehr {number}"},
        ).save_revision().publish()
    assert count() == before
