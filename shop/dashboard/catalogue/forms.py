"""The dashboard's product form, with the magazine topics and tags that articles use
to suggest products on their topic (`blog.selectors.article_products`)."""

from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*oscar_forms.ProductForm.Meta.fields, "topics", "tags"]
