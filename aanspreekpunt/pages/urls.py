from django.urls import path

from . import views
from .feeds import NewsFeed

app_name = "pages"

urlpatterns = [
    path("nieuws/rss/", NewsFeed(), name="news_feed"),
    path("vragen/uit-forum/<int:pk>/", views.faq_from_thread_view, name="faq_from_thread"),
]
