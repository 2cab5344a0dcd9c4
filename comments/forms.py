"""The comment form, and the consent wordings it shows and the ledger stores."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.text import bidi_strip

from .models import Comment, Report
from .selectors import Policy

NAME_MAX = 80
TEXT_MAX = 5000


def _one_line(value: str) -> None:
    if "\r" in value or "\n" in value or "<" in value or ">" in value:
        raise ValidationError(_("Please enter your name on one line, without < or >."))


def consent_wordings(policies: dict[str, Policy], *, linked: bool) -> dict[str, str]:
    """The boxes' sentences in the active language: with links for the form, as
    plain text (naming the versions) for the ledger."""

    def name(role: str, fallback: str) -> str:
        policy = policies.get(role)
        if policy is None:
            return fallback
        if linked and policy.url:
            return format_html('<a href="{}">{}</a>', policy.url, policy.title)
        return policy.title

    def version(role: str) -> str:
        policy = policies.get(role)
        return f" ({policy.label})" if policy else ""

    def sentence(text: str, values: dict) -> str:
        # For the form: the sentence escaped, the links kept (they are built with
        # format_html); for the ledger: plain text.
        if not linked:
            return text % values
        return mark_safe(  # noqa: S308  (the sentence is escaped, the links built safely)
            conditional_escape(text)
            % {key: conditional_escape(value) for key, value in values.items()}
        )

    rules = sentence(
        gettext("I have read the %(rules)s%(version)s and keep to them."),
        {
            "rules": name("debate_rules", gettext("debate rules")),
            "version": version("debate_rules"),
        },
    )
    privacy = sentence(
        gettext(
            "I agree that my name, e-mail address and comment are stored to publish "
            "and moderate it, as the %(privacy)s%(version)s describes. My e-mail "
            "address is never shown."
        ),
        {
            "privacy": name("privacy", gettext("privacy policy")),
            "version": version("privacy"),
        },
    )
    return {
        "debate_rules": rules,
        "privacy": privacy,
        "newsletter": gettext(
            "Yes, send me the publisher's newsletter by e-mail (I will confirm by a "
            "link we mail to me; unsubscribe at any time)."
        ),
        "notify": gettext(
            "E-mail me when someone replies to my comment (I will confirm by a link "
            "first; every notification has a link to stop them)."
        ),
    }


class CommentForm(forms.Form):
    """Validation of the comment form; its inputs are written out in
    `comments/includes/form.html` (the cached page's form needs no widgets)."""

    name = forms.CharField(label=_("Name"), max_length=NAME_MAX, validators=[_one_line])
    email = forms.EmailField(label=_("E-mail address (never shown)"), max_length=254)
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    text = forms.CharField(label=_("Comment"), max_length=TEXT_MAX)
    debate_rules = forms.BooleanField(
        error_messages={"required": _("Please confirm the debate rules.")}
    )
    privacy = forms.BooleanField(
        error_messages={"required": _("Please agree to the storage of your comment.")}
    )
    newsletter = forms.BooleanField(required=False)
    notify = forms.BooleanField(required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    debate_rules_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    privacy_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, page: Page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_name(self) -> str:
        name = bidi_strip(self.cleaned_data["name"]).strip()
        if not name:
            raise ValidationError(_("Please enter your name."))
        return name

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Please write your comment."))
        return text

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.filter(
            pk=parent_id, page=self.page, status=Comment.Status.APPROVED
        ).first()
        if parent is None:
            raise ValidationError(
                _("The comment you are replying to is no longer shown.")
            )
        return parent


class ReportForm(forms.Form):
    """A notice under the DSA (Art. 16(2)): why the content is illegal or against
    the rules, with an explanation; the address is optional and only used for the
    receipt and the decision."""

    reason = forms.ChoiceField(
        label=_("Why do you report this?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say as exactly as you can what is wrong with it, e.g. which statement "
            "and why it is illegal."
        ),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_(
            "For the receipt of your report and our decision; used for nothing else."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "I report this in good faith; my statements are accurate and complete."
        ),
        required=True,
    )

    def clean_explanation(self):
        return bidi_strip(self.cleaned_data["explanation"]).strip()
