"""Routing Wagtail pages without asking the database what it already told us.

Which site (and root page) serves this host, which is the default site, and does any
page view restriction exist at all? All change only when sites, pages or
restrictions change, which bumps the structure token (`expire`); each process keeps
its answers until then (`pagecache.memo`), so a page request needs no query for them
and no cache read. `TreeRoutingMixin` (on a site's root page) finds the page for a
whole path in one query; `RoutedPageMixin` (on every page) reuses what it found.
"""

from django.db.models import Q
from django.http import Http404, HttpRequest
from wagtail.models import Page, PageViewRestriction, Site

from . import memo, store


def site_for_request(request: HttpRequest) -> Site | None:
    return memo.structure.get(("site", request.get_host()), lambda: _find(request))


def _find(request: HttpRequest) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        # Route from the specific root page without fetching it on every request.
        site.root_page = site.root_page.specific
    return site


def default_site() -> Site | None:
    """The default Wagtail site with its root page: the one lookup every app uses
    (mails, purges, navigation) when no request names a host."""
    return memo.structure.get("default-site", _find_default)


def site_root_url() -> str:
    """Scheme and host of the default site ("https://verlag.example"), for links
    made outside a request: mails, feeds for a CDN purge. The one place it is
    built; mails take it as `mail.compose.site_root_url`."""
    site = default_site()
    return site.root_url if site is not None else ""


def _find_default() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def view_restrictions_exist() -> bool:
    return memo.structure.get("restrictions", PageViewRestriction.objects.exists)


def expire() -> None:
    """The page tree, a site or a restriction changed: every process rebuilds its
    routing, site and navigation answers (within `store.GENERATION_REFRESH`)."""
    store.structure_expire()


def only_public(pages):
    """`pages.public()`, which reads every view restriction, only where any exist."""
    return pages.public() if view_restrictions_exist() else pages


# The fields of the pages above the one served that routing, breadcrumbs and URLs read.
ROUTE_FIELDS = (
    "id", "path", "depth", "numchild", "slug", "title", "draft_title", "url_path",
    "content_type_id", "live", "locale_id", "translation_key", "alias_of_id",
    "seo_title",
)  # fmt: skip


class TreeRoutingMixin:
    """For a site's root page: find the page for a path in one query instead of two
    per path segment.

    Wagtail walks the tree a level at a time; here one query fetches every candidate
    (by slug and depth, both indexed) below this page, and the chain is assembled by
    tree path. The chain is kept per process until the page tree changes, so the
    served page itself is the only query. The deepest page reached routes the rest
    (a RoutablePage's sub-path, or a 404) and knows its parent without asking.
    """

    def route(self, request, path_components):
        if not path_components:
            self.route_chain = []  # the root page has no ancestor to show
            return super().route(request, path_components)
        chain = memo.structure.get(
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


class RoutedPageMixin:
    """For every page type: what routing found is reused instead of asked again."""

    # Foreign keys every view of the page reads, fetched with it when routing.
    route_select_related: tuple[str, ...] = ()

    def ancestors(self) -> list[Page]:
        """The pages above this one, below the tree root: free after routing (the
        router keeps them), one query for previews and pages reached otherwise."""
        chain = getattr(self, "route_chain", None)
        if chain is None:
            chain = list(self.get_ancestors().filter(depth__gt=1))
        return [page for page in chain if page.depth > 1]

    def get_view_restrictions(self):
        # Wagtail's serve checks the restrictions, and the page cache asks again
        # whether there are any: one evaluated queryset answers both (`.exists()` on
        # an evaluated queryset reads its cache). On a site without any restriction
        # (the usual case) that answer is kept per process.
        if getattr(self, "_view_restrictions", None) is None:
            if view_restrictions_exist():
                self._view_restrictions = super().get_view_restrictions()
            else:
                self._view_restrictions = PageViewRestriction.objects.none()
        return self._view_restrictions
