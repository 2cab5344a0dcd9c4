"""The magazine in the admin (authors and categories as snippets, grouped under
"Editorial") and on the site's shared parts: its entry in the navigation, its feeds
on every page, its latest articles and series on the home page."""

from django.db.models import Count
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import hooks as names
from taxonomy.models import Category

from . import landing, selectors, services
from .feeds import blog_feed_links
from .models import ArticlePage, Author, BlogIndexPage, SeriesPage
from .selectors import blog_index

MENU_TOPICS = 8


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


@hooks.register(names.PAGE_CONTEXT)
def blog_page_context(page, request, context: dict, **kwargs) -> None:
    """What an article, a series or a landing page of the magazine shows around
    its own fields."""
    if isinstance(page, ArticlePage):
        # Read only inside the article's fragment caches: a cached article costs
        # none of the queries behind it.
        context["article_extras"] = SimpleLazyObject(
            lambda: selectors.article_extras(page)
        )
        if not getattr(request, "is_preview", False):
            services.reading_mark_record(user=request.user, article=page)
    elif isinstance(page, SeriesPage):
        context.update(selectors.series_context(page))
        context["read_ids"] = landing.series_read_ids(page, request.user)
    elif isinstance(page, BlogIndexPage):
        kind, subject = kwargs.get("landing"), kwargs.get("subject")
        if kind == "topic":
            context.update(landing.topic_landing(subject, kwargs.get("page_number", 1)))
        elif kind == "author":
            context.update(landing.author_landing(subject))
        elif kind == "authors":
            context["authors"] = landing.author_index()


@hooks.register(names.SITE_NAVIGATION)
def add_magazine_to_navigation(nav: dict) -> None:
    """The magazine is named on its own in the header, not among the menu pages;
    its topics and the authors' index follow it."""
    index = blog_index()
    if index is None:
        return
    nav["blog"] = {"title": index.title, "url": index.url}
    nav["menu"] = [item for item in nav["menu"] if item.get("pk") != index.pk]
    # Built from the index itself: `archive_url` reads this navigation.
    # At most MENU_TOPICS top-level topics, those with the most articles (an
    # imported blog brings dozens), shown in alphabetical order.
    topics = (
        Category.objects.filter(parent=None)
        .annotate(article_count=Count("articles"))
        .order_by("-article_count", "name")
        .values_list("name", "slug")[:MENU_TOPICS]
    )
    nav["topics"] = [
        {"name": name, "url": f"{index.url}{index.archive_path('topic', slug)}"}
        for name, slug in sorted(topics)
    ]
    nav["authors_url"] = f"{index.url}{index.archive_path('authors')}"


@hooks.register(names.SITE_FEED_LINKS)
def magazine_feed_links() -> list[tuple[str, str, str]]:
    return blog_feed_links()


@hooks.register(names.HOME_PAGE_SECTIONS, order=10)
def magazine_home_sections(request, sections) -> None:
    """The lead story, further stories, series shelf, topic row and author strip
    of the front page."""
    landing.home_sections_fill(request, sections)


@hooks.register(names.SHOP_PRODUCT_RELATED_PAGES)
def product_related_pages(product) -> list[dict]:
    """The article or series a product is sold from, then the newest articles on
    the product's topics: one query."""
    return selectors.product_related_pages(product)
