"""A small publisher built from the factories, once per test session: what most tests
need around them (a site, a journal with two series, authors, products of every
kind, legal pages, a newsletter, editorial accounts). Its words are the tests' own;
tests read them from here (`WORLD`) rather than repeating them.

Each test still runs in its own transaction and leaves this data as it found it.
Tests that need something else build it with `tests.factories`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)
from wagtail.test.utils import WagtailPageTestCase

from home.models import StandardPage
from publisher.models import PublisherSettings
from shop.services import product_page_link

from . import factories as f

PUBLISHER = "Verlag Lindenblatt"
ROOT_URL = "http://127.0.0.1:8000"
ADMIN_EMAIL = "admin@test.example"
EDITOR_EMAIL = "redaktion@test.example"
GUEST_AUTHOR_EMAIL = "gastautorin@test.example"
GUEST_AUTHORS_GROUP = "Gastautorinnen"


@dataclass(frozen=True)
class Ids:
    """Primary keys and texts of what the world holds; tests fetch fresh objects."""

    home: int
    journal: int
    series: int
    first_part: int
    second_part: int
    scheduled_part: int
    salary_series: int
    salary_parts: tuple
    standalone: tuple
    lead_author: int
    second_author: int
    salary_author: int
    pdf_product: int
    book: int
    ebook: int
    course: int
    series_pdf: int
    newsletter_slug: str
    legal: dict


WORLD: Ids | None = None


def build() -> Ids:
    global WORLD
    root = Page.get_first_root_node()
    for placeholder in root.get_children().filter(slug="home"):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    home = f.HomePageFactory(parent=root, title=PUBLISHER)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "127.0.0.1",
            "port": 8000,
            "root_page": home,
            "site_name": PUBLISHER,
        },
    )
    logo = f.ImageFactory(title="Logo Lindenblatt", credit_line="Grafik: Lindenblatt")
    publisher = PublisherSettings.for_site(Site.objects.get(is_default_site=True))
    for field, value in {
        "name": PUBLISHER,
        "tagline": "Für den nächsten Schritt im Beruf",
        "description": "<p>Lindenblatt gibt Ratgeber für den Beruf heraus.</p>",
        "press_references": "<ul><li>Erwähnt im Testanzeiger</li></ul>",
        "legal_name": "Verlag Lindenblatt GmbH",
        "street_address": "Am Teich 4",
        "postcode": "04109",
        "city": "Leipzig",
        "email": "kontakt@lindenblatt.example",
        "vat_id": "DE999999999",
        "bank_name": "Testbank Leipzig",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
        "logo": logo,
    }.items():
        setattr(publisher, field, value)
    publisher.save()

    legal = {}
    for role, title, slug in (
        (StandardPage.Role.IMPRINT, "Impressum", "impressum"),
        (StandardPage.Role.PRIVACY, "Datenschutz", "datenschutz"),
        (StandardPage.Role.DEBATE_RULES, "Debattenregeln", "debattenregeln"),
        (StandardPage.Role.TERMS, "AGB", "agb"),
        (StandardPage.Role.WITHDRAWAL, "Widerrufsbelehrung", "widerruf"),
    ):
        page = f.StandardPageFactory(
            parent=home,
            title=title,
            slug=slug,
            role=role,
            body=[("paragraph_block", f"<p>Was zu {title} zu sagen ist.</p>")],
        )
        legal[role.value] = page.pk

    journal = f.BlogIndexPageFactory(parent=home, show_in_menus=True)
    onboarding = f.CategoryFactory(name="Einstieg", slug="einstieg")
    salary = f.CategoryFactory(name="Gehalt", slug="gehalt")
    law = f.CategoryFactory(name="Arbeitsrecht", slug="arbeitsrecht")

    lead_author = f.AuthorFactory(
        name="Hanna Berger",
        slug="hanna-berger",
        role="Personalberaterin, Leipzig",
        photo=f.ImageFactory(title="Porträt Hanna Berger"),
        bio="<p>Hanna Berger begleitet seit Jahren Menschen in neue Stellen.</p>",
        website="https://hanna-berger.example",
        social=[("LinkedIn", "https://www.linkedin.example/in/hanna-berger")],
    )
    second_author = f.AuthorFactory(name="Tom Richter", slug="tom-richter")
    salary_author = f.AuthorFactory(
        name="Jana Vogt", slug="jana-vogt", role="Verhandlungstrainerin"
    )

    pdf = f.product("Der erste Tag im Team (PDF)", "3.99", kind="artikel-pdf")
    book = f.product("Sicher ankommen", "24.90", kind="buch", upc="9783000000017")
    ebook = f.product(
        "Gehalt klar verhandeln (E-Book)",
        "14.99",
        kind="e-book",
        upc="9783000000024",
        topics=[salary],
        description="<p>Wie Sie Ihr Gehalt gut vorbereitet verhandeln.</p>",
    )
    # An e-book is for sale only with its file (delivery.selectors).
    f.ebook_file(ebook, pdf_bytes=f.small_pdf("Gehalt klar verhandeln"))
    course = f.product("Teams führen lernen", "19.99", kind="e-kurs")
    series_pdf = f.product(
        "Gut gestartet – die ganze Serie (PDF)", "9.99", kind="artikel-pdf"
    )
    newsletter = f.newsletter("Lindenblatt-Post", "lindenblatt-post", position=1)
    f.newsletter("Lindenblatt-Angebote", "lindenblatt-angebote", position=2)

    series = f.SeriesPageFactory(
        parent=journal,
        title="Gut gestartet",
        slug="gut-gestartet",
        lead="Fünf Beiträge für die ersten Wochen im neuen Job.",
    )
    today = timezone.localdate()
    hero = f.ImageFactory(
        title="Titelbild Der erste Tag",
        file__width=1600,
        file__height=900,
        credit_line="Illustration: Atelier Test",
        licence_expires_at=today + timedelta(days=5),
    )
    body_image = f.ImageFactory(
        title="Skizze Der erste Tag",
        credit_line="Illustration: Atelier Test",
        licence_expires_at=today + timedelta(days=12),
    )
    first = f.ArticlePageFactory(
        parent=series,
        title="Der erste Tag im Team",
        slug="der-erste-tag",
        lead="Am ersten Tag zählt, wen Sie kennenlernen, nicht was Sie leisten.",
        hero_image=hero,
        publication_date=today - timedelta(days=40),
        authors=[lead_author, second_author],
        categories=[onboarding],
        tags=["Onboarding"],
        body=f.body(
            "Vorher fragen, was sich fragen lässt",
            "Zuhören vor Vorstellen",
            "Notizen für später",
            extra=(
                (
                    "image_block",
                    {"image": body_image, "caption": "Eine Skizze", "width": "content"},
                ),
                ("pdf_offer_block", {"heading": "", "text": "Zum Ausdrucken."}),
                (
                    "products_block",
                    {"heading": "Zum Weiterlesen", "products": [book.pk, course.pk]},
                ),
                (
                    "newsletter_block",
                    {
                        "newsletter": newsletter.slug,
                        "heading": "Die Lindenblatt-Post",
                        "text": "Einmal im Monat.",
                    },
                ),
            ),
        ),
    )
    # The shop sells the series and its first part as PDFs (`Product.page`).
    product_page_link(product_id=series_pdf.pk, page_id=series.pk)
    product_page_link(product_id=pdf.pk, page_id=first.pk)
    parts = [first]
    # Licences ending in 5 and 12 days (above), 20 and 32 days, and one unlimited:
    # three within the reminder's 30 days, one just outside.
    for number, (title, slug, licence_days) in enumerate(
        (
            ("Die erste Woche ordnen", "die-erste-woche", 20),
            ("Der erste Monat", "der-erste-monat", 32),
            ("Die Probezeit bestehen", "die-probezeit", None),
        ),
        start=2,
    ):
        parts.append(
            f.ArticlePageFactory(
                parent=series,
                title=title,
                slug=slug,
                publication_date=today - timedelta(days=40 - number),
                hero_image=f.ImageFactory(
                    title=f"Titelbild {title}",
                    licence_expires_at=(
                        today + timedelta(days=licence_days) if licence_days else None
                    ),
                ),
                authors=[lead_author],
                categories=[onboarding],
                tags=["Onboarding"],
            )
        )
    scheduled = f.scheduled_article(
        series,
        go_live_at=timezone.now() + timedelta(days=3),
        title="Nach der Probezeit",
        slug="nach-der-probezeit",
        authors=[lead_author],
        categories=[onboarding],
    )

    salary_series = f.SeriesPageFactory(
        parent=journal,
        title="Mehr verdienen",
        slug="mehr-verdienen",
        lead="Drei Beiträge rund ums Gehalt.",
    )
    salary_parts = [
        f.ArticlePageFactory(
            parent=salary_series,
            title=title,
            slug=slug,
            publication_date=today - timedelta(days=20 - number),
            authors=[salary_author],
            categories=[salary],
            tags=["Gehalt", "Verhandlung"],
        )
        for number, (title, slug) in enumerate(
            (
                ("Den Marktwert kennen", "den-marktwert-kennen"),
                ("Das Gehaltsgespräch vorbereiten", "das-gehaltsgespraech"),
                ("Nachverhandeln ohne Streit", "nachverhandeln"),
            )
        )
    ]
    standalone = [
        f.ArticlePageFactory(
            parent=journal,
            title=title,
            slug=slug,
            publication_date=today - timedelta(days=days),
            authors=[second_author],
            categories=[law],
            tags=["Recht", "Gespräch"],
        )
        for title, slug, days in (
            ("Das Arbeitszeugnis lesen", "arbeitszeugnis-lesen", 60),
            ("Kündigungsfristen verstehen", "kuendigungsfristen", 50),
            ("Führen auf Distanz", "fuehren-auf-distanz", 5),
        )
    ]
    _editorial_accounts(journal)
    # Built inside a transaction that never commits (tests/conftest.py): the index
    # updates that saves leave for after the commit are made here directly.
    call_command("wagtail_update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)

    WORLD = Ids(
        home=home.pk,
        journal=journal.pk,
        series=series.pk,
        first_part=first.pk,
        second_part=parts[1].pk,
        scheduled_part=scheduled.pk,
        salary_series=salary_series.pk,
        salary_parts=tuple(page.pk for page in salary_parts),
        standalone=tuple(page.pk for page in standalone),
        lead_author=lead_author.pk,
        second_author=second_author.pk,
        salary_author=salary_author.pk,
        pdf_product=pdf.pk,
        book=book.pk,
        ebook=ebook.pk,
        course=course.pk,
        series_pdf=series_pdf.pk,
        newsletter_slug=newsletter.slug,
        legal=legal,
    )
    return WORLD


def _editorial_accounts(journal) -> None:
    """An administrator, an editor in Wagtail's Moderators group, and a guest author
    who may write and submit under the journal but not publish."""
    f.UserFactory(email=ADMIN_EMAIL, is_staff=True, is_superuser=True)
    editor = f.UserFactory(email=EDITOR_EMAIL, is_staff=True)
    editor.groups.add(Group.objects.get(name="Moderators"))
    guests = Group.objects.create(name=GUEST_AUTHORS_GROUP)
    guests.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    GroupPagePermission.objects.create(
        group=guests,
        page=journal,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    for codename in ("add_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=guests,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    guest = f.UserFactory(email=GUEST_AUTHOR_EMAIL)
    guest.groups.add(guests)
    f.AuthorFactory(name="Aylin Demir", slug="aylin-demir", user=guest)


class WorldPageTestCase(WagtailPageTestCase):
    """Wagtail's page test case (assertCanCreate, assertPageIsRenderable, ...) run
    inside the session's transaction that holds the world."""

    @classmethod
    def tearDownClass(cls):
        # Django's TestCase closes the connection after a class, which would end the
        # transaction the world lives in; roll back only this class's savepoint.
        cls._rollback_atomics(cls.cls_atomics)
        super(TestCase, cls).tearDownClass()
