"""Editors add procedures in the page explorer: the code is unique within a portal,
the filing address must be https, and a portal's editors act only on their own."""

from django.test import Client

from congtin.procedures.models import ProcedurePage

from .conftest import shared_newsroom

ADD = "/admin/pages/add/procedures/procedurepage/{}/"


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def form(**fields):
    data = {
        "title": "Đăng ký khai sinh",
        "slug": "",
        "code": "1.001193",
        "field": "Hộ tịch",
        "level": "cap-xa",
        "online_level": "toan-trinh",
        "processing_time": "Ngay trong ngày tiếp nhận",
        "processing_days": "",
        "fees": "Miễn lệ phí",
        "steps": "Nộp tờ khai.\nNhận giấy khai sinh.",
        "result": "Giấy khai sinh.",
        "agency": "Ủy ban nhân dân phường",
        "filing_url": "https://dichvucong.gov.vn/",
        "note": "",
        "papers-TOTAL_FORMS": "1",
        "papers-INITIAL_FORMS": "0",
        "papers-MIN_NUM_FORMS": "0",
        "papers-MAX_NUM_FORMS": "1000",
        "papers-0-id": "",
        "papers-0-ORDER": "1",
        "papers-0-DELETE": "",
        "papers-0-name": "Tờ khai đăng ký khai sinh",
        "papers-0-originals": "1",
        "papers-0-copies": "0",
        "bases-TOTAL_FORMS": "0",
        "bases-INITIAL_FORMS": "0",
        "bases-MIN_NUM_FORMS": "0",
        "bases-MAX_NUM_FORMS": "1000",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return data


def field_errors(response) -> str:
    return response.content.decode()


@shared_newsroom
def test_editor_adds_a_procedure_and_code_is_checked(newsroom, users, make_procedure):
    index = newsroom["index"]
    client = client_for(users["bientap"])
    response = client.post(ADD.format(index.pk), form())
    assert response.status_code == 302
    page = ProcedurePage.objects.get(code="1.001193")
    assert [p.name for p in page.get_latest_revision_as_object().papers.all()] == [
        "Tờ khai đăng ký khai sinh"
    ]
    assert page.slug == "dang-ky-khai-sinh"

    # The same code again on this portal is refused, in Vietnamese.
    response = client.post(ADD.format(index.pk), form(title="Khai sinh lần hai"))
    assert response.status_code == 200
    assert "Cổng này đã có thủ tục mã 1.001193." in response.content.decode()
    # A code that is not one, an http address.
    response = client.post(
        ADD.format(index.pk),
        form(code="12345", filing_url="http://dichvucong.gov.vn/"),
    )
    body = response.content.decode()
    assert "Mã thủ tục viết như trên Cơ sở dữ liệu quốc gia" in body
    assert "bắt đầu bằng https://" in body
    assert ProcedurePage.objects.count() == 1


@shared_newsroom
def test_editors_act_on_their_own_portal_only(newsroom, users, make_procedure):
    other = make_procedure(newsroom["other_index"], "1.000001")
    client = client_for(users["bientap"])
    assert client.get(ADD.format(newsroom["other_index"].pk)).status_code in (302, 403)
    response = client.post(ADD.format(newsroom["other_index"].pk), form())
    assert response.status_code in (302, 403)
    assert not ProcedurePage.objects.filter(code="1.001193").exists()
    edit = client.get(f"/admin/pages/{other.pk}/edit/")
    assert edit.status_code in (302, 403)
    own = make_procedure(newsroom["index"], "1.000002")
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
