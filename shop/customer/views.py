"""Oscar's login and registration views with one message after registering (the
registration answers the same for every address: `registration.register`)."""

from django.contrib import messages
from django.shortcuts import redirect
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.views import *  # noqa: F403  (Oscar's other customer views)

from .mixins import RegisterUserMixin


class AccountAuthView(oscar_views.AccountAuthView):
    def get_registration_success_message(self, form) -> str:
        return RegisterUserMixin.get_registration_success_message(self, form)


class AccountRegistrationView(oscar_views.AccountRegistrationView):
    def form_valid(self, form):
        self.register_user(form)
        messages.success(
            self.request, RegisterUserMixin.get_registration_success_message(self, form)
        )
        return redirect(form.cleaned_data["redirect_url"])
