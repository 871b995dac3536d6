"""Project, research and planning pages built directly, without the demo."""

import factory

from congtin.core.tests.factories import PageFactory
from congtin.programmes.models import (
    BiddingPackage,
    PlanningDocumentPage,
    ProjectDecision,
    ProjectPage,
    ResearchProjectPage,
)


class ProjectPageFactory(PageFactory):
    """A project; ``packages=[{...}, ...]`` and ``decisions=[{...}]`` add inline rows."""

    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Dự án thử {n}")
    slug = ""
    investor = "Ban Quản lý dự án đầu tư xây dựng"
    total_investment = 1_250_000_000
    capital_source = "ngan-sach-dia-phuong"
    start_year = 2023
    end_year = 2025
    progress = 40
    status = "dang-thuc-hien"

    @classmethod
    def _instance(cls, model_class, *args, packages=(), decisions=(), **kwargs):
        page = model_class(*args, **kwargs)
        for fields in packages:
            page.packages.add(BiddingPackage(**fields))
        for fields in decisions:
            page.decisions.add(ProjectDecision(**fields))
        return page


class ResearchProjectPageFactory(PageFactory):
    class Meta:
        model = ResearchProjectPage

    title = factory.Sequence(lambda n: f"Đề tài thử {n}")
    slug = ""
    code = factory.Sequence(lambda n: f"ĐT.{n:02d}/23")
    level = "cap-tinh"
    lead_organisation = "Trường Đại học Hải Phòng"
    start_year = 2023
    status = "dang-thuc-hien"


class PlanningDocumentPageFactory(PageFactory):
    class Meta:
        model = PlanningDocumentPage

    title = factory.Sequence(lambda n: f"Kế hoạch thử {n}")
    slug = ""
    kind = "ke-hoach"
    start_year = 2021
    end_year = 2025
    summary = "Nội dung chính của kế hoạch."
