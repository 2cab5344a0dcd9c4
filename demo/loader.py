"""Builds the demo publisher (`manage.py load_demo`): pages, authors, series, images
with credits, one product of each kind, a newsletter and an admin login.

Idempotent: every object is looked up by a stable key first, so a second run finds
everything in place and writes nothing.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import oscar
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from newsletter.models import Newsletter, Subscription
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)
from wagtail.models import Site as WagtailSite
from wagtail.rich_text import RichText

from blog.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorBook,
    AuthorSocialLink,
    BlogIndexPage,
    SeriesPage,
)
from comments.models import Comment, CommentSettings, Mention
from courses.models import CoursePage, FinalLessonTemplate, LessonPage
from delivery.ebooks import detect_kind
from delivery.models import EbookFile
from home.models import HomePage, StandardPage
from newsletters import dispatch as newsletter_dispatch
from newsletters import sending as newsletter_sending
from newsletters import services as newsletter_services
from newsletters.models import Issue
from newsletters.services import newsletter_create
from ondemand.models import OnDemandSettings
from publisher.models import PublisherSettings
from shop.services import product_class_ensure, product_page_link
from sitesearch.tasks import search_index_refresh
from taxonomy.models import Category

from . import content
from .ebook import ebook_epub

DEMO_ADMIN_EMAIL = "admin@kompass-verlag.example"
DEMO_ADMIN_PASSWORD = "kompass-demo"  # noqa: S105 (a published demo login, printed by make run)


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def artwork(seed: int, colour: tuple[int, int, int], size=(1600, 900)) -> bytes:
    """An abstract illustration drawn for the demo, so no third-party image is used."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    img = PILImage.new("RGB", size, (250, 247, 240))
    draw = ImageDraw.Draw(img)
    width, height = size
    for _ in range(14):
        shade = tuple(min(255, max(0, c + rng.randint(-60, 90))) for c in colour)
        x, y = rng.randint(-200, width), rng.randint(-200, height)
        r = rng.randint(80, 420)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + r, y + r), fill=shade)
        else:
            draw.rectangle((x, y, x + r * 1.6, y + r * 0.5), fill=shade)
    draw.rectangle((0, height - 24, width, height), fill=colour)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _image(title: str, seed: int, colour, report: DemoReport, *, expires_in_days=None):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    image = Image(
        title=title,
        file=ImageFile(io.BytesIO(artwork(seed, colour)), name=f"demo-{seed}.jpg"),
        credit_line="Illustration: Kompass-Grafikteam (Demo)",
        licensor="Kompass Karriereverlag",
        licence="Eigenproduktion, alle Rechte beim Verlag",
        licence_expires_at=(
            timezone.localdate() + timedelta(days=expires_in_days)
            if expires_in_days
            else None
        ),
    )
    image.save()
    report.add(f"image {title}")
    return image


def _site_and_home(report: DemoReport) -> tuple[WagtailSite, HomePage]:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a placeholder "Welcome" page at /home/.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                WagtailSite.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        home = HomePage(
            title="Kompass Karriereverlag",
            slug="home",
            intro="Ratgeber für Bewerbung, Führung, Gehalt und Arbeitsrecht, "
            "geschrieben von Menschen aus der Praxis.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.add("home page")
    host, _sep, port = settings.SITE_DOMAIN.partition(":")
    port = int(port or 80)
    # Looked up afresh, not through `pagecache.routing.default_site()`: this
    # transaction may be about to change it.
    site = WagtailSite.objects.filter(is_default_site=True).first()
    if site is None:
        site = WagtailSite.objects.create(
            hostname=host,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=content.PUBLISHER["name"],
        )
        report.add("site")
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, host, port):
        # The demo answers where `make run` serves it (HOST, PORT): canonical links,
        # feeds, the sitemap and mails are built from this site.
        site.root_page = home
        site.hostname = host
        site.port = port
        site.site_name = content.PUBLISHER["name"]
        site.save()
        report.add("site")
    return site, home


def _publisher(site: WagtailSite, logo, report: DemoReport) -> None:
    publisher = PublisherSettings.for_site(site)
    # Fills only what is empty: an editor's changes survive, fields added to the
    # demo later (the bank account) still arrive.
    # A name still at the field's default (or at the old one, "Imprint") is
    # empty too.
    missing = {
        key: value
        for key, value in content.PUBLISHER.items()
        if not getattr(publisher, key)
        or getattr(publisher, key)
        in {PublisherSettings._meta.get_field(key).get_default(), "Imprint"}
    }
    if not missing and publisher.logo_id:
        return
    for key, value in missing.items():
        setattr(publisher, key, value)
    if not publisher.logo_id:
        publisher.logo = logo
    publisher.save()
    report.add("publisher settings")


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish_new(parent: Page, page: Page, *, go_live_at=None) -> Page:
    page.live = go_live_at is None
    parent.add_child(instance=page)
    if go_live_at is not None:
        page.go_live_at = go_live_at
    page.save_revision().publish()
    return page


def _legal_pages(home: HomePage, report: DemoReport) -> None:
    for data in [*content.LEGAL_PAGES, *content.SHOP_LEGAL_PAGES]:
        if _child(home, StandardPage, data["slug"]):
            continue
        page = StandardPage(
            title=data["title"],
            slug=data["slug"],
            role=data["role"],
            intro=data["intro"],
            body=[("paragraph_block", data["text"])],
        )
        _publish_new(home, page)
        report.add(f"page {data['title']}")


def _authors(report: DemoReport) -> dict[str, Author]:
    authors = {}
    for index, data in enumerate(content.AUTHORS):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author is None:
            photo = _image(
                f"Porträt {data['name']}", 100 + index, data["colour"], report
            )
            author = Author(
                slug=data["slug"],
                name=data["name"],
                role=data["role"],
                bio=data["bio"],
                website=data["website"],
                portfolio=data["portfolio"],
                blog=data["blog"],
                photo=photo,
            )
            author.social_links = [
                AuthorSocialLink(label=label, url=url) for label, url in data["social"]
            ]
            author.full_clean()
            author.save()
            report.add(f"author {author.name}")
        authors[data["slug"]] = author
    return authors


def _categories(report: DemoReport) -> dict[str, Category]:
    categories = {}
    for slug, name, description in content.CATEGORIES:
        category, created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            report.add(f"category {name}")
        categories[slug] = category
    return categories


def _blog(home: HomePage, report: DemoReport) -> None:
    index = _child(home, BlogIndexPage, "magazin")
    if index is None:
        index = BlogIndexPage(
            title="Magazin",
            slug="magazin",
            intro="Neue Artikel jede Woche, von Autorinnen und Autoren aus der Praxis.",
            show_in_menus=True,
        )
        _publish_new(home, index)
        report.add("blog index")
    authors = _authors(report)
    categories = _categories(report)
    author_colours = {data["slug"]: data["colour"] for data in content.AUTHORS}
    series_pages = {}
    for number, data in enumerate(content.SERIES):
        series = _child(index, SeriesPage, data["slug"])
        if series is None:
            series = SeriesPage(
                title=data["title"],
                slug=data["slug"],
                lead=data["lead"],
                description=data["description"],
                hero_image=_image(
                    f"Serie {data['title']}", 200 + number, (60, 60, 60), report
                ),
            )
            _publish_new(index, series)
            report.add(f"series {data['title']}")
        series_pages[data["slug"]] = series
    for number, data in enumerate(content.ARTICLES):
        parent = series_pages[data["series"]] if data["series"] else index
        if ArticlePage.objects.filter(slug=data["slug"]).exists():
            continue
        hero = _image(
            f"Artikelbild {data['title']}",
            300 + number,
            author_colours[data["authors"][0]],
            report,
            # A few licences run out soon, so the rights registry has something to show.
            expires_in_days=20 + number if number % 4 == 0 else None,
        )
        body = []
        for heading, paragraph in data["sections"]:
            body.append(("heading_block", {"text": heading, "level": "h2"}))
            body.append(("paragraph_block", f"<p>{paragraph}</p>"))
            if len(body) == 2:
                body.append(
                    (
                        "image_block",
                        {
                            "image": _image(
                                f"Illustration {data['title']}",
                                400 + number,
                                (180, 140, 60),
                                report,
                            ),
                            "caption": "Skizze zum Thema",
                            "width": "content",
                        },
                    )
                )
        shop_blocks = content.ARTICLE_SHOP_BLOCKS.get(data["slug"])
        if shop_blocks:
            body += _shop_blocks(shop_blocks)
        if data["tip"]:
            body.append(
                (
                    "callout_block",
                    {"kind": "tip", "title": "Tipp", "text": f"<p>{data['tip']}</p>"},
                )
            )
        published = timezone.localdate() - timedelta(days=data["days_ago"])
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            lead=data["lead"],
            body=body,
            hero_image=hero,
            publication_date=published,
        )
        article.article_authors = [
            ArticleAuthor(author=authors[slug], sort_order=position)
            for position, slug in enumerate(data["authors"])
        ]
        article.categories = [categories[slug] for slug in data["categories"]]
        tasks = content.ARTICLE_TASKS.get(data["slug"])
        if tasks:
            article.course_eligible = True
            article.learning_tasks = _tasks(tasks)
        article.tags.set(data["tags"])
        go_live_at = None
        if data.get("scheduled"):
            go_live_at = timezone.now() + timedelta(days=-data["days_ago"])
        _publish_new(parent, article, go_live_at=go_live_at)
        if shop_blocks:
            # The shop sells the article as this PDF product (`Product.page`).
            product_page_link(
                product_id=_product(shop_blocks["pdf_product"]).pk, page_id=article.pk
            )
        report.add(f"article {data['title']}")
    for data in content.SERIES:
        series = series_pages[data["slug"]]
        if data.get("pdf_price") and not series.sell_as_pdf:
            # Publishing puts the whole series on sale as a PDF (blog.receivers).
            series.sell_as_pdf = True
            series.pdf_price = Decimal(data["pdf_price"])
            series.save_revision().publish()
            report.add(f"series {data['title']} sold as PDF")


def _product(upc: str):
    return get_model("catalogue", "Product").objects.filter(upc=upc).first()


def _shop_blocks(data: dict) -> list:
    """The PDF offer, the picked products and the newsletter box of an article."""
    picks = [product.pk for product in map(_product, data["picks"]) if product]
    return [
        ("pdf_offer_block", {"heading": "", "text": data["offer_text"]}),
        ("products_block", {"heading": data["picks_heading"], "products": picks}),
        (
            "newsletter_block",
            {
                "newsletter": content.NEWSLETTER["slug"],
                "heading": data["newsletter_heading"],
                "text": data["newsletter_text"],
            },
        ),
    ]


def _shop(report: DemoReport) -> None:
    ProductClass = get_model("catalogue", "ProductClass")
    Product = get_model("catalogue", "Product")
    ProductImage = get_model("catalogue", "ProductImage")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

    partner, created = Partner.objects.get_or_create(
        code="kompass", defaults={"name": content.PUBLISHER["name"]}
    )
    if created:
        report.add("partner")
    classes = {}
    for slug in ("artikel-pdf", "buch", "e-book", "e-kurs"):
        exists = ProductClass.objects.filter(slug=slug).exists()
        classes[slug] = product_class_ensure(slug=slug)
        if not exists:
            report.add(f"product class {classes[slug].name}")
    categories = _categories(report)
    for number, data in enumerate(
        [*content.PRODUCTS, content.COURSE_ON_DEMAND_PRODUCT]
    ):
        existing = Product.objects.filter(upc=data["upc"]).first()
        if existing is not None:
            if not existing.topics.exists():  # a demo loaded before topics existed
                existing.topics.set([categories[slug] for slug in data["topics"]])
                existing.tags.set(data["tags"])
            _product_facts(existing)
            continue
        product = Product(
            upc=data["upc"],
            title=data["title"],
            description=data["description"],
            product_class=classes[data["class"]],
            structure=Product.STANDALONE,
            is_public=data.get("public", True),
        )
        _product_facts(product, save=False)
        product.full_clean(exclude=["slug"])  # Oscar derives the slug on save.
        product.save()
        product.categories.add(create_from_breadcrumbs(data["category"]))
        product.topics.set([categories[slug] for slug in data["topics"]])
        product.tags.set(data["tags"])
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=data["upc"],
            price=Decimal(data["price"]),
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=data["stock"],
        )
        cover = ProductImage(product=product, display_order=0, caption=data["title"])
        cover.original.save(
            f"cover-{number}.jpg",
            ContentFile(artwork(500 + number, data["colour"], size=(600, 800))),
            save=True,
        )
        report.add(f"product {data['title']}")


def _author_books(report: DemoReport) -> None:
    """Each author's books, e-books and courses in the shop (`AuthorBook`), once."""
    Product = get_model("catalogue", "Product")
    for slug, titles in content.AUTHOR_BOOKS.items():
        author = Author.objects.filter(slug=slug).first()
        if author is None or AuthorBook.objects.filter(author=author).exists():
            continue
        for order, title in enumerate(titles):
            product = Product.objects.filter(title=title).first()
            if product is not None:
                AuthorBook.objects.create(
                    author=author, product=product, sort_order=order
                )
                report.add(f"book of {author.name}")


def _ebook_files(report: DemoReport) -> None:
    """Every demo e-book gets a file (made here): without one it is not for sale."""
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    for product in Product.objects.filter(
        product_class__kind=ProductClass.Kind.EBOOK, ebook_file__isnull=True
    ):
        data = ebook_epub(
            title=product.title.replace(" (E-Book)", ""),
            author="Tobias Reinhardt",
            identifier=f"urn:isbn:{product.upc}",
            modified=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        ebook = EbookFile(product=product, kind=detect_kind(data), size=len(data))
        ebook.file.save(f"{slugify(product.title)}.epub", ContentFile(data), save=False)
        ebook.save()
        report.add(f"e-book file {product.title}")


def _product_facts(product, *, save: bool = True) -> None:
    """Authors, format, pages, date and delivery time, where still empty (a demo
    loaded before products had them gets them too)."""
    facts = content.PRODUCT_FACTS.get(product.upc, {})
    changed = False
    for name, value in facts.items():
        if name == "published_on":
            value = date.fromisoformat(value)
        if not getattr(product, name):
            setattr(product, name, value)
            changed = True
    if changed and save:
        product.save()


def _missing_product_image() -> None:
    """Oscar resizes this placeholder for products without a cover; it must be in
    MEDIA_ROOT (Oscar's documented install step)."""
    target = Path(settings.MEDIA_ROOT) / settings.OSCAR_MISSING_IMAGE_URL
    if (
        settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
        and not target.exists()
    ):
        source = (
            Path(oscar.__file__).parent
            / "static"
            / "oscar"
            / "img"
            / "image_not_found.jpg"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


def _newsletter(report: DemoReport) -> None:
    for data in content.NEWSLETTERS:
        if not Newsletter.objects.filter(slug=data["slug"]).exists():
            newsletter_create(**data)
            report.add("newsletter")


def _newsletter_issue(report: DemoReport) -> None:
    """Three confirmed readers (through the real sign-up and confirmation) and one
    issue sent to them, so the archive and the admin have something to show. The
    mails land where all demo mail does (var/mail/)."""
    data = content.NEWSLETTER_ISSUE
    if Issue.objects.filter(subject=data["subject"]).exists():
        return
    newsletter = Newsletter.objects.get(slug=content.NEWSLETTER["slug"])
    for address in content.DEMO_SUBSCRIBERS:
        subscriber = newsletter_services.subscription_request(
            email=address,
            newsletters=[newsletter],
            text=newsletter_services.consent_wording([newsletter]),
            source="demo data (load_demo)",
            limited=False,
        )
        newsletter_services.subscription_confirm(
            subscriber=subscriber,
            subscriptions=list(
                Subscription.objects.filter(email_field=address).values_list(
                    "pk", flat=True
                )
            ),
        )
    pages = {page.slug: page for page in ArticlePage.objects.live()}
    product = _product(data["product"])
    body = [("text", RichText(data["intro"]))]
    body += [
        ("article", {"page": pages[slug], "teaser": ""})
        for slug in data["articles"]
        if slug in pages
    ]
    if product is not None:
        body.append(("product", {"product": product, "text": data["product_text"]}))
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject=data["subject"],
        preheader=data["preheader"],
        body=body,
    )
    sending = newsletter_sending.sending_create(issue=issue, when=timezone.now())
    newsletter_dispatch.sending_run(sending.pk)
    report.add("newsletter issue")


def _discussion(report: DemoReport) -> None:
    """The comments under one article (written through the model, as the demo's
    past), one waiting for the moderator, two approved mentions, and the editors'
    settings with a short word list."""
    article = ArticlePage.objects.filter(slug=content.COMMENTS_ARTICLE).first()
    if article is None or Comment.objects.filter(page=article).exists():
        return
    rules = CommentSettings.load()
    rules.blocked_words = content.COMMENT_RULES_BLOCKED
    rules.save()
    authors = {author.slug: author for author in Author.objects.all()}
    now = timezone.now()
    made: dict[str, Comment] = {}
    for key, parent, name, email, text, days, author in content.COMMENTS:
        when = now - timedelta(days=days) + timedelta(hours=len(made))
        made[key] = Comment.objects.create(
            page=article,
            parent=made.get(parent),
            name=name,
            email=email or f"{author}@autoren.example",
            text=text,
            status=Comment.Status.APPROVED,
            author=authors.get(author),
            created_at=when,
            approved_at=when,
        )
    name, email, text = content.COMMENT_WAITING
    Comment.objects.create(page=article, name=name, email=email, text=text)
    for data in content.MENTIONS:
        Mention.objects.create(
            page=article,
            kind=Mention.Kind.WEBMENTION,
            target=article.full_url or "",
            status=Mention.Status.APPROVED,
            verified_at=now,
            **data,
        )
    report.add(f"{len(made)} comments and {len(content.MENTIONS)} mentions")


def _editorial_accounts(report: DemoReport) -> None:
    """A guest author who may write and submit articles in the magazine but not
    publish them, and an editor who approves them in Wagtail's moderation workflow
    ("Moderators approval", which Wagtail assigns to the whole tree)."""
    User = get_user_model()
    group, created = Group.objects.get_or_create(name=content.GUEST_AUTHORS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        magazine = BlogIndexPage.objects.first()
        if magazine is not None:
            # "add": create pages below the magazine and edit the ones they own.
            GroupPagePermission.objects.create(
                group=group,
                page=magazine,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename="add_page"
                ),
            )
        root_collection = Collection.get_first_root_node()
        for codename in ("add_image", "choose_image"):
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )
        report.add(f"group {group.name}")
    accounts = (
        (content.GUEST_AUTHOR, group),
        (content.EDITOR, Group.objects.filter(name="Moderators").first()),
    )
    for data, account_group in accounts:
        if User.objects.filter(email=data["email"]).exists():
            continue
        user = User.objects.create_user(
            email=data["email"],
            password=DEMO_ADMIN_PASSWORD,
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        if account_group is not None:
            user.groups.add(account_group)
        if data.get("author"):
            Author.objects.filter(slug=data["author"], user=None).update(user=user)
        report.add(f"user {user.email}")


def _admin(report: DemoReport) -> None:
    User = get_user_model()
    if not User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            email=DEMO_ADMIN_EMAIL,
            password=DEMO_ADMIN_PASSWORD,
            first_name="Demo",
            last_name="Admin",
        )
        report.add("admin user")


def _tasks(tasks) -> list:
    return [
        ("task_block", {"task": f"<p>{task}</p>", "hint": hint}) for task, hint in tasks
    ]


def _course_on_demand(report: DemoReport) -> None:
    """Courses on demand: final-lesson templates and the publisher's terms (the
    lessons and articles are released where they are made)."""
    categories = {c.slug: c for c in Category.objects.all()}
    for data in content.FINAL_LESSONS:
        if FinalLessonTemplate.objects.filter(title=data["title"]).exists():
            continue
        template = FinalLessonTemplate.objects.create(
            title=data["title"],
            teaser=data["teaser"],
            body=[("paragraph_block", data["text"]), *_tasks(data["tasks"])],
        )
        template.topics.set([categories[slug] for slug in data["topics"]])
        template.save_revision()
        report.add(f"final-lesson template {data['title']}")
    terms = OnDemandSettings.load()
    if not terms.enabled:
        terms.enabled = True
        terms.product = _product(content.COURSE_ON_DEMAND_PRODUCT["upc"])
        terms.save()
        report.add("courses on demand offered")


def _course(home: HomePage, report: DemoReport) -> None:
    """The eCourse: a course page selling the course product, with its lessons."""
    data = content.COURSE
    if _child(home, CoursePage, data["slug"]):
        return
    product = _product(data["product"])
    fuehrung = Category.objects.get(slug="fuehrung")
    course = _publish_new(
        home,
        CoursePage(
            title=data["title"],
            slug=data["slug"],
            lead=data["lead"],
            outcomes=data["outcomes"],
            product=product,
            offers_pdf=True,
            offers_email=True,
            mail_interval_days=2,
        ),
    )
    for lesson in data["lessons"]:
        body = [("paragraph_block", lesson["text"])] + [
            ("task_block", {"task": f"<p>{task}</p>", "hint": hint})
            for task, hint in lesson["tasks"]
        ]
        _publish_new(
            course,
            LessonPage(
                title=lesson["title"],
                slug=lesson["slug"],
                teaser=lesson["teaser"],
                body=body,
                is_final=lesson.get("final", False),
                on_demand=not lesson.get("final", False),
                categories=[] if lesson.get("final") else [fuehrung],
            ),
        )
    report.add(f"eCourse {data['title']} with {len(data['lessons'])} lessons")


@transaction.atomic
def demo_load() -> DemoReport:
    report = DemoReport()
    site, home = _site_and_home(report)
    logo = _image("Logo Kompass Karriereverlag", 1, (138, 43, 15), report)
    _publisher(site, logo, report)
    _legal_pages(home, report)
    _newsletter(report)
    _shop(report)
    _ebook_files(report)
    _blog(home, report)
    _missing_product_image()
    _newsletter_issue(report)
    _discussion(report)
    _course(home, report)
    _course_on_demand(report)
    _author_books(report)
    _editorial_accounts(report)
    _admin(report)
    if report.created:
        search_index_refresh.enqueue()
    return report
