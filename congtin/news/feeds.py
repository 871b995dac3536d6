"""RSS 2.0 feeds for a whole portal and for each news section."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from congtin.core.navigation import agency_for_request

from .models import NewsIndexPage
from .queries import latest_in_feed


class VietnameseRssFeed(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class PortalFeed(Feed):
    """The newest articles of the portal the request is for, or of one section."""

    feed_type = VietnameseRssFeed
    language = "vi"

    def get_object(self, request, section_id=None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("Không tìm thấy cổng thông tin.")
        self.request = request
        self.agency = agency_for_request(request)
        if section_id is None:
            return site.root_page.specific
        section = NewsIndexPage.objects.live().public().filter(pk=section_id).first()
        if section is None or not section.path.startswith(site.root_page.path):
            raise Http404("Không tìm thấy chuyên mục.")
        return section

    def title(self, obj):
        name = self.agency.portal_name or obj.title
        if isinstance(obj, NewsIndexPage):
            return f"{obj.title} - {name}"
        return name

    def link(self, obj):
        return obj.get_full_url(self.request)

    def description(self, obj):
        if isinstance(obj, NewsIndexPage) and obj.intro:
            return obj.intro
        return f"Tin mới nhất của {self.agency.portal_name or obj.title}"

    def items(self, obj):
        return latest_in_feed(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if self.agency.source_tag:
            return f"{self.agency.source_tag} - {item.lead}"
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # Aware datetimes in the portal's zone are written with "+0700".
        return timezone.localtime(item.date)

    def item_updateddate(self, item):
        return timezone.localtime(item.last_published_at or item.date)

    def item_author_name(self, item):
        return item.author or None
