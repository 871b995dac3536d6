"""Moderation queue, privacy of contact details and files, retention."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from congtin.consultations.models import DraftComment
from congtin.editorial.roles import ensure_admin_group
from congtin.portals.models import Role

from .conftest import PDF_BYTES, form_data, png_bytes
from .factories import DraftCommentFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/gop-y-du-thao/"


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
    assert b"@" not in response.content


def _comment(draft, text, **fields):
    fields.setdefault("contact", f"{text[:5]}@example.com")
    return DraftCommentFactory(draft=draft, name=f"Người {text}", text=text, **fields)


def test_queue_is_per_portal_and_shows_contacts_only_to_staff(
    portal, other_portal, client, django_user_model
):
    city_comment = _comment(portal["open"], "ý kiến thành phố", contact="0912345678")
    district_comment = _comment(other_portal["draft"], "ý kiến quận")
    city_editor = _user(django_user_model, "bt", portal["groups"][Role.EDITOR])
    reporter = _user(django_user_model, "pv", portal["groups"][Role.REPORTER])
    district_chief = _user(django_user_model, "tb", other_portal["groups"][Role.CHIEF])
    admin = _user(django_user_model, "qt", ensure_admin_group())

    client.force_login(city_editor)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến thành phố" in html and "0912345678" in html
    assert "ý kiến quận" not in html
    assert client.get(f"{QUEUE}{city_comment.pk}/").status_code == 200
    assert client.get(f"{QUEUE}{district_comment.pk}/").status_code == 404
    # Approving another portal's comment changes nothing.
    client.post(f"{QUEUE}duyet/", {"action": "approve", "ids": [district_comment.pk]})
    district_comment.refresh_from_db()
    assert district_comment.status == DraftComment.Status.PENDING

    client.force_login(district_chief)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến quận" in html and "0912345678" not in html

    client.force_login(reporter)
    for url in (QUEUE, f"{QUEUE}{city_comment.pk}/"):
        refused(client.get(url))

    client.force_login(admin)
    html = client.get(QUEUE).content.decode()
    assert "ý kiến thành phố" in html and "ý kiến quận" in html

    client.logout()
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_bulk_approve_reject_and_public_display(portal, client, django_user_model):
    page = portal["open"]
    first, second, third = (_comment(page, f"ý kiến số {i}") for i in (1, 2, 3))
    editor = _user(django_user_model, "bt", portal["groups"][Role.CHIEF])
    client.force_login(editor)
    pending = client.get(QUEUE).content.decode()
    assert "Chờ duyệt (3)" in pending
    response = client.post(
        f"{QUEUE}duyet/",
        {"action": "approve", "ids": [first.pk, second.pk], "next": QUEUE},
    )
    assert response.status_code == 302
    client.post(f"{QUEUE}duyet/", {"action": "reject", "ids": [third.pk]})
    statuses = dict(DraftComment.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: "approved",
        second.pk: "approved",
        third.pk: "rejected",
    }
    first.refresh_from_db()
    assert first.moderated_by == editor and first.moderated_at is not None
    # Bad actions and empty selections are refused without a 500.
    assert (
        client.post(f"{QUEUE}duyet/", {"action": "xoa", "ids": [1]}).status_code == 302
    )
    assert client.post(f"{QUEUE}duyet/", {"action": "approve"}).status_code == 302
    assert (
        client.get(QUEUE, {"status": "<x>", "portal": "abc", "p": "-1"}).status_code
        == 200
    )

    client.logout()
    public = client.get(page.url, HTTP_HOST="localhost")
    soup = BeautifulSoup(public.content, "html.parser")
    shown = [p.get_text() for p in soup.select(".comment__text")]
    assert shown == ["ý kiến số 1", "ý kiến số 2"]
    assert "@example.com" not in public.content.decode()


def test_attachments_are_judged_by_content_and_stay_private(
    portal, client, settings, django_user_model
):
    from pathlib import Path

    url = portal["open"].url
    host = {"HTTP_HOST": "localhost"}
    bad_files = [
        ("thu.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("anh.png", b"GIF89a not a png", "image/png"),
        ("trong.pdf", b"", "application/pdf"),
    ]
    for name, content, kind in bad_files:
        upload = SimpleUploadedFile(name, content, kind)
        response = client.post(url, {**form_data(), "attachment": upload}, **host)
        assert response.status_code == 400, name
        body = response.content.decode()
        assert "không phải PDF hoặc ảnh" in body or "rỗng" in body
    settings.PUBLIC_FORMS_MAX_ATTACHMENT_BYTES = 1000
    big = SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * 2000, "application/pdf")
    response = client.post(url, {**form_data(), "attachment": big}, **host)
    assert response.status_code == 400 and "vượt giới hạn" in response.content.decode()
    assert DraftComment.objects.count() == 0

    # Accepted by content whatever the name says; stored under a random name.
    for name, content in (("ghi-chu.txt", PDF_BYTES), ("a.pdf", png_bytes())):
        upload = SimpleUploadedFile(name, content, "text/plain")
        response = client.post(url, {**form_data(), "attachment": upload}, **host)
        assert response.status_code == 303, name
    comments = list(DraftComment.objects.order_by("pk"))
    assert [c.attachment_kind for c in comments] == ["pdf", "png"]
    # Django builds a FileField's storage once, from the settings at start-up.
    private_root = Path(comments[0].attachment.storage.location).resolve()
    assert private_root.is_dir()
    for comment in comments:
        path = Path(comment.attachment.path).resolve()
        assert path.is_relative_to(private_root)
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert "ghi-chu" not in path.name and path.suffix == (
            ".pdf" if comment.attachment_kind == "pdf" else ".png"
        )
    assert comments[0].attachment_name == "ghi-chu.pdf"

    download = f"{QUEUE}{comments[0].pk}/tep/"
    assert client.get(download).status_code == 302  # to the login page
    reporter = _user(django_user_model, "pv", portal["groups"][Role.REPORTER])
    client.force_login(reporter)
    refused(client.get(download))
    editor = _user(django_user_model, "bt", portal["groups"][Role.EDITOR])
    client.force_login(editor)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    # Comment pages never link a file publicly.
    comments[0].status = DraftComment.Status.APPROVED
    comments[0].save()
    client.logout()
    public = client.get(url, **host).content.decode()
    assert comments[0].attachment.name not in public and "/tep/" not in public


def test_purge_removes_contacts_after_the_retention_period(portal, settings):
    settings.CONSULTATION_CONTACT_RETENTION_DAYS = 30
    closed = portal["closed"]  # closed two days ago
    old = _comment(closed, "cũ", contact="cu@example.com")
    fresh = _comment(portal["open"], "mới", contact="moi@example.com")
    call_command("purge_consultation_contacts", stdout=open("/dev/null", "w"))
    old.refresh_from_db()
    assert old.contact == "cu@example.com"  # still within 30 days
    closed.opens_at = timezone.now() - timedelta(days=60)
    closed.closes_at = timezone.now() - timedelta(days=31)
    closed.save()
    call_command("purge_consultation_contacts", stdout=open("/dev/null", "w"))
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.contact == "" and old.contact_purged_at is not None
    assert old.text == "cũ" and old.name == "Người cũ"
    assert fresh.contact == "moi@example.com"


def test_moderation_makes_cached_pages_stale(
    portal, client, django_user_model, django_capture_on_commit_callbacks
):
    from congtin.pagecache import store
    from congtin.pagecache.tests.helpers import commit_pending_purges

    comment = _comment(portal["open"], "ý kiến được duyệt")
    client.force_login(_user(django_user_model, "bt", portal["groups"][Role.CHIEF]))
    commit_pending_purges()
    before = store.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}duyet/", {"action": "approve", "ids": [comment.pk]})
    assert store.current_version() > before
