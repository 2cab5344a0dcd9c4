"""Writes of delivery: grants when an order is paid, revocation when it is
cancelled, and handing out one stamped copy under a grant's limit."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from shop.composed import composed_of
from shop.product_classes import product_may_be
from shop.selectors import buyer_name

from . import editions
from .models import Delivery, EbookFile, Edition, Grant, Renewal
from .publication import BUYER_ANCHOR
from .stamp import stamp_pdf


def _limits(product) -> tuple[int, int]:
    """The product's days and downloads, else the site's (a deleted product)."""
    days = getattr(product, "download_days", None) or settings.DOWNLOAD_DAYS
    limit = getattr(product, "download_limit", None) or settings.DOWNLOAD_LIMIT
    return days, limit


def grants_open(*, order) -> list[Grant]:
    """Record the revisions bought and open a grant per downloadable line; queue the
    renders that are still missing. An order is paid once, so it has no grants
    yet. A handful of queries whatever the number of lines: this runs inside the
    payment's transaction."""
    with transaction.atomic(savepoint=False):
        return _grants_for_paid_order(order)


def _grants_for_paid_order(order) -> list[Grant]:
    from .tasks import edition_render

    lines = [line for line in order.lines.all() if line.product is not None]
    if not lines:
        return []
    pages = editions.sold_pages([line.product for line in lines])
    revisions = editions.revisions_for(list(pages.values()))
    ebook_products = [
        line.product_id for line in lines if product_may_be(line.product, "ebook")
    ]
    ebook_files = {
        ebook.product_id: ebook
        for ebook in (
            EbookFile.objects.filter(product_id__in=ebook_products)
            if ebook_products
            else ()
        )
    }
    wanted = {}  # edition key -> (page or None, revision ids, title)
    line_keys = {}
    for line in lines:
        composed = composed_of(line)
        if composed is not None:
            # A course on demand: the revisions the reader chose, as a PDF if
            # the course was sold with one (`shop.composed`).
            if composed.as_pdf and composed.revision_ids:
                key = editions.composed_key(composed.title, composed.revision_ids)
                wanted[key] = (None, composed.revision_ids, composed.title)
                line_keys[line.pk] = key
            continue
        page = pages.get(line.product_id)
        if page is None:
            continue
        revision_ids = line.page_revision_ids or revisions.get(page.pk, [])
        if not revision_ids:
            continue
        line.page_revision_ids = revision_ids
        key = editions.edition_key(page.pk, revision_ids)
        wanted[key] = (page, revision_ids, page.title)
        line_keys[line.pk] = key
    Line = type(lines[0])
    Line.objects.bulk_update(
        [line for line in lines if line.pk in line_keys], ["page_revision_ids"]
    )
    found = editions.editions_for(wanted)
    grants = []
    for line in lines:
        edition = found.get(line_keys.get(line.pk))
        ebook = ebook_files.get(line.product_id) if edition is None else None
        if edition is None and ebook is None:
            continue
        days, limit = _limits(line.product)
        grants.append(
            Grant(
                line=line,
                edition=edition,
                ebook=ebook,
                expires_at=timezone.now() + timedelta(days=days),
                max_downloads=limit,
            )
        )
    Grant.objects.bulk_create(grants)
    for edition in found.values():
        if edition.needs_render:
            transaction.on_commit(lambda pk=edition.pk: edition_render.enqueue(pk))
    return grants


def edition_file_present(edition) -> bool:
    """A ready edition whose file is gone (a restored database, a lost disk)."""
    if edition.status != edition.Status.READY:
        return True
    return bool(edition.file) and edition.file.storage.exists(edition.file.name)


def edition_render_again(edition) -> None:
    """Queue a render for an edition whose file is missing; its buyers wait on the
    "being prepared" page meanwhile."""
    from .tasks import edition_render

    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PENDING)
    edition.status = Edition.Status.PENDING
    transaction.on_commit(lambda: edition_render.enqueue(edition.pk))


def grants_revoke(*, order, lines=None) -> int:
    """A cancelled or refunded order's links stop working at once; those of
    `lines` only, when a refund covers some of them."""
    grants = Grant.objects.filter(line__order=order, revoked_at__isnull=True)
    if lines is not None:
        grants = grants.filter(line__in=[line.pk for line in lines])
    return grants.update(revoked_at=timezone.now())


class RenewalRefused(Exception):
    """A grant that staff may not renew: its order was cancelled or refunded."""


@transaction.atomic
def grant_renew(*, grant: Grant, by) -> Renewal:
    """Give a buyer a fresh allowance: the product's number of downloads and days
    again, from now. Staff do it from the order in the shop dashboard when a reader
    used up or let expire their links; the renewal is recorded. A revoked grant
    (cancelled or refunded order) stays revoked."""
    grant = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("line__product")
        .get(pk=grant.pk)
    )
    if grant.revoked_at is not None:
        raise RenewalRefused(
            _("This order was cancelled or refunded: its downloads stay closed.")
        )
    days, limit = _limits(grant.line.product)
    now = timezone.now()
    renewal = Renewal.objects.create(
        grant=grant,
        renewed_by=by if getattr(by, "is_authenticated", False) else None,
        renewed_at=now,
        downloads_used_before=grant.downloads_used,
        expires_at_before=grant.expires_at,
        downloads_added=limit,
        expires_at=now + timedelta(days=days),
    )
    # The downloads used stay counted; from now on a full allowance is left.
    grant.max_downloads = grant.downloads_used + limit
    grant.expires_at = renewal.expires_at
    grant.save(update_fields=["max_downloads", "expires_at"])
    return renewal


def download_take(grant: Grant) -> bool:
    """Use one download of the grant, if one is left: a single conditional UPDATE,
    so two simultaneous requests for the last download give exactly one copy."""
    taken = Grant.objects.filter(
        pk=grant.pk,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        downloads_used__lt=F("max_downloads"),
    ).update(downloads_used=F("downloads_used") + 1)
    return bool(taken)


def stamp_texts(grant: Grant) -> tuple[str, str]:
    """The buyer's words on a copy, in the language the order was placed in: the
    stamp on every page ("Personal copy for Name (e-mail) · Order N · today") and
    the colophon's line ("Name <e-mail>, order N of the order's date"). The name
    is looked up once (`shop.selectors.buyer_name`: account, else address)."""
    order = grant.line.order
    name = buyer_name(order)
    with translation.override(order.language or settings.LANGUAGE_CODE):
        stamp = _("Personal copy for %(buyer)s · Order %(number)s · %(date)s") % {
            "buyer": f"{name} ({order.email})" if name else order.email,
            "number": order.number,
            "date": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
        }
        line = _("%(buyer)s, order %(number)s of %(date)s") % {
            "buyer": f"{name} <{order.email}>" if name else order.email,
            "number": order.number,
            "date": formats.date_format(
                timezone.localtime(order.date_placed), "SHORT_DATE_FORMAT"
            ),
        }
    return stamp, line


def copy_deliver(grant: Grant) -> Delivery:
    """The stamped copy of what the grant delivers, recorded with its SHA-256."""
    from .ebooks import stamp_epub

    text, buyer = stamp_texts(grant)
    order = grant.line.order
    with translation.override(order.language or settings.LANGUAGE_CODE):
        subject = _("Order %(number)s") % {"number": order.number}
    metadata = {"Title": grant.line.title, "Subject": subject, "Keywords": text}
    if grant.ebook_id and grant.ebook.kind == EbookFile.Kind.EPUB:
        with grant.ebook.file.open("rb") as source:
            data = stamp_epub(source.read(), text=text)
        suffix = "epub"
    else:
        source_file = grant.ebook.file if grant.ebook_id else grant.edition.file
        with source_file.open("rb") as source:
            data = stamp_pdf(
                source.read(),
                footer=text,
                metadata=metadata,
                buyer=buyer,
                buyer_anchor=BUYER_ANCHOR,
            )
        suffix = "pdf"
    delivery = Delivery(
        grant=grant, sha256=hashlib.sha256(data).hexdigest(), stamp=text[:255]
    )
    name = f"{order.number}-{grant.pk}-{delivery.sha256[:12]}.{suffix}"
    if settings.DOWNLOAD_X_ACCEL_PREFIX:
        # nginx sends the bytes from private storage: the copy is written there.
        delivery.file.save(name, ContentFile(data), save=False)
    delivery.save()
    delivery.data = data
    delivery.filename_suffix = suffix
    return delivery
