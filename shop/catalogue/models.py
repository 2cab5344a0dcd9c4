"""Imprint's fork of Oscar's catalogue.

Three changes to Oscar's models: products are indexed by Wagtail's search (modelsearch),
so the catalogue, the shop search and the site search all run on the same database
full text with no search server; and each product class carries the German VAT rate
its products are sold at (7 % for books, e-books and article PDFs, 19 % for courses)
and what kind of thing it sells (article PDF, book, e-book, eCourse);
and products carry the magazine's topics (`taxonomy.Category` and tags), so an
article with no hand-picked products can suggest the books on its topic.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductClass,
)
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from core.fields import CleanHTMLField


class ProductClass(AbstractProductClass):
    class Kind(models.TextChoices):
        ARTICLE_PDF = "article_pdf", _("Article or series as PDF")
        BOOK = "book", _("Printed book")
        EBOOK = "ebook", _("E-book")
        COURSE = "course", _("eCourse")
        OTHER = "other", _("Other")

    class VatRate(models.TextChoices):
        STANDARD = "0.19", _("19 % (standard rate)")
        REDUCED = "0.07", _("7 % (books, e-books, e-papers)")
        ZERO = "0.00", _("0 % (exempt)")

    vat_rate = models.CharField(
        _("VAT rate"),
        max_length=4,
        choices=VatRate.choices,
        default=VatRate.STANDARD,
        help_text=_("Prices of this class are entered gross; this rate is included."),
    )

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "What this class sells: decides how its products are described to search "
            "engines (Book, Course, Product) and how they are delivered."
        ),
    )

    @property
    def vat_rate_decimal(self) -> Decimal:
        return Decimal(self.vat_rate)

    @property
    def price_bound_by_default(self) -> bool:
        """Printed books and e-books have a fixed retail price (§§ 3, 5 BuchPrG;
        e-books since 2016): their products start price-bound."""
        return self.kind in (self.Kind.BOOK, self.Kind.EBOOK)

    @property
    def has_isbn(self) -> bool:
        """Books and e-books carry an ISBN in the product's UPC field."""
        return self.kind in (self.Kind.BOOK, self.Kind.EBOOK)

    @property
    def vat_percent(self) -> str:
        """The rate as printed: "7", "19"."""
        from shop.vat import percent

        return percent(self.vat_rate_decimal)


class Category(AbstractCategory):
    # Edited in the dashboard's HTML editor and shown as HTML on the category page:
    # cleaned on save, like rich text (a <script> there ran on the public page).
    description = CleanHTMLField(_("Description"), blank=True)
    long_description = CleanHTMLField(_("Long description"), blank=True)


class Product(index.Indexed, AbstractProduct):
    description = CleanHTMLField(_("Description"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sold from page"),
        help_text=_("The article or series this PDF is made from (set on publish)."),
    )
    page_image_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Oscar's flag, read by every offer, voucher and basket discount: a product
    # that is not discountable is never reduced. Here it carries the fixed book
    # price (Buchpreisbindung), so its label says so.
    is_discountable = models.BooleanField(
        _("may be discounted"),
        default=True,
        help_text=_(
            "Off for price-bound books and e-books (§§ 3 and 5 BuchPrG): vouchers, "
            "offers and basket discounts never reduce their price. New books and "
            "e-books start off."
        ),
    )

    class Format(models.TextChoices):
        PAPERBACK = "paperback", _("Paperback")
        HARDCOVER = "hardcover", _("Hardcover")
        PDF = "pdf", _("PDF")
        EPUB = "epub", _("EPUB")
        ONLINE = "online", _("Online course with downloads")

    contributors = models.CharField(
        _("author(s)"),
        max_length=255,
        blank=True,
        help_text=_('As printed on the cover, e.g. "Hanna Berger, Tom Richter".'),
    )
    book_format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, blank=True
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    delivery_time = models.CharField(
        _("delivery time"),
        max_length=100,
        blank=True,
        help_text=_('For printed books, e.g. "2–3 working days".'),
    )

    download_days = models.PositiveIntegerField(
        _("download link valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the shop's default."),
    )
    download_limit = models.PositiveIntegerField(
        _("downloads allowed"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the shop's default."),
    )

    def save(self, *args, **kwargs):
        if self._state.adding and self.product_class_id:
            product_class = self.get_product_class()
            if product_class is not None and product_class.price_bound_by_default:
                self.is_discountable = False
        super().save(*args, **kwargs)

    @property
    def is_price_bound(self) -> bool:
        return not self.is_discountable

    def is_review_permitted(self, user) -> bool:
        """Only buyers review, once each: a paid order of this product by them."""
        if not user.is_authenticated or self.has_review_by(user):
            return False
        from oscar.core.loading import get_model

        Line = get_model("order", "Line")
        Order = get_model("order", "Order")
        return Line.objects.filter(
            product=self,
            order__user=user,
            order__status__in=(Order.PAID, Order.SHIPPED),
        ).exists()

    topics = models.ManyToManyField(
        "taxonomy.Category",
        blank=True,
        related_name="products",
        verbose_name=_("magazine topics"),
        help_text=_("Articles in these categories suggest this product."),
    )
    tags = TaggableManager(
        through="catalogue.ProductTag",
        blank=True,
        verbose_name=_("magazine tags"),
        help_text=_("Articles with these tags suggest this product."),
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("upc"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("product_class", [index.SearchField("name")]),
        index.FilterField("is_public"),
        index.FilterField("parent_id"),
        index.FilterField("structure"),
        index.FilterField("product_class_id"),
        index.FilterField("date_created"),
        index.FilterField("priority"),
    ]


class ProductTag(TaggedItemBase):
    content_object = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="tagged_items"
    )


from oscar.apps.catalogue.models import *  # noqa: E402, F403
