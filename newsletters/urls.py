from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [
    path("", views.newsletter_list, name="list"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("account/", views.account, name="account"),
    path("address/<str:token>/", views.change, name="change"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.archive_issue, name="archive-issue"),
    path("webhooks/bounces/", views.bounce_webhook, name="bounce-webhook"),
]
