"""Revisions can be compared and an earlier one restored, with Wagtail's own views."""

import pytest

from congtin.news.models import ArticlePage

from .admin_actions import add_article, client_for, edit_article, news_section

pytestmark = pytest.mark.django_db


def test_compare_and_restore_an_earlier_revision(demo):
    editor = client_for("lechan.bientap")
    add_article(
        editor,
        news_section("lechan.localhost"),
        title="Tin có nhiều phiên bản",
        lead="Sapo ban đầu về chủ đề năm 2022.",
    )
    page = ArticlePage.objects.get(title="Tin có nhiều phiên bản")
    first = page.latest_revision
    edit_article(editor, page, lead="Sapo đã sửa, thêm chỉ tiêu chủ yếu.")
    page.refresh_from_db()
    second = page.latest_revision
    assert second.pk != first.pk

    history = editor.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200

    compare = editor.get(
        f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/"
    )
    assert compare.status_code == 200
    text = compare.content.decode()
    assert '<span class="deletion">ban đầu về chủ đề năm 2022.</span>' in text
    assert '<span class="addition">đã sửa, thêm chỉ tiêu chủ yếu.</span>' in text

    # "Restore" opens the edit form filled with the old revision; saving keeps it.
    restore = editor.get(f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/")
    assert restore.status_code == 200
    assert "Sapo ban đầu về chủ đề năm 2022." in restore.content.decode()
    edit_article(editor, page, lead="Sapo ban đầu về chủ đề năm 2022.")
    page.refresh_from_db()
    assert page.latest_revision.pk not in (first.pk, second.pk)
    assert page.get_latest_revision_as_object().lead == first.as_object().lead
    # Nothing was lost: every revision is still there.
    assert page.revisions.count() == 3


def test_another_portal_cannot_read_revisions(demo):
    editor = client_for("lechan.bientap")
    add_article(editor, news_section("lechan.localhost"), title="Tin riêng Lê Chân")
    page = ArticlePage.objects.get(title="Tin riêng Lê Chân")
    revision = page.latest_revision
    outsider = client_for("haiphong.bientap")
    for url in (
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/revert/",
    ):
        response = outsider.get(url)
        assert "Tin riêng Lê Chân" not in response.content.decode(), url
