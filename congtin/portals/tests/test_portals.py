"""The portal registry, site lookups and "which portals may this user act on"."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from wagtail.models import Site

from congtin.conftest import shared_copy
from congtin.core.models import HomePage
from congtin.portals import registry
from congtin.portals.access import pages_q, portal_ids_for, portals_for
from congtin.portals.models import PortalGroup, Role
from congtin.portals.setup import ensure_portal
from congtin.portals.sites import (
    city_portal,
    portal_of,
    portal_site_id,
    short_name,
    site_roots,
)


def test_home_page_children_come_from_every_app():
    children = list(HomePage.subpage_types)
    for name in (
        "core.StandardPage",
        "news.NewsIndexPage",
        "questions.QuestionIndexPage",
        "consultations.DraftIndexPage",
        "documents.DocumentIndexPage",
        "procedures.ProcedureIndexPage",
        "schedule.ScheduleIndexPage",
        "agency.ContactPage",
        "press.PressReleaseIndexPage",
        "media_library.GalleryIndexPage",
    ):
        assert name in children
    assert len(children) == len(set(children))
    assert registry.home_page_model() is HomePage


def test_role_permissions_come_from_every_app():
    assert "targets.change_annualplan" in registry.permissions_for(Role.EDITOR)
    assert "questions.view_question" in registry.permissions_for(Role.REPORTER)
    assert "core.change_agencysettings" in registry.permissions_for(Role.ADMIN)
    assert "press.add_spokesperson" in registry.permissions_for(Role.CHIEF)
    assert "press.add_spokesperson" not in registry.permissions_for(Role.REPORTER)
    assert "auth.add_user" not in registry.permissions_for(Role.CHIEF)


def build_two_portals():
    city = ensure_portal(name="Thành phố Thử", hostname="localhost", is_default=True)
    district = ensure_portal(name="Quận Thử", hostname="quan.localhost")
    return city, district


# Made once for the tests that start from them; each is rolled back to them.
shared_two_portals = pytest.mark.shared_setup.with_args(build_two_portals)


@pytest.fixture
def two_portals(shared_data, request):
    return shared_copy(request, build_two_portals)


@shared_two_portals
def test_a_new_portal_gets_the_sections_in_order(two_portals):
    city, district = two_portals
    assert list(district.sections) == ["gioi-thieu", "tin-tuc", "so-do-cong"]
    assert [p.slug for p in district.home.get_children()] == list(district.sections)
    assert short_name(district.site) == "Quận Thử"
    assert district.site.agencysettings.agency_name == "Quận Thử"
    again = ensure_portal(name="Quận Thử", hostname="quan.localhost")
    assert again.site.pk == district.site.pk


@shared_two_portals
def test_the_portal_of_a_page(two_portals):
    city, district = two_portals
    news = district.sections["tin-tuc"]
    assert portal_site_id(news) == district.site.pk
    assert portal_site_id(news, site_roots()) == district.site.pk
    assert portal_of(news).short_name == "Quận Thử"
    assert city_portal().is_city and city_portal().site == city.site


@shared_two_portals
def test_which_portals_a_user_acts_on(two_portals):
    city, district = two_portals
    assert portals_for(AnonymousUser()) == []
    editor = User.objects.create_user("bientap")
    group = Group.objects.create(name="Quận Thử - Biên tập viên")
    PortalGroup.objects.create(group=group, site=district.site, role=Role.EDITOR)
    editor.groups.add(group)
    assert portal_ids_for(editor) == [district.site.pk]
    assert portal_ids_for(editor, (Role.CHIEF,)) == []
    assert list(Site.objects.filter(root_page__in=[district.home.pk])) == [
        district.site
    ]
    home_pages = type(district.home).objects.filter(pages_q(editor))
    assert list(home_pages) == [district.home]

    admin = User.objects.create_user("quantri")
    admins = Group.objects.create(name="Quản trị")
    PortalGroup.objects.create(group=admins, site=None, role=Role.ADMIN)
    admin.groups.add(admins)
    assert portals_for(admin) is None and pages_q(admin) is None
