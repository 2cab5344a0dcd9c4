"""The request form: "Wir stellen Ihren Kurs zusammen"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Category

from .models import MAX_LESSONS


class CourseRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Category.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lessons_wanted = forms.IntegerField(
        label=_("How many lessons would you like?"),
        required=False,
        min_value=1,
        max_value=MAX_LESSONS,
        help_text=_("Optional; at most %(count)d.") % {"count": MAX_LESSONS},
    )
    wishes = forms.CharField(
        label=_("What should the course cover?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your situation, your goal, what you already know."),
    )
