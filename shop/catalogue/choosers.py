"""The product chooser editors use in the page editor: the PDF product of an article
or series, and the products of a "Products on the topic" block."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Product


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    per_page = 20

    def get_object_list(self):
        return Product.objects.filter(parent=None).select_related("product_class")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
