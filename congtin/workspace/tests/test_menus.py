"""The sidebar's two groups (core/admin_menus.py): what each person finds in them."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db

IMPORTS = "Nhập dữ liệu"
OPINIONS = "Ý kiến người dân"


def sidebar(client) -> dict[str, list[str]]:
    """Top-level label -> the labels of its submenu ([] for a plain item), as the
    sidebar's JSON gives them to the page."""
    page = client.get(reverse("wagtailadmin_home")).text
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        page,
        re.S,
    )
    assert props, "no sidebar in the page"
    main_menu = next(
        module
        for module in json.loads(props.group(1))["modules"]
        if module.get("_type") == "wagtail.sidebar.MainMenuModule"
    )

    def label(item):
        return item["_args"][0]["label"]

    items = main_menu["_args"][0]
    return {
        label(item): [label(sub) for sub in item["_args"][1]]
        if item["_type"].endswith("SubMenuItem")
        else []
        for item in items
    }


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_an_editor_finds_imports_and_opinions_grouped(client, full_demo):
    menu = sidebar(signed_in(client, "lechan.bientap"))
    assert {
        "Nhập văn bản từ tệp",
        "Nhập chỉ tiêu, số liệu từ tệp",
        "Đọc chỉ tiêu từ văn bản",
        "Nhập thủ tục hành chính",
        "Nhập số liệu ngân sách, thống kê",
    } <= set(menu[IMPORTS])
    assert {
        "Góp ý dự thảo",
        "Đối thoại trực tuyến",
        "Ý kiến bạn đọc",
        "Thăm dò ý kiến",
    } <= set(menu[OPINIONS])
    # Once in a group, never again at the top.
    assert not (set(menu[IMPORTS]) | set(menu[OPINIONS])) & set(menu)


def test_a_group_with_nothing_to_open_is_not_shown(client, demo):
    bare = Group.objects.create(name="Chỉ vào trang quản trị")
    bare.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("chi.xem", password="x" * 16)
    user.groups.add(bare)
    client.force_login(user)
    menu = sidebar(client)
    assert IMPORTS not in menu and OPINIONS not in menu
