"""Who may do what, checked through real admin requests for every role of two portals.

Each case starts from the same state, built once for all cases and rolled back to after
each: a draft, an article at each workflow step and a published article, all written
by the target portal's reporter. Every user's attempt runs in a savepoint that is
rolled back, so one user's success never changes what the next user finds.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from congtin.demo.placeholders import placeholder_emblem
from congtin.news.models import ArticlePage

from .admin_actions import (
    add_article,
    client_for,
    edit_article,
    news_section,
    workflow_action,
)

PORTALS = {"lechan": "lechan.localhost", "haiphong": "localhost"}
COLLECTIONS = {"lechan": "Quận Lê Chân", "haiphong": "Thành phố Hải Phòng"}
ROLES = ["phongvien", "bientap", "truongban"]
USERS = [f"{portal}.{role}" for portal in PORTALS for role in ROLES] + ["quantri"]

# Within its own portal; the other portal's people may do none of it, the
# installation's administrators ("quantri") all of it.
ALLOWED = {
    "view_draft": {"phongvien", "bientap", "truongban"},
    "edit": {"phongvien", "bientap", "truongban"},
    "submit": {"phongvien", "bientap", "truongban"},
    "pass": {"bientap"},
    "approve": {"truongban"},
    "publish": {"truongban"},
    "unpublish": {"truongban"},
    "schedule": {"truongban"},
    "delete": {"truongban"},
    "upload": {"phongvien", "bientap", "truongban"},
}


def expected(username: str, target: str, action: str) -> bool:
    if username == "quantri":
        return True
    portal, role = username.split(".")
    return portal == target and role in ALLOWED[action]


def reload(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


def view_draft(client, pages, target):
    response = client.get(f"/admin/pages/{pages['draft'].pk}/view_draft/")
    return response.status_code == 200 and b"Tin nh\xc3\xa1p" in response.content


def edit(client, pages, target):
    edit_article(client, pages["draft"], title="Tin nháp đã sửa")
    latest = reload(pages["draft"]).get_latest_revision_as_object()
    return latest.title == "Tin nháp đã sửa"


def submit(client, pages, target):
    edit_article(client, pages["draft"], "submit")
    return reload(pages["draft"]).workflow_in_progress


def pass_on(client, pages, target):
    workflow_action(client, pages["step1"], "approve")
    task = reload(pages["step1"]).current_workflow_task
    return task is not None and task.name.startswith("Phê duyệt")


def approve(client, pages, target):
    workflow_action(client, pages["step2"], "approve")
    return reload(pages["step2"]).live


def publish(client, pages, target):
    edit_article(client, pages["draft"], "publish")
    return reload(pages["draft"]).live


def unpublish(client, pages, target):
    client.post(
        f"/admin/pages/{pages['live'].pk}/unpublish/",
        {"reason": "Thông tin cần được kiểm tra lại."},
    )
    return not reload(pages["live"]).live


def schedule(client, pages, target):
    tomorrow = timezone.localtime() + timedelta(days=1)
    edit_article(
        client,
        pages["draft"],
        "publish",
        go_live_at=tomorrow.strftime("%d/%m/%Y %H:%M"),
    )
    return reload(pages["draft"]).scheduled_revision is not None


def delete(client, pages, target):
    client.post(f"/admin/pages/{pages['live'].pk}/delete/")
    return not Page.objects.filter(pk=pages["live"].pk).exists()


def upload(client, pages, target):
    collection = Collection.objects.get(name=COLLECTIONS[target])
    client.post(
        "/admin/images/add/",
        {
            "title": "Ảnh tải lên thử",
            "collection": collection.pk,
            "tags": "",
            "file": SimpleUploadedFile(
                "anh-thu.png", placeholder_emblem(), content_type="image/png"
            ),
        },
    )
    return (
        get_image_model()
        .objects.filter(title="Ảnh tải lên thử", collection=collection)
        .exists()
    )


ACTIONS = {
    "view_draft": view_draft,
    "edit": edit,
    "submit": submit,
    "pass": pass_on,
    "approve": approve,
    "publish": publish,
    "unpublish": unpublish,
    "schedule": schedule,
    "delete": delete,
    "upload": upload,
}


def make_pages():
    """One article in each state in each portal, made through the admin."""
    made = {}
    for portal, hostname in PORTALS.items():
        section = news_section(hostname)
        reporter = client_for(f"{portal}.phongvien")
        editor = client_for(f"{portal}.bientap")
        chief = client_for(f"{portal}.truongban")
        states = {}
        for state in ("draft", "step1", "step2", "live"):
            title = f"Tin nháp {portal} {state}"
            add_article(
                reporter, section, None if state == "draft" else "submit", title=title
            )
            states[state] = ArticlePage.objects.get(title=title)
        workflow_action(editor, states["step2"], "approve")
        workflow_action(editor, states["live"], "approve")
        workflow_action(chief, states["live"], "approve")
        assert reload(states["live"]).live
        made[portal] = states
    return made


@pytest.fixture
def pages(demo, shared_data):
    return shared_data


@pytest.mark.django_db
@pytest.mark.shared_setup.with_args(make_pages)
@pytest.mark.parametrize("target", PORTALS)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(pages, target, action):
    wrong = []
    for username in USERS:
        with transaction.atomic():
            allowed = ACTIONS[action](client_for(username), pages[target], target)
            transaction.set_rollback(True)
        if allowed != expected(username, target, action):
            wrong.append(f"{username}: {'allowed' if allowed else 'denied'}")
    assert not wrong, f"{action} on {target}: " + ", ".join(wrong)
