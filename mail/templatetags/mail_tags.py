"""`{% mail_signature %}` / `{% mail_signature "html" %}`: the publisher's imprint
in a mail template (`mail.signature`)."""

from django import template
from django.utils.safestring import mark_safe

from ..signature import signature_render

register = template.Library()


@register.simple_tag
def mail_signature(kind: str = "txt") -> str:
    # The template escapes every value it prints; the result is final markup.
    return mark_safe(signature_render(kind))  # noqa: S308
