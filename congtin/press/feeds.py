"""RSS 2.0 feed of one portal's press releases (``<index>/rss/``)."""

from django.contrib.syndication.views import Feed
from django.utils import timezone

from congtin.core.navigation import agency_for_request
from congtin.news.feeds import VietnameseRssFeed

from .listing import releases_under

FEED_SIZE = 20


class PressReleaseFeed(Feed):
    """A new instance per request: it keeps the request on itself."""

    feed_type = VietnameseRssFeed
    language = "vi"

    def get_object(self, request, index=None):
        self.request = request
        self.agency = agency_for_request(request)
        return index

    def title(self, obj):
        name = self.agency.portal_name
        return f"{obj.title} - {name}" if name else obj.title

    def link(self, obj):
        return obj.get_full_url(self.request)

    def description(self, obj):
        return (
            obj.intro or f"Thông cáo báo chí của {self.agency.portal_name or obj.title}"
        )

    def items(self, obj):
        return releases_under(obj)[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.number} - {item.title}" if item.number else item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.last_published_at or item.published_at)

    def item_author_name(self, item):
        return item.spokesperson.name if item.spokesperson else None
