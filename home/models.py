"""Site-wide pieces: the image model with rights, the publisher settings, the home
page and the standard (legal) pages whose published versions consent records cite."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, Revision
from wagtail.search import index

from .blocks import BodyStreamBlock
from .fields import CleanRichTextField


class CustomImage(AbstractImage):
    """An image with the rights information the publisher must disclose and track."""

    credit_line = models.CharField(
        _("credit line"),
        max_length=255,
        blank=True,
        help_text=_(
            'Shown with every use of the image, e.g. "Illustration: Jana Roth".'
        ),
    )
    licensor = models.CharField(
        _("licensor"),
        max_length=255,
        blank=True,
        help_text=_("Agency, photographer or archive that granted the licence."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Editorial use, 5 years" or "CC BY 4.0".'),
    )
    source_url = models.URLField(_("source URL"), blank=True)
    licence_expires_at = models.DateField(
        _("licence expiry"),
        null=True,
        blank=True,
        help_text=_("Leave empty for licences that never expire."),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit_line",
        "licensor",
        "licence",
        "source_url",
        "licence_expires_at",
    )

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("credit_line"),
        index.SearchField("licensor"),
    ]

    @property
    def credit(self) -> str:
        """The text printed under the image wherever it appears."""
        if self.credit_line:
            return self.credit_line
        if self.licensor:
            return _("Image: %(licensor)s") % {"licensor": self.licensor}
        return ""


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class PublisherSettings(BaseSiteSetting):
    """Who publishes the site: shown in the publisher box, the imprint and (later)
    on invoices, where the seller's legal data is mandatory."""

    name = models.CharField(_("publisher name"), max_length=255, default="Imprint")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    description = CleanRichTextField(
        _("about the publisher"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown in the publisher box under every article."),
    )
    press_references = CleanRichTextField(
        _("press references"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    legal_name = models.CharField(
        _("legal name of the seller"), max_length=255, blank=True
    )
    street_address = models.CharField(
        _("street and number"), max_length=255, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, default="Deutschland")
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    vat_id = models.CharField(_("VAT ID (USt-IdNr.)"), max_length=30, blank=True)
    register_entry = models.CharField(
        _("commercial register entry"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Amtsgericht Köln, HRB 12345".'),
    )
    managing_director = models.CharField(
        _("managing director"), max_length=255, blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("description"),
                FieldPanel("press_references"),
            ],
            heading=_("Publisher box"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("Printed in the imprint and on invoices.")),
                FieldPanel("legal_name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("vat_id"),
                FieldPanel("register_entry"),
                FieldPanel("managing_director"),
            ],
            heading=_("Seller data"),
        ),
    ]

    class Meta:
        verbose_name = _("publisher")

    @property
    def postal_address(self) -> str:
        return ", ".join(
            part
            for part in (self.street_address, f"{self.postcode} {self.city}".strip())
            if part
        )


class ImprintPageMixin:
    """Shared by every page type of the site."""

    og_type = "website"
    # Foreign keys every view of the page reads, fetched with it when routing.
    route_select_related: tuple[str, ...] = ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Evaluated only if the template reads it, and not at all when the page's
        # head comes from a fragment cache.
        context["seo"] = SimpleLazyObject(lambda: self.seo_data(request, context))
        return context

    def ancestors(self) -> list[Page]:
        """The pages above this one, below the tree root: free after routing (the
        router keeps them), one query for previews and pages reached otherwise."""
        chain = getattr(self, "route_chain", None)
        if chain is None:
            chain = list(self.get_ancestors().filter(depth__gt=1))
        return [page for page in chain if page.depth > 1]

    def breadcrumbs(self) -> list[tuple[str, str]]:
        """(title, url) of the ancestors."""
        return [(page.title, page.url) for page in self.ancestors()]

    def share_image(self):
        return getattr(self, "hero_image", None)

    def seo_description(self) -> str:
        from .seo import description_of

        return description_of(
            self.search_description,
            getattr(self, "lead", ""),
            getattr(self, "intro", ""),
        )

    def feed_links(self, context) -> list[tuple[str, str, str]]:
        from blog.feeds import blog_feed_links

        return blog_feed_links()

    def seo_data(self, request, context) -> dict:
        from . import seo

        crumbs = [*self.breadcrumbs(), (self.title, self.url)]
        return seo.page_seo(
            request,
            title=self.seo_title or self.title,
            description=self.seo_description(),
            image=self.share_image(),
            og_type=self.og_type,
            structured=[seo.breadcrumb_list(crumbs, seo.root_url(request))]
            if len(crumbs) > 1
            else [],
            feeds=self.feed_links(context),
        )

    def get_view_restrictions(self):
        # Wagtail's serve checks the restrictions, and the page cache asks again
        # whether there are any: one evaluated queryset answers both (`.exists()` on
        # an evaluated queryset reads its cache).
        # On a site without any restriction (the usual case) that answer is cached.
        if getattr(self, "_view_restrictions", None) is None:
            from wagtail.models import PageViewRestriction

            from .routing import view_restrictions_exist

            if view_restrictions_exist():
                self._view_restrictions = super().get_view_restrictions()
            else:
                self._view_restrictions = PageViewRestriction.objects.none()
        return self._view_restrictions


# The fields of the pages above the one served that routing, breadcrumbs and URLs read.
ROUTE_FIELDS = (
    "id", "path", "depth", "numchild", "slug", "title", "draft_title", "url_path",
    "content_type_id", "live", "locale_id", "translation_key", "alias_of_id",
    "seo_title",
)  # fmt: skip


class HomePage(ImprintPageMixin, Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "blog.BlogIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page for a path in one query instead of two per path segment.

        Wagtail walks the tree a level at a time; here one query fetches every
        candidate (by slug and depth, both indexed) below this page, and the chain
        is assembled by tree path. The chain is kept per process until the page
        tree changes, so the served page itself is the only query. The deepest
        page reached routes the rest (a RoutablePage's sub-path, or a 404) and
        knows its parent without asking.
        """
        if not path_components:
            self.route_chain = []  # the home page has no ancestor to show
            return super().route(request, path_components)
        from .memo import structure

        chain = structure.get(
            ("route", self.path, tuple(path_components)),
            lambda: self._route_chain(path_components),
        )
        if len(chain) == 1:
            raise Http404
        found = chain[-1]
        model = found.specific_class or Page
        try:
            page = model._default_manager.select_related(
                *getattr(model, "route_select_related", ())
            ).get(pk=found.pk)
        except model.DoesNotExist:  # deleted since the chain was built
            raise Http404 from None
        page._cached_parent_obj = chain[-2]
        # Breadcrumbs and the series navigation read the ancestors from here.
        page.route_chain = chain[:-1]
        return page.route(request, path_components[len(chain) - 1 :])

    def _route_chain(self, path_components: list[str]) -> list[Page]:
        """This page and the pages below it that match the path, level by level,
        as far as they match."""
        wanted = Q()
        for level, slug in enumerate(path_components, start=1):
            wanted |= Q(slug=slug, depth=self.depth + level)
        # Only what routing and breadcrumbs read: a lighter query to build and load.
        candidates = Page.objects.filter(wanted, path__startswith=self.path).only(
            *ROUTE_FIELDS
        )
        by_level: dict[tuple[int, str], list[Page]] = {}
        for page in candidates:
            by_level.setdefault((page.depth, page.slug), []).append(page)
        chain: list[Page] = [self]
        for level, slug in enumerate(path_components, start=1):
            parent = chain[-1]
            child = next(
                (
                    page
                    for page in by_level.get((self.depth + level, slug), [])
                    if page.path.startswith(parent.path)
                ),
                None,
            )
            if child is None:
                break
            chain.append(child)
        return chain

    def get_context(self, request, *args, **kwargs):
        from blog.selectors import article_list, series_list

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = article_list()[:6]
        context["series_list"] = series_list()[:4]
        return context


class StandardPage(ImprintPageMixin, Page):
    """A plain page. The imprint, privacy policy and debate rules are StandardPages
    with a `role`, and each published revision of them gets a version label that
    consent records cite."""

    class Role(models.TextChoices):
        NONE = "", _("Other page")
        IMPRINT = "imprint", _("Imprint (Impressum)")
        PRIVACY = "privacy", _("Privacy policy")
        DEBATE_RULES = "debate_rules", _("Debate rules")

    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_(
            "Legal pages are versioned; forms link to the page with their role."
        ),
    )
    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("role")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        constraints = [
            models.UniqueConstraint(
                fields=["role"],
                condition=~models.Q(role=""),
                name="standardpage_unique_role",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["version"] = (
            self.versions.order_by("-number").first() if self.pk else None
        )
        return context


class PolicyVersion(models.Model):
    """One published revision of a legal page, numbered per page.

    Append-only, and it keeps its own copy of the title and text: consent records
    (comments, newsletter) point at the version a person agreed to, and that text must
    stay provable after later edits, revision purges or even deletion of the page.
    """

    page = models.ForeignKey(
        StandardPage, on_delete=models.SET_NULL, null=True, related_name="versions"
    )
    revision = models.OneToOneField(
        Revision, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, blank=True)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text as published"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="policyversion_unique_number"
            )
        ]
        verbose_name = _("policy version")

    def __str__(self) -> str:
        return f"{self.title}: {self.label}"

    @property
    def label(self) -> str:
        published = formats.date_format(
            timezone.localtime(self.published_at), "SHORT_DATE_FORMAT"
        )
        return _("version %(number)s of %(date)s") % {
            "number": self.number,
            "date": published,
        }
