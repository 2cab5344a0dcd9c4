"""Factories for the test data: factory-boy, wagtail-factories for pages and images,
Oscar's own factories for the shop. Every test builds what it needs from these (or
reads the small publisher `tests.world` builds with them); none reads the demo."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from wagtail.models import Collection

from blog.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorSocialLink,
    BlogIndexPage,
    SeriesPage,
)
from courses.models import CoursePage, LessonPage
from home.models import HomePage, StandardPage
from newsletters.services import newsletter_create
from shop.services import product_class_ensure
from taxonomy.models import Category

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


# --- people and topics --------------------------------------------------------------


PASSWORD = "passwort-fuer-tests"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image with the rights data editors record: credit, licensor, licence."""

    title = factory.Sequence(lambda n: f"Testbild {n}")
    file = factory.django.ImageField(width=800, height=500, color="teal")
    credit_line = factory.LazyAttribute(lambda image: f"Foto: {image.title} (Test)")
    licensor = "Bildagentur Test"
    licence = "Redaktionelle Nutzung"

    # Wagtail's collections are one tree: every test image goes into its root.
    collection = factory.LazyFunction(Collection.get_first_root_node)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda category: f"thema-{category.name.lower()}")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Autorin {n}")
    slug = factory.Sequence(lambda n: f"autorin-{n}")
    role = "Fachautorin"
    bio = "<p>Schreibt über den Berufsalltag.</p>"
    photo = None

    @factory.post_generation
    def social(author, create, extracted, **kwargs):
        """`social=[("LinkedIn", "https://...")]`."""
        for position, (label, url) in enumerate(extracted or []):
            AuthorSocialLink.objects.create(
                author=author, label=label, url=url, sort_order=position
            )


# --- pages --------------------------------------------------------------------------


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published through a revision, as an editor's
    publish does (signals, search index, page cache purges and all)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    title = "Startseite"
    slug = "home"
    intro = "Ratgeber für den Berufsalltag."


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Eine einfache Seite."
    body = factory.LazyFunction(
        lambda: [("paragraph_block", "<p>Der Text dieser Seite.</p>")]
    )


class BlogIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = BlogIndexPage
        skip_postgeneration_save = True

    title = "Journal"
    slug = "journal"
    intro = "Alle Beiträge."


class SeriesPageFactory(PublishedPageFactory):
    class Meta:
        model = SeriesPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Serie {n}")
    lead = "Eine Reihe von Beiträgen."


def body(*sections: str, extra: tuple = ()) -> list:
    """An article body: a heading and a paragraph per section, then `extra` blocks."""
    blocks = []
    for number, heading in enumerate(sections, start=1):
        blocks.append(("heading_block", {"text": heading, "level": "h2"}))
        blocks.append(
            ("paragraph_block", f"<p>Absatz {number} zum Abschnitt {heading}.</p>")
        )
    return blocks + list(extra)


class ArticlePageFactory(PublishedPageFactory):
    """An article with its byline (`authors=[...]`), `categories` and `tags`."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Beitrag {n}")
    lead = factory.LazyAttribute(lambda page: f"Worum es in {page.title} geht.")
    body = factory.LazyFunction(lambda: body("Einstieg", "Vertiefung"))
    hero_image = factory.SubFactory(ImageFactory)
    publication_date = factory.LazyFunction(timezone.localdate)

    @classmethod
    def _create(cls, model_class, *args, authors=(), categories=(), tags=(), **kwargs):
        """The byline, categories and tags belong to the page's cluster: they are
        set before it is added to the tree and saved with it."""
        parent = kwargs.pop("parent")
        page = model_class(**kwargs)
        page.article_authors = [
            ArticleAuthor(author=person, sort_order=position)
            for position, person in enumerate(list(authors) or [AuthorFactory()])
        ]
        page.categories = list(categories)
        page.tags.set(list(tags))
        parent.add_child(instance=page)
        return page


def scheduled_article(
    parent, *, go_live_at: datetime.datetime, **fields
) -> ArticlePage:
    """An article approved to go live later, as Wagtail's scheduler keeps it."""
    page = ArticlePageFactory(parent=parent, publish=False, live=False, **fields)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- courses ------------------------------------------------------------------------


class CoursePageFactory(PublishedPageFactory):
    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kurs {n}")
    lead = "Ein Kurs in kurzen Lektionen."
    outcomes = "<ul><li>Gespräche vorbereiten</li><li>Feedback geben</li></ul>"


def lesson_body(number: int, tasks: int = 2, hint: bool = True) -> list:
    body = [
        (
            "heading_block",
            {"text": f"Worum es in Lektion {number} geht", "level": "h2"},
        ),
        ("paragraph_block", f"<p>Der Lehrtext der Lektion {number}.</p>"),
    ]
    for task in range(1, tasks + 1):
        body.append(
            (
                "task_block",
                {
                    "task": f"<p>Aufgabe {task} der Lektion {number}: notieren Sie "
                    "drei Beispiele.</p>",
                    "hint": f"Hinweis {number}.{task}: denken Sie an Ihr Team."
                    if hint
                    else "",
                },
            )
        )
    return body


class LessonPageFactory(PublishedPageFactory):
    class Meta:
        model = LessonPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lektion {n}")
    teaser = "Was diese Lektion zeigt, in einem Satz."
    body = factory.LazyFunction(lambda: lesson_body(1))


def course_with_lessons(parent, *, slug: str, lessons: int, product=None, **fields):
    """A course of `lessons` lessons and a final lesson, sold as `product`."""
    course = CoursePageFactory(
        parent=parent, slug=slug, title=f"Kurs {slug}", product=product, **fields
    )
    for number in range(1, lessons + 1):
        LessonPageFactory(
            parent=course,
            slug=f"lektion-{number}",
            title=f"{slug}: Lektion {number}",
            teaser=f"Der Anreißer der Lektion {number}.",
            body=lesson_body(number),
        )
    LessonPageFactory(
        parent=course,
        slug="abschluss",
        title=f"{slug}: Abschluss",
        teaser="Was Sie mitnehmen.",
        body=lesson_body(lessons + 1, tasks=1, hint=False),
        is_final=True,
    )
    course.refresh_from_db()
    return course


# --- shop ---------------------------------------------------------------------------


class PartnerFactory(oscar_factories.PartnerFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    name = "Testverlag"
    code = "testverlag"


def product_class(slug: str):
    """One of the publisher's product classes (shop.services.PRODUCT_CLASSES)."""
    return product_class_ensure(slug=slug)


def product(
    title: str,
    price: str = "9.90",
    *,
    kind: str = "buch",
    stock: int = 10,
    topics=(),
    tags=(),
    **fields,
):
    """A public product of one of the publisher's classes, with its gross price."""
    item = oscar_factories.ProductFactory(
        title=title,
        product_class=product_class(kind),
        structure=Product.STANDALONE,
        is_public=True,
        stockrecords=None,
        **fields,
    )
    StockRecord.objects.create(
        product=item,
        partner=PartnerFactory(),
        partner_sku=f"T-{item.pk}",
        price=Decimal(price),
        price_currency="EUR",
        num_in_stock=stock,
    )
    if topics:
        item.topics.set(topics)
    if tags:
        item.tags.set(tags)
    return item


# --- newsletter ---------------------------------------------------------------------


def newsletter(title: str = "Testbrief", slug: str = "testbrief", position: int = 0):
    return newsletter_create(
        title=title,
        slug=slug,
        email="brief@test.example",
        sender="Testverlag",
        description=f"Worum es in {title} geht.",
        position=position,
    )


# --- builders for budget tests ------------------------------------------------------


def big_article(parent, *, slug: str, authors, products, images, category=None):
    """An article with the given authors, body images and a products block."""
    extra = []
    for number, picture in enumerate(images):
        extra.append(("paragraph_block", f"<p>Absatz {number} mit etwas Text.</p>"))
        extra.append(
            (
                "image_block",
                {"image": picture, "caption": f"Bild {number}", "width": "content"},
            )
        )
    extra.append(("heading_block", {"text": "Zum Weiterlesen", "level": "h2"}))
    extra.append(
        ("products_block", {"heading": "", "products": [p.pk for p in products]})
    )
    return ArticlePageFactory(
        parent=parent,
        title=f"Artikel {slug}",
        slug=slug,
        body=body("Einleitung", extra=tuple(extra)),
        hero_image=images[0] if images else None,
        authors=authors,
        categories=[category] if category else [],
    )


def series_with_parts(index, *, slug: str, parts: int, **article_kwargs) -> SeriesPage:
    series = SeriesPageFactory(parent=index, title=f"Serie {slug}", slug=slug)
    for number in range(parts):
        big_article(series, slug=f"{slug}-teil-{number + 1}", **article_kwargs)
    return series


def small_pdf(title: str) -> bytes:
    """A real two-page PDF (WeasyPrint), as an e-book file."""
    from core import pdf

    return pdf.render(
        f"<h1>{title}</h1><p>Seite eins</p><p style='break-before: page'>Seite zwei</p>"
    )


def ebook_file(product, *, pdf_bytes: bytes):
    """The file that makes an e-book product deliverable."""
    from django.core.files.base import ContentFile

    from delivery.models import EbookFile

    ebook = EbookFile(product=product, kind="pdf", size=len(pdf_bytes))
    ebook.file.save(
        f"{product.upc or product.pk}.pdf", ContentFile(pdf_bytes), save=False
    )
    ebook.save()
    return ebook
