"""Context every page shares, CMS and shop alike: navigation and publisher data,
both kept per process (`pagecache.memo`), so the site chrome costs no query and no
cache read once warm."""

from django.utils.functional import SimpleLazyObject

from pagecache import store

from .selectors import publisher_info, site_navigation


def shop_metadata(request) -> dict:
    """Oscar's metadata with the publisher's name as the shop's (its dashboard's
    title and header), not the setting's fixed placeholder. Oscar's search form
    processor is not used: every page of this site has its own search, and
    Oscar's filled the header of Wagtail's admin lists with shop sort options."""
    from oscar.core.context_processors import metadata

    return {**metadata(request), "shop_name": SimpleLazyObject(_publisher_name)}


def _publisher_name() -> str:
    return publisher_info().get("name", "")


def site_navigation_context(request) -> dict:
    return {
        "nav": SimpleLazyObject(site_navigation),
        "publisher": SimpleLazyObject(publisher_info),
        "fragments_generation": SimpleLazyObject(store.fragments_generation),
    }
