"""The admin: each portal's staff see, filter, export and handle their own
portal's messages and keep their own departments; nobody else's."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from congtin.contact.models import ContactMessage, ContactRecipient, Status
from congtin.twofactor.testing import verify_client

from .conftest import shared_portals

pytestmark = [pytest.mark.django_db, shared_portals]

MESSAGES = "wagtailsnippets_contact_contactmessage"
RECIPIENTS = "wagtailsnippets_contact_contactrecipient"


def message(portals, key, department, **fields):
    recipient = portals[f"{key}_{department}"]
    values = {
        "site": portals[key].site,
        "recipient": recipient,
        "department_name": recipient.name,
        "name": "Người Gửi",
        "email": "nguoigui@example.com",
        "title": f"Thư gửi {recipient.name}",
        "text": "Nội dung thư.",
    }
    values.update(fields)
    return ContactMessage.objects.create(**values)


def sign_in(client, user):
    client.force_login(user)
    verify_client(client, user)
    return client


def listing_titles(client, query=""):
    response = client.get(reverse(f"{MESSAGES}:list") + query)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(html.get_text(" ").split())


def test_staff_see_only_their_portals_messages(client, portals):
    own = message(portals, "other", "office")
    city = message(portals, "city", "office")
    sign_in(client, portals["other_reporter"])
    page = listing_titles(client)
    assert own.title in page and city.title not in page
    inspect = client.get(reverse(f"{MESSAGES}:inspect", args=[own.pk]))
    assert inspect.status_code == 200
    assert "nguoigui@example.com" in inspect.content.decode()
    for view in ("inspect", "edit", "delete"):
        url = reverse(f"{MESSAGES}:{view}", args=[city.pk])
        assert client.get(url).status_code == 404
    # And the other way round.
    sign_in(client, portals["city_editor"])
    page = listing_titles(client)
    assert city.title in page and own.title not in page
    url = reverse(f"{MESSAGES}:edit", args=[own.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "handled"}).status_code == 404
    own.refresh_from_db()
    assert own.status == Status.NEW


def test_nobody_adds_a_message_in_the_admin(client, portals):
    sign_in(client, portals["city_chief"])
    assert client.get(reverse(f"{MESSAGES}:add")).status_code in (302, 403)


def test_editor_marks_handled_who_and_when_are_recorded(client, portals):
    msg = message(portals, "city", "justice")
    editor = portals["city_editor"]
    sign_in(client, editor)
    url = reverse(f"{MESSAGES}:edit", args=[msg.pk])
    response = client.post(
        url,
        {"status": "handled", "note": "Đã gọi điện trả lời.", "name": "Đổi tên"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    msg.refresh_from_db()
    assert msg.status == Status.HANDLED
    assert msg.note == "Đã gọi điện trả lời."
    assert msg.handled_by == editor and msg.handled_at is not None
    assert msg.name == "Người Gửi"  # what the citizen sent is read-only
    html = client.get(url).content.decode()
    assert "Đã gọi điện trả lời." in html
    handled = BeautifulSoup(html, "html.parser").select_one("[data-handled]")
    assert editor.get_username() in handled.get_text()


def test_reporter_reads_but_cannot_change(client, portals):
    msg = message(portals, "city", "office")
    sign_in(client, portals["city_reporter"])
    url = reverse(f"{MESSAGES}:edit", args=[msg.pk])
    client.post(url, {"status": "handled"})
    msg.refresh_from_db()
    assert msg.status == Status.NEW


def test_filters_by_status_and_department_offer_own_departments_only(client, portals):
    office = message(portals, "city", "office")
    justice = message(portals, "city", "justice", status=Status.HANDLED)
    sign_in(client, portals["city_editor"])
    page = listing_titles(client, f"?recipient={portals['city_justice'].pk}")
    assert justice.title in page and office.title not in page
    page = listing_titles(client, "?status=new")
    assert office.title in page and justice.title not in page
    html = client.get(reverse(f"{MESSAGES}:list")).content.decode()
    assert "Phòng Tư pháp Thành phố Thử" in html
    assert "Phòng Tư pháp Quận Khác" not in html


def test_csv_export_is_scoped_and_safe_for_spreadsheets(client, portals):
    message(portals, "city", "office", title='=HYPERLINK("http://x")', name="+1")
    message(portals, "other", "office", title="Thư của cổng khác")
    sign_in(client, portals["city_editor"])
    response = client.get(reverse(f"{MESSAGES}:list") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "Mã thư"
    assert len(rows) == 2
    assert '\'=HYPERLINK("http://x")' in rows[1]
    assert "'+1" in rows[1]
    assert "Mới nhận" in rows[1]
    assert "Thư của cổng khác" not in body


def test_departments_kept_by_their_own_portals_chief(client, portals):
    chief = portals["other_chief"]
    sign_in(client, chief)
    listing = client.get(reverse(f"{RECIPIENTS}:list")).content.decode()
    assert "Văn phòng Quận Khác" in listing
    assert "Văn phòng Thành phố Thử" not in listing
    city_office = portals["city_office"]
    assert (
        client.get(reverse(f"{RECIPIENTS}:edit", args=[city_office.pk])).status_code
        == 404
    )
    # A department cannot be added to another portal by posting its id.
    data = {
        "site": portals["city"].site.pk,
        "name": "Phòng chen vào",
        "email": "chen@example.gov.vn",
        "sort_order": 0,
        "is_active": "on",
    }
    response = client.post(reverse(f"{RECIPIENTS}:add"), data)
    assert response.status_code == 200
    assert not ContactRecipient.objects.filter(name="Phòng chen vào").exists()
    data["site"] = portals["other"].site.pk
    response = client.post(reverse(f"{RECIPIENTS}:add"), data)
    assert response.status_code == 302
    assert ContactRecipient.objects.get(name="Phòng chen vào").site == (
        portals["other"].site
    )


def test_editor_cannot_change_departments(client, portals):
    sign_in(client, portals["city_editor"])
    url = reverse(f"{RECIPIENTS}:edit", args=[portals["city_office"].pk])
    assert client.get(url).status_code in (302, 403)


def bulk_url(*messages):
    ids = "&".join(f"id={m.pk}" for m in messages)
    return f"/admin/bulk/contact/contactmessage/mark_handled/?next=/admin/&{ids}"


def test_bulk_mark_handled_only_touches_own_portals_messages(client, portals):
    first = message(portals, "city", "office")
    second = message(portals, "city", "justice")
    foreign = message(portals, "other", "office")
    editor = portals["city_editor"]
    sign_in(client, editor)
    listing = client.get(reverse(f"{MESSAGES}:list")).content.decode()
    assert "Đánh dấu đã xử lý" in listing
    confirm = client.get(bulk_url(first, second, foreign))
    assert confirm.status_code == 200
    assert foreign.title not in confirm.content.decode()
    assert client.get(bulk_url(foreign)).status_code == 404
    response = client.post(bulk_url(first, second, foreign))
    assert response.status_code == 302
    for msg in (first, second, foreign):
        msg.refresh_from_db()
    assert first.status == second.status == Status.HANDLED
    assert first.handled_by == editor and first.handled_at is not None
    assert foreign.status == Status.NEW
