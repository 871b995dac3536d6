"""Admin: snippets with revisions, figures record who entered them, text extraction."""

import pytest
from django.urls import reverse

from congtin.targets.models import ReportedFigure, Target

pytestmark = pytest.mark.django_db


def test_plan_edit_page_and_history(admin_client, plans):
    edit = reverse("wagtailsnippets_targets_annualplan:edit", args=[plans.pk])
    html = admin_client.get(edit).content.decode()
    assert "Chỉ tiêu chủ yếu" in html and "Tổng mức bán lẻ hàng hóa" in html
    history = reverse("wagtailsnippets_targets_annualplan:history", args=[plans.pk])
    assert admin_client.get(history).status_code == 200
    assert plans.revisions.count() == 1


def test_figure_created_in_admin_records_the_editor(admin_client, plans):
    target = Target.objects.get(plan=plans, code="CT10")
    response = admin_client.post(
        reverse("wagtailsnippets_targets_reportedfigure:add"),
        {
            "target": target.pk,
            "period": "NAM",
            "reported_on": "28/12/2022",
            "value": "92,4",
            "basis": "value",
            "source": "Báo cáo tổng kết năm 2022",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = ReportedFigure.objects.get(target=target, period="NAM")
    assert figure.entered_by.username == "admin"
    assert figure.revisions.count() == 1
    # Figures outside the plan's year are refused with a message.
    response = admin_client.post(
        reverse("wagtailsnippets_targets_reportedfigure:add"),
        {
            "target": target.pk,
            "period": "NAM",
            "reported_on": "28/12/2025",
            "value": "92",
            "basis": "value",
        },
    )
    assert response.status_code == 200
    assert "Ngày số liệu phải thuộc năm 2022" in response.content.decode()


def test_paste_text_review_and_save(admin_client, plans):
    url = reverse("targets_parse_text")
    assert admin_client.get(url).status_code == 200
    text = (
        "Năm 2023 phấn đấu đạt 3 chỉ tiêu chủ yếu như: kết nạp 170 đảng viên trở lên; "
        "tỷ lệ dân số tham gia bảo hiểm y tế là 93% trở lên; tăng cường tuyên truyền."
    )
    review = admin_client.post(url, {"plan": plans.pk, "text": text})
    html = review.content.decode()
    assert review.status_code == 200
    assert 'value="CT13"' in html and 'value="CT14"' in html
    assert "tăng cường tuyên truyền" in html  # skipped clause, shown with reason
    data = {
        "plan": plans.pk,
        "save": "1",
        "ct-TOTAL_FORMS": "2",
        "ct-INITIAL_FORMS": "2",
        "ct-0-keep": "on",
        "ct-0-code": "CT13",
        "ct-0-name": "Kết nạp đảng viên",
        "ct-0-group": "xay-dung-dang",
        "ct-0-direction": "at-least",
        "ct-0-value": "170",
        "ct-0-unit": "đảng viên",
        "ct-0-measure": "cumulative",
        "ct-1-code": "CT14",
        "ct-1-name": "Không lưu",
        "ct-1-group": "xa-hoi",
        "ct-1-direction": "at-least",
        "ct-1-value": "93",
        "ct-1-unit": "%",
        "ct-1-measure": "level",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(
        plans.targets.filter(code__in=["CT13", "CT14"]).values_list("code", flat=True)
    ) == ["CT13"]
    assert plans.revisions.count() == 2
    # Saving again clashes on the code: refused with a message, nothing saved.
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "Mã chỉ tiêu trùng: CT13" in response.content.decode()
    assert plans.targets.count() == 13
    assert admin_client.post(url, {"plan": plans.pk, "text": ""}).status_code == 400


def test_people_without_permission_cannot_use_the_tools(client, django_user_model):
    user = django_user_model.objects.create_user("docgia", password="x")
    client.force_login(user)
    assert client.get(reverse("targets_import")).status_code in (302, 403)


def test_editing_a_plan_in_the_admin_saves_a_revision(admin_client, plans):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from congtin.core.vietnamese import format_number

    targets = []
    for i, t in enumerate(plans.targets.all()):
        row = {
            "id": t.pk,
            "ORDER": i,
            "code": t.code,
            "name": t.name,
            "group": t.group,
            "unit": t.unit,
            "direction": t.direction,
            "value": format_number(t.value),
            "measure": t.measure,
            "indicator": t.indicator,
            "source_text": t.source_text,
        }
        if t.code == "CT06":
            row["value"] = "1.100,5"
        targets.append(row)
    data = nested_form_data(
        {
            "site": plans.site_id,
            "year": 2022,
            "theme": plans.theme,
            "resolution_date": "21/12/2021",
            "issuing_body": plans.issuing_body,
            "resolution_title": plans.resolution_title,
            "declared_target_count": 18,
            "task_groups": inline_formset(
                [
                    {"id": g.pk, "ORDER": i, "title": g.title, "text": g.text}
                    for i, g in enumerate(plans.task_groups.all())
                ],
                initial=2,
            ),
            "targets": inline_formset(targets, initial=len(targets)),
        }
    )
    edit = reverse("wagtailsnippets_targets_annualplan:edit", args=[plans.pk])
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert str(plans.targets.get(code="CT06").value) == "1100.500000"
    assert plans.revisions.count() == 2
    # The figures of the edited targets are kept.
    assert ReportedFigure.objects.filter(target__plan=plans).count() == 24
    # A value in another format, or a second CT01, is refused with a message.
    data["targets-5-value"] = "1,100.5"
    data["targets-1-code"] = "CT01"
    response = admin_client.post(edit, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập số theo cách viết Việt Nam" in html
    assert "Hãy sửa các giá trị trùng lặp bên dưới." in html
