"""Rich text links to pages: Wagtail's markup, kept until the page changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.pages import PageLinkHandler

from congtin.core.links import CachedPageLinkHandler
from congtin.core.models import StandardPage


@pytest.mark.django_db
def test_page_links_are_wagtails_and_follow_the_page():
    cache.clear()
    home = Site.objects.get(is_default_site=True).root_page
    target = home.add_child(instance=StandardPage(title="Văn bản", slug="van-ban"))
    target.save_revision().publish()
    attrs = [{"id": str(target.pk)}, {"id": "999999"}, {}]
    html = (
        f'<p><a linktype="page" id="{target.pk}">xem</a> '
        '<a linktype="page" id="999999">mất</a></p>'
    )

    with translation.override("vi"):
        expected = PageLinkHandler.expand_db_attributes_many(attrs)
        assert CachedPageLinkHandler.expand_db_attributes_many(attrs) == expected
        first = expand_db_html(html)
        assert f'<a href="{target.url}">xem</a>' in first
        with CaptureQueriesContext(connection) as queries:
            assert expand_db_html(html) == first
        assert len(queries) == 0

        target.slug = "van-ban-moi"
        target.save_revision().publish()
        target.refresh_from_db()
        assert f'<a href="{target.url}">xem</a>' in expand_db_html(html)
        assert "van-ban-moi" in target.url
