"""`manage.py create_portal` builds a whole component portal, and only once."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from congtin.core.models import AgencySettings
from congtin.portals.models import PortalGroup, Role

pytestmark = pytest.mark.django_db

NAME = "Quận Ngô Quyền"
HOSTNAME = "ngoquyen.haiphong.gov.vn"


def create(**options):
    out = io.StringIO()
    call_command("create_portal", name=NAME, hostname=HOSTNAME, stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Everything create_portal makes, as comparable values."""
    return {
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
        "pages": list(Page.objects.values_list("pk", "path", "title", "live")),
        "groups": list(Group.objects.values_list("name", flat=True).order_by("name")),
        "page_perms": GroupPagePermission.objects.count(),
        "collection_perms": GroupCollectionPermission.objects.count(),
        "collections": Collection.objects.count(),
        "workflows": list(Workflow.objects.values_list("name", flat=True)),
        "settings": AgencySettings.objects.count(),
    }


def test_one_step_creates_everything(demo):
    output = create()
    site = Site.objects.get(hostname=HOSTNAME)
    home = site.root_page
    assert home.title == f"Cổng thông tin điện tử {NAME}"
    assert [p.slug for p in home.get_children()] == [
        "gioi-thieu",
        "tin-tuc",
        "so-do-cong",
    ]
    assert (
        home.get_children()
        .get(slug="tin-tuc")
        .get_children()
        .filter(slug="tin-tuc-su-kien", live=True)
    )
    assert AgencySettings.objects.get(site=site).agency_name == NAME
    names = set(
        PortalGroup.objects.filter(site=site).values_list("group__name", flat=True)
    )
    assert names == {
        f"{NAME} - Phóng viên",
        f"{NAME} - Biên tập viên",
        f"{NAME} - Trưởng ban biên tập",
    }
    # Their page permissions stop at the portal's own home page.
    perms = GroupPagePermission.objects.filter(group__portal_role__site=site)
    assert set(perms.values_list("page_id", flat=True)) == {home.pk}
    collections = GroupCollectionPermission.objects.filter(
        group__portal_role__site=site
    ).values_list("collection__name", flat=True)
    assert set(collections) == {NAME}
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert [t.name for t in workflow.tasks] == [
        f"Biên tập ({NAME})",
        f"Phê duyệt ({NAME})",
    ]
    chiefs = workflow.tasks[1].specific.groups.values_list("name", flat=True)
    assert set(chiefs) == {f"{NAME} - Trưởng ban biên tập", "Quản trị"}
    assert Group.objects.filter(name="Quản trị").count() == 1
    assert HOSTNAME in output


def test_running_again_changes_nothing(demo):
    create()
    before = snapshot()
    create()
    create(port=None)
    assert snapshot() == before


def test_the_demo_district_is_made_by_it(demo):
    site = Site.objects.get(hostname="lechan.localhost")
    before = snapshot()
    call_command(
        "create_portal",
        name="Quận Lê Chân",
        hostname="lechan.localhost",
        stdout=io.StringIO(),
    )
    assert snapshot() == before
    assert PortalGroup.objects.filter(site=site).count() == 3
    assert PortalGroup.objects.filter(role=Role.ADMIN).count() == 1


@pytest.mark.parametrize(
    "name, hostname",
    [
        ("", "a.gov.vn"),
        ("Quận A", "có dấu cách.vn"),
        ("Quận A", "a.vn/x"),
        ("Quận A", "lêchân.vn"),
        ("Quận A", "a-.vn"),
    ],
)
def test_bad_arguments_are_refused(db, name, hostname):
    with pytest.raises(CommandError, match="hợp lệ"):
        call_command("create_portal", name=name, hostname=hostname)
    assert not Site.objects.filter(hostname=hostname).exists()
