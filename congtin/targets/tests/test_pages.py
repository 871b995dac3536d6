"""Public pages over real HTTP (Django test client) on the demo plans."""

import re

import pytest

from congtin.core.tests.factories import SiteFactory

from .factories import AnnualPlanFactory, ReportedFigureFactory, TargetFactory

pytestmark = pytest.mark.django_db


def base(plan):
    return f"/chi-tieu/{plan.unit_slug}/{plan.year}/"


def test_plan_page_shows_theme_targets_status_and_what_is_not_published(client, plans):
    html = client.get(base(plans)).content.decode()
    assert "“Đẩy mạnh quản lý đất đai, đô thị - Giải phóng mặt bằng”" in html
    assert "12/18 chỉ tiêu" in html
    assert "6 chỉ tiêu không được công bố trong nguồn" in html
    assert "6 nhóm nhiệm vụ về công tác xây dựng Đảng" in html
    assert "8 nhóm nhiệm vụ phát triển kinh tế - xã hội" in html
    # Every target, Vietnamese number format, illustrative figures marked.
    assert html.count('class="progress progress--') == 12
    assert "≥ 1.057,091 tỷ đồng" in html
    assert "≥ 24.456,6 tỷ đồng" in html
    assert "≤ 0 hộ" in html and "= 100%" in html and "Hoàn thành 100%" in html
    assert "812,4 tỷ đồng" in html
    assert html.count("badge--illustrative") >= 12
    assert "Chưa có kết quả cả năm của 18 chỉ tiêu chủ yếu" in html
    assert "9/12 chỉ tiêu năm" in html  # how pace is judged is stated


def test_plan_filters_and_bad_filters(client, plans):
    html = client.get(base(plans), {"nhom": "xay-dung-dang"}).content.decode()
    assert html.count('class="progress progress--') == 2
    html = client.get(base(plans), {"trang-thai": "behind"}).content.decode()
    assert "Hiển thị 5/12 chỉ tiêu" in html
    response = client.get(base(plans), {"nhom": "khong-co"})
    assert response.status_code == 400
    assert "Nhóm chỉ tiêu “khong-co” không tồn tại." in response.content.decode()
    assert client.get(base(plans), {"trang-thai": "x"}).status_code == 400
    assert client.get(f"/chi-tieu/{plans.unit_slug}/1999/").status_code == 404
    assert client.get("/chi-tieu/khong-co-don-vi/2022/").status_code == 404


def test_2021_result_as_the_report_gives_it(client, plans):
    html = client.get(f"/chi-tieu/{plans.unit_slug}/2021/").content.decode()
    assert "Đạt 16/17 chỉ tiêu chủ yếu" in html
    assert "Nghị quyết" in html and "Số 01" in html
    assert "121% dự toán HĐND giao" in html
    html = client.get(f"/chi-tieu/{plans.unit_slug}/2021/CT01/").content.decode()
    assert "133% dự toán thành phố giao" in html
    assert "118% so với cùng kỳ năm trước" in html


def test_target_page_has_svg_chart_table_and_earlier_years(client, plans):
    html = client.get(base(plans) + "CT06/").content.decode()
    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group()
    assert 'role="img"' in svg and "<desc" in svg
    assert "6 tháng: 560,3 tỷ đồng (minh họa); 9 tháng: 812,4 tỷ đồng" in svg
    assert "Chỉ tiêu: 1.057,091 tỷ đồng" in svg
    assert svg.count("<circle") == 2
    assert "<caption>Số liệu thực hiện" in html
    # Same indicator in 2021 (revenue) is listed under earlier years.
    assert "Các năm trước" in html and "/2021/CT01/" in html
    assert client.get(base(plans) + "CT99/").status_code == 404


def test_city_overview_is_sortable(client, plans):
    # A second unit with the same indicator.
    site = SiteFactory(hostname="ngoquyen.localhost", root_page__title="Quận Ngô Quyền")
    other = AnnualPlanFactory(site=site, year=2022, declared_target_count=1)
    bhyt = TargetFactory(
        plan=other,
        code="CT01",
        name="Tỷ lệ dân số tham gia bảo hiểm y tế",
        group="xa-hoi",
        unit="%",
        direction="at-least",
        value=95,
        measure="level",
        indicator="ty-le-tham-gia-bhyt",
    )
    ReportedFigureFactory(target=bhyt, period="9T", value="96,5".replace(",", "."))
    url = "/chi-tieu/tong-hop/2022/ty-le-tham-gia-bhyt/"
    html = client.get(url).content.decode()
    assert html.index("Quận Ngô Quyền") < html.index(plans.unit_name)  # 101,6% first
    assert 'aria-sort="descending"' in html
    html = client.get(url, {"sap-xep": "ty-le", "thu-tu": "tang"}).content.decode()
    assert html.index(plans.unit_name) < html.index("Quận Ngô Quyền")
    assert client.get(url, {"sap-xep": "khong"}).status_code == 400
    assert client.get(url, {"thu-tu": "ngang"}).status_code == 400
    assert client.get("/chi-tieu/tong-hop/2022/khong-co/").status_code == 404
    index = client.get("/chi-tieu/tong-hop/2022/").content.decode()
    assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in index
    assert plans.unit_name in client.get("/chi-tieu/").content.decode()
