from django.urls import path

from . import views

app_name = "ondemand"
urlpatterns = [
    path("", views.composer, name="composer"),
    path("anfrage/", views.request_form, name="request"),
    path("anfrage/eingegangen/", views.request_received, name="request_received"),
    path("angebot/<str:code>/", views.offer, name="offer"),
]
