"""Oscar's order creator, with stock taken only while it lasts, and the lines of
an order written together.

Oscar allocates stock with an unconditional `num_allocated + n`, after a check made
earlier in the request: twenty readers ordering the last five copies at the same
moment would all pass the check. Here the allocation is one conditional UPDATE that
the database applies under the row's lock, so exactly as many orders succeed as
there are copies, and the rest are refused before anything is written.

Oscar also saves each order line and its price row one by one (two writes per
line). Here the lines are collected and written with two bulk inserts, still inside
Oscar's transaction, just before the stock is allocated, so placing an order costs
the same number of queries for one line or fifty.
"""

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

from shop.composed import composed_of

StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")


class OrderCreator(OscarOrderCreator):
    def place_order(self, *args, **kwargs):
        self._pending_lines = []
        self._written_lines = []
        try:
            return super().place_order(*args, **kwargs)
        finally:
            self._pending_lines = []
            self._written_lines = []

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        spec = composed_of(basket_line)
        if spec is not None:
            # A composed course: the line is named after it and holds the
            # revisions chosen (`shop.composed`).
            extra_line_fields = {
                **(extra_line_fields or {}),
                "title": spec.line_title,
                "page_revision_ids": spec.revision_ids,
            }
        if basket_line.attributes.all() or list(basket_line.discounts):
            # Options and line discounts are rare here: Oscar's way, one by one.
            self._write_pending_lines()
            line = super().create_line_models(order, basket_line, extra_line_fields)
            self._written_lines.append(line)
            return line
        line = Line(**self._line_data(order, basket_line, extra_line_fields))
        self._pending_lines.append((line, basket_line))
        return line

    @staticmethod
    def _line_data(order, basket_line, extra_line_fields=None) -> dict:
        """Oscar's field mapping for an order line (OrderCreator.create_line_models)."""
        product = basket_line.product
        stockrecord = basket_line.stockrecord
        if not stockrecord:
            raise UnableToPlaceOrder(
                f"Basket line #{basket_line.id} has no stockrecord"
            )
        partner = stockrecord.partner
        data = {
            "order": order,
            "partner": partner,
            "partner_name": partner.name,
            "partner_sku": stockrecord.partner_sku,
            "stockrecord": stockrecord,
            "product": product,
            "title": product.get_title(),
            "upc": product.upc,
            "quantity": basket_line.quantity,
            "line_price_excl_tax": basket_line.line_price_excl_tax_incl_discounts,
            "line_price_incl_tax": basket_line.line_price_incl_tax_incl_discounts,
            "line_price_before_discounts_excl_tax": basket_line.line_price_excl_tax,
            "line_price_before_discounts_incl_tax": basket_line.line_price_incl_tax,
            "unit_price_incl_tax": basket_line.unit_price_incl_tax,
            "unit_price_excl_tax": basket_line.unit_price_excl_tax,
            "tax_code": basket_line.tax_code,
            "num_allocated": basket_line.quantity,
            "status": settings.OSCAR_INITIAL_LINE_STATUS,
        }
        data.update(extra_line_fields or {})
        return data

    def _write_pending_lines(self) -> None:
        pending = getattr(self, "_pending_lines", [])
        if not pending:
            return
        lines = Line.objects.bulk_create([line for line, _basket_line in pending])
        prices = []
        for line, basket_line in zip(lines, (b for _l, b in pending), strict=True):
            for incl, excl, quantity in basket_line.get_price_breakdown():
                prices.append(
                    LinePrice(
                        order=line.order,
                        line=line,
                        quantity=quantity,
                        price_incl_tax=incl,
                        price_excl_tax=excl,
                        tax_code=basket_line.tax_code,
                    )
                )
        LinePrice.objects.bulk_create(prices)
        self._written_lines += lines
        self._pending_lines = []

    def update_stock_records(self, line):
        # Oscar allocates right after creating the lines: write them first.
        self._write_pending_lines()
        if self._written_lines:
            # Called once per line, after all were created: hand them over once.
            _lines_remember(self._written_lines[0].order, self._written_lines)
            self._written_lines = []
        if not line.product.get_product_class().track_stock:
            return
        allocated = Coalesce(F("num_allocated"), 0)
        taken = StockRecord.objects.filter(
            pk=line.stockrecord_id,
            num_in_stock__gte=allocated + line.quantity,
        ).update(num_allocated=allocated + line.quantity)
        if not taken:
            raise UnableToPlaceOrder(
                _(
                    "Sorry, “%(title)s” sold out a moment ago. Nothing has been "
                    "ordered and no money has been taken."
                )
                % {"title": line.product.get_title()}
            )


def _lines_remember(order, lines: list) -> None:
    """Hand the lines just written to the order, as if prefetched: the
    `order_placed` receivers read `order.lines.all()` right after, and need not
    read back what this request has just written."""
    cached = order.lines.all()
    cached._result_cache = sorted(lines, key=lambda line: line.pk)
    cached._prefetch_done = True
    order._prefetched_objects_cache = {
        **getattr(order, "_prefetched_objects_cache", {}),
        "lines": cached,
    }
