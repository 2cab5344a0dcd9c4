"""What search engines read about a product: schema.org Book, Course or Product with
its Offer at the price the shop charges."""

from core.seo import absolute, description_of, organization, root_url

BOOK_FORMATS = {
    "book": "https://schema.org/Hardcover",
    "ebook": "https://schema.org/EBook",
}


def product_structured(product, price, request, publisher: dict) -> dict:
    """Book, Course or Product with its Offer, for a shop product page."""
    root = root_url(request)
    kind = product.product_class.kind if product.product_class else ""
    data = {
        "name": product.get_title(),
        "description": description_of(product.description),
        "url": absolute(product.get_absolute_url(), root),
        "sku": product.upc or None,
    }
    image = product.primary_image()
    original = getattr(image, "original", None)
    if original and getattr(image, "pk", None):
        data["image"] = absolute(original.url, root)
    offer = None
    if price is not None and getattr(price, "exists", False):
        offer = {
            "@type": "Offer",
            "price": str(price.incl_tax),
            "priceCurrency": price.currency,
            "availability": "https://schema.org/InStock",
            "url": data["url"],
            "seller": organization(publisher, root),
        }
    if kind == "course":
        data.update({"@type": "Course", "provider": organization(publisher, root)})
        if offer:
            data["offers"] = offer
            data["hasCourseInstance"] = {
                "@type": "CourseInstance",
                "courseMode": "online",
            }
    elif kind in BOOK_FORMATS:
        data.update(
            {
                "@type": "Book",
                "bookFormat": BOOK_FORMATS[kind],
                "publisher": organization(publisher, root),
            }
        )
        if product.upc and product.upc[:3] in ("978", "979"):
            data["isbn"] = product.upc
        if offer:
            data["offers"] = offer
    else:
        data["@type"] = "Product"
        if offer:
            data["offers"] = offer
    return {key: value for key, value in data.items() if value is not None}
