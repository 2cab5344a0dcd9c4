"""Thin additions to django-newsletter's views."""

from newsletter.views import SubscribeRequestView


class PrefilledSubscribeRequestView(SubscribeRequestView):
    """django-newsletter's sign-up page, with the address a reader typed into a
    sign-up box on an article (`?email=`) already filled in."""

    def get_initial(self):
        initial = super().get_initial()
        email = self.request.GET.get("email", "").strip()
        if email and len(email) <= 254:
            initial["email_field"] = email
        return initial
