"""The review form: a score of one to five stars, from a buyer who is signed in
(the product decides who may review: `Product.is_review_permitted`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews import forms as oscar_forms

SCORES = [(score, score) for score in range(1, 6)]


class ProductReviewForm(oscar_forms.ProductReviewForm):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please give one to five stars."),
            "invalid_choice": _("Please give one to five stars."),
        },
    )

    class Meta(oscar_forms.ProductReviewForm.Meta):
        labels = {"title": _("Title"), "body": _("Your review")}
