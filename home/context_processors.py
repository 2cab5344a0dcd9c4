"""Context every page shares, CMS and shop alike: navigation and publisher data,
both kept per process (`home.memo`), so the site chrome costs no query and no cache
read once warm."""

from django.utils.functional import SimpleLazyObject


def site_navigation(request) -> dict:
    from home import pagecache
    from home.selectors import publisher_info, site_navigation

    return {
        "nav": SimpleLazyObject(site_navigation),
        "publisher": SimpleLazyObject(publisher_info),
        "fragments_generation": SimpleLazyObject(pagecache.fragments_generation),
    }
