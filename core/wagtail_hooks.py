"""Site-wide additions to the Wagtail admin: the accessibility shim on every admin
page (static/js/admin-a11y.js names controls Wagtail leaves unnamed)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_accessibility_js() -> str:
    return format_html('<script src="{}"></script>', static("js/admin-a11y.js"))
