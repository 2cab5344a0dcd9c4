from django.urls import path

from . import views

app_name = "withdrawals"

urlpatterns = [
    path("", views.withdrawal_start, name="start"),
    path("bestaetigen/", views.withdrawal_confirm, name="confirm"),
    path("eingegangen/<str:receipt>/", views.withdrawal_receipt, name="receipt"),
]
