from django.urls import path

from . import admin_views, views

app_name = "delivery"
urlpatterns = [
    path("", views.my_downloads, name="mine"),
    path("links/", views.links_request, name="links-request"),
    path("staff/renew/<int:grant_id>/", admin_views.grant_renew, name="grant-renew"),
    path("<str:signed>/", views.download, name="download"),
]
