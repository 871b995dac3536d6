"""The compliance report, its CSV, the public catalogue and the weekly digest, on
the demo as `make run` builds it (Lê Chân: documents overdue, several kinds
missing)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from congtin.core.tests.mail_servers import (
    DeliveringServer,
    queue_settings,
    run_worker,
)
from congtin.disclosure import access, digest, status
from congtin.disclosure.models import WeeklyDigest

LECHAN = "lechan.localhost"
REPORT = "/admin/disclosure/"


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def report_table(response):
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.disclosure-report")
    portals = [th.get_text(strip=True) for th in table.select("thead th")][2:]
    rows = {}
    for tr in table.select("tbody tr"):
        kind = tr.select_one("th").get_text(strip=True)
        states = [td.select_one("strong").get_text() for td in tr.select("td")[1:]]
        rows[kind] = dict(zip(portals, states, strict=True))
    return portals, rows


def cells_of(site):
    rows = status.portal_status([site])
    return {row.kind.key: row.cells[0] for row in rows}


def test_lechan_has_a_kind_overdue_and_kinds_missing(full_demo):
    cells = cells_of(Site.objects.get(hostname=LECHAN))
    assert cells["van-ban"].state == status.OVERDUE
    assert cells["van-ban"].last.year < timezone.now().year
    assert cells["tin-tuc"].state == status.OK
    assert cells["tin-tuc"].path == "/tin-tuc/"
    assert cells["lay-y-kien"].state == status.MISSING
    assert cells["tieng-anh"].state == status.MISSING
    city = cells_of(Site.objects.get(is_default_site=True))
    assert city["van-ban"].state == status.OK
    assert city["tieng-anh"].state == status.OK and city["tieng-anh"].path == "/en/"


def test_an_installation_sets_its_own_update_periods(full_demo, settings):
    lechan = Site.objects.get(hostname=LECHAN)
    settings.DISCLOSURE_UPDATE_DAYS = {"van-ban": 0, "tin-tuc": 1}
    cells = cells_of(lechan)
    assert cells["van-ban"].state == status.OK  # 0: never overdue
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        assert cells_of(lechan)["tin-tuc"].state == status.OVERDUE


def test_the_number_of_queries_does_not_grow_with_the_portals(full_demo):
    sites = access.all_sites()
    counts = []
    for chosen in (sites[:1], sites):
        with CaptureQueriesContext(connection) as queries:
            status.portal_status(chosen)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_quantri_sees_every_portal_in_colours(full_demo, client):
    response = signed_in(client, "quantri").get(REPORT)
    assert response.status_code == 200
    portals, rows = report_table(response)
    assert portals == ["Thành phố Hải Phòng", "Quận Lê Chân"]
    documents = rows["Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành"]
    assert documents == {
        "Thành phố Hải Phòng": "Đã cập nhật",
        "Quận Lê Chân": "Quá hạn cập nhật",
    }
    assert rows["Lấy ý kiến về dự thảo văn bản"]["Quận Lê Chân"] == "Chưa có"
    html = response.content.decode()
    assert 'class="state-overdue"' in html and 'class="state-missing"' in html


def test_each_chief_editor_sees_their_reach(full_demo, client):
    portals, _ = report_table(signed_in(client, "lechan.truongban").get(REPORT))
    assert portals == ["Quận Lê Chân"]
    # The city answers for its component portals.
    portals, _ = report_table(signed_in(client, "haiphong.truongban").get(REPORT))
    assert portals == ["Thành phố Hải Phòng", "Quận Lê Chân"]
    for username in ("lechan.phongvien", "lechan.bientap"):
        # Wagtail answers an admin view's PermissionDenied with the dashboard.
        for url in (REPORT, REPORT + "csv/"):
            response = signed_in(client, username).get(url)
            assert (response.status_code, response.url) == (302, "/admin/"), url
        menu = signed_in(client, username).get("/admin/").content.decode()
        assert REPORT not in menu


def test_the_csv_is_one_line_per_portal_and_kind_and_spreadsheet_safe(
    full_demo, client
):
    lechan = Site.objects.get(hostname=LECHAN)
    lechan.site_name = '=HYPERLINK("http://example.com","x")'
    lechan.save()
    response = signed_in(client, "quantri").get(REPORT + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffCổng,Loại thông tin,Tình trạng")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 2 * len(status.KINDS)
    assert "\n=HYPERLINK" not in text and "'=HYPERLINK" in text
    assert any(
        "Quá hạn cập nhật" in line and "Văn bản quy phạm" in line for line in lines
    )


def test_the_public_catalogue_lists_where_and_when(full_demo, client):
    response = client.get("/danh-muc-thong-tin/", HTTP_HOST=LECHAN)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        tr.select_one("th").get_text(strip=True): tr
        for tr in soup.select("table.disclosure-table tbody tr")
    }
    assert len(rows) == len(status.KINDS)
    news = rows["Tin tức, sự kiện"]
    assert news.select_one("a")["href"] == "/tin-tuc/"
    # The place as the portal names it, not its address.
    assert news.select_one("a").get_text(strip=True) == "Tin tức"
    assert news.select_one("time")
    assert "Chưa công khai trên cổng" in rows["Lấy ý kiến về dự thảo văn bản"].text
    documents = rows["Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành"]
    assert "/2020" in documents.select_one("time").text
    # Every page links it from the footer.
    home = client.get("/", HTTP_HOST=LECHAN).content.decode()
    assert 'href="/danh-muc-thong-tin/"' in home
    assert client.get("/danh-muc-thong-tin/?x=%00", HTTP_HOST=LECHAN).status_code == 200


MONDAY_MORNING = datetime(2026, 12, 7, 7, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_the_weekly_digest_reaches_each_chief_editor_once(
    full_demo, settings, monkeypatch
):
    with DeliveringServer() as server:
        queue_settings(settings, server)
        # As in production (pytest-django puts locmem in its place): queued for the
        # worker, which sends through SMTP to the server on loopback.
        settings.EMAIL_BACKEND = "congtin.core.mail.TaskEmailBackend"
        with time_machine.travel(MONDAY_MORNING - timedelta(hours=1), tick=False):
            assert digest.send_weekly() is None  # before 07:00
        with time_machine.travel(MONDAY_MORNING, tick=False):
            assert "2 người" in digest.send_weekly()
            assert digest.send_weekly() is None  # once a week
        with time_machine.travel(MONDAY_MORNING + timedelta(days=1), tick=False):
            assert digest.send_weekly() is None  # Tuesday
        run_worker(monkeypatch)
    by_recipient = {to[0]: message for _, to, message in server.messages}
    assert set(by_recipient) == {
        "lechan.truongban@lechan.localhost",
        "haiphong.truongban@localhost",
    }
    lechan = by_recipient["lechan.truongban@lechan.localhost"]
    assert "1 loại quá hạn cập nhật" in lechan["Subject"]
    body = lechan.get_content()
    assert "Quận Lê Chân:" in body and "Thành phố Hải Phòng:" not in body
    assert "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành: quá hạn" in body
    assert "Lấy ý kiến về dự thảo văn bản: chưa có" in body
    assert "/admin/disclosure/" in body
    assert WeeklyDigest.objects.get().week == "2026-W50"


@pytest.mark.parametrize("weekday_offset", [1, 6])
def test_no_digest_on_other_days(full_demo, mailoutbox, weekday_offset):
    with time_machine.travel(MONDAY_MORNING + timedelta(days=weekday_offset)):
        assert digest.send_weekly() is None
    assert not WeeklyDigest.objects.exists()
