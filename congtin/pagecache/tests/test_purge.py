"""Every change that alters a public page makes every cached page stale."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from congtin.core.models import AgencySettings
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.pagecache import store
from congtin.targets.models import ReportedFigure

from .helpers import commit_pending_purges

pytestmark = pytest.mark.django_db


@pytest.fixture
def moves_on(django_capture_on_commit_callbacks):
    """``with moves_on():`` the block must move the page-cache version on, once it
    commits and not before."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        commit_pending_purges()
        before = store.current_version()
        with django_capture_on_commit_callbacks(execute=True):
            yield
            assert store.current_version() == before, "moved before the commit"
        assert store.current_version() > before

    return check


def article(full_demo):
    return ArticlePage.objects.get(pk=full_demo["article"].pk)


def test_unpublish_move_and_delete(full_demo, moves_on):
    page = article(full_demo)
    sections = NewsIndexPage.objects.live().exclude(pk=page.get_parent().pk)
    with moves_on():
        page.move(sections.first(), pos="last-child")
    page = article(full_demo)
    with moves_on():
        page.unpublish()
    with moves_on():
        Page.objects.get(pk=page.pk).delete()


def test_revert_and_scheduled_publish(full_demo, moves_on):
    page = article(full_demo)
    first = page.latest_revision
    page.title = "Bản sửa"
    page.save_revision().publish()
    with moves_on():
        first.publish()  # "Khôi phục" an earlier revision publishes it again
    page = article(full_demo)
    page.title = "Bản hẹn giờ"
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    with moves_on():
        call_command("publish_scheduled", verbosity=0)
    assert article(full_demo).title == "Bản hẹn giờ"


def test_agency_settings_site_and_targets(full_demo, moves_on):
    site = Site.objects.get(is_default_site=True)
    settings_row = AgencySettings.for_site(site)
    with moves_on():
        settings_row.save()
    with moves_on():
        site.save()
    figure = ReportedFigure.objects.first()
    assert figure is not None, "the full demo reports figures"
    with moves_on():
        figure.save()
