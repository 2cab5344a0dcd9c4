"""Template tags of the shop's pages."""

from django import template
from wagtail import hooks

from core import hooks as names
from core import seo
from home.selectors import publisher_info

from ..seo import product_structured

register = template.Library()


@register.inclusion_tag("includes/seo.html", takes_context=True)
def product_seo(context, product):
    """The head of a shop product page: canonical URL, cards and JSON-LD (Book,
    Course or Product with its Offer at the price the shop charges)."""
    request = context["request"]
    root = seo.root_url(request)
    price = request.strategy.fetch_for_product(product).price
    data = seo.page_seo(
        request,
        title=product.get_meta_title() or product.get_title(),
        description=seo.description_of(product.meta_description, product.description),
        path=product.get_absolute_url(),
        og_type="product",
        structured=[product_structured(product, price, request, publisher_info())],
    )
    image = product.primary_image()
    if getattr(image, "pk", None):
        data["image"] = {
            "url": seo.absolute(image.original.url, root),
            "width": image.original.width,
            "height": image.original.height,
            "alt": product.get_title(),
        }
    return {**context.flatten(), "seo": data}


@register.filter
def address_lines(address) -> list[str]:
    """A postal address as a German envelope has it (`shop.countries`)."""
    from shop.countries import address_lines as lines

    return lines(address)


@register.simple_tag
def basket_stamp(product_pk: int) -> str:
    """The signed stamp of an add-to-basket form on a cached page."""
    from core.cached_forms import stamp

    return stamp("basket-add", product_pk)


@register.simple_tag
def review_stars(score) -> str:
    """Filled and empty stars for a score of 0 to 5; anything else shows none."""
    try:
        filled = max(0, min(5, int(score)))
    except (TypeError, ValueError):
        filled = 0
    return "★" * filled + "☆" * (5 - filled)


@register.filter
def order_vat(order) -> list:
    """The VAT per rate of a placed order (shop/vat.py)."""
    from shop import vat

    return vat.order_breakdown(order)


@register.simple_tag
def order_downloads(order) -> list[dict]:
    """The order's download links (from the app that delivers them)."""
    from shop import selectors

    return selectors.order_downloads(order)


@register.simple_tag
def order_buyer_name(order) -> str:
    """The buyer's name as the order knows it (account, else address)."""
    from shop.selectors import buyer_name

    return buyer_name(order)


@register.filter
def product_kind(product_class) -> str:
    """A product class's name in the reader's language ("Book", "Buch")."""
    from shop.product_classes import product_class_label

    return product_class_label(product_class)


@register.simple_tag
def sold_page(product) -> dict | None:
    """The live page a product sells (an article, a series, a course), with its
    kind, for the product page's link to it. The page comes with the product."""
    page = getattr(product, "page", None)
    if page is None or not page.live:
        return None
    return {
        "url": page.url,
        "title": page.title,
        "kind": page.specific_class.get_verbose_name() if page.specific_class else "",
    }


@register.filter
def shipping_vat(order) -> str:
    """The VAT rate of the shipping line on the invoice: "7 %", or "7 % / 19 %"
    when the charge is split over goods of two rates."""
    from shop.vat import shipping_percents

    return " / ".join(f"{p} %" for p in shipping_percents(order))


@register.filter
def line_vat_percent(line) -> str:
    """The VAT rate of a basket or order line as printed ("7", or "10" for an
    e-book sold to Austria under the OSS)."""
    from shop.vat import line_rate, percent

    if line.product is None:
        return ""
    # A basket line's stored code dates from when it was added; its price
    # information is today's (the buyer's country may be known since).
    info = getattr(line, "purchase_info", None)
    code = info.price.tax_code if info is not None else line.tax_code
    return percent(line_rate(line.product, code or ""))


@register.simple_tag
def basket_has_price_bound(basket) -> bool:
    """Whether a line of the basket is a price-bound book or e-book, which no
    voucher or offer reduces (the basket says why)."""
    return any(
        line.product is not None and not line.product.is_discountable
        for line in basket.all_lines()
    )


@register.simple_tag
def account_extra_tabs() -> list[dict]:
    """Tabs other apps add to the reader's account ({title, url, code})."""
    return [tab for hook in hooks.get_hooks(names.SHOP_ACCOUNT_TABS) for tab in hook()]


@register.filter
def composed_course(line):
    """The composed course a basket or order line holds (`shop.composed`), for
    the lesson list under the line; None for any other line."""
    from shop.composed import composed_of

    return composed_of(line)
