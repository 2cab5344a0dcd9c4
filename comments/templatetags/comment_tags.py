"""`{% page_comments page %}`: the discussion under a page that takes comments.

Rendered on a page-cache miss only (a new approved comment purges the page), and
cheap then too: the thread and the mentions are kept beside the page's cache
entries until the page is purged (`pagecache.services.page_fragment`, one cache
round trip); built, they cost one query each. The settings and the legal versions
come from the per-process memo.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from mail.compose import site_root_url
from pagecache.services import page_fragment

from .. import selectors
from ..forms import CommentForm
from ..rendering import thread_html
from ..views import form_context

register = template.Library()


def _discussion(page: Page, open_: bool) -> dict:
    nodes, count = selectors.thread(page)
    return {
        "thread": thread_html(nodes, open_=open_),
        "count": count,
        "mentions": selectors.mentions(page),
    }


@register.simple_tag
def page_comments(page: Page) -> SafeString:
    if not selectors.accepts_comments(page):
        return mark_safe("")
    context = form_context(page, form=CommentForm(page=page))
    open_ = context["open"]
    context.update(
        page_fragment(
            page=page,
            variant=f"discussion:{get_language()}:{int(open_)}",
            build=lambda: _discussion(page, open_),
        )
    )
    return render_to_string("comments/includes/section.html", context)


@register.simple_tag(takes_context=True)
def mention_endpoints(context) -> SafeString:
    """The <link>s that tell other sites where to send Webmentions and pingbacks
    (absolute, on the host the page is served from, like its canonical link)."""
    request = context.get("request")
    root = f"{request.scheme}://{request.get_host()}" if request else site_root_url()
    return render_to_string("comments/includes/endpoints.html", {"root": root})
