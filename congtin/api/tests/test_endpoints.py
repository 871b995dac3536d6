"""Every endpoint lists and details the portal's own published content."""

import pytest

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_sections(portal, get):
    news, sub = portal.sections
    assert ids(get("/api/v1/chuyen-muc/")) == [news.pk, sub.pk]
    section = get(f"/api/v1/chuyen-muc/{sub.pk}/").json()
    assert section["parent_id"] == news.pk
    assert section["url"] == "http://api.localhost/tin/tin-phuong/"


def test_articles_live_public_own_portal_only(portal, get):
    listed = ids(get("/api/v1/bai-viet/"))
    assert listed == [a.pk for a in portal.articles]
    for hidden in (portal.draft_article, portal.private, portal.other_article):
        assert hidden.pk not in listed
        assert get(f"/api/v1/bai-viet/{hidden.pk}/").status_code == 404
    assert ids(get("/api/v1/bai-viet/", host="khac.localhost")) == [
        portal.other_article.pk
    ]


def test_article_detail(portal, get):
    article = portal.articles[0]
    response = get(f"/api/v1/bai-viet/{article.pk}/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["title"] == "Khai mạc lễ hội"
    assert data["section"] == "Tin hoạt động"
    assert data["tags"] == ["lễ hội"]
    assert data["url"] == "http://api.localhost/tin/le-hoi/"
    assert "<p>Nội dung của Khai mạc lễ hội.</p>" in data["body_html"]
    # Vietnamese as UTF-8, not \u escapes.
    assert "Khai mạc".encode() in response.content


def test_documents(portal, get):
    listed = get("/api/v1/van-ban/").json()["items"]
    assert [d["number"] for d in listed] == ["5/QĐ-UBND", "12/NQ-HĐND"]
    assert listed[0]["status"] == "het-hieu-luc"
    assert listed[0]["status_label"] == "Hết hiệu lực"
    detail = get(f"/api/v1/van-ban/{portal.documents[0].pk}/").json()
    assert detail["type_label"] == "Nghị quyết"
    assert detail["files"] == []


def test_schedule(portal, get):
    listed = get("/api/v1/lich-cong-tac/").json()["items"]
    assert [e["id"] for e in listed] == [e.pk for e in reversed(portal.entries)]
    entry = get(f"/api/v1/lich-cong-tac/{portal.entries[0].pk}/").json()
    assert entry["content"] == "Họp giao ban số 0"
    assert entry["start_time"] == "08:00:00"
    assert entry["week_id"] == portal.week.pk


def test_answers(portal, get):
    assert ids(get("/api/v1/hoi-dap/")) == [portal.answer.pk]
    answer = get(f"/api/v1/hoi-dap/{portal.answer.pk}/").json()
    assert answer["question_text"].startswith("Tôi muốn hỏi")
    assert answer["answer"].startswith("Hồ sơ gồm")


def test_drafts_and_approved_comments(portal, get):
    assert ids(get("/api/v1/du-thao/")) == [portal.draft.pk]
    draft = get(f"/api/v1/du-thao/{portal.draft.pk}/").json()
    assert draft["status"] == "dang-lay-y-kien"
    assert "Điều 1" in draft["body_html"]
    assert draft["comments_url"].endswith(f"/api/v1/du-thao/{portal.draft.pk}/gop-y/")
    comments = get(f"/api/v1/du-thao/{portal.draft.pk}/gop-y/").json()["items"]
    assert [c["text"] for c in comments] == ["Đề nghị bổ sung điều khoản chuyển tiếp."]
    assert get(f"/api/v1/du-thao/{portal.other_article.pk}/gop-y/").status_code == 404


def test_unknown_id_is_json_404(portal, get):
    response = get("/api/v1/van-ban/999999/")
    assert response.status_code == 404
    assert set(response.json()) == {"loi", "error"}


def test_plans_targets_and_figures(portal, get):
    assert ids(get("/api/v1/ke-hoach/")) == [portal.plan.pk]
    assert ids(get("/api/v1/ke-hoach/?nam=2023")) == []
    assert get(f"/api/v1/ke-hoach/{portal.other_plan.pk}/").status_code == 404
    plan = get(f"/api/v1/ke-hoach/{portal.plan.pk}/").json()
    assert plan["theme"] == "Năm thử nghiệm"
    assert [t["id"] for t in plan["targets"]] == [portal.target.pk]
    assert plan["targets"][0]["value"] == "90000"
    assert plan["targets"][0]["value_text"] == "90.000"
    target = get(f"/api/v1/chi-tieu/{portal.target.pk}/").json()
    assert [f["id"] for f in target["figures"]] == [portal.figure.pk]
    assert target["figures"][0]["value"] == "50000"
    # The targets API of /chi-tieu/api/ keeps working beside it.
    assert get(f"/chi-tieu/api/ke-hoach/{portal.plan.pk}/").status_code == 200


def test_document_files_through_the_page_route(portal, get):
    from django.core.files.base import ContentFile

    from congtin.documents.models import LegalDocumentFile

    document = portal.documents[0]
    LegalDocumentFile.objects.create(
        document=document,
        file=ContentFile(b"%PDF-1.4 thu", name="nghi-quyet.pdf"),
        original_name="Nghị quyết 12.pdf",
    )
    files = get(f"/api/v1/van-ban/{document.pk}/").json()["files"]
    assert len(files) == 1
    assert files[0]["file_name"] == "Nghị quyết 12.pdf"
    assert files[0]["url"].startswith(document.get_full_url())
    assert files[0]["url"].endswith(f"/tep/{LegalDocumentFile.objects.get().pk}/")
    # No address of the stored file itself.
    assert "/media/" not in files[0]["url"]
