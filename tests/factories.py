"""Builders for test data beyond the demo: big articles, many products, many pages."""

import io
from decimal import Decimal

from django.core.files.images import ImageFile
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import ArticleAuthor, ArticlePage, Author, SeriesPage
from taxonomy.models import Category


def image(title: str, *, colour=(90, 120, 150), **fields):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), colour).save(buffer, "JPEG")
    picture = get_image_model()(
        title=title,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.jpg"),
        **fields,
    )
    picture.save()
    return picture


def product(title: str, price: str = "9.90", *, class_slug: str = "buch", **fields):
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")
    Partner = get_model("partner", "Partner")
    item = Product.objects.create(
        title=title,
        product_class=ProductClass.objects.get(slug=class_slug),
        structure=Product.STANDALONE,
        is_public=True,
        **fields,
    )
    StockRecord.objects.create(
        product=item,
        partner=Partner.objects.get(code="kompass"),
        partner_sku=f"T-{item.pk}",
        price=Decimal(price),
        price_currency="EUR",
        num_in_stock=10,
    )
    return item


def author(slug: str, **fields) -> Author:
    person = Author(slug=slug, name=fields.pop("name", slug.title()), **fields)
    person.save()
    return person


def big_article(parent, *, slug: str, authors, products, images, category=None):
    """An article with the given authors, body images and a products block."""
    body = [("heading_block", {"text": "Einleitung", "level": "h2"})]
    for number, picture in enumerate(images):
        body.append(("paragraph_block", f"<p>Absatz {number} mit etwas Text.</p>"))
        body.append(
            (
                "image_block",
                {"image": picture, "caption": f"Bild {number}", "width": "content"},
            )
        )
    body.append(("heading_block", {"text": "Zum Weiterlesen", "level": "h2"}))
    body.append(
        ("products_block", {"heading": "", "products": [p.pk for p in products]})
    )
    page = ArticlePage(
        title=f"Artikel {slug}",
        slug=slug,
        lead="Ein Artikel für den Test der Abfragen.",
        body=body,
        hero_image=images[0] if images else None,
    )
    page.article_authors = [
        ArticleAuthor(author=person, sort_order=position)
        for position, person in enumerate(authors)
    ]
    if category is not None:
        page.categories = [category]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def series_with_parts(index, *, slug: str, parts: int, **article_kwargs) -> SeriesPage:
    series = SeriesPage(title=f"Serie {slug}", slug=slug, lead="Eine Testserie.")
    index.add_child(instance=series)
    series.save_revision().publish()
    for number in range(parts):
        big_article(series, slug=f"{slug}-teil-{number + 1}", **article_kwargs)
    return series


def first_category() -> Category:
    return Category.objects.order_by("pk").first()
