"""Reads of the publisher's data, kept per process (`pagecache.memo`) until the
settings are saved or an image changes (both bump the fragment token)."""

from django.conf import settings

from pagecache import memo
from pagecache.routing import default_site

from .models import PublisherSettings

# What the publisher box, the footer and mails show of the publisher.
BOX_FIELDS = ("name", "tagline", "description", "press_references", "postal_address")
# What a seller must print on invoices and tell readers who pay in advance.
SELLER_FIELDS = (
    "name",
    "legal_name",
    "street_address",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "vat_id",
    "register_entry",
    "managing_director",
    "bank_name",
    "iban",
    "bic",
    "oss",
)


def publisher_settings() -> PublisherSettings | None:
    """The default site's settings row (None before a site exists)."""
    site = default_site()
    return PublisherSettings.for_site(site) if site is not None else None


def publisher_name() -> str:
    """The name readers know the publisher by: the sender of every mail."""
    return publisher_data().get("name") or settings.SITE_NAME


def publisher_data() -> dict:
    """The box and seller data as a plain dict (templates need no queries)."""
    return dict(memo.fragments.get("publisher-data", _build))


def seller_data() -> dict:
    """The seller and bank data (invoices, the checkout, prepayment mails)."""
    data = publisher_data()
    return {field: data[field] for field in SELLER_FIELDS if field in data}


def _build() -> dict:
    publisher = publisher_settings()
    if publisher is None:
        return {}
    return {
        field: getattr(publisher, field) for field in {*BOX_FIELDS, *SELLER_FIELDS}
    } | {"logo_id": publisher.logo_id}
