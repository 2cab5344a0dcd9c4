"""Reads every page needs: the navigation and the publisher data of the site chrome,
both kept per process (`pagecache.memo`)."""

from django.conf import settings
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page

from core import hooks as names
from images.renditions import SPECS
from pagecache import memo
from pagecache.routing import default_site
from publisher.selectors import BOX_FIELDS, publisher_data, publisher_name

from .models import StandardPage


def site_navigation() -> dict:
    """Links every page shows (magazine, menu pages, legal pages), kept per process:
    they change only when pages are published, moved or removed, which bumps the
    structure token."""
    return memo.structure.get("navigation", _build_navigation)


def _build_navigation() -> dict:
    site = default_site()
    menu = []
    if site is not None:
        menu = [
            {"pk": page.pk, "title": page.title, "url": page.url}
            for page in Page.objects.live()
            .public()
            .in_menu()
            .child_of(site.root_page)
            .order_by("path")
        ]
    legal = {
        page.role: {"title": page.title, "url": page.url}
        for page in StandardPage.objects.live().exclude(role="").order_by("path")
    }
    # Topic names are content, written in the site's language (`language`).
    nav = {
        "blog": None,
        "menu": menu,
        "legal": legal,
        "topics": [],
        "language": settings.LANGUAGE_CODE,
    }
    # Apps above add their own entries (the magazine names itself as "blog" and
    # leaves the plain menu).
    for fn in hooks.get_hooks(names.SITE_NAVIGATION):
        fn(nav)
    return nav


def publisher_info() -> dict:
    """The publisher box and footer data, kept per process for as long as the
    fragment generation lasts (saving the settings or an image bumps it). A plain
    dict: templates need no queries."""
    return memo.fragments.get("publisher", _build_publisher_info)


def _build_publisher_info() -> dict:
    data = publisher_data()
    if not data:
        return {"name": publisher_name()}
    info = {field: data[field] for field in BOX_FIELDS}
    # The manufacturer's contact that product safety asks for on a book's page
    # (GPSR, Regulation (EU) 2023/988, Art. 19).
    for field in ("legal_name", "street_address", "postcode", "city", "country"):
        info[field] = data.get(field, "")
    info["email"] = data.get("email", "")
    logo = get_image_model().objects.filter(pk=data["logo_id"]).first()
    if logo is not None:
        rendition = logo.get_rendition(SPECS["logo"])
        info["logo"] = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return info
