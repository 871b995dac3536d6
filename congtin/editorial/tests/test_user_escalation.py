"""Only a superuser makes superusers or "Quản trị" members, through every admin door.

``quantri`` (the demo's "Quản trị" member) may add and change users; each test
posts what a browser would, or a hand-made form, to the real user admin and its
bulk actions, and checks what was saved.
"""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from congtin.editorial.roles import ADMIN_GROUP_NAME

from .admin_actions import PASSWORD, client_for, user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "mat-khau-moi-2031"
REFUSED_SUPERUSER = "Chỉ tài khoản superuser mới được cấp quyền superuser."
REFUSED_GROUP = "chỉ tài khoản superuser mới được cấp hoặc thu hồi nhóm"
REFUSED_OWN_GROUPS = "Bạn không thể tự thay đổi nhóm của chính mình"
REFUSED_SUPERUSER_ACCOUNT = "Chỉ tài khoản superuser mới được sửa hoặc xóa tài khoản"


def group(name):
    return Group.objects.get(name=name)


def admin_group():
    return group(ADMIN_GROUP_NAME)


def reporter_group():
    return group("Quận Lê Chân - Phóng viên")


def account_form(username="nguoimoi", groups=(), password="", **fields) -> dict:
    data = {
        "username": username,
        "email": f"{username}@example.com",
        "first_name": "Nguyễn",
        "last_name": "Văn Mới",
        "password1": password,
        "password2": password,
        "groups": [g.pk for g in groups],
    }
    data.update(fields)
    return data


def edit_form(account, **fields) -> dict:
    data = account_form(
        account.username,
        account.groups.all(),
        email=account.email,
        first_name=account.first_name or "Tên",
        last_name=account.last_name or "Họ",
        is_active="on",
    )
    data.update(fields)
    return data


def add(client, data):
    return client.post(reverse("wagtailusers_users:add"), data)


def edit(client, account, data):
    return client.post(reverse("wagtailusers_users:edit", args=[account.pk]), data)


def bulk(client, action, accounts, data=None):
    query = urlencode([("id", a.pk) for a in accounts] + [("next", "/admin/users/")])
    url = f"/admin/bulk/auth/user/{action}/?{query}"
    return client.get(url) if data is None else client.post(url, data)


# --- Create ---------------------------------------------------------------------


def test_quantri_cannot_create_a_superuser(demo):
    response = add(
        client_for("quantri"), account_form(password=NEW_PASSWORD, is_superuser="on")
    )
    assert response.status_code == 400
    assert REFUSED_SUPERUSER in response.content.decode()
    assert not get_user_model().objects.filter(username="nguoimoi").exists()


def test_quantri_cannot_create_a_quan_tri_member(demo):
    data = account_form(password=NEW_PASSWORD, groups=[admin_group()])
    response = add(client_for("quantri"), data)
    assert response.status_code == 400
    assert REFUSED_GROUP in response.content.decode()
    assert not get_user_model().objects.filter(username="nguoimoi").exists()


def test_quantri_creates_portal_staff(demo):
    data = account_form(password=NEW_PASSWORD, groups=[reporter_group()])
    response = add(client_for("quantri"), data)
    assert response.status_code == 302
    created = user("nguoimoi")
    assert not created.is_superuser
    assert list(created.groups.all()) == [reporter_group()]


def test_the_form_offers_neither_superuser_nor_quan_tri(demo):
    html = client_for("quantri").get(reverse("wagtailusers_users:add")).content.decode()
    form = BeautifulSoup(html, "html.parser")
    offered = {box["value"] for box in form.select('input[name="groups"]')}
    assert str(reporter_group().pk) in offered
    assert str(admin_group().pk) not in offered
    assert form.select_one('input[name="is_superuser"]').has_attr("disabled")


def test_a_superuser_still_grants_both(demo):
    data = account_form(
        password=NEW_PASSWORD, groups=[admin_group()], is_superuser="on"
    )
    assert add(client_for("admin"), data).status_code == 302
    created = user("nguoimoi")
    assert created.is_superuser
    assert list(created.groups.all()) == [admin_group()]


# --- Edit -----------------------------------------------------------------------


def test_quantri_cannot_make_staff_superuser_or_quan_tri(demo):
    reporter = user("lechan.phongvien")
    client = client_for("quantri")

    response = edit(client, reporter, edit_form(reporter, is_superuser="on"))
    assert response.status_code == 400
    assert REFUSED_SUPERUSER in response.content.decode()

    groups = [reporter_group(), admin_group()]
    response = edit(
        client, reporter, edit_form(reporter, groups=[g.pk for g in groups])
    )
    assert response.status_code == 400
    assert REFUSED_GROUP in response.content.decode()

    reporter.refresh_from_db()
    assert not reporter.is_superuser
    assert list(reporter.groups.all()) == [reporter_group()]


def test_quantri_editing_another_member_keeps_their_quan_tri_group(demo):
    colleague = get_user_model().objects.create_user(
        "quantri2", "q2@example.com", PASSWORD, first_name="Trần", last_name="Hai"
    )
    colleague.groups.add(admin_group())
    data = edit_form(colleague, first_name="Trần Văn", groups=[])

    response = edit(client_for("quantri"), colleague, data)

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.first_name == "Trần Văn"
    assert list(colleague.groups.all()) == [admin_group()]


def test_quantri_cannot_touch_a_superusers_account(demo):
    admin = user("admin")
    client = client_for("quantri")
    url = reverse("wagtailusers_users:edit", args=[admin.pk])

    response = client.get(url)
    assert response.status_code == 403
    assert REFUSED_SUPERUSER_ACCOUNT in response.content.decode()

    data = edit_form(
        admin, password1=NEW_PASSWORD, password2=NEW_PASSWORD, first_name="Bị sửa"
    )
    response = client.post(url, data)
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)
    assert admin.first_name != "Bị sửa"

    response = client.post(reverse("wagtailusers_users:delete", args=[admin.pk]))
    assert response.status_code == 403
    assert REFUSED_SUPERUSER_ACCOUNT in response.content.decode()
    assert get_user_model().objects.filter(pk=admin.pk).exists()


def test_quantri_cannot_change_own_groups(demo):
    me = user("quantri")
    client = client_for("quantri")
    extra = group("Thành phố Hải Phòng - Trưởng ban biên tập")

    html = client.get(reverse("wagtailusers_users:edit", args=[me.pk])).content.decode()
    assert REFUSED_OWN_GROUPS in html

    data = edit_form(me, groups=[admin_group().pk, extra.pk])
    response = edit(client, me, data)
    assert response.status_code == 400
    assert REFUSED_OWN_GROUPS in response.content.decode()
    assert list(me.groups.all()) == [admin_group()]

    # Saving one's own profile as a browser does (disabled boxes are not sent).
    response = edit(client, me, edit_form(me, groups=[], last_name="Hệ thống"))
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.last_name == "Hệ thống"
    assert list(me.groups.all()) == [admin_group()]


# --- Bulk actions ----------------------------------------------------------------


def test_bulk_assign_role_cannot_grant_quan_tri(demo):
    reporter = user("lechan.phongvien")
    response = bulk(
        client_for("quantri"), "assign_role", [reporter], {"role": admin_group().pk}
    )
    assert response.status_code == 400
    assert REFUSED_GROUP in response.content.decode()
    assert list(reporter.groups.all()) == [reporter_group()]


def test_bulk_assign_role_skips_superusers_and_oneself(demo):
    admin, me, reporter = user("admin"), user("quantri"), user("lechan.phongvien")
    chiefs = group("Quận Lê Chân - Trưởng ban biên tập")
    client = client_for("quantri")

    response = bulk(client, "assign_role", [admin, me, reporter], {"role": chiefs.pk})

    assert response.status_code == 302
    assert chiefs in reporter.groups.all()
    assert chiefs not in admin.groups.all()
    assert chiefs not in me.groups.all()


def test_bulk_set_active_state_skips_superusers(demo):
    admin, reporter = user("admin"), user("lechan.phongvien")
    response = bulk(
        client_for("quantri"),
        "set_active_state",
        [admin, reporter],
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302
    admin.refresh_from_db()
    reporter.refresh_from_db()
    assert admin.is_active
    assert not reporter.is_active


def test_bulk_delete_skips_superusers(demo):
    admin, reporter = user("admin"), user("lechan.phongvien")
    response = bulk(client_for("quantri"), "delete", [admin, reporter], {})
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=admin.pk).exists()
    assert not get_user_model().objects.filter(pk=reporter.pk).exists()
