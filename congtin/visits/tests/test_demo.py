"""The demo's illustrative figures: both portals have 30 days of views and
searches, the footer and the home page show them; loading again adds nothing."""

import pytest
from django.test import Client
from wagtail.models import Site

from congtin.core import chrome
from congtin.visits.demo import load_visits_demo
from congtin.visits.models import DailyViews, PortalDay, SearchDay
from congtin.visits.reports import portal_total

pytestmark = pytest.mark.django_db


def test_demo_visits(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    for site in (city, lechan):
        assert PortalDay.objects.filter(site=site).count() == 30
        assert SearchDay.objects.filter(site=site, empty__gt=0).exists()
    before = (
        DailyViews.objects.count(),
        portal_total(city.pk),
        portal_total(lechan.pk),
    )
    load_visits_demo(city, lechan)
    after = (DailyViews.objects.count(), portal_total(city.pk), portal_total(lechan.pk))
    assert after == before
    chrome.invalidate()
    home = Client(HTTP_HOST="localhost").get("/").content.decode()
    assert "Lượt truy cập: " in home
    assert "Đọc nhiều trong tuần" in home
