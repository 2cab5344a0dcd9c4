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
