"""The dashboard's catalogue forms: products edit the magazine topics and tags that
articles use to suggest them (`blog.selectors.product_cards`); product classes edit
their kind and VAT rate."""

from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*oscar_forms.ProductForm.Meta.fields, "topics", "tags"]


class ProductClassForm(oscar_forms.ProductClassForm):
    class Meta(oscar_forms.ProductClassForm.Meta):
        fields = [*oscar_forms.ProductClassForm.Meta.fields, "kind", "vat_rate"]
