from django.urls import path

from . import views

app_name = "delivery"
urlpatterns = [
    path("", views.my_downloads, name="mine"),
    path("links/", views.links_request, name="links-request"),
    path("<str:signed>/", views.download, name="download"),
]
