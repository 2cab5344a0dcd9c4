"""Every custom Wagtail hook and signal of the site, named once.

A lower app learns about a higher one only through these: the lower app reads the
hook (`hooks.get_hooks(NAME)`) or sends the signal, the higher app registers under
the same constant. Both sides import the constant from here, so a typo is an
ImportError instead of a feature that silently stops working.
docs/ARCHITECTURE.md lists them, and tests/core/test_hooks.py holds that list, and
the registrations, to this module.

Handlers of one hook run in Wagtail's `order` (lower first); where the order
matters it is declared below.
"""

from django.dispatch import Signal

# --- pages (read by home, filled by blog) ---------------------------------------

#: `fn(request, sections: list[home.sections.HomeSection]) -> None`: load what
#: the front page's sections of your kinds show, all at once, and call
#: `section.fill(**data)` on each that has something to show (the others are
#: left out). Filled by blog (10: stories, series, topics, authors), shop (20:
#: the shelf) and newsletters (30: the sign-up).
HOME_PAGE_SECTIONS = "home_page_sections"

#: `fn() -> list[(title, url, mime type)]`: the site-wide feeds every page
#: announces in its head. Filled by blog.
SITE_FEED_LINKS = "register_site_feed_links"

#: `fn(nav: dict) -> None`: change the navigation every page shows in place
#: (`{"blog": ..., "menu": [...], "legal": {...}}`). Filled by blog.
SITE_NAVIGATION = "construct_site_navigation"

#: `fn(page, request, context: dict, **kwargs) -> None`: add to a page's template
#: context what the registering app's page types show, from the app's selectors
#: (which import the page models, so the models cannot import them back). Called
#: by every page's `get_context` (`home.models.ImprintPageMixin`) with the
#: keyword arguments `serve()` was given (a lesson's access, say). Filled by blog
#: (article, series), courses (course, lesson) and ondemand (the composer's link
#: on the front page and the course pages).
PAGE_CONTEXT = "page_context"

# --- shop (read by shop, filled by apps above it) -------------------------------

#: `fn() -> list[{"url", "title", "active_prefix"}]`: tabs of the reader's account
#: pages. Filled by delivery, courses and newsletters.
SHOP_ACCOUNT_TABS = "shop_account_tabs"

#: `fn(order) -> list[{"title", "url", "ready", ...}]`: the download links of an
#: order (thank-you page, order page, payment mail). Filled by delivery.
SHOP_ORDER_DOWNLOADS = "shop_order_downloads"

#: `fn(product) -> str | None`: why a product cannot be bought now (an e-book with
#: no file), or None. Asked for every downloadable product. Filled by delivery.
SHOP_PRODUCT_UNAVAILABLE = "shop_product_unavailable"

#: `fn(product) -> list[{"title", "url", ...}]`: pages shown on a product's page
#: ("Aus dem Magazin"). Filled by blog.
SHOP_PRODUCT_RELATED_PAGES = "shop_product_related_pages"

#: `fn(products: list) -> {product_id: [str]}`: legal notices a product's page and
#: the contract confirmation print for it (a course's FernUSG status). Filled by
#: courses and ondemand.
SHOP_PRODUCT_NOTICES = "shop_product_notices"

# --- the order lifecycle (shop/lifecycle.py runs them, in this order) -----------

#: `fn(*, order) -> None`, inside the payment's transaction, after the shop has
#: recorded the payment, closed the basket and issued the invoice. Declared order:
#: delivery (10: grants and renders), courses (20: enrolments).
ORDER_PAID = "shop_order_paid"

#: `fn(*, order) -> None`, inside the transaction, after the shop released the
#: order's stock. delivery (10: grants revoked), courses (20: enrolments end).
ORDER_CANCELLED = "shop_order_cancelled"

#: `fn(*, order, lines) -> None`, inside the transaction, after the shop issued the
#: cancellation invoice: `lines` are the order lines refunded (all, or those a
#: withdrawal covers). delivery (10: their grants revoked), courses (20: their
#: enrolments end).
ORDER_REFUNDED = "shop_order_refunded"

#: The declared `order` of each app's lifecycle handlers.
ORDER_HANDLER_ORDER = {"delivery": 10, "courses": 20}

# --- newsletter ----------------------------------------------------------------

#: `fn(ids: list[int]) -> {id: {"title", "url", "price", ...}}`: the products an
#: issue shows, read by newsletters. Filled by shop.
NEWSLETTER_PRODUCT_TEASERS = "newsletter_product_teasers"

#: Sent by a form that offers a newsletter beside its own purpose (the checkout's
#: unticked box, the comment form's box) when the reader ticked it; newsletters
#: receives it and starts the double opt-in. Arguments: `email`, `name`, `request`,
#: `source` (the form and page), `text` (the wording of the box as shown).
newsletter_opt_in = Signal()

#: Every hook name above, for the test that holds the docs to the code.
HOOK_NAMES = (
    HOME_PAGE_SECTIONS,
    SITE_FEED_LINKS,
    SITE_NAVIGATION,
    PAGE_CONTEXT,
    SHOP_ACCOUNT_TABS,
    SHOP_ORDER_DOWNLOADS,
    SHOP_PRODUCT_UNAVAILABLE,
    SHOP_PRODUCT_RELATED_PAGES,
    SHOP_PRODUCT_NOTICES,
    ORDER_PAID,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    NEWSLETTER_PRODUCT_TEASERS,
)
SIGNAL_NAMES = ("newsletter_opt_in",)
