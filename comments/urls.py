from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("kommentare/seite/<int:page_id>/", views.comment_post, name="post"),
    path("kommentare/<int:comment_id>/antworten/", views.reply, name="reply"),
    path("kommentare/eingang/<str:token>/", views.receipt, name="receipt"),
    path(
        "kommentare/<int:pk>/melden/",
        views.report,
        {"kind": "kommentar"},
        name="report",
    ),
    path(
        "kommentare/erwaehnung/<int:pk>/melden/",
        views.report,
        {"kind": "erwaehnung"},
        name="report_mention",
    ),
    path("kommentare/benachrichtigen/<str:token>/", views.notify, name="notify"),
    path("kommentare/abbestellen/<str:token>/", views.stop, name="stop"),
    path("webmention/", views.webmention, name="webmention"),
    path("webmention/<int:pk>/", views.mention_status, name="mention_status"),
    path("pingback/", views.pingback, name="pingback"),
]
