"""Navigation shared by every page, CMS and shop alike."""

from django.utils.functional import SimpleLazyObject


def site_navigation(request) -> dict:
    """Lazy, so a page that shows no navigation (a JSON view, a redirect) pays no
    query for it."""
    from blog.selectors import blog_index
    from home.selectors import legal_pages, menu_pages

    return {
        "nav_blog_index": SimpleLazyObject(blog_index),
        "nav_menu_pages": SimpleLazyObject(lambda: menu_pages(request)),
        "nav_legal_pages": SimpleLazyObject(legal_pages),
    }
