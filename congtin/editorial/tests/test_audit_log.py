"""Nhật ký biên tập: one Lê Chân article's way through the real admin, then its log."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Site

from congtin.news.models import ArticlePage

from .admin_actions import (
    add_article,
    client_for,
    edit_article,
    news_section,
    workflow_action,
)

REPORTER = "lechan.phongvien"
EDITOR = "lechan.bientap"
CHIEF = "lechan.truongban"
CITY_EDITOR = "haiphong.bientap"
TITLE = "Phường Dư Hàng Kênh ra quân dọn vệ sinh"
SCHEDULED_TITLE = "Lễ hội hoa phượng đỏ năm nay"
COMMENT = "Cần bổ sung nguồn tin và ảnh minh họa"
REASON = "Số liệu trong bài chưa được kiểm chứng"
LOG_URL = "/admin/editorial/log/"
LECHAN = "Cổng thông tin điện tử Quận Lê Chân"
FORM_TIME = "%d/%m/%Y %H:%M"
HEADINGS = [
    "Thời gian",
    "Cổng",
    "Tiêu đề trang",
    "Thao tác",
    "Bước duyệt",
    "Người thực hiện",
    "Tài khoản",
    "Ghi chú / lý do",
]


def ok(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def build_journey():
    """Created, submitted, rejected, resubmitted, approved twice, published,
    withdrawn; and a second article scheduled, then published on time."""
    started = timezone.now()
    section = news_section("lechan.localhost")
    reporter, editor, chief = (client_for(name) for name in (REPORTER, EDITOR, CHIEF))

    ok(add_article(reporter, section, title=TITLE))
    page = ArticlePage.objects.get(title=TITLE)
    ok(edit_article(reporter, page, "submit"))
    ok(workflow_action(editor, page, "reject", comment=COMMENT))
    ok(edit_article(reporter, page, "submit"))
    ok(workflow_action(editor, page, "approve"))
    ok(workflow_action(chief, page, "approve"))
    assert ArticlePage.objects.get(pk=page.pk).live
    ok(chief.post(f"/admin/pages/{page.pk}/unpublish/", {"reason": REASON}))
    assert not ArticlePage.objects.get(pk=page.pk).live

    go_live = timezone.localtime() + timedelta(days=1)
    ok(
        add_article(
            chief,
            section,
            "publish",
            title=SCHEDULED_TITLE,
            go_live_at=go_live.strftime(FORM_TIME),
        )
    )
    scheduled = ArticlePage.objects.get(title=SCHEDULED_TITLE)
    assert not scheduled.live and scheduled.scheduled_revision is not None
    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert ArticlePage.objects.get(pk=scheduled.pk).live
    return {
        "page": page.pk,
        "scheduled": scheduled.pk,
        "started": started,
        "go_live": go_live.strftime(FORM_TIME),
    }


# Every test reads the log of the same journey through the admin, which takes
# seconds: it is made once, and each test is rolled back to it.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.shared_setup.with_args(build_journey),
]


@pytest.fixture
def journey(demo, shared_data):
    return {
        **shared_data,
        "page": ArticlePage.objects.get(pk=shared_data["page"]),
        "scheduled": ArticlePage.objects.get(pk=shared_data["scheduled"]),
    }


def log_of(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk"))


def username_of(entry):
    return entry.user.get_username() if entry.user else None


def in_order(expected, actual):
    """``expected`` occurs in ``actual`` in this order, other entries between."""
    remaining = iter(actual)
    return all(item in remaining for item in expected)


def display_name(username):
    return get_user_model().objects.get(username=username).get_full_name()


def get(username, url=LOG_URL, **params):
    return client_for(username).get(url, params)


def csv_rows(username, **params):
    response = get(username, export="csv", **params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte order mark"
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    headings = next(reader)
    return headings, [dict(zip(headings, row, strict=True)) for row in reader]


def titles(rows):
    return {row["Tiêu đề trang"] for row in rows}


def test_every_state_change_is_logged_with_who_and_when(journey):
    page, scheduled = journey["page"], journey["scheduled"]
    entries = log_of(page)
    assert in_order(
        [
            ("wagtail.create", REPORTER),
            ("wagtail.workflow.start", REPORTER),
            ("wagtail.workflow.reject", EDITOR),
            ("wagtail.workflow.resume", REPORTER),
            ("wagtail.workflow.approve", EDITOR),
            ("wagtail.workflow.approve", CHIEF),
            ("wagtail.publish", CHIEF),
            ("wagtail.unpublish", CHIEF),
            ("congtin.withdraw", CHIEF),
        ],
        [(entry.action, username_of(entry)) for entry in entries],
    ), [(entry.action, username_of(entry)) for entry in entries]
    now = timezone.now()
    assert all(journey["started"] <= entry.timestamp <= now for entry in entries)
    reject = next(e for e in entries if e.action == "wagtail.workflow.reject")
    assert reject.comment == COMMENT

    assert in_order(
        [
            ("wagtail.create", CHIEF),
            ("wagtail.publish.schedule", CHIEF),
            # Wagtail's scheduler publishes on its own, a day later.
            ("wagtail.publish.scheduled", None),
        ],
        [(entry.action, username_of(entry)) for entry in log_of(scheduled)],
    )
    published = PageLogEntry.objects.get(
        page=scheduled, action="wagtail.publish.scheduled"
    )
    assert published.timestamp > now + timedelta(hours=23)


def test_portal_people_see_their_portal_log(journey):
    response = get(REPORTER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhật ký biên tập" in html
    editor = display_name(EDITOR)
    for text in (TITLE, SCHEDULED_TITLE, "Trả lại", COMMENT, REASON, editor, LECHAN):
        assert text in html, text
    # The rows link to the page editor only for those who may edit it: a
    # reporter edits their own article, not the chief's.
    assert f"/admin/pages/{journey['page'].pk}/edit/" in html
    assert f"/admin/pages/{journey['scheduled'].pk}/edit/" not in html
    chief_html = get(CHIEF).content.decode()
    assert f"/admin/pages/{journey['scheduled'].pk}/edit/" in chief_html

    results = get(REPORTER, url=LOG_URL + "results/")
    assert results.status_code == 200
    assert COMMENT in results.content.decode()


def test_city_people_see_none_of_it(journey):
    response = get(CITY_EDITOR)
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE not in html and SCHEDULED_TITLE not in html
    assert COMMENT not in html and LECHAN not in html

    _headings, rows = csv_rows(CITY_EDITOR)
    assert not titles(rows) & {TITLE, SCHEDULED_TITLE}
    assert {row["Cổng"] for row in rows} <= {
        "Cổng thông tin điện tử Thành phố Hải Phòng"
    }

    # Asking for Lê Chân by its id is no way in: the choice is not theirs.
    lechan = Site.objects.get(hostname="lechan.localhost")
    html = get(CITY_EDITOR, portal=lechan.pk).content.decode()
    assert TITLE not in html
    refused = get(CITY_EDITOR, portal=lechan.pk, export="csv")
    assert refused.status_code == 400
    assert "Cổng đã chọn không có trong danh sách" in refused.content.decode()


def test_portal_filter(journey):
    lechan = Site.objects.get(hostname="lechan.localhost")
    city = Site.objects.get(hostname="localhost")
    for username in ("admin", "quantri"):
        _headings, every = csv_rows(username)
        assert {TITLE, SCHEDULED_TITLE} <= titles(every)
        portals = {row["Cổng"] for row in every}
        assert LECHAN in portals and len(portals) == 2

        _headings, rows = csv_rows(username, portal=lechan.pk)
        assert {TITLE, SCHEDULED_TITLE} <= titles(rows)
        assert {row["Cổng"] for row in rows} == {LECHAN}

        _headings, rows = csv_rows(username, portal=city.pk)
        assert rows and not titles(rows) & {TITLE, SCHEDULED_TITLE}
        assert LECHAN not in {row["Cổng"] for row in rows}

    html = get("admin", portal=city.pk).content.decode()
    assert TITLE not in html
    assert "Tất cả các cổng" in html


def test_action_filter(journey):
    _headings, rows = csv_rows(REPORTER, action="wagtail.workflow.reject")
    assert [(row["Tiêu đề trang"], row["Thao tác"]) for row in rows] == [
        (TITLE, "Trả lại")
    ]

    _headings, rows = csv_rows(
        REPORTER, action=["wagtail.publish.schedule", "wagtail.publish.scheduled"]
    )
    assert sorted((row["Thao tác"], row["Tài khoản"]) for row in rows) == [
        ("Hẹn giờ xuất bản", CHIEF),
        ("Xuất bản theo lịch hẹn", ""),
    ]
    assert {row["Người thực hiện"] for row in rows} == {display_name(CHIEF), "Hệ thống"}

    html = get(REPORTER, action="wagtail.workflow.reject").content.decode()
    assert COMMENT in html and REASON not in html

    editor = get_user_model().objects.get(username=EDITOR)
    _headings, rows = csv_rows(REPORTER, user=editor.pk)
    assert {row["Tài khoản"] for row in rows} == {EDITOR}


def test_page_type_filter(journey):
    article = ContentType.objects.get_for_model(ArticlePage)
    _headings, every = csv_rows(REPORTER)
    _headings, rows = csv_rows(REPORTER, object_type=article.pk)
    assert {TITLE, SCHEDULED_TITLE} <= titles(rows)
    # The portal's sections and pages of other types are left out.
    assert "Tin tức - Sự kiện" in titles(every)
    assert titles(rows) == {
        page.title
        for page in ArticlePage.objects.filter(
            pk__in=PageLogEntry.objects.values("page")
        ).descendant_of(Site.objects.get(hostname="lechan.localhost").root_page)
    }


def test_csv_export(journey):
    headings, rows = csv_rows(REPORTER)
    assert headings == HEADINGS
    mine = [row for row in rows if row["Tiêu đề trang"] == TITLE]
    actions = [row["Thao tác"] for row in reversed(mine)]
    assert in_order(
        [
            "Tạo mới",
            "Gửi duyệt",
            "Trả lại",
            "Gửi duyệt lại",
            "Duyệt",
            "Duyệt",
            "Xuất bản",
            "Thu hồi xuất bản",
            "Thu hồi bài",
        ],
        actions,
    ), actions
    assert all(row["Cổng"] == LECHAN for row in mine)

    reject = next(row for row in mine if row["Thao tác"] == "Trả lại")
    assert reject["Ghi chú / lý do"] == COMMENT
    assert reject["Tài khoản"] == EDITOR
    assert reject["Người thực hiện"] == display_name(EDITOR) != ""
    assert reject["Bước duyệt"] == "Biên tập (Quận Lê Chân)"
    entry = PageLogEntry.objects.get(
        page=journey["page"], action="wagtail.workflow.reject"
    )
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", reject["Thời gian"])
    expected = timezone.localtime(entry.timestamp, timezone.get_default_timezone())
    assert reject["Thời gian"] == expected.strftime(FORM_TIME)

    withdraw = next(row for row in mine if row["Thao tác"] == "Thu hồi bài")
    assert withdraw["Ghi chú / lý do"] == REASON
    assert withdraw["Tài khoản"] == CHIEF
    publish = next(row for row in mine if row["Thao tác"] == "Xuất bản")
    assert publish["Tài khoản"] == CHIEF and publish["Ghi chú / lý do"] == ""

    xlsx = get(REPORTER, export="xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].startswith(
        'attachment; filename="nhat-ky-bien-tap-'
    )


def test_exports_never_start_a_formula(journey):
    from openpyxl import load_workbook

    page = journey["page"]
    for title, reason in (
        ("+cmd", '=HYPERLINK("http://x")'),
        ("＝cmd", "#N/A"),  # fullwidth equals sign; an error code as plain text
    ):
        PageLogEntry.objects.log_action(
            page, "congtin.withdraw", data={"reason": reason}, title=title
        )
    _headings, rows = csv_rows(REPORTER)
    row = next(row for row in rows if row["Tiêu đề trang"].endswith("+cmd"))
    assert row["Tiêu đề trang"] == "'+cmd"
    assert row["Ghi chú / lý do"] == '\'=HYPERLINK("http://x")'
    row = next(row for row in rows if row["Tiêu đề trang"].endswith("＝cmd"))
    assert row["Tiêu đề trang"] == "'＝cmd"

    # XLSX cells are typed: text stays text as written, never a formula or an error.
    xlsx = get(REPORTER, export="xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}
    values = {cell.value for cell in cells}
    assert {"+cmd", '=HYPERLINK("http://x")', "＝cmd", "#N/A"} <= values


def test_menu_and_access(journey):
    home = get(REPORTER, url="/admin/").content.decode()
    assert LOG_URL in home

    # Admin access alone, without a portal: nothing to read.
    nobody = get_user_model().objects.create_user("khach", password="x")
    nobody.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client = client_for("khach")
    assert LOG_URL not in client.get("/admin/").content.decode()
    response = client.get(LOG_URL)
    assert response.status_code == 302
    assert client.get(LOG_URL, {"export": "csv"}).status_code == 302
