"""The one table of the product classes a publisher sells, with their names in
the reader's language (stored names are in the site's language)."""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop


@dataclass(frozen=True)
class StandardClass:
    """One of the publisher's product classes: what it is, its VAT rate, and
    whether it is shipped (and its copies counted)."""

    slug: str
    name: str  # shown to readers; stored in the site's language
    kind: str
    vat_rate: str
    shipped: bool


# The one table of the classes a publisher sells (the demo, the tests and the PDF
# sale all create theirs from it). Books, e-books and article PDFs are
# publications at 7 %; an eCourse is a service at 19 %.
PRODUCT_CLASSES = {
    item.slug: item
    for item in (
        StandardClass(
            "artikel-pdf", gettext_noop("Article as PDF"), "article_pdf", "0.07", False
        ),
        StandardClass(
            "serie-pdf", gettext_noop("Series as PDF"), "article_pdf", "0.07", False
        ),
        StandardClass("buch", gettext_noop("Book"), "book", "0.07", True),
        StandardClass("e-book", gettext_noop("E-book"), "ebook", "0.07", False),
        StandardClass("e-kurs", gettext_noop("eCourse"), "course", "0.19", False),
    )
}


#: What a reader buys beside the magazine: the kinds the front page's shelf, a
#: topic's page and the end of an article offer (an article's PDF is offered on
#: the article itself).
SHELF_KINDS = ("book", "ebook", "course")


def product_class_label(product_class) -> str:
    """The class's name in the active language: a standard class by its table
    name, any other by the name staff gave it."""
    if product_class is None:
        return ""
    standard = PRODUCT_CLASSES.get(product_class.slug)
    return gettext(standard.name) if standard else product_class.name


def product_may_be(product, kind: str) -> bool:
    """Whether `product` may be of `kind`, from its class when that is loaded: a
    standard class says so, a class staff made (or a class not loaded, or a
    variant's) may be anything. Lets a paid order skip looking for e-book files or
    course pages that none of its lines can have."""
    field = type(product)._meta.get_field("product_class")
    if product.product_class_id is None or not field.is_cached(product):
        return True
    standard = PRODUCT_CLASSES.get(product.product_class.slug)
    return standard is None or standard.kind == kind
