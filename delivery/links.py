"""Signed download links and the list of a buyer's downloads (used by the shop's
pages and mails through the `shop_order_downloads` hook)."""

from django.core import signing
from django.urls import reverse

from .models import Grant

SALT = "imprint.download"


def grant_path(grant: Grant) -> str:
    signed = signing.Signer(salt=SALT).sign(grant.token)
    return reverse("delivery:download", args=[signed])


def grant_from_signed(value: str) -> Grant | None:
    try:
        token = signing.Signer(salt=SALT).unsign(value)
    except signing.BadSignature:
        return None
    return (
        Grant.objects.select_related(
            "edition", "ebook", "line__order__user", "line__product"
        )
        .filter(token=token)
        .first()
    )


def order_downloads(order) -> list[dict]:
    """Each downloadable line of the order: title, link, whether its file is ready,
    and how many downloads are left until when."""
    grants = Grant.objects.select_related("edition", "ebook", "line").filter(
        line__order=order
    )
    return [
        {
            "title": grant.line.title,
            "path": grant_path(grant),
            "ready": grant.is_ready,
            "open": grant.is_open,
            "revoked": grant.revoked_at is not None,
            "left": grant.downloads_left,
            "expires_at": grant.expires_at,
        }
        for grant in grants
    ]
