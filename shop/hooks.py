"""The hooks through which apps above the shop take part in selling.

`PRODUCT_UNAVAILABLE_HOOK` ("shop_product_unavailable"): a function
`(product) -> str | None` that names why a product cannot be bought right now
(delivery: an e-book whose file has not been uploaded), or None. The partner
strategy asks it for every downloadable product, so such a product shows as
unavailable and no basket takes it.
"""

from wagtail import hooks

PRODUCT_UNAVAILABLE_HOOK = "shop_product_unavailable"


def product_unavailable_reason(product) -> str | None:
    """Why `product` cannot be bought now, asked once per product object."""
    if not hasattr(product, "_unavailable_reason"):
        product._unavailable_reason = next(
            (
                reason
                for hook in hooks.get_hooks(PRODUCT_UNAVAILABLE_HOOK)
                if (reason := hook(product))
            ),
            None,
        )
    return product._unavailable_reason
