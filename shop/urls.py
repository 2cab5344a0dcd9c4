from django.urls import path

from . import views

app_name = "shop"
urlpatterns = [
    path("invoices/<str:number>/", views.invoice_download, name="invoice"),
    path(
        "invoices/<str:number>/xrechnung/",
        views.invoice_xrechnung,
        name="invoice_xrechnung",
    ),
    path("basket/add-from-page/<int:pk>/", views.basket_add, name="basket-add"),
    path(
        "accounts/activate/<str:token>/",
        views.account_activate,
        name="account-activate",
    ),
]
