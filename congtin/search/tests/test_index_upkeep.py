"""Publishing, editing, unpublishing, moving and deleting update search at once."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.search.engine import SearchQuery, search, suggest
from congtin.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def found(text):
    """Ids of the articles having every word of ``text`` (no any-word fallback)."""
    results = search(SearchQuery(text=text))
    if results.parsed.any_clause:
        return []
    return [hit.entry.object_id for hit in results.hits]


@pytest.fixture
def section(demo):
    return NewsIndexPage.objects.get(slug="quan-huyen")


def add(section, title, lead="Tin về chỉnh trang đô thị", publish=True):
    page = ArticlePage(title=title, lead=lead, body=[], author="Phóng viên")
    section.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_publish_edit_unpublish_delete(section):
    page = add(section, "Khánh thành cầu Rào mới", publish=False)
    assert found("cau rao") == []  # drafts are not found

    page.save_revision().publish()
    assert found("cau rao") == [page.pk]

    page = ArticlePage.objects.get(pk=page.pk)
    page.title = "Thông xe cầu vượt Quỳnh Xá Bắc"
    page.save_revision().publish()
    assert found("cau rao") == []
    assert found("quynh xa bac") == [page.pk]
    # Suggestions follow the new title too.
    assert suggest("cau r") == []
    assert [s["title"] for s in suggest("thong xe c")] == [page.title]

    page.unpublish()
    assert found("quynh xa bac") == []

    page.save_revision().publish()
    assert found("quynh xa bac") == [page.pk]
    Page.objects.get(pk=page.pk).delete()
    assert found("quynh xa bac") == []
    assert suggest("thong xe c") == []
    assert not SearchEntry.objects.filter(object_id=page.pk).exists()


def test_deleting_a_section_removes_its_articles(section):
    sub = NewsIndexPage(title="Chuyên mục tạm", slug="tam")
    section.add_child(instance=sub)
    sub.save_revision().publish()
    page = add(sub, "Hội thi cắm hoa nghệ thuật")
    assert found("cam hoa") == [page.pk]
    Page.objects.get(pk=sub.pk).delete()
    assert found("cam hoa") == []


def test_move_and_slug_change_update_links(section, django_capture_on_commit_callbacks):
    page = add(section, "Lễ hội hoa phượng đỏ")
    other = NewsIndexPage.objects.get(slug="thanh-pho")
    Page.objects.get(pk=page.pk).move(other, pos="last-child")
    entry = SearchEntry.objects.get(object_id=page.pk)
    assert "/thanh-pho/" in entry.url
    assert entry.section_id == other.pk

    other = NewsIndexPage.objects.get(pk=other.pk)
    other.slug = "tin-thanh-pho"
    # Wagtail announces a new slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        other.save_revision().publish()
    assert "/tin-thanh-pho/" in SearchEntry.objects.get(object_id=page.pk).url


def test_private_pages_are_not_found(section):
    page = add(section, "Họp giao ban nội bộ")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert found("giao ban noi bo") == []
    restriction.delete()
    assert found("giao ban noi bo") == [page.pk]


def test_aliases_are_not_indexed_twice(section):
    page = add(section, "Tin được đăng lại trên cổng thành phố")
    page.create_alias(
        parent=NewsIndexPage.objects.get(slug="thanh-pho"), update_slug="ban-sao"
    )
    assert found("dang lai cong thanh pho") == [page.pk]


def test_rebuild_command_shows_progress_and_restores_index(section):
    pages = [add(section, f"Bản tin số {i} về cải cách hành chính") for i in range(3)]
    SearchEntry.objects.all().delete()  # an index out of step (e.g. restored backup)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    output = out.getvalue()
    assert "Tin bài: [" in output and "(100%)" in output
    assert set(found("cai cach hanh chinh")) >= {p.pk for p in pages}
    live = ArticlePage.objects.live().filter(alias_of__isnull=True).count()
    assert SearchEntry.objects.filter(kind="news.article").count() == live
