"""Oscar's registration mixin, registering through shop/customer/registration.py."""

from django.utils.translation import gettext as _
from oscar.apps.customer import mixins as oscar_mixins
from oscar.apps.customer.signals import user_registered

from shop.customer import registration


class RegisterUserMixin(oscar_mixins.RegisterUserMixin):
    def register_user(self, form):
        user = registration.register(self.request, form)
        if user is not None:
            user_registered.send_robust(sender=self, request=self.request, user=user)
        return user

    def get_registration_success_message(self, form) -> str:
        """The one message after registering (Oscar added "Thanks for
        registering!" beside it)."""
        return _(
            "Thank you. We have sent an e-mail to %(email)s: please follow the "
            "link in it to continue."
        ) % {"email": form.cleaned_data["email"]}
