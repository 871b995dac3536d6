"""Nobody passes on a permission they do not hold, through groups or memberships.

``quantri`` (the demo's "Quản trị" member) may add and change groups. Each test
reads the real group form as a browser sees it, ticks what an escalation would,
posts it to Wagtail's group views and checks what was saved. ``lechan.truongban``
given the right to manage groups shows the page-permission case, since Quản trị
holds every page permission from the root.
"""

from collections import defaultdict

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Site,
)

from congtin.editorial.roles import ADMIN_GROUP_NAME

from .admin_actions import client_for, user

pytestmark = pytest.mark.django_db

REFUSED_GRANT = "Bạn chỉ được cấp cho nhóm những quyền chính bạn đang có"
REFUSED_ADMIN_GROUP = (
    f"Chỉ tài khoản superuser mới được sửa hoặc xóa nhóm “{ADMIN_GROUP_NAME}”"
)
REFUSED_BEYOND = "Nhóm này có quyền mà bạn không có"
REFUSED_MEMBERSHIP = "chỉ tài khoản superuser mới được cấp hoặc thu hồi nhóm"


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group(name):
    return Group.objects.get(name=name)


def home(hostname):
    return Site.objects.get(hostname=hostname).root_page


def add_url():
    return reverse("wagtailusers_groups:add")


def edit_url(g):
    return reverse("wagtailusers_groups:edit", args=[g.pk])


def delete_url(g):
    return reverse("wagtailusers_groups:delete", args=[g.pk])


def browser_form(client, url) -> dict[str, list[str]]:
    """The group form's fields as a browser would post them, unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one(
        "form[method=post]"
    )
    data = defaultdict(list)
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if field.name == "select":
            data[name] += [o.get("value") for o in field.select("option[selected]")]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name].append(field.get("value", "on"))
        else:
            data[name].append(field.get("value", ""))
    return data


def tick(data, name, *values):
    data[name] = [*data.get(name, []), *map(str, values)]


def add_row(data, prefix, **fields):
    """One more row of a permission formset (page, collection, image, document)."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for key, value in fields.items():
        values = value if isinstance(value, list) else [value]
        data[f"{prefix}-{index}-{key}"] = [str(v) for v in values]
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]


def snapshot(group_id):
    """Everything a group gives, to check that a refused post changed nothing."""
    g = Group.objects.filter(pk=group_id).first()
    if g is None:
        return None
    return (
        g.name,
        sorted(g.permissions.values_list("pk", flat=True)),
        sorted(
            GroupPagePermission.objects.filter(group=g).values_list(
                "page_id", "permission_id"
            )
        ),
        sorted(
            GroupCollectionPermission.objects.filter(group=g).values_list(
                "collection_id", "permission_id"
            )
        ),
        sorted(
            GroupSitePermission.objects.filter(group=g).values_list(
                "site_id", "permission_id"
            )
        ),
    )


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def quantri(demo):
    return client_for("quantri")


@pytest.fixture
def reporters(demo):
    return group("Quận Lê Chân - Phóng viên")


@pytest.fixture
def superior_group(demo):
    """A group a superuser made, with a permission Quản trị does not hold."""
    g = Group.objects.create(name="Quản lý cổng")
    g.permissions.add(
        permission("wagtailadmin.access_admin"), permission("wagtailcore.delete_site")
    )
    return g


@pytest.fixture
def quantri_deletes_groups(demo):
    """An installation that lets Quản trị delete groups too."""
    group(ADMIN_GROUP_NAME).permissions.add(permission("auth.delete_group"))


def new_group_form(client, name="Nhóm mới"):
    data = browser_form(client, add_url())
    data["name"] = [name]
    tick(data, "permissions", permission("wagtailadmin.access_admin").pk)
    return data


# --- Creating a group ---------------------------------------------------------------


@pytest.mark.parametrize(
    "dotted",
    [
        "wagtailcore.delete_site",  # sites
        "auth.delete_group",  # user management
        "wagtailcore.delete_workflow",  # workflows
    ],
)
def test_quantri_cannot_create_a_group_with_a_model_permission_it_lacks(
    quantri, dotted
):
    data = new_group_form(quantri, "Nhóm leo thang")
    tick(data, "permissions", permission(dotted).pk)

    response = quantri.post(add_url(), data)

    assert response.status_code == 400
    assert REFUSED_GRANT in text(response)
    assert dotted in text(response)
    assert not Group.objects.filter(name="Nhóm leo thang").exists()


def test_quantri_cannot_grant_collection_management_it_lacks(quantri):
    # Quản trị manages images and documents everywhere, not collections themselves.
    data = new_group_form(quantri, "Nhóm leo thang")
    root = Collection.get_first_root_node()
    add_row(
        data,
        "collection_permissions",
        collection=root.pk,
        permissions=[permission("wagtailcore.add_collection").pk],
    )

    response = quantri.post(add_url(), data)

    assert response.status_code == 400
    assert "wagtailcore.add_collection" in text(response)
    assert not Group.objects.filter(name="Nhóm leo thang").exists()


def test_quantri_cannot_grant_a_site_setting_it_lacks(quantri):
    data = new_group_form(quantri, "Nhóm leo thang")
    city = Site.objects.get(hostname="localhost")
    tick(data, "agency_relatedportals_site_permissions-sites", city.pk)

    response = quantri.post(add_url(), data)

    assert response.status_code == 400
    assert "agency.change_relatedportals" in text(response)
    assert not Group.objects.filter(name="Nhóm leo thang").exists()


def test_quantri_creates_a_group_with_what_it_holds(quantri):
    data = new_group_form(quantri, "Cộng tác viên Lê Chân")
    lechan = home("lechan.localhost")
    add_row(data, "page_permissions", page=lechan.pk, permissions=["add_page"])
    city = Site.objects.get(hostname="localhost")
    tick(data, "core_agencysettings_site_permissions-sites", city.pk)

    response = quantri.post(add_url(), data)

    assert response.status_code == 302
    created = group("Cộng tác viên Lê Chân")
    assert GroupPagePermission.objects.filter(
        group=created, page=lechan, permission__codename="add_page"
    ).exists()
    assert GroupSitePermission.objects.filter(group=created, site=city).exists()


# --- Changing and deleting a group ----------------------------------------------------


def test_quantri_cannot_touch_the_quan_tri_group(quantri, quantri_deletes_groups):
    admins = group(ADMIN_GROUP_NAME)
    before = snapshot(admins.pk)

    response = quantri.get(edit_url(admins))
    assert response.status_code == 403
    assert REFUSED_ADMIN_GROUP in text(response)

    data = {"name": "Quản trị (đổi tên)", "permissions": [p for p in before[1]]}
    response = quantri.post(edit_url(admins), data)
    assert response.status_code == 403

    response = quantri.post(delete_url(admins))
    assert response.status_code == 403
    assert REFUSED_ADMIN_GROUP in text(response)
    assert snapshot(admins.pk) == before


def test_quantri_cannot_touch_a_group_holding_more_than_it_does(
    quantri, superior_group, quantri_deletes_groups
):
    before = snapshot(superior_group.pk)

    response = quantri.get(edit_url(superior_group))
    assert response.status_code == 403
    assert REFUSED_BEYOND in text(response)
    assert "wagtailcore.delete_site" in text(response)

    data = {"name": "Quản lý cổng", "permissions": []}
    assert quantri.post(edit_url(superior_group), data).status_code == 403
    assert quantri.post(delete_url(superior_group)).status_code == 403
    assert snapshot(superior_group.pk) == before


def test_quantri_cannot_add_to_a_group_what_it_lacks(quantri, reporters):
    before = snapshot(reporters.pk)
    data = browser_form(quantri, edit_url(reporters))
    tick(data, "permissions", permission("wagtailcore.delete_site").pk)
    add_row(
        data,
        "collection_permissions",
        collection=Collection.get_first_root_node().pk,
        permissions=[permission("wagtailcore.delete_collection").pk],
    )

    response = quantri.post(edit_url(reporters), data)

    assert response.status_code == 400
    page = text(response)
    assert REFUSED_GRANT in page
    assert "wagtailcore.delete_site" in page
    assert "wagtailcore.delete_collection" in page
    assert snapshot(reporters.pk) == before


def test_quantri_edits_a_portal_group_within_its_reach(quantri, reporters):
    data = browser_form(quantri, edit_url(reporters))
    data["page_permissions-0-permissions"] = ["add_page", "change_page"]
    data["name"] = ["Quận Lê Chân - Phóng viên chính"]

    response = quantri.post(edit_url(reporters), data)

    assert response.status_code == 302
    reporters.refresh_from_db()
    assert reporters.name == "Quận Lê Chân - Phóng viên chính"
    assert set(
        GroupPagePermission.objects.filter(group=reporters).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page"}


def test_quantri_deletes_a_group_within_its_reach(quantri, quantri_deletes_groups):
    spare = Group.objects.create(name="Nhóm tạm")
    spare.permissions.add(permission("wagtailadmin.access_admin"))
    assert quantri.post(delete_url(spare)).status_code == 302
    assert not Group.objects.filter(pk=spare.pk).exists()


# --- Page permissions: a manager of one portal ----------------------------------------


@pytest.fixture
def lechan_manager(demo):
    """Lê Chân's chief editor, also allowed to manage groups."""
    managers = Group.objects.create(name="Quản lý nhóm Lê Chân")
    managers.permissions.add(
        permission("wagtailadmin.access_admin"),
        permission("auth.add_group"),
        permission("auth.change_group"),
    )
    user("lechan.truongban").groups.add(managers)
    return client_for("lechan.truongban")


def test_a_portal_manager_grants_page_permissions_only_in_its_portal(lechan_manager):
    city, lechan = home("localhost"), home("lechan.localhost")

    data = new_group_form(lechan_manager, "Biên tập thành phố (giả)")
    add_row(data, "page_permissions", page=city.pk, permissions=["publish_page"])
    response = lechan_manager.post(add_url(), data)
    assert response.status_code == 400
    assert "publish_page tại trang" in text(response)
    assert not Group.objects.filter(name="Biên tập thành phố (giả)").exists()

    data = new_group_form(lechan_manager, "Biên tập Lê Chân (phụ)")
    add_row(data, "page_permissions", page=lechan.pk, permissions=["publish_page"])
    assert lechan_manager.post(add_url(), data).status_code == 302
    assert GroupPagePermission.objects.filter(
        group__name="Biên tập Lê Chân (phụ)", page=lechan
    ).exists()

    city_reporters = group("Thành phố Hải Phòng - Phóng viên")
    response = lechan_manager.get(edit_url(city_reporters))
    assert response.status_code == 403
    assert "add_page tại trang" in text(response)


# --- Superusers ---------------------------------------------------------------------


def test_a_superuser_is_not_limited(demo, superior_group):
    admin = client_for("admin")
    data = new_group_form(admin, "Nhóm đầy đủ")
    tick(data, "permissions", permission("wagtailcore.delete_site").pk)
    add_row(
        data,
        "collection_permissions",
        collection=Collection.get_first_root_node().pk,
        permissions=[permission("wagtailcore.add_collection").pk],
    )
    assert admin.post(add_url(), data).status_code == 302
    full = group("Nhóm đầy đủ")
    assert permission("wagtailcore.delete_site") in full.permissions.all()
    assert full.collection_permissions.exists()

    admins = group(ADMIN_GROUP_NAME)
    data = browser_form(admin, edit_url(admins))
    tick(data, "permissions", permission("auth.delete_group").pk)
    assert admin.post(edit_url(admins), data).status_code == 302
    assert permission("auth.delete_group") in admins.permissions.all()

    assert admin.post(delete_url(superior_group)).status_code == 302
    assert not Group.objects.filter(pk=superior_group.pk).exists()


# --- Memberships: the user forms offer only groups within reach ------------------------


def test_quantri_cannot_put_an_account_in_a_group_beyond_its_reach(
    quantri, superior_group
):
    html = quantri.get(reverse("wagtailusers_users:add")).content.decode()
    offered = {
        box["value"]
        for box in BeautifulSoup(html, "html.parser").select('input[name="groups"]')
    }
    assert str(superior_group.pk) not in offered

    data = {
        "username": "taikhoanphu",
        "email": "phu@example.com",
        "first_name": "Tài",
        "last_name": "Khoản phụ",
        "password1": "mat-khau-phu-2031",
        "password2": "mat-khau-phu-2031",
        "groups": [superior_group.pk],
    }
    response = quantri.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 400
    assert REFUSED_MEMBERSHIP in text(response)
    assert not get_user_model().objects.filter(username="taikhoanphu").exists()

    reporter = user("lechan.phongvien")
    response = quantri.post(
        f"/admin/bulk/auth/user/assign_role/?id={reporter.pk}&next=/admin/users/",
        {"role": superior_group.pk},
    )
    assert response.status_code == 400
    assert superior_group not in reporter.groups.all()


def test_an_account_keeps_a_membership_quantri_may_not_grant(quantri, superior_group):
    member = get_user_model().objects.create_user(
        "thanhvien", "tv@example.com", "x", first_name="Thành", last_name="Viên"
    )
    member.groups.add(superior_group)
    data = {
        "username": "thanhvien",
        "email": "tv@example.com",
        "first_name": "Thành",
        "last_name": "Viên mới",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [],
    }
    response = quantri.post(reverse("wagtailusers_users:edit", args=[member.pk]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.last_name == "Viên mới"
    assert list(member.groups.all()) == [superior_group]
