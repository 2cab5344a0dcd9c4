from django.urls import path

from . import views

app_name = "shop"
urlpatterns = [
    path("invoices/<str:number>/", views.invoice_download, name="invoice"),
    path("basket/add-from-page/<int:pk>/", views.basket_add, name="basket-add"),
    path(
        "accounts/activate/<str:token>/",
        views.account_activate,
        name="account-activate",
    ),
]
