from django.urls import path

from . import views

app_name = "bookmarks"

urlpatterns = [
    path("", views.bookmark_list_view, name="list"),
    path("bewaren/", views.bookmark_toggle_view, name="toggle"),
]
