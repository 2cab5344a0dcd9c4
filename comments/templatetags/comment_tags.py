"""`{% page_comments page %}`: the discussion under a page that takes comments.

Rendered on a page-cache miss only (a new approved comment purges the page), and
cheap then too: the whole section (thread, mentions and form) is kept beside the
page's cache entries until the page is purged (`pagecache.services.page_fragment`,
one cache round trip); built, the thread and the mentions cost one query each. The
settings and the legal versions come from the per-process memo.
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


def _section(page: Page) -> SafeString:
    nodes, count = selectors.thread(page)
    context = form_context(page, form=CommentForm(page=page))
    context.update(
        {
            "thread": thread_html(nodes, open_=context["open"]),
            "count": count,
            "mentions": selectors.mentions(page),
        }
    )
    return render_to_string("comments/includes/section.html", context)


@register.simple_tag
def page_comments(page: Page) -> SafeString:
    if not selectors.accepts_comments(page):
        return mark_safe("")
    # The form in it is made for cached pages (`core.cached_forms`): its stamp
    # lasts longer than the fragment, and the time it was served is filled in
    # per response.
    return page_fragment(
        page=page,
        variant=f"discussion:{get_language()}:{int(selectors.is_open(page))}",
        build=lambda: _section(page),
    )


@register.simple_tag(takes_context=True)
def mention_endpoints(context) -> SafeString:
    """The <link>s that tell other sites where to send Webmentions and pingbacks
    (absolute, on the host the page is served from, like its canonical link)."""
    request = context.get("request")
    root = f"{request.scheme}://{request.get_host()}" if request else site_root_url()
    return render_to_string("comments/includes/endpoints.html", {"root": root})
