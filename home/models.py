"""Site-wide pieces: the image model with rights, the publisher settings, the home
page and the standard (legal) pages whose published versions consent records cite.

What the home page shows from apps above this one (latest articles, series) and the
feeds every page announces arrive through Wagtail hooks (`home_page_sections`,
`register_site_feed_links`), so this app imports none of them."""

from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from consent.selectors import policy_version_current
from core import hooks as names
from core import seo
from core.fields import CleanStreamField
from images.renditions import SHARE, SPECS
from images.share import share_card_spec
from pagecache import store
from pagecache.routing import RoutedPageMixin, TreeRoutingMixin

from .admin_forms import SitePageForm
from .blocks import BodyStreamBlock
from .sections import HomeBodyBlock, home_items, sections_of


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


class HeroImageMixin(models.Model):
    """The picture that opens a page and stands on its cards (articles, series,
    courses): one declaration for every page type that has one."""

    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )

    class Meta:
        abstract = True


class ImprintPageMixin(RoutedPageMixin):
    """Shared by every page type of the site."""

    og_type = "website"
    base_form_class = SitePageForm
    #: Whether links to the page share a designed card (its hero image with the
    #: title over it, made per revision: images/share.py) or the plain image.
    share_card = False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Evaluated only if the template reads it, and not at all when the page's
        # head comes from a fragment cache.
        context["seo"] = SimpleLazyObject(lambda: self.seo_data(request, context))
        # Pages are written in the site's language (one locale); the UI around them
        # may be in the reader's chosen one, marked with its own `lang`.
        context["content_language"] = settings.LANGUAGE_CODE
        for fill in hooks.get_hooks(names.PAGE_CONTEXT):
            fill(self, request, context, **kwargs)
        return context

    def breadcrumbs(self) -> list[tuple[str, str]]:
        """(title, url) of the ancestors."""
        return [(page.title, page.url) for page in self.ancestors()]

    def share_image(self):
        return getattr(self, "hero_image", None)

    def share_image_spec(self, request) -> str:
        """The rendition a shared link shows: the live revision's card, or for a
        preview and for plain pages the hero image in the share size."""
        if (
            self.share_card
            and self.live_revision_id
            and not getattr(request, "is_preview", False)
        ):
            return share_card_spec(self.live_revision_id)
        return SPECS[SHARE]

    def seo_description(self) -> str:
        return seo.description_of(
            self.search_description,
            getattr(self, "lead", ""),
            getattr(self, "intro", ""),
            getattr(self, "teaser", ""),
        )

    def feed_links(self, context) -> list[tuple[str, str, str]]:
        """The site-wide feeds every page announces, registered by the apps that
        serve them (hook `register_site_feed_links`)."""
        links: list[tuple[str, str, str]] = []
        for fn in hooks.get_hooks(names.SITE_FEED_LINKS):
            links += fn()
        return links

    def seo_data(self, request, context) -> dict:
        crumbs = [*self.breadcrumbs(), (self.title, self.url)]
        return seo.page_seo(
            request,
            title=self.seo_title or self.title,
            description=self.seo_description(),
            image=self.share_image(),
            image_spec=self.share_image_spec(request),
            og_type=self.og_type,
            structured=[seo.breadcrumb_list(crumbs, seo.root_url(request))]
            if len(crumbs) > 1
            else [],
            feeds=self.feed_links(context),
        )


class HomePage(TreeRoutingMixin, ImprintPageMixin, Page):
    """The front page: the editor composes it from general blocks and sections
    (lead story, stories, shelves, topics, authors, newsletter; `home.sections`).
    With no section placed, every section shows in its default order."""

    intro = models.CharField(_("intro"), max_length=300, blank=True)
    body = CleanStreamField(
        HomeBodyBlock(), blank=True, use_json_field=True, verbose_name=_("body")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "blog.BlogIndexPage", "courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Loaded only when the sections' fragment is not cached (the template):
        # the apps that own a section load what it shows, every section of a kind
        # at once (hook `home_page_sections`); a section nobody fills is left out.
        context["home_items"] = SimpleLazyObject(lambda: self.home_items(request))
        # What the sections show changes with a publish (the structure token) or a
        # changed product, author or topic (the fragments token).
        context["home_sections_token"] = store.structure_generation()
        # The page's own sign-up replaces the footer's (one form per page).
        context["home_has_newsletter"] = any(
            section.kind == "newsletter" for section in sections_of(self.body)
        )
        return context

    def home_items(self, request) -> list[dict]:
        sections = sections_of(self.body)
        for fill in hooks.get_hooks(names.HOME_PAGE_SECTIONS):
            fill(request, sections)
        return home_items(self.body, sections)


class StandardPage(ImprintPageMixin, Page):
    """A plain page. The imprint, privacy policy and debate rules are StandardPages
    with a `role`, and each published revision of them gets a version label that
    consent records cite."""

    class Role(models.TextChoices):
        NONE = "", _("Other page")
        IMPRINT = "imprint", _("Imprint (Impressum)")
        PRIVACY = "privacy", _("Privacy policy")
        DEBATE_RULES = "debate_rules", _("Debate rules")
        TERMS = "terms", _("Terms and conditions (AGB)")
        WITHDRAWAL = "withdrawal", _("Withdrawal policy (Widerrufsbelehrung)")
        ACCESSIBILITY = (
            "accessibility",
            _("Accessibility statement (Barrierefreiheitserklärung)"),
        )

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
    body = CleanStreamField(
        BodyStreamBlock(), blank=True, use_json_field=True, verbose_name=_("body")
    )

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
            policy_version_current(page_id=self.pk) if self.pk else None
        )
        return context
