"""Editors add a project with its packages in the Wagtail admin, on their own portal."""

from django.test import Client

from congtin.portals.tests.factories import UserFactory
from congtin.programmes.models import ProjectPage

from .conftest import shared_newsroom

ADD = "/admin/pages/add/programmes/projectpage/{}/"


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-id": "", f"{prefix}-{i}-ORDER": str(i + 1)})
        data.update({f"{prefix}-{i}-DELETE": ""})
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def form(package=None, **fields):
    package = {
        "name": "Gói thầu số 01: Thi công",
        "selection_method": "dau-thau-rong-rai",
        "value": "1500000000",
        "invitation_date": "01/03/2024",
        "opening_date": "20/03/2024",
        "award_date": "",
        "result": "chua-co-ket-qua",
        "winner": "",
        "award_value": "",
        **(package or {}),
    }
    data = {
        "title": "Nâng cấp đường Nguyễn Văn Linh",
        "slug": "",
        "investor": "Ban Quản lý dự án quận",
        "location": "Quận Lê Chân",
        "total_investment": "2000000000",
        "capital_source": "ngan-sach-dia-phuong",
        "start_year": "2024",
        "end_year": "2025",
        "status": "dang-thuc-hien",
        "progress": "10",
        "summary": "",
        "note": "",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
        "action-submit": "action",
        **inline("decisions", []),
        **inline("packages", [package]),
    }
    data.update(fields)
    return data


@shared_newsroom
def test_reporter_adds_a_project_on_their_portal_only(newsroom):
    index = newsroom["city_projects"]
    reporter = client_for(UserFactory(groups=[newsroom["city"].groups.reporters]))

    # Opening before invitation, and an end before the start, are refused.
    response = reporter.post(
        ADD.format(index.pk),
        form({"opening_date": "01/02/2024"}, end_year="2023"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ngày mở thầu không được trước ngày mời thầu." in text
    assert "Năm kết thúc không được trước năm bắt đầu." in text
    assert not ProjectPage.objects.exists()

    response = reporter.post(ADD.format(index.pk), form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProjectPage.objects.get()
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert page.get_latest_revision_as_object().packages.count() == 1

    outsider = client_for(UserFactory(groups=[newsroom["other"].groups.chiefs]))
    response = outsider.post(ADD.format(index.pk), form(), follow=False)
    assert response.status_code in (302, 403)
    assert ProjectPage.objects.count() == 1


@shared_newsroom
def test_decisions_link_only_the_portals_own_documents(newsroom):
    from datetime import date

    from congtin.documents.setup import ensure_document_index
    from congtin.documents.tests.factories import LegalDocumentPageFactory

    def document(portal, number):
        return LegalDocumentPageFactory(
            parent=ensure_document_index(newsroom[portal].site),
            number=number,
            issue_date=date(2024, 1, 2),
        )

    own, foreign = document("city", "1/QĐ-UBND"), document("other", "2/QĐ-UBND")
    index = newsroom["city_projects"]
    editor = client_for(UserFactory(groups=[newsroom["city"].groups.editors]))

    def post(decision):
        data = form()
        data.update(inline("decisions", [decision]))
        data.update(inline("packages", []))
        return editor.post(ADD.format(index.pk), data)

    row = {"legal_document": str(foreign.pk), "number": "", "date": "", "title": ""}
    response = post({**row, "file": ""})
    assert response.status_code == 200
    assert "Chỉ chọn văn bản đăng trên cổng này." in response.content.decode()
    assert not ProjectPage.objects.exists()

    response = post({**row, "legal_document": str(own.pk), "file": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProjectPage.objects.get().get_latest_revision_as_object()
    assert page.decisions.get().legal_document_id == own.pk
