"""Demo projects, research and plans for Hải Phòng and Lê Chân.

Names, figures, bidders and files are made up and say so ("(Minh họa)"); the one
real item is Hải Phòng's master plan 2021-2030 and the Prime Minister's decision that
approved it (Quyết định 1516/QĐ-TTg ngày 02/12/2023), whose summary and map are
still illustrative. Running it again changes nothing.
"""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from congtin.core.pdf import simple_pdf
from congtin.demo.placeholders import placeholder_photo
from congtin.programmes.models import (
    BiddingPackage,
    PlanningDocumentPage,
    PlanningFile,
    PlanningMap,
    ProjectDecision,
    ProjectPage,
    ResearchProjectPage,
    ResearchResultFile,
)
from congtin.programmes.setup import ensure_indexes

COLLECTION_NAME = "Dự án, đề tài, quy hoạch (dữ liệu mẫu)"
ILLUSTRATIVE = "Thông tin minh họa (dữ liệu mẫu), không phải số liệu thật."
M = "(Minh họa)"


def _collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def _document(title: str, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=_collection())
        lines = [title.encode("ascii", "ignore").decode(), "Tep minh hoa (du lieu mau)"]
        document.file.save(filename, ContentFile(simple_pdf(lines)), save=False)
        document.save()
    return document


def _image(title: str, filename: str):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(
            title=title,
            collection=_collection(),
            file=ImageFile(io.BytesIO(placeholder_photo(title)), name=filename),
        )
        image.save()
    return image


def _ensure(parent: Page, model, slug: str, rows=(), **fields):
    """The child with ``slug``, created with its inline ``rows`` ((relation, row))
    and published if missing; an existing page is left as it is."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    for relation, row in rows:
        getattr(page, relation).add(row)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _package(name, method, value, **fields) -> tuple[str, BiddingPackage]:
    return (
        "packages",
        BiddingPackage(name=name, selection_method=method, value=value, **fields),
    )


def _decision(number, day, title, filename) -> tuple[str, ProjectDecision]:
    file = _document(f"Quyết định {number} {M}", filename)
    return (
        "decisions",
        ProjectDecision(number=number, date=day, title=title, file=file),
    )


def _city(site: Site) -> None:
    indexes = {model.listing_name: page for model, page in ensure_indexes(site).items()}
    _ensure(
        indexes["projects"],
        ProjectPage,
        "duong-truc-ven-song-minh-hoa",
        title=f"Xây dựng tuyến đường trục ven sông {M}",
        investor=f"Ban Quản lý dự án đầu tư xây dựng các công trình giao thông {M}",
        location="Thành phố Hải Phòng",
        total_investment=1_850_000_000_000,
        capital_source="ngan-sach-dia-phuong",
        start_year=2023,
        end_year=2026,
        progress=45,
        status="dang-thuc-hien",
        summary="Tuyến đường dài khoảng 6 km, mặt cắt ngang 50 m (minh họa).",
        note=ILLUSTRATIVE,
        rows=[
            _decision(
                "101/QĐ-UBND",
                date(2023, 1, 12),
                "Phê duyệt dự án đầu tư (minh họa)",
                "qd-101-minh-hoa.pdf",
            ),
            _package(
                "Gói thầu số 01: Tư vấn khảo sát, lập thiết kế bản vẽ thi công",
                "chi-dinh-thau",
                4_200_000_000,
                invitation_date=date(2023, 2, 6),
                opening_date=date(2023, 2, 20),
                award_date=date(2023, 3, 3),
                result="da-co-nha-thau",
                winner=f"Công ty Cổ phần Tư vấn Xây dựng Cảng Biển {M}",
                award_value=4_150_000_000,
            ),
            _package(
                "Gói thầu số 02: Thi công xây dựng tuyến đường",
                "dau-thau-rong-rai",
                1_420_000_000_000,
                invitation_date=date(2023, 5, 8),
                opening_date=date(2023, 6, 8),
                award_date=date(2023, 7, 24),
                result="da-co-nha-thau",
                winner=f"Liên danh Xây dựng Đông Bắc {M}",
                award_value=1_398_500_000_000,
            ),
        ],
    )
    _ensure(
        indexes["projects"],
        ProjectPage,
        "benh-vien-da-khoa-minh-hoa",
        title=f"Mua sắm trang thiết bị y tế cho bệnh viện đa khoa {M}",
        investor=f"Sở Y tế {M}",
        location="Thành phố Hải Phòng",
        total_investment=96_500_000_000,
        capital_source="ngan-sach-trung-uong",
        start_year=2024,
        end_year=2025,
        progress=0,
        status="chuan-bi-dau-tu",
        note=ILLUSTRATIVE,
        rows=[
            _package(
                "Gói thầu số 01: Mua sắm thiết bị chẩn đoán hình ảnh",
                "dau-thau-rong-rai",
                88_000_000_000,
                invitation_date=date(2024, 9, 9),
            ),
        ],
    )
    _ensure(
        indexes["research"],
        ResearchProjectPage,
        "du-bao-ngap-ung-minh-hoa",
        title=f"Nghiên cứu dự báo ngập úng đô thị do triều cường và mưa lớn {M}",
        code="ĐT.TP.03/2023",
        level="cap-tinh",
        lead_organisation=f"Viện Nghiên cứu Biển và Hải đảo {M}",
        lead_person=f"TS. Trần Văn Minh {M}",
        start_year=2023,
        end_year=2024,
        budget=1_250_000_000,
        status="da-nghiem-thu",
        summary="Xây dựng mô hình dự báo ngập cho các quận nội thành.",
        results="Bộ bản đồ nguy cơ ngập và quy trình cảnh báo sớm (minh họa).",
        note=ILLUSTRATIVE,
        rows=[
            (
                "files",
                ResearchResultFile(
                    file=_document(
                        f"Báo cáo tổng hợp kết quả đề tài {M}", "bao-cao-de-tai.pdf"
                    ),
                    caption="Báo cáo tổng hợp kết quả (minh họa)",
                ),
            )
        ],
    )
    _ensure(
        indexes["planning"],
        PlanningDocumentPage,
        "quy-hoach-thanh-pho-2021-2030",
        title=(
            "Quy hoạch thành phố Hải Phòng thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"
        ),
        kind="quy-hoach",
        start_year=2021,
        end_year=2030,
        # Not a document of the demo's "Văn bản" list: its number and date.
        approval_number="1516/QĐ-TTg",
        approval_date=date(2023, 12, 2),
        approving_body="Thủ tướng Chính phủ",
        summary=(
            "Định hướng phát triển kinh tế - xã hội, không gian, kết cấu hạ tầng và "
            "sử dụng tài nguyên của thành phố (tóm tắt minh họa)."
        ),
        note="Tóm tắt, tệp và bản đồ là minh họa; xem quyết định phê duyệt.",
        rows=[
            (
                "files",
                PlanningFile(
                    file=_document(f"Báo cáo quy hoạch {M}", "bao-cao-quy-hoach.pdf"),
                    caption="Báo cáo tóm tắt quy hoạch (minh họa)",
                ),
            ),
            (
                "maps",
                PlanningMap(
                    image=_image(
                        f"Sơ đồ phương án quy hoạch {M}", "so-do-quy-hoach.jpg"
                    ),
                    caption="Sơ đồ phương án quy hoạch (ảnh minh họa)",
                ),
            ),
        ],
    )


def _lechan(site: Site) -> None:
    indexes = {model.listing_name: page for model, page in ensure_indexes(site).items()}
    _ensure(
        indexes["projects"],
        ProjectPage,
        "cai-tao-via-he-minh-hoa",
        title=f"Cải tạo vỉa hè, hệ thống thoát nước các tuyến phố {M}",
        investor=f"Ban Quản lý dự án đầu tư xây dựng quận Lê Chân {M}",
        location="Quận Lê Chân",
        total_investment=48_700_000_000,
        capital_source="ngan-sach-dia-phuong",
        start_year=2022,
        end_year=2023,
        progress=100,
        status="hoan-thanh",
        note=ILLUSTRATIVE,
        rows=[
            _decision(
                "2150/QĐ-UBND",
                date(2022, 3, 15),
                "Phê duyệt báo cáo kinh tế - kỹ thuật (minh họa)",
                "qd-2150-minh-hoa.pdf",
            ),
            _package(
                "Gói thầu số 03: Thi công xây dựng",
                "dau-thau-rong-rai",
                41_300_000_000,
                invitation_date=date(2022, 4, 4),
                opening_date=date(2022, 4, 25),
                award_date=date(2022, 5, 16),
                result="da-co-nha-thau",
                winner=f"Công ty TNHH Xây dựng Lê Chân {M}",
                award_value=40_950_000_000,
            ),
            _package(
                "Gói thầu số 04: Tư vấn giám sát thi công",
                "chi-dinh-thau",
                720_000_000,
                award_date=date(2022, 5, 20),
                result="da-co-nha-thau",
                winner=f"Công ty Cổ phần Tư vấn Giám sát Hải An {M}",
                award_value=705_000_000,
            ),
        ],
    )
    _ensure(
        indexes["projects"],
        ProjectPage,
        "truong-mam-non-minh-hoa",
        title=f"Xây dựng trường mầm non phường Vĩnh Niệm {M}",
        investor=f"Ủy ban nhân dân quận Lê Chân {M}",
        location="Phường Vĩnh Niệm, quận Lê Chân",
        total_investment=35_000_000_000,
        capital_source="hon-hop",
        start_year=2024,
        end_year=2025,
        progress=30,
        status="dang-thuc-hien",
        note=ILLUSTRATIVE,
        rows=[
            _package(
                "Gói thầu số 01: Thi công xây dựng và lắp đặt thiết bị",
                "dau-thau-rong-rai",
                29_800_000_000,
                invitation_date=date(2024, 3, 4),
                opening_date=date(2024, 3, 25),
                result="chua-co-ket-qua",
            ),
        ],
    )
    _ensure(
        indexes["research"],
        ResearchProjectPage,
        "so-hoa-ho-so-minh-hoa",
        title=f"Giải pháp số hóa hồ sơ thủ tục hành chính cấp phường {M}",
        code="ĐT.CS.01/2024",
        level="cap-co-so",
        lead_organisation=f"Văn phòng HĐND và UBND quận Lê Chân {M}",
        start_year=2024,
        end_year=2024,
        budget=180_000_000,
        status="dang-thuc-hien",
        summary="Quy trình số hóa và lưu trữ hồ sơ tại bộ phận một cửa (minh họa).",
        note=ILLUSTRATIVE,
    )
    _ensure(
        indexes["planning"],
        PlanningDocumentPage,
        "ke-hoach-5-nam-2021-2025-minh-hoa",
        title=f"Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025 {M}",
        kind="ke-hoach",
        start_year=2021,
        end_year=2025,
        approval_number="1234/QĐ-UBND (minh họa)",
        approval_date=date(2021, 5, 10),
        approving_body="Ủy ban nhân dân quận Lê Chân",
        summary="Mục tiêu, chỉ tiêu và giải pháp phát triển của quận (minh họa).",
        note=ILLUSTRATIVE,
    )


@transaction.atomic
def load_programmes_demo(city: Site, lechan: Site) -> None:
    _city(city)
    _lechan(lechan)
