"""The product page: one view that costs a handful of queries, writes nothing, and
is kept in the page cache for readers without a session.

Oscar's page writes an analytics row per view (now counted in the cache,
shop/analytics.py), sets a recently-viewed cookie (which kept it out of any cache),
and loads options, attributes, recommendations and review counts one query each.
Here the product comes with its class, its page, stock, images, categories and
approved reviews in five queries, and the basket form needs no CSRF token
(core/cached_forms.py).
"""

from django.db.models import Prefetch
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model
from wagtail import hooks

from core import hooks as names
from core.cached_forms import stamp
from pagecache.store import page_cache_allow
from shop import analytics

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")

#: blog registers a function product -> [{"title", "url", "kind"}] under this name.


class ProductDetailView(oscar_views.ProductDetailView):
    def get_queryset(self):
        return Product.objects.select_related("product_class", "page").prefetch_related(
            "stockrecords",
            "images",
            "categories",
            Prefetch(
                "reviews",
                queryset=ProductReview.objects.filter(
                    status=ProductReview.APPROVED
                ).order_by("-date_created"),
                to_attr="approved_reviews",
            ),
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            page_cache_allow(request)
        return response

    def send_signal(self, request, response, product):
        """A view is counted in the cache; nothing is written to the database."""
        analytics.view_record(product.pk)

    def get_context_data(self, **kwargs):
        ctx = super(oscar_views.ProductDetailView, self).get_context_data(**kwargs)
        product = self.object
        ctx["reviews"] = product.approved_reviews[:3]
        ctx["review_count"] = len(product.approved_reviews)
        ctx["related_pages"] = [
            page
            for hook in hooks.get_hooks(names.SHOP_PRODUCT_RELATED_PAGES)
            for page in hook(product)
        ]
        ctx["notices"] = [
            notice
            for hook in hooks.get_hooks(names.SHOP_PRODUCT_NOTICES)
            for notice in hook([product]).get(product.pk, [])
        ]
        ctx["basket_stamp"] = stamp("basket-add", product.pk)
        ctx["category"] = next(iter(product.categories.all()), None)
        return ctx
