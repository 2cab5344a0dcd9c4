"""Context every page shares, CMS and shop alike: navigation and publisher data,
both kept per process (`pagecache.memo`), so the site chrome costs no query and no
cache read once warm."""

from django.utils.functional import SimpleLazyObject

from pagecache import store

from .selectors import publisher_info, site_navigation


def site_navigation_context(request) -> dict:
    return {
        "nav": SimpleLazyObject(site_navigation),
        "publisher": SimpleLazyObject(publisher_info),
        "fragments_generation": SimpleLazyObject(store.fragments_generation),
    }
