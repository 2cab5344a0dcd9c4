"""Writes of the blog: an article or series sold as PDF (reaching into the shop),
and the reading marks of logged-in readers.

The PDF sale is called on publish and unpublish (blog/receivers.py). The product
is linked to its page by `Product.page`, the one link between them (not a field of
the page, which an older revision published again would set back).
"""

from django.utils.html import escape, strip_tags

from shop import services as shop

from .models import PdfSale, ReadingMark, SeriesPage


def pdf_sale_sync(page: PdfSale) -> None:
    """Put the page's PDF on sale, update it, or take it off sale."""
    if not page.live or not page.sell_as_pdf or not page.pdf_price:
        pdf_sale_end(page)
        return
    text = page.lead or strip_tags(getattr(page, "description", "") or "")
    shop.pdf_product_sync(
        page_id=page.pk,
        title=page.title,
        description=f"<p>{escape(text)}</p>" if text else "",
        price=page.pdf_price,
        series=isinstance(page, SeriesPage),
        image=page.hero_image,
    )


def pdf_sale_end(page: PdfSale) -> None:
    """Take the page's PDF off sale; past orders keep it."""
    shop.pdf_product_withdraw(page_id=page.pk)


def reading_mark_record(*, user, article) -> None:
    """Remember that a logged-in reader opened the article (once), for the ticks
    on its series page."""
    if user is not None and user.is_authenticated:
        ReadingMark.objects.get_or_create(user=user, page_id=article.pk)
