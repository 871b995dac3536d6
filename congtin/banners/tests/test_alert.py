"""The emergency alert: raised and lowered by the city's chief editors and the
administrators only, at once on every page of every portal, cached pages
included, and lowered by the scheduler at its end time."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from congtin.banners import alerts
from congtin.banners.models import EmergencyAlert
from congtin.editorial.roles import ensure_admin_group
from congtin.pagecache import store
from congtin.pagecache.tests.helpers import commit_pending_purges
from congtin.portals.tests.factories import UserFactory

from .conftest import CITY, OTHER, shared_portals
from .factories import EmergencyAlertFactory

pytestmark = [pytest.mark.django_db, shared_portals]

ALERT_TEXT = "Bão số 3 đổ bộ, người dân không ra đường."


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield


def alert_on(url, host):
    response = Client().get(url, HTTP_HOST=host)
    assert response.status_code == 200, (host, url)
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return html.select_one(".emergency-alert"), response


def raise_fields(**extra):
    ends = timezone.localtime() + timedelta(hours=6)
    fields = {
        "kind": "storm",
        "level": "danger",
        "text": ALERT_TEXT,
        "link_url": "https://haiphong.gov.vn/phong-chong-bao/",
        "ends_at": ends.strftime("%Y-%m-%d %H:%M"),
        "confirm": "on",
    }
    return {**fields, **extra}


def test_who_may_raise_an_alert(client, portals):
    city, other = portals["city"], portals["other"]
    admins = ensure_admin_group()
    allowed = [
        UserFactory(groups=[city.groups.chiefs]),
        UserFactory(groups=[admins]),
        get_user_model().objects.create_superuser("sieu", "s@example.com", "x"),
    ]
    refused = [
        UserFactory(groups=[other.groups.chiefs]),
        UserFactory(groups=[city.groups.editors]),
        UserFactory(groups=[city.groups.reporters]),
    ]
    url = reverse("banners_alert")
    for user in allowed:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert "Phát cảnh báo mới" in response.content.decode()
        assert "/admin/canh-bao-khan/" in client.get("/admin/").content.decode()
    alert = EmergencyAlertFactory()
    for user in refused:
        client.force_login(user)
        # Wagtail answers an admin view's PermissionDenied with the dashboard.
        lower = reverse("banners_lower", args=[alert.pk])
        for response in (
            client.get(url),
            client.post(url, raise_fields()),
            client.get(lower),
            client.post(lower),
        ):
            assert (response.status_code, response.url) == (302, "/admin/"), user
        assert "/admin/canh-bao-khan/" not in client.get("/admin/").content.decode()
    assert EmergencyAlert.objects.count() == 1
    assert EmergencyAlert.objects.current().get() == alert


def test_raising_and_lowering_show_at_once_on_every_cached_page(
    client, portals, page_cache, django_capture_on_commit_callbacks
):
    pages = [("/", CITY), ("/gioi-thieu/", CITY), ("/", OTHER)]
    commit_pending_purges()
    for url, host in pages:
        alert_on(url, host)
        banner, response = alert_on(url, host)
        assert banner is None and response["X-Page-Cache"] == "hit"

    chief = UserFactory(groups=[portals["city"].groups.chiefs])
    client.force_login(chief)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("banners_alert"), raise_fields())
    assert response.status_code == 302
    alert = EmergencyAlert.objects.get()
    assert alert.raised_by == chief and alert.lowered_at is None

    for url, host in pages:
        banner, response = alert_on(url, host)
        assert response["X-Page-Cache"] == "miss"
        assert banner["role"] == "region" and banner["aria-label"] == "Cảnh báo khẩn"
        text = " ".join(banner.get_text(" ").split())
        assert text.startswith("Khẩn cấp - Bão, áp thấp nhiệt đới:")
        assert ALERT_TEXT in text
        assert banner.a["href"] == "https://haiphong.gov.vn/phong-chong-bao/"
        # Before the header: the first thing after the skip link.
        assert banner.find_next("header") is not None
        # Cached with the alert from now on.
        assert alert_on(url, host)[1]["X-Page-Cache"] == "hit"

    # The admin page shows it with the way to lower it, after a confirmation.
    page = client.get(reverse("banners_alert")).content.decode()
    lower = reverse("banners_lower", args=[alert.pk])
    assert ALERT_TEXT in page and lower in page
    assert "Hạ cảnh báo này" in client.get(lower).content.decode()
    assert EmergencyAlert.objects.current().exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(lower).status_code == 302
    alert.refresh_from_db()
    assert alert.lowered_by == chief and alert.lowered_at is not None
    for url, host in pages:
        banner, response = alert_on(url, host)
        assert banner is None and response["X-Page-Cache"] == "miss"
    # Lowered already: no second lowering.
    assert client.post(lower).status_code == 404


def test_bad_input_keeps_the_form_and_saves_nothing(client, portals):
    client.force_login(UserFactory(groups=[portals["city"].groups.chiefs]))
    url = reverse("banners_alert")
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    far = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    cases = [
        ({"confirm": ""}, "Cần xác nhận trước khi phát cảnh báo."),
        ({"ends_at": past}, "Thời điểm tự hạ phải ở tương lai."),
        ({"ends_at": far}, "tối đa 14 ngày"),
        ({"ends_at": "31/02/2026 99:99"}, "ends_at"),
        ({"link_url": "javascript:alert(1)"}, "link_url"),
        ({"kind": "khac-la"}, "kind"),
        ({"text": "x" * 281}, "text"),
        ({"text": ""}, "text"),
    ]
    for change, message in cases:
        response = client.post(url, raise_fields(**change))
        assert response.status_code == 400, change
        page = response.content.decode()
        assert message in page or f'name="{message}"' in page, change
        assert "error-message" in page or "help-critical" in page, change
    assert not EmergencyAlert.objects.exists()
    # Unknown or malformed alert ids: 404, never a 500.
    for pk in (12345, "9" * 25):
        assert client.get(f"/admin/canh-bao-khan/{pk}/ha/").status_code == 404


def test_a_new_alert_lowers_the_one_before(client, portals):
    chief = UserFactory(groups=[portals["city"].groups.chiefs])
    first = alerts.raise_alert(EmergencyAlertFactory.build(text="Cũ"), chief)
    second = alerts.raise_alert(EmergencyAlertFactory.build(text="Mới"), chief)
    first.refresh_from_db()
    assert first.lowered_at is not None
    assert list(EmergencyAlert.objects.current()) == [second]


def test_the_scheduler_lowers_an_alert_at_its_end(
    portals, page_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    alert = EmergencyAlertFactory(ends_at=now + timedelta(minutes=30))
    commit_pending_purges()
    assert alert_on("/", OTHER)[0] is not None
    assert alerts.lower_expired() is None
    with time_machine.travel(now + timedelta(minutes=31), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert alerts.lower_expired() == "Đã tự hạ 1 cảnh báo khẩn hết hạn."
        alert.refresh_from_db()
        assert alert.lowered_at == alert.ends_at and alert.lowered_by is None
        banner, response = alert_on("/", OTHER)
        assert banner is None and response["X-Page-Cache"] == "miss"
