from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("meine/", views.mine, name="mine"),
    path("lektion/<str:token>/", views.lesson, name="lesson"),
    path("kurslektion/<str:token>/", views.item, name="item"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
