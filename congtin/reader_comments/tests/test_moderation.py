"""Moderation in the admin: per portal, bulk actions, export, purge, retention."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from congtin.editorial.roles import ensure_admin_group
from congtin.portals.models import Role
from congtin.reader_comments.models import ReaderComment

from .conftest import turn_on
from .factories import ReaderCommentFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/y-kien-ban-doc/"


def _user(django_user_model, username, group=None):
    user = django_user_model.objects.create_user(username, f"{username}@x.vn", "x")
    if group is not None:
        user.groups.add(group)
    return user


def refused(response):
    """Wagtail answers PermissionDenied with a redirect to the dashboard."""
    assert (response.status_code, response.get("Location")) in (
        (403, None),
        (302, "/admin/"),
    )
    assert b"@example.com" not in response.content


def _comment(article, text, **fields):
    fields.setdefault("email", f"{text[:5].replace(' ', '')}@example.com")
    fields.setdefault("name", f"Người {text}")
    return ReaderCommentFactory(article=article, text=text, **fields)


def test_queue_is_per_portal_and_shows_e_mails_only_to_staff(
    portal, other_portal, client, django_user_model
):
    city = _comment(portal["article"], "ý kiến thành phố", email="tp@example.com")
    district = _comment(other_portal["article"], "ý kiến quận")
    city_editor = _user(django_user_model, "bt", portal["groups"][Role.EDITOR])
    reporter = _user(django_user_model, "pv", portal["groups"][Role.REPORTER])
    district_chief = _user(django_user_model, "tb", other_portal["groups"][Role.CHIEF])
    admin = _user(django_user_model, "qt", ensure_admin_group())

    client.force_login(city_editor)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến thành phố" in html and "tp@example.com" in html
    assert "ý kiến quận" not in html
    assert (
        "Quận Thử"
        not in BeautifulSoup(html, "html.parser")
        .select_one("select[name=portal]")
        .get_text()
    )
    assert client.get(f"{QUEUE}{city.pk}/").status_code == 200
    assert client.get(f"{QUEUE}{district.pk}/").status_code == 404
    # Approving another portal's comment, or asking for its portal, changes nothing.
    client.post(f"{QUEUE}duyet/", {"action": "approve", "ids": [district.pk]})
    district.refresh_from_db()
    assert district.status == ReaderComment.Status.PENDING
    html = client.get(QUEUE, {"portal": other_portal["site"].pk}).content.decode()
    assert "ý kiến quận" not in html

    client.force_login(district_chief)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến quận" in html and "tp@example.com" not in html
    assert client.get(f"{QUEUE}{city.pk}/").status_code == 404

    client.force_login(reporter)
    for url in (QUEUE, f"{QUEUE}{city.pk}/", f"{QUEUE}xuat-csv/"):
        refused(client.get(url))
    refused(client.post(f"{QUEUE}duyet/", {"action": "approve", "ids": [city.pk]}))
    city.refresh_from_db()
    assert city.status == ReaderComment.Status.PENDING

    client.force_login(admin)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến thành phố" in html and "ý kiến quận" in html

    client.logout()
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_bulk_approve_reject_and_public_display(portal, client, django_user_model):
    turn_on(portal["site"])
    article = portal["article"]
    first, second, third = (_comment(article, f"ý kiến số {i}") for i in (1, 2, 3))
    chief = _user(django_user_model, "tb", portal["groups"][Role.CHIEF])
    client.force_login(chief)
    assert "Chờ duyệt (3)" in client.get(QUEUE).content.decode()
    response = client.post(
        f"{QUEUE}duyet/",
        {"action": "approve", "ids": [first.pk, second.pk], "next": QUEUE},
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    client.post(f"{QUEUE}duyet/", {"action": "reject", "ids": [third.pk]})
    statuses = dict(ReaderComment.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: "approved",
        second.pk: "approved",
        third.pk: "rejected",
    }
    first.refresh_from_db()
    assert first.moderated_by == chief and first.moderated_at is not None
    # Bad actions, ids, filters and a "next" outside the admin: no 500.
    bad = client.post(
        f"{QUEUE}duyet/",
        {"action": "xoa", "ids": ["²", "9" * 30], "next": "https://evil.example/"},
    )
    assert bad.status_code == 302 and bad["Location"] == QUEUE
    assert client.post(f"{QUEUE}duyet/", {"action": "approve"}).status_code == 302
    response = client.get(QUEUE, {"status": "<x>", "portal": "abc", "p": "-1"})
    assert response.status_code == 200

    client.logout()
    public = client.get(article.url)
    soup = BeautifulSoup(public.content, "html.parser")
    shown = [p.get_text() for p in soup.select(".reader-comment__text")]
    assert shown == ["ý kiến số 1", "ý kiến số 2"]
    assert "@example.com" not in public.content.decode()


def test_csv_export_is_scoped_and_escaped(
    portal, other_portal, client, django_user_model
):
    _comment(portal["article"], '=HYPERLINK("http://x")', name="+tên")
    _comment(portal["article"], "ý kiến bình thường")
    _comment(other_portal["article"], "ý kiến quận")
    client.force_login(_user(django_user_model, "bt", portal["groups"][Role.EDITOR]))
    response = client.get(f"{QUEUE}xuat-csv/", {"status": "all"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Mã", "Thời gian gửi", "Cổng", "Bài viết", "Họ và tên"]
    texts = [row[6] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in texts and "ý kiến bình thường" in texts
    assert "ý kiến quận" not in texts
    assert all(not cell.startswith(("=", "+")) for row in rows for cell in row)
    # The filters apply: pending only by default, none approved yet.
    pending = client.get(f"{QUEUE}xuat-csv/", {"status": "approved"})
    assert len(list(csv.reader(io.StringIO(pending.content.decode("utf-8-sig"))))) == 1


def test_moderation_and_the_portal_switch_make_cached_pages_stale(
    portal, client, django_user_model, django_capture_on_commit_callbacks
):
    from congtin.pagecache import store
    from congtin.pagecache.tests.helpers import commit_pending_purges

    turn_on(portal["site"])
    article = portal["article"]
    comment = _comment(article, "ý kiến được duyệt")
    assert "ý kiến được duyệt" not in client.get(article.url).content.decode()
    client.force_login(_user(django_user_model, "bt", portal["groups"][Role.CHIEF]))
    commit_pending_purges()
    before = store.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}duyet/", {"action": "approve", "ids": [comment.pk]})
    assert store.current_version() > before
    client.logout()
    # The kept page part was dropped too: the approved comment is there at once.
    assert "ý kiến được duyệt" in client.get(article.url).content.decode()

    before = store.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        turn_on(portal["site"], enabled=False)
    assert store.current_version() > before
    assert "ý kiến được duyệt" not in client.get(article.url).content.decode()


def test_purge_removes_e_mails_after_the_retention_period(portal, settings):
    settings.READER_COMMENT_EMAIL_RETENTION_DAYS = 30
    old = _comment(
        portal["article"],
        "cũ",
        email="cu@example.com",
        created_at=timezone.now() - timedelta(days=31),
    )
    fresh = _comment(portal["article"], "mới", email="moi@example.com")
    out = io.StringIO()
    call_command("purge_reader_comment_emails", "--dry-run", stdout=out)
    assert "Sẽ xóa thư điện tử của 1 ý kiến" in out.getvalue()
    old.refresh_from_db()
    assert old.email == "cu@example.com"
    call_command("purge_reader_comment_emails", stdout=io.StringIO())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.email == "" and old.email_purged_at is not None
    assert old.text == "cũ" and old.name == "Người cũ"
    assert fresh.email == "moi@example.com"


def test_the_scheduler_purges_e_mails_once_a_day(portal, settings):
    from django.core.cache import cache
    from wagtail import hooks

    from congtin.editorial.minute_jobs import EVERY_MINUTE
    from congtin.reader_comments import wagtail_hooks

    assert wagtail_hooks.purge_emails_daily in hooks.get_hooks(EVERY_MINUTE)
    settings.READER_COMMENT_EMAIL_RETENTION_DAYS = 30
    old = _comment(
        portal["article"],
        "cũ",
        email="cu@example.com",
        created_at=timezone.now() - timedelta(days=31),
    )
    cache.delete(wagtail_hooks.EMAILS_PURGED_KEY)
    assert "1 người gửi" in wagtail_hooks.purge_emails_daily()
    old.refresh_from_db()
    assert old.email == ""
    _comment(
        portal["article"],
        "cũ nữa",
        email="cu2@example.com",
        created_at=timezone.now() - timedelta(days=40),
    )
    assert wagtail_hooks.purge_emails_daily() is None  # done for today


def test_portal_switch_is_in_the_settings_menu(portal, client, django_user_model):
    admin = _user(django_user_model, "qt", ensure_admin_group())
    client.force_login(admin)
    response = client.get(
        f"/admin/settings/reader_comments/readercommentsettings/{portal['site'].pk}/"
    )
    assert response.status_code == 200
    assert "Cho phép ý kiến bạn đọc" in response.content.decode()


def test_existing_admin_groups_get_the_switch_permission(db):
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module(
        "congtin.reader_comments.migrations.0002_admin_may_switch_comments"
    )
    group = ensure_admin_group()
    group.permissions.remove(*group.permissions.filter(codename=migration.CODENAME))
    assert not group.permissions.filter(codename=migration.CODENAME).exists()
    migration.grant(apps, connection.schema_editor())
    assert group.permissions.filter(codename=migration.CODENAME).exists()
