"""The editorial side: authors (snippets), the blog index with its archives,
articles, and series whose parts are the articles placed under them. Categories are
`taxonomy.Category`, shared with the shop's products."""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.fields import CleanRichTextField, CleanStreamField
from core.pagination import paginate
from core.seo import jsonld
from home.learning import CourseItem, LearningTasksBlock, tasks_from, words_of
from home.models import HeroImageMixin, ImprintPageMixin
from home.selectors import publisher_info, site_navigation
from images.renditions import SPECS
from pagecache.routing import only_public
from shop.catalogue.choosers import product_chooser_viewset
from shop.selectors import product_sold_from
from taxonomy.models import Category

from . import feeds, seo
from .blocks import ArticleBodyBlock


class Author(index.Indexed, ClusterableModel):
    """A person who writes for the publisher, often a guest; has a public page."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    role = models.CharField(
        _("role"),
        max_length=150,
        blank=True,
        help_text=_('e.g. "Career coach, Hamburg"'),
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    bio = CleanRichTextField(
        _("biography"), blank=True, features=["bold", "italic", "link"]
    )
    email = models.EmailField(
        _("e-mail for notifications"),
        blank=True,
        help_text=_(
            "Never shown. New comments on the author's articles are sent here (else "
            "to the address of the linked user account)."
        ),
    )
    website = models.URLField(_("personal website"), blank=True)
    portfolio = models.URLField(_("portfolio"), blank=True)
    blog = models.URLField(_("blog"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        verbose_name=_("user account"),
        help_text=_("Lets a guest author log in and submit articles for review."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("portfolio"), FieldPanel("blog")],
            heading=_("Links"),
        ),
        InlinePanel("social_links", label=_("Social profiles")),
        InlinePanel("books", label=_("Books in the shop")),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    @property
    def links(self) -> list[tuple[str, str]]:
        """(label, url) of every link the author box shows, fixed ones first."""
        fixed = [
            (_("Website"), self.website),
            (_("Portfolio"), self.portfolio),
            (_("Blog"), self.blog),
        ]
        social = [(link.label, link.url) for link in self.social_links.all()]
        return [(label, url) for label, url in fixed + social if url]

    @property
    def archive_url(self) -> str | None:
        """The author's public page in the magazine."""
        return archive_url("author", self.slug)

    @property
    def notification_email(self) -> str:
        """Where the author hears of comments: their own address, else their
        account's."""
        return self.email or (self.user.email if self.user_id else "")


class AuthorSocialLink(Orderable):
    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(_("label"), max_length=50, help_text=_('e.g. "LinkedIn"'))
    url = models.URLField(_("URL"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class AuthorBook(Orderable):
    """A book, e-book or course of the shop that the author wrote, shown on the
    author's page with its price."""

    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="books")
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )

    panels = [FieldPanel("product", widget=product_chooser_viewset.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = _("book")
        verbose_name_plural = _("books")


class ArticlePageQuerySet(PageQuerySet):
    """Article reads the page types themselves need (their listings and feeds),
    shaped so a listing's query count does not grow with its rows."""

    def cards(self, *, index=None, category=None, tag=None, author=None):
        """Live, public articles, newest first, with what an article card shows
        (hero image with its card rendition, authors, categories)."""
        articles = only_public(self.live())
        if index is not None:
            articles = articles.descendant_of(index)
        if category is not None:
            articles = articles.filter(categories=category)
        if tag is not None:
            articles = articles.filter(tags=tag)
        if author is not None:
            articles = articles.filter(article_authors__author=author)
        # Cards never show the body: not fetching and decoding it keeps a page of
        # a big archive as cheap as a page of a small one.
        return (
            articles.defer_streamfields()
            .order_by("-publication_date", "-pk")
            .prefetch_related(
                Prefetch("hero_image", queryset=card_images()),
                Prefetch("article_authors", queryset=_authors_in_byline_order()),
                "categories",
            )
        )


def card_images():
    """Images with the card rendition loaded alongside (article and series cards)."""
    return get_image_model().objects.prefetch_renditions(SPECS["card"])


def _authors_in_byline_order():
    return ArticleAuthor.objects.select_related("author").order_by("sort_order")


class BlogIndexPage(ImprintPageMixin, RoutablePageMixin, Page):
    """The magazine: all articles, paginated, with archives by category, tag and
    author (the author archive is the author's public page)."""

    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage", "blog.SeriesPage"]

    ARTICLES_PER_PAGE = 20

    class Meta:
        verbose_name = _("blog index")

    @classmethod
    def archive_path(cls, kind: str, slug: str = "") -> str:
        """The sub-path of a landing page ("themen/gehalt/", "autoren/mara/",
        "autoren/"), from the routes below. Unquoted, like page URLs and
        `request.path`, so the page cache finds what it keyed by path."""
        args = (slug,) if slug else ()
        return unquote(cls.get_resolver().reverse(kind, *args))

    def _listing(self, request, articles, feed_title=None, landing=None, **extra):
        """A page of articles. A landing page (`landing`: "topic", "author") has
        its own template, and the hook `page_context` adds what it shows beside
        the articles (blog/wagtail_hooks.py, from the selectors)."""
        page_obj = paginate(request, articles, self.ARTICLES_PER_PAGE)
        extra["archive_feeds"] = feeds.feed_links(
            feed_title or self.title, request.path
        )
        return self.render(
            request,
            context_overrides={"articles": page_obj, **extra},
            template=LANDING_TEMPLATES.get(landing),
            landing=landing,
            subject=extra.get("category") or extra.get("author"),
            page_number=page_obj.number,
        )

    def _feed(self, request, articles, title, description):
        atom = feeds.wants_atom(request)
        link = request.path.split("feed/")[0]
        return feeds.feed_response(
            request,
            atom=atom,
            title=title,
            link=link,
            description=description,
            articles=articles,
        )

    def feed_links(self, context):
        # The magazine's own feeds are the site-wide ones (super), not repeated.
        return [*super().feed_links(context), *context.get("archive_feeds", [])]

    def seo_data(self, request, context):
        data = super().seo_data(request, context)
        if context.get("archive_title"):
            data["title"] = context["archive_title"]
        if context.get("archive_description"):
            data["description"] = context["archive_description"]
        return data

    def get_cached_paths(self) -> list[str]:
        """The listing, every landing page and archive and their feeds, for
        purging the page cache and a CDN."""
        tags = Tag.objects.filter(blog_articlepagetag_items__isnull=False).distinct()
        archives = ["/"] + [
            f"/{self.archive_path(kind, slug)}"
            for kind, slugs in (
                ("topic", Category.objects.values_list("slug", flat=True)),
                ("author", Author.objects.values_list("slug", flat=True)),
                ("tag", tags.values_list("slug", flat=True)),
            )
            for slug in slugs
        ]
        feeds_of = [
            f"{archive}{suffix}"
            for archive in archives
            for suffix in feeds.FEED_SUFFIXES
        ]
        return [*archives, f"/{self.archive_path('authors')}", *feeds_of]

    @path("")
    def index_route(self, request):
        return self._listing(request, ArticlePage.objects.cards(index=self))

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    def feed_route(self, request):
        articles = ArticlePage.objects.cards(index=self)
        return self._feed(request, articles, self.title, self.intro)

    def _archive(self, kind: str, slug: str) -> dict:
        """The articles, titles and context of one landing page (topic, tag,
        author); its listing and its feeds are built from this."""
        article_list = ArticlePage.objects.cards
        if kind == "topic":
            category = get_object_or_404(Category, slug=slug)
            return {
                "articles": article_list(index=self, category=category),
                "title": category.name,
                "description": category.description,
                "context": {"category": category},
            }
        if kind == "tag":
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404
            return {
                "articles": article_list(index=self, tag=tag),
                "title": f"#{tag.name}",
                "description": "",
                "context": {"tag": tag},
            }
        author = get_object_or_404(
            Author.objects.select_related("photo").prefetch_related("social_links"),
            slug=slug,
        )
        return {
            "articles": article_list(index=self, author=author),
            "title": author.name,
            "description": author.role,
            "context": {"author": author},
        }

    def _archive_listing(self, request, kind: str, slug: str):
        archive = self._archive(kind, slug)
        return self._listing(
            request,
            archive["articles"],
            feed_title=f"{self.title}: {archive['title']}",
            landing=kind,
            archive_title=archive["title"],
            archive_description=archive["description"],
            archive_kind=kind,
            **archive["context"],
        )

    def _archive_feed(self, request, kind: str, slug: str):
        archive = self._archive(kind, slug)
        return self._feed(
            request,
            archive["articles"],
            f"{self.title}: {archive['title']}",
            archive["description"],
        )

    @path("themen/<str:slug>/", name="topic")
    def topic_route(self, request, slug):
        return self._archive_listing(request, "topic", slug)

    @path("themen/<str:slug>/feed/", name="topic_feed")
    @path("themen/<str:slug>/feed/atom/", name="topic_feed_atom")
    def topic_feed_route(self, request, slug):
        return self._archive_feed(request, "topic", slug)

    @path("schlagwort/<str:slug>/", name="tag")
    def tag_route(self, request, slug):
        return self._archive_listing(request, "tag", slug)

    @path("schlagwort/<str:slug>/feed/", name="tag_feed")
    @path("schlagwort/<str:slug>/feed/atom/", name="tag_feed_atom")
    def tag_feed_route(self, request, slug):
        return self._archive_feed(request, "tag", slug)

    @path("autoren/", name="authors")
    def authors_route(self, request):
        return self.render(
            request,
            context_overrides={"archive_title": _("Authors")},
            template="blog/author_index_page.html",
            landing="authors",
        )

    @path("autoren/<str:slug>/", name="author")
    def author_route(self, request, slug):
        return self._archive_listing(request, "author", slug)

    @path("autoren/<str:slug>/feed/", name="author_feed")
    @path("autoren/<str:slug>/feed/atom/", name="author_feed_atom")
    def author_feed_route(self, request, slug):
        return self._archive_feed(request, "author", slug)

    # The first archives had English paths; links to them keep working.
    @path("category/<slug:slug>/<path:rest>", name="old_topic")
    @path("category/<slug:slug>/", name="old_topic_root")
    def old_topic_route(self, request, slug, rest=""):
        return self._moved("topic", slug, rest)

    @path("tag/<str:slug>/<path:rest>", name="old_tag")
    @path("tag/<str:slug>/", name="old_tag_root")
    def old_tag_route(self, request, slug, rest=""):
        return self._moved("tag", slug, rest)

    @path("author/<slug:slug>/<path:rest>", name="old_author")
    @path("author/<slug:slug>/", name="old_author_root")
    def old_author_route(self, request, slug, rest=""):
        return self._moved("author", slug, rest)

    def _moved(self, kind: str, slug: str, rest: str):
        if rest not in ("", *feeds.FEED_SUFFIXES):
            raise Http404
        return HttpResponsePermanentRedirect(
            f"{self.url}{self.archive_path(kind, slug)}{rest}"
        )


#: The template of each landing page; the tag archive is the plain listing.
LANDING_TEMPLATES = {
    "topic": "blog/topic_page.html",
    "author": "blog/author_page.html",
}


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PdfSale(models.Model):
    """Selling the page as a PDF: the editor ticks it and sets the gross price, and
    publishing creates or updates the shop product (blog/services.py)."""

    sell_as_pdf = models.BooleanField(
        _("sell as PDF"),
        default=False,
        help_text=_(
            "Publishing puts the PDF on sale in the shop at this price; unticking or "
            "unpublishing takes it off sale. Past orders keep their downloads."
        ),
    )
    pdf_price = models.DecimalField(
        _("PDF price (gross, €)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.sell_as_pdf and (self.pdf_price is None or self.pdf_price <= 0):
            raise ValidationError(
                {"pdf_price": _("Please set the price the PDF is sold at.")}
            )


class SoldProductPanel(Panel):
    """The shop product this page is sold as (made on publish), shown read-only:
    the link lives on the product (`Product.page`), not in the page's revisions."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/panels/sold_product.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["product"] = product_sold_from(page_id=page.pk) if page.pk else None
            return context


def pdf_sale_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("sell_as_pdf"),
            FieldPanel("pdf_price"),
            SoldProductPanel(),
        ],
        heading=_("Sale as PDF"),
    )


class ArticlePage(PdfSale, HeroImageMixin, ImprintPageMixin, Page):  # noqa: DJ008  (Page.__str__)
    """An article. Around it the page shows `article_extras` (authors, series,
    topics, products, related articles), which blog/wagtail_hooks.py adds to the
    context from `selectors.article_extras` (hook `core.hooks.PAGE_CONTEXT`)."""

    lead = models.TextField(
        _("lead"), help_text=_("Two or three sentences that open the article.")
    )
    body = CleanStreamField(
        ArticleBodyBlock(), use_json_field=True, verbose_name=_("body")
    )
    publication_date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("The date printed on the article and used for ordering."),
    )
    categories = ParentalManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("categories")
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    # Opts the page type in to reader comments (the `comments` app reads it).
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_(
            "Readers may comment. Comments also close by themselves a number of days "
            "after publication if the comment settings say so."
        ),
    )
    offer = models.ForeignKey(
        "catalogue.Product",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("offer at the end"),
        help_text=_(
            "One book, e-book or course offered below the article. Leave empty for "
            "one on the article's topic, else the article's own PDF."
        ),
    )
    # A course on demand may take the article as one of its lessons; the tasks
    # below are printed and mailed after it (not shown on the article page).
    course_eligible = models.BooleanField(
        _("may be part of a course on demand"),
        default=False,
        help_text=_(
            "Readers may choose this article as a lesson of their own course. It "
            "needs 1 to 6 learning tasks."
        ),
    )
    learning_tasks = CleanStreamField(
        LearningTasksBlock(),
        blank=True,
        use_json_field=True,
        verbose_name=_("learning tasks"),
        help_text=_("Printed and mailed after the article when it is a lesson."),
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("article_authors", label=_("Authors"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("categories"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        pdf_sale_panel(),
        FieldPanel("offer", widget=product_chooser_viewset.widget_class),
        MultiFieldPanel(
            [FieldPanel("course_eligible"), FieldPanel("learning_tasks")],
            heading=_("Course on demand"),
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["blog.BlogIndexPage", "blog.SeriesPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Every listing is "newest first, a page of them": with this index the
            # database reads the first rows in order instead of sorting them all.
            models.Index(
                fields=["-publication_date", "-page_ptr"], name="article_newest_first"
            )
        ]

    og_type = "article"
    share_card = True
    route_select_related = ("hero_image",)

    def feed_links(self, context):
        links = super().feed_links(context)
        series = context["article_extras"].series
        if series:
            links += feeds.feed_links(series.title, series.url)
        return links

    def seo_data(self, request, context):
        extras = context["article_extras"]
        data = super().seo_data(request, context)
        data["jsonld"] = jsonld(
            seo.article_structured(self, extras, request, publisher_info())
        )
        data["published"] = self.publication_date
        data["authors"] = [author.name for author in extras.authors]
        data["section"] = extras.categories[0].name if extras.categories else ""
        data["tags"] = [tag.name for tag in extras.tags]
        return data

    def clean(self):
        super().clean()
        if self.course_eligible and not tasks_from(self.learning_tasks):
            raise ValidationError(
                {
                    "learning_tasks": _(
                        "An article offered for courses on demand needs 1 to 6 "
                        "learning tasks."
                    )
                }
            )

    def course_item(self) -> CourseItem:
        """The article as a lesson: its body, then its learning tasks."""
        return CourseItem(
            title=self.title,
            lead=self.lead,
            kind="article",
            blocks=list(self.body),
            tasks=tasks_from(self.learning_tasks),
            words=words_of(self.body),
        )

    @cached_property
    def series(self) -> "SeriesPage | None":
        """The series this article is a part of: the SeriesPage it is placed under."""
        parent = self.get_parent()
        return (
            parent.specific if parent and parent.specific_class is SeriesPage else None
        )

    @property
    def authors(self) -> list[Author]:
        return [item.author for item in self.article_authors.all()]


class ArticleAuthor(Orderable):
    """The ordered byline of an article."""

    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="article_links",
        verbose_name=_("author"),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "author"], name="articleauthor_unique"
            )
        ]


class ReadingMark(models.Model):
    """That a logged-in reader has opened an article, so a series page can tick
    the parts they have read. Personal data: exported and erased with the reader
    (`blog/privacy.py`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reading_marks",
        verbose_name=_("reader"),
    )
    page = models.ForeignKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )
    read_at = models.DateTimeField(_("first read"), default=timezone.now)

    class Meta:
        verbose_name = _("reading mark")
        verbose_name_plural = _("reading marks")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="readingmark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.page_id}"


class SeriesPage(  # noqa: DJ008  (Page.__str__)
    PdfSale, HeroImageMixin, ImprintPageMixin, RoutablePageMixin, Page
):
    """A series of articles. Its parts are the ArticlePages placed under it, in the
    page tree's order, so editors reorder parts by dragging them in the explorer."""

    lead = models.TextField(_("lead"), blank=True)
    description = CleanRichTextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("description"),
        pdf_sale_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("description"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = ["blog.ArticlePage"]
    route_select_related = ("hero_image",)
    share_card = True

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def parts(self) -> list["ArticlePage"]:
        """All parts in tree order, the scheduled ones included, so the series
        page can show which are published and which are upcoming."""
        return list(
            only_public(ArticlePage.objects.child_of(self))
            .order_by("path")
            .prefetch_related(
                Prefetch("article_authors", queryset=_authors_in_byline_order())
            )
        )

    def feed_links(self, context):
        return [*super().feed_links(context), *feeds.feed_links(self.title, self.url)]

    def get_cached_paths(self) -> list[str]:
        return ["/", *(f"/{suffix}" for suffix in feeds.FEED_SUFFIXES)]

    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    def feed_route(self, request):
        articles = ArticlePage.objects.cards().child_of(self)
        return feeds.feed_response(
            request,
            atom=feeds.wants_atom(request),
            title=self.title,
            link=self.url,
            description=self.lead,
            articles=articles,
        )


def archive_url(kind: str, slug: str = "") -> str | None:
    """The URL of a magazine landing page ("topic", "tag", "author", or "authors"
    without a slug): the one place their URLs are built, from the magazine's URL
    and its routes."""
    blog = site_navigation().get("blog")
    if not blog:
        return None
    return f"{blog['url']}{BlogIndexPage.archive_path(kind, slug)}"
