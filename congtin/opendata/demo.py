"""Demo budget reports and statistical series for Hải Phòng and Lê Chân.

Every figure here is illustrative: the titles end with "(Minh họa)", the notes say
so and the report files are placeholders. Running it again changes nothing.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Site

from congtin.core.pdf import simple_pdf
from congtin.editorial.setup import ensure_collection
from congtin.portals.sites import short_name

from .models import (
    BudgetFigure,
    BudgetReportFile,
    BudgetReportPage,
    StatisticSeriesPage,
    StatisticValue,
)
from .setup import ensure_budget_index, ensure_statistics_index
from .vocab import BudgetPeriod, Frequency, MoneyUnit

ILLUSTRATIVE = "(Minh họa)"
NOTE = (
    "Minh họa: số liệu, số và ngày quyết định ghi để trình bày tính năng, không phải "
    "số liệu chính thức. Tệp đính kèm là tệp minh họa do hệ thống tạo."
)
SERIES_NOTE = (
    "Minh họa: số liệu ghi để trình bày tính năng, không phải số liệu thống kê "
    "chính thức."
)
TY = MoneyUnit.BILLION


@dataclass
class DemoReport:
    slug: str
    title: str
    period: str
    decision_number: str
    decision_date: date
    issuing_body: str
    # (item, amount in tỷ đồng, percent of the estimate or None)
    figures: list[tuple[str, str, str | None]]


@dataclass
class DemoSeries:
    slug: str
    title: str
    field: str
    unit: str
    source: str
    description: str
    # (year, value)
    values: list[tuple[int, str]]


CITY_REPORTS = [
    DemoReport(
        "du-toan-ngan-sach-2022",
        "Công khai dự toán ngân sách năm 2022 " + ILLUSTRATIVE,
        BudgetPeriod.ESTIMATE,
        "3210/QĐ-UBND " + ILLUSTRATIVE,
        date(2021, 12, 20),
        "Ủy ban nhân dân thành phố Hải Phòng",
        [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "93796", None),
            ("Thu nội địa", "32500", None),
            ("Thu từ hoạt động xuất nhập khẩu", "61000", None),
            ("Tổng chi ngân sách địa phương", "30250.5", None),
            ("Chi đầu tư phát triển", "14337.2", None),
            ("Chi thường xuyên", "13057.091", None),
        ],
    ),
    DemoReport(
        "thuc-hien-ngan-sach-6-thang-2022",
        "Công khai tình hình thực hiện ngân sách 6 tháng đầu năm 2022 " + ILLUSTRATIVE,
        BudgetPeriod.HALF_YEAR,
        "1950/QĐ-UBND " + ILLUSTRATIVE,
        date(2022, 7, 15),
        "Ủy ban nhân dân thành phố Hải Phòng",
        [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "49245.4", "52.5"),
            ("Thu nội địa", "18037.5", "55.5"),
            ("Thu từ hoạt động xuất nhập khẩu", "31207.9", "51.16"),
            ("Tổng chi ngân sách địa phương", "11798.3", "39"),
            ("Chi đầu tư phát triển", "4731.5", "33"),
            ("Chi thường xuyên", "6267.4", "48"),
        ],
    ),
]

LECHAN_REPORTS = [
    DemoReport(
        "du-toan-ngan-sach-2022",
        "Công khai dự toán ngân sách quận Lê Chân năm 2022 " + ILLUSTRATIVE,
        BudgetPeriod.ESTIMATE,
        "45/QĐ-UBND " + ILLUSTRATIVE,
        date(2021, 12, 28),
        "Ủy ban nhân dân quận Lê Chân",
        [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "1057.091", None),
            ("Tổng chi ngân sách quận", "812.45", None),
            ("Chi đầu tư phát triển", "305.2", None),
            ("Chi thường xuyên", "490.75", None),
        ],
    ),
    DemoReport(
        "thuc-hien-ngan-sach-6-thang-2022",
        "Công khai tình hình thực hiện ngân sách quận Lê Chân 6 tháng đầu năm 2022 "
        + ILLUSTRATIVE,
        BudgetPeriod.HALF_YEAR,
        "1020/QĐ-UBND " + ILLUSTRATIVE,
        date(2022, 7, 20),
        "Ủy ban nhân dân quận Lê Chân",
        [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "581.4", "55"),
            ("Tổng chi ngân sách quận", "365.6", "45"),
            ("Chi đầu tư phát triển", "122.08", "40"),
            ("Chi thường xuyên", "230.65", "47"),
        ],
    ),
]

CITY_SERIES = [
    DemoSeries(
        "dan-so-trung-binh",
        "Dân số trung bình " + ILLUSTRATIVE,
        "Dân số",
        "nghìn người",
        "Cục Thống kê thành phố Hải Phòng " + ILLUSTRATIVE,
        "Dân số bình quân trong năm của thành phố.",
        [(2018, "2013.8"), (2019, "2033.3"), (2020, "2053.5"), (2021, "2072.4")],
    ),
    DemoSeries(
        "toc-do-tang-truong-grdp",
        "Tốc độ tăng trưởng GRDP " + ILLUSTRATIVE,
        "Kinh tế",
        "%",
        "Cục Thống kê thành phố Hải Phòng " + ILLUSTRATIVE,
        "Tốc độ tăng tổng sản phẩm trên địa bàn so với năm trước (giá so sánh).",
        [(2018, "16.25"), (2019, "16.68"), (2020, "11.22"), (2021, "12.38")],
    ),
]

LECHAN_SERIES = [
    DemoSeries(
        "dan-so-trung-binh",
        "Dân số trung bình quận Lê Chân " + ILLUSTRATIVE,
        "Dân số",
        "người",
        "Chi cục Thống kê quận Lê Chân " + ILLUSTRATIVE,
        "Dân số bình quân trong năm của quận.",
        [(2019, "219762"), (2020, "221374"), (2021, "223015")],
    ),
    DemoSeries(
        "tang-truong-gia-tri-san-xuat",
        "Tốc độ tăng giá trị sản xuất " + ILLUSTRATIVE,
        "Kinh tế",
        "%",
        "Chi cục Thống kê quận Lê Chân " + ILLUSTRATIVE,
        "Tốc độ tăng giá trị sản xuất các ngành trên địa bàn so với năm trước.",
        [(2019, "11.5"), (2020, "6.8"), (2021, "8.2")],
    ),
]


def _file(site: Site, report: DemoReport):
    Document = get_document_model()
    title = f"{report.title} - tệp báo cáo"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=ensure_collection(short_name(site)))
        text = f"{report.title} - TAI LIEU MINH HOA, KHONG PHAI BAN GOC"
        document.file.save(
            f"{report.slug}-minh-hoa.pdf", ContentFile(simple_pdf([text])), save=False
        )
        document.save()
    return document


def _ensure_report(site: Site, index, report: DemoReport):
    existing = BudgetReportPage.objects.child_of(index).filter(slug=report.slug)
    if existing.exists():
        return existing.get()
    page = BudgetReportPage(
        slug=report.slug,
        title=report.title,
        year=2022,
        period=report.period,
        decision_number=report.decision_number,
        decision_date=report.decision_date,
        issuing_body=report.issuing_body,
        note=NOTE,
    )
    page.figures = [
        BudgetFigure(
            item=item,
            amount=Decimal(amount),
            unit=TY,
            percent_of_estimate=Decimal(percent) if percent else None,
        )
        for item, amount, percent in report.figures
    ]
    page.files = [BudgetReportFile(document=_file(site, report))]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_series(index, series: DemoSeries):
    existing = StatisticSeriesPage.objects.child_of(index).filter(slug=series.slug)
    if existing.exists():
        return existing.get()
    page = StatisticSeriesPage(
        slug=series.slug,
        title=series.title,
        field=series.field,
        unit=series.unit,
        frequency=Frequency.YEAR,
        source=series.source,
        description=series.description,
        note=SERIES_NOTE,
    )
    page.values = [
        StatisticValue(year=year, value=Decimal(value)) for year, value in series.values
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_opendata_demo(city: Site, lechan: Site) -> None:
    for site, reports, series in (
        (city, CITY_REPORTS, CITY_SERIES),
        (lechan, LECHAN_REPORTS, LECHAN_SERIES),
    ):
        budget = ensure_budget_index(site)
        for report in reports:
            _ensure_report(site, budget, report)
        statistics = ensure_statistics_index(site)
        for item in series:
            _ensure_series(statistics, item)
