"""Every way a reporter could put a page on the public site, tried and refused.

A reporter (Phóng viên) writes and submits; only the chief editor's approval
publishes. Each test tries one path through the real admin and then checks the
public site and the database, not the status code alone.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from congtin.news.models import ArticlePage

from .admin_actions import (
    add_article,
    client_for,
    edit_article,
    news_section,
    workflow_action,
)

pytestmark = pytest.mark.django_db

TITLE = "Tin của phóng viên"


@pytest.fixture
def reporter(demo):
    return client_for("lechan.phongvien")


@pytest.fixture
def draft(reporter):
    add_article(reporter, news_section("lechan.localhost"), title=TITLE)
    return ArticlePage.objects.get(title=TITLE)


def assert_not_public(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.scheduled_revision is None
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    public = Client(HTTP_HOST="lechan.localhost")
    assert public.get(f"/tin-tuc/tin-tuc-su-kien/{page.slug}/").status_code == 404


def test_publish_button_on_a_new_page(reporter):
    add_article(reporter, news_section("lechan.localhost"), "publish", title=TITLE)
    assert_not_public(ArticlePage.objects.get(title=TITLE))


def test_publish_button_on_a_draft(reporter, draft):
    response = edit_article(reporter, draft, "publish")
    assert response.status_code in (302, 403)
    assert_not_public(draft)


def test_publish_while_in_moderation(reporter, draft):
    edit_article(reporter, draft, "submit")
    edit_article(reporter, draft, "publish")
    assert_not_public(draft)


def test_approving_own_submission(reporter, draft):
    edit_article(reporter, draft, "submit")
    for _ in range(2):
        response = workflow_action(reporter, draft, "approve")
        assert response.status_code in (302, 403)
    assert ArticlePage.objects.get(pk=draft.pk).current_workflow_task.name.startswith(
        "Biên tập"
    )
    assert_not_public(draft)


def test_bulk_publish(reporter, draft):
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}"
    reporter.post(url, {"include_descendants": ""})
    assert_not_public(draft)


def test_scheduling_then_waiting(reporter, draft):
    soon = timezone.localtime() + timedelta(minutes=5)
    edit_article(reporter, draft, "publish", go_live_at=soon.strftime("%d/%m/%Y %H:%M"))
    edit_article(reporter, draft, go_live_at=soon.strftime("%d/%m/%Y %H:%M"))
    saved = ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert saved.go_live_at is not None
    # An hour after the requested time, the scheduler finds nothing approved to publish.
    later = soon + timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert_not_public(draft)


def test_admin_api_is_read_only(reporter, draft):
    url = f"/admin/api/main/pages/{draft.pk}/"
    assert reporter.get(url).status_code == 200
    for method in (reporter.post, reporter.put, reporter.patch):
        response = method(url, {"live": True}, content_type="application/json")
        assert response.status_code in (403, 405)
    assert Client().post("/api/v2/pages/", {}).status_code == 404
    assert_not_public(draft)


def test_copy_with_publishing_or_as_alias(demo, reporter):
    """Copying one's own live article: "publish copies" and "alias" need publish rights."""
    section = news_section("lechan.localhost")
    add_article(reporter, section, "submit", title="Tin đã đăng")
    live = ArticlePage.objects.get(title="Tin đã đăng")
    workflow_action(client_for("lechan.bientap"), live, "approve")
    workflow_action(client_for("lechan.truongban"), live, "approve")
    live = ArticlePage.objects.get(pk=live.pk)
    assert live.live and live.owner.username == "lechan.phongvien"
    for option in ("publish_copies", "alias"):
        reporter.post(
            f"/admin/pages/{live.pk}/copy/",
            {
                "new_title": f"Bản sao {option}",
                "new_slug": f"ban-sao-{option}".replace("_", "-"),
                "new_parent_page": section.pk,
                option: "on",
            },
        )
    copies = ArticlePage.objects.filter(title__startswith="Bản sao")
    assert copies.count() == 2, "the reporter may copy, only not publish"
    assert not copies.filter(live=True).exists()
    for copy in copies:
        assert_not_public(copy)


def test_restoring_an_old_revision_and_publishing(reporter, draft):
    revision = ArticlePage.objects.get(pk=draft.pk).latest_revision
    edit_article(reporter, draft, lead="Sapo sửa lần hai.")
    assert (
        reporter.get(
            f"/admin/pages/{draft.pk}/revisions/{revision.pk}/revert/"
        ).status_code
        == 200
    )
    edit_article(reporter, draft, "publish", lead=draft.lead)
    assert_not_public(draft)


def test_reporter_groups_hold_no_publish_permission(demo):
    from wagtail.models import GroupPagePermission

    from congtin.portals.models import PortalGroup, Role

    reporter_groups = PortalGroup.objects.filter(role=Role.REPORTER)
    assert reporter_groups.count() == 2
    assert not GroupPagePermission.objects.filter(
        group__portal_role__in=reporter_groups,
        permission__codename__in=["publish_page", "change_page", "bulk_delete_page"],
    ).exists()
