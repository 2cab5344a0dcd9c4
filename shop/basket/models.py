"""Imprint's fork of Oscar's basket: the lines come with everything the basket page,
the checkout and the order need (product class, parent, stock records), so a basket
costs the same number of queries with one line or fifty."""

from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from shop.composed import composed_of


class Basket(AbstractBasket):
    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product__product_class",
                    "product__parent__product_class",
                    "stockrecord__partner",
                )
                .prefetch_related(
                    "attributes__option", "product__images", "product__stockrecords"
                )
                .order_by(self._meta.pk.name)
            )
        return self._lines

    @property
    def num_lines(self) -> int:
        """Counted once per set of lines: the offers and the checkout's checks each
        ask before the lines are loaded. Oscar replaces `_lines` whenever it
        changes them, so a count kept on that queryset cannot outlive them."""
        lines = self.all_lines()
        if lines._result_cache is not None:
            return len(lines)
        count = getattr(lines, "_line_count", None)
        if count is None:
            count = lines._line_count = lines.count()
        return count


class Line(AbstractLine):
    @property
    def description(self) -> str:
        """A composed course is named after itself, not after its option's
        value (which holds the whole course, `shop.composed`)."""
        spec = composed_of(self)
        if spec is not None:
            return spec.line_title
        return super().description


from oscar.apps.basket.models import *  # noqa: E402,F403  (Oscar's other basket models)
