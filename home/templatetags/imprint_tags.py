"""Template tags used on every kind of page."""

from django import template

from home.renditions import existing_rendition_or_original

register = template.Library()


@register.simple_tag
def rendition(image, filter_spec: str, existing_only: bool = False):
    """`{% rendition image spec as img %}`: like Wagtail's `{% image %}`, but the
    spec may be a variable, so one figure include serves every size. Uses renditions
    prefetched with `prefetch_renditions()` when they are there. With
    `existing_only` (listings) it never resizes: see `home.renditions`."""
    if not image:
        return None
    if existing_only:
        return existing_rendition_or_original(image, filter_spec)
    return image.get_rendition(filter_spec)


@register.filter
def clean_richtext(value):
    """Like Wagtail's `richtext`, with the result cleaned (`home.sanitize`)."""
    from wagtail.rich_text import RichText

    from home.sanitize import render_rich_text

    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return render_rich_text(source)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key`, for dicts keyed by ids."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/seo.html", takes_context=True)
def product_seo(context, product):
    """The head of a shop product page: canonical URL, cards and JSON-LD (Book,
    Course or Product with its Offer at the price the shop charges)."""
    from home import seo
    from home.selectors import publisher_info

    request = context["request"]
    root = seo.root_url(request)
    price = request.strategy.fetch_for_product(product).price
    data = seo.page_seo(
        request,
        title=product.get_meta_title() or product.get_title(),
        description=seo.description_of(product.meta_description, product.description),
        path=product.get_absolute_url(),
        og_type="product",
        structured=[seo.product_structured(product, price, request, publisher_info())],
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
