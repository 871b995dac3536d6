"""Messages are deleted CONTACT_RETENTION_DAYS after they were sent, once a day
by the scheduler's per-minute hook."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from congtin.contact import retention
from congtin.contact.models import ContactMessage
from congtin.editorial.minute_jobs import EVERY_MINUTE

from .conftest import shared_portals

pytestmark = [pytest.mark.django_db, shared_portals]


def make(portals, days_ago):
    office = portals["city_office"]
    return ContactMessage.objects.create(
        site=portals["city"].site,
        recipient=office,
        department_name=office.name,
        name="Người Gửi",
        title=f"Thư {days_ago} ngày",
        text="Nội dung.",
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def test_old_messages_go_once_a_day(portals, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old, recent = make(portals, 31), make(portals, 29)
    assert retention.purge_daily in hooks.get_hooks(EVERY_MINUTE)
    assert retention.purge_daily() == "Đã xóa 1 thư liên hệ quá hạn lưu giữ."
    assert list(ContactMessage.objects.all()) == [recent]
    assert not ContactMessage.objects.filter(pk=old.pk).exists()
    make(portals, 40)
    assert retention.purge_daily() is None  # already done today
    assert ContactMessage.objects.count() == 2


def test_zero_keeps_everything(portals, settings):
    settings.CONTACT_RETENTION_DAYS = 0
    make(portals, 4000)
    assert retention.purge() == 0
    assert ContactMessage.objects.count() == 1
