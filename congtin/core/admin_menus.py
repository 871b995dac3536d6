"""Two groups of the admin's sidebar, so that the tools of many apps do not each
take a line of it: the imports from files, and the citizens' opinions to read and
moderate. An app puts its menu item in a group by registering it with the group's
hook instead of ``register_admin_menu_item``; a group with nothing the user may
open is not shown."""

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

IMPORT_MENU_HOOK = "register_congtin_import_menu_item"
OPINIONS_MENU_HOOK = "register_congtin_opinions_menu_item"


class GroupMenu(Menu):
    """A submenu whose items are chosen once a request: Wagtail asks for them once to
    know whether to show the group and again to draw it, and some items ask the
    database whether the user may open them."""

    def menu_items_for_request(self, request):
        chosen = request.__dict__.setdefault("_congtin_group_menus", {})
        if id(self) not in chosen:
            chosen[id(self)] = super().menu_items_for_request(request)
        return chosen[id(self)]


import_menu = GroupMenu(register_hook_name=IMPORT_MENU_HOOK)
opinions_menu = GroupMenu(register_hook_name=OPINIONS_MENU_HOOK)


@hooks.register("register_admin_menu_item")
def register_import_group():
    return SubmenuMenuItem(
        "Nhập dữ liệu",
        import_menu,
        name="nhap-du-lieu",
        icon_name="upload",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_opinions_group():
    return SubmenuMenuItem(
        "Ý kiến người dân",
        opinions_menu,
        name="y-kien-nguoi-dan",
        icon_name="comment",
        order=262,
    )
