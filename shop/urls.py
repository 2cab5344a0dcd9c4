from django.urls import path

from . import views

app_name = "shop"
urlpatterns = [
    path("<str:number>/", views.invoice_download, name="invoice"),
]
