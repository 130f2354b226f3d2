from django.urls import path

from .feeds import NewsFeed

app_name = "pages"

urlpatterns = [path("nieuws/rss/", NewsFeed(), name="news_feed")]
