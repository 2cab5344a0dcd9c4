"""Oscar's order creator, with stock taken only while it lasts.

Oscar allocates stock with an unconditional `num_allocated + n`, after a check made
earlier in the request: twenty readers ordering the last five copies at the same
moment would all pass the check. Here the allocation is one conditional UPDATE that
the database applies under the row's lock, so exactly as many orders succeed as
there are copies, and the rest are refused before anything is written.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class OrderCreator(OscarOrderCreator):
    def update_stock_records(self, line):
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
