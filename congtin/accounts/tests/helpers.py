"""Accounts and sign-in attempts as a browser makes them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from congtin.portals.models import PortalGroup, Role

PASSWORD = "Hoa-phuong-do-2031"
WRONG = "khong-dung-mat-khau"
LOGIN_URL = "/admin/login/"


def account(username="bientap.lechan", password=PASSWORD, **fields):
    User = get_user_model()
    fields.setdefault("first_name", "Hoa")
    fields.setdefault("last_name", "Lê Thị")
    user = User(username=username, email=f"{username}@example.com", **fields)
    # Hashed as stored, without the password hooks: a factory's account.
    from django.contrib.auth.hashers import make_password

    user.password = make_password(password)
    user.save()
    return user


def grant_admin_access(user):
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )


def quan_tri(username="quantri.thu"):
    """A member of the installation-wide "Quản trị" group, not a superuser."""
    group, _ = Group.objects.get_or_create(name="Quản trị thử")
    PortalGroup.objects.get_or_create(group=group, defaults={"role": Role.ADMIN})
    group.permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="change_user"),
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )
    user = account(username)
    user.groups.add(group)
    return user


def browser(address="198.51.100.7", agent="Mozilla/5.0 (Thử nghiệm)", **extra):
    return Client(
        HTTP_HOST="localhost", REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **extra
    )


def sign_in(client, username, password, url=LOGIN_URL):
    return client.post(url, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def change_password(client, old, new):
    """Wagtail's account page (every panel's form posted as the browser would)
    with the password panel filled in."""
    from bs4 import BeautifulSoup

    page = client.get("/admin/account/")
    form = BeautifulSoup(page.content, "html.parser").find(
        "form", attrs={"id": "w-editor-form"}
    )
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    data.update(
        {
            "password-old_password": old,
            "password-new_password1": new,
            "password-new_password2": new,
        }
    )
    return client.post("/admin/account/", data)
