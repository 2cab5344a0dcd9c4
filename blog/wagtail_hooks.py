"""The magazine in the admin (authors and categories as snippets, grouped under
"Editorial") and on the site's shared parts: its entry in the navigation, its feeds
on every page, its latest articles and series on the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.models import Category

from . import selectors
from .feeds import blog_feed_links
from .models import Author
from .selectors import article_list, blog_index, series_list

HOME_LATEST_ARTICLES = 6
HOME_SERIES = 4


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "website"]
    search_fields = ["name", "role"]
    ordering = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class EditorialViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet)
    menu_icon = "doc-full"
    menu_label = _("Editorial")
    menu_name = "editorial"


register_snippet(EditorialViewSetGroup)


@hooks.register("construct_site_navigation")
def add_magazine_to_navigation(nav: dict) -> None:
    """The magazine is named on its own in the header, not among the menu pages."""
    index = blog_index()
    if index is None:
        return
    nav["blog"] = {"title": index.title, "url": index.url}
    nav["menu"] = [item for item in nav["menu"] if item.get("pk") != index.pk]


@hooks.register("register_site_feed_links")
def magazine_feed_links() -> list[tuple[str, str, str]]:
    return blog_feed_links()


@hooks.register("home_page_sections", order=10)
def latest_articles_section(request) -> dict:
    return {
        "template": "blog/includes/home_latest_articles.html",
        "articles": article_list()[:HOME_LATEST_ARTICLES],
    }


@hooks.register("home_page_sections", order=20)
def series_section(request) -> dict | None:
    series = list(series_list()[:HOME_SERIES])
    if not series:
        return None
    return {"template": "blog/includes/home_series.html", "series_list": series}


@hooks.register("shop_product_related_pages")
def product_related_pages(product) -> list[dict]:
    """The article or series a product is sold from, then the newest articles on
    the product's topics: one query."""
    return selectors.product_related_pages(product)
