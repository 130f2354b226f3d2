"""RSS of the news items."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .selectors import news_latest

FEED_ITEMS = 20


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + (path or "/")


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("News of the Aanspreekpunt Onlinehulp")
    description = _("The latest news about online help in welfare and health in Flanders.")
    language = "nl-be"

    def link(self):
        return absolute("/")

    def items(self):
        return news_latest()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.search_description or item.intro

    def item_link(self, item):
        return absolute(item.get_url())

    def item_guid(self, item):
        return absolute(item.get_url())

    def item_pubdate(self, item):
        return item.first_published_at

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = absolute(request.path)
        return feed
