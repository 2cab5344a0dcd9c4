"""RSS 2.0 and Atom feeds of the magazine, its archives and each series.

Excerpt-only on purpose: an entry carries the lead and a link, the full text stays on
the site (and in the paid PDF). The feeds are served as routes of the blog index and
series pages, so the page cache keeps them and purges them with their pages.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from home.selectors import site_navigation

FEED_ITEMS = 20
FEED_SUFFIXES = ("feed/", "feed/atom/")


class ArticleFeed(Feed):
    """One feed over a list of articles; built per request with its scope."""

    feed_type = Rss201rev2Feed

    def __init__(self, *, title: str, link: str, description: str, articles):
        super().__init__()
        self._title = title
        self._link = link
        self._description = description
        self._articles = articles

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self._request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self._title

    def link(self) -> str:
        return self._link

    def description(self) -> str:
        return self._description

    def subtitle(self) -> str:
        return self._description

    def feed_url(self) -> str:
        return self._request.path

    def items(self):
        return list(self._articles[:FEED_ITEMS])

    def item_title(self, item) -> str:
        return item.title

    def item_link(self, item) -> str:
        return item.get_full_url(self._request)

    def item_description(self, item) -> str:
        url = escape(item.get_full_url(self._request))
        more = escape(_("Read the whole article on our site"))
        return f'<p>{escape(item.lead)}</p><p><a href="{url}">{more}</a></p>'

    def item_pubdate(self, item) -> datetime:
        return timezone.make_aware(datetime.combine(item.publication_date, time(6)))

    def item_updateddate(self, item) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item) -> str:
        return ", ".join(link.author.name for link in item.article_authors.all())

    def item_categories(self, item) -> list[str]:
        return [category.name for category in item.categories.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed


def wants_atom(request: HttpRequest) -> bool:
    return request.path.endswith("/feed/atom/")


def feed_response(request: HttpRequest, *, atom: bool, **scope) -> HttpResponse:
    feed_class = AtomArticleFeed if atom else ArticleFeed
    return feed_class(**scope)(request)


def feed_links(title: str, base_url: str | None) -> list[tuple[str, str, str]]:
    """(title, url, type) of the RSS and Atom feeds below `base_url`."""
    if not base_url:
        return []
    return [
        (f"{title} (RSS)", f"{base_url}feed/", "application/rss+xml"),
        (f"{title} (Atom)", f"{base_url}feed/atom/", "application/atom+xml"),
    ]


def blog_feed_links() -> list[tuple[str, str, str]]:
    """The magazine's feeds, announced on every page of the site."""
    blog = site_navigation().get("blog")
    return feed_links(blog["title"], blog["url"]) if blog else []
