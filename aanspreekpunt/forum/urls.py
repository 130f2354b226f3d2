from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.category_list_view, name="category_list"),
    path("nieuw/", views.thread_create_view, name="thread_create"),
    path("profiel/", views.profile_view, name="profile"),
    path("afmelden/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("onderwerp/<int:pk>/reageren/", views.reply_view, name="reply"),
    path("onderwerp/<int:pk>/ongelezen/", views.thread_unread_view, name="thread_unread"),
    path("onderwerp/<int:pk>/gezien.gif", views.thread_seen_view, name="thread_seen"),
    path("onderwerp/<int:pk>/volgen/", views.thread_follow_view, name="thread_follow"),
    path("bericht/<int:pk>/bewerken/", views.post_edit_view, name="post_edit"),
    path("bericht/<int:pk>/geschiedenis/", views.post_history_view, name="post_history"),
    path("bericht/<int:pk>/nuttig/", views.useful_view, name="post_useful"),
    path("bericht/<int:pk>/antwoord/", views.answer_view, name="post_answer"),
    path("bericht/<int:pk>/melden/", views.report_view, name="post_report"),
    path("moderatie/", views.moderation_queue_view, name="moderation_queue"),
    path("moderatie/bericht/<int:pk>/", views.post_moderate_view, name="post_moderate"),
    path("moderatie/onderwerp/<int:pk>/", views.thread_moderate_view, name="thread_moderate"),
    path("moderatie/lid/<int:pk>/", views.member_suspend_view, name="member_suspend"),
    path("<slug:category>/", views.category_detail_view, name="category_detail"),
    path("<slug:category>/volgen/", views.category_follow_view, name="category_follow"),
    path("<slug:category>/feed.xml", views.category_feed_view, name="category_feed"),
    path(
        "<slug:category>/<int:pk>-<slug:slug>/",
        views.thread_detail_view,
        name="thread_detail",
    ),
]
