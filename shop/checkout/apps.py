import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def get_urls(self):
        from . import views

        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path(
                    "stripe/return/",
                    views.StripeReturnView.as_view(),
                    name="stripe-return",
                ),
                path(
                    "stripe/cancel/<str:number>/",
                    views.StripeCancelView.as_view(),
                    name="stripe-cancel",
                ),
                path(
                    "stripe/webhook/",
                    views.StripeWebhookView.as_view(),
                    name="stripe-webhook",
                ),
            ]
        )
        return urls
