"""Where the shop asks the apps above it (core/hooks.py names the hooks).

`SHOP_PRODUCT_UNAVAILABLE`: the partner strategy asks it for every downloadable
product, so a product that cannot be bought now (delivery: an e-book whose file has
not been uploaded) shows as unavailable and no basket takes it.
"""

from wagtail import hooks

from core import hooks as names


def product_unavailable_reason(product) -> str | None:
    """Why `product` cannot be bought now, asked once per product object."""
    if not hasattr(product, "_unavailable_reason"):
        product._unavailable_reason = next(
            (
                reason
                for hook in hooks.get_hooks(names.SHOP_PRODUCT_UNAVAILABLE)
                if (reason := hook(product))
            ),
            None,
        )
    return product._unavailable_reason
