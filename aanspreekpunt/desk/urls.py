from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.desk_intro_view, name="intro"),
    path("stellen/", views.ask_view, name="ask"),
    path("verstuurd/", views.sent_view, name="sent"),
    path("bevestigen/<str:token>/", views.confirm_view, name="confirm"),
    path("opvolgen/<str:token>/", views.follow_view, name="follow"),
    path("aanvullen/<str:token>/", views.reply_view, name="reply"),
    path("mijn-vragen/", views.my_questions_view, name="my_questions"),
    path("mijn-vragen/<str:reference>/", views.my_question_view, name="my_question"),
    path("behandelen/", views.queue_view, name="queue"),
    path("behandelen/cijfers/", views.figures_view, name="figures"),
    path("behandelen/<int:pk>/", views.handle_view, name="handle"),
    path(
        "behandelen/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_view,
        name="attachment",
    ),
]
