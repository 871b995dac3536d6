"""Demo spokespeople and press releases for Hải Phòng and Lê Chân.

The people and releases are invented and say so ("Minh họa" in names, numbers and
titles); the Lê Chân releases retell the seed article's conference. Loaded once:
running the demo again finds them by slug and changes nothing.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection

from congtin.core.models import AgencySettings
from congtin.core.pdf import simple_pdf

from .models import PressReleaseFile, PressReleasePage, Spokesperson
from .setup import ensure_press_index

MARK = "Minh họa"


def _spokesperson(site, **fields) -> Spokesperson:
    existing = Spokesperson.objects.filter(site=site).first()
    return existing or Spokesperson.objects.create(site=site, **fields)


def _pdf(title: str, lines: list[str]):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ContentFile(simple_pdf(lines), name="thong-cao-bao-chi-minh-hoa.pdf"),
    )
    document.save()
    return document


def _release(
    index,
    slug,
    spokesperson,
    *,
    title,
    day,
    number,
    summary,
    paragraphs,
    attachment=None,
):
    existing = PressReleasePage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    release = PressReleasePage(
        title=title,
        slug=slug,
        date=day,
        number=number,
        summary=summary,
        body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        spokesperson=spokesperson,
    )
    if attachment is not None:
        release.files.add(PressReleaseFile(document=attachment))
    index.add_child(instance=release)
    release.save_revision().publish()
    return release


@transaction.atomic
def load_press_demo(city_site, lechan_site):
    """A spokesperson and two press releases for each portal."""
    city_agency = AgencySettings.for_site(city_site)
    city_person = _spokesperson(
        city_site,
        name=f"Người phát ngôn thành phố ({MARK})",
        position=f"Chánh Văn phòng Ủy ban nhân dân thành phố ({MARK})",
        position_en=f"Chief of Office, Hai Phong City People's Committee ({MARK})",
        phone=city_agency.phone or "0225.3821.055",
        email=city_agency.email or "congthongtindientu@haiphong.gov.vn",
        appointment=f"Quyết định giao nhiệm vụ phát ngôn ({MARK})",
    )
    lechan_person = _spokesperson(
        lechan_site,
        name=f"Người phát ngôn quận Lê Chân ({MARK})",
        position=f"Chánh Văn phòng HĐND và UBND quận ({MARK})",
        phone="0225.3857.240",
        appointment=f"Quyết định giao nhiệm vụ phát ngôn ({MARK})",
    )
    city_index = ensure_press_index(city_site)
    _release(
        city_index,
        "thong-cao-tinh-hinh-kinh-te-xa-hoi-nam-2021",
        city_person,
        title=f"Thông cáo báo chí về tình hình kinh tế - xã hội năm 2021 ({MARK})",
        day=date(2021, 12, 28),
        number=f"01/TCBC-UBND ({MARK})",
        summary="Thông cáo minh họa: Ủy ban nhân dân thành phố thông tin về kết quả "
        "thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2021.",
        paragraphs=[
            "Nội dung minh họa của dữ liệu mẫu, không phải thông cáo thật của "
            "Ủy ban nhân dân thành phố Hải Phòng.",
            "Cơ quan báo chí cần thêm thông tin xin liên hệ người phát ngôn.",
        ],
        attachment=_pdf(
            f"Thông cáo báo chí số 01 ({MARK})",
            ["Thong cao bao chi (minh hoa)", "Du lieu mau, khong phai van ban that."],
        ),
    )
    _release(
        city_index,
        "thong-cao-ke-hoach-nam-2022",
        city_person,
        title=f"Thông cáo báo chí về kế hoạch năm 2022 ({MARK})",
        day=date(2022, 1, 10),
        number=f"02/TCBC-UBND ({MARK})",
        summary="Thông cáo minh họa: các nhiệm vụ trọng tâm năm 2022 của thành phố.",
        paragraphs=["Nội dung minh họa của dữ liệu mẫu."],
    )
    lechan_index = ensure_press_index(lechan_site)
    _release(
        lechan_index,
        "thong-cao-hoi-nghi-quan-uy-21-12-2021",
        lechan_person,
        title=f"Thông cáo báo chí về Hội nghị Quận ủy ngày 21/12/2021 ({MARK})",
        day=date(2021, 12, 21),
        number=f"01/TCBC-UBND ({MARK})",
        summary="Thông cáo minh họa: Hội nghị Ban Chấp hành Đảng bộ quận đánh giá "
        "kết quả năm 2021 và quyết định chủ đề, chỉ tiêu năm 2022.",
        paragraphs=[
            "Nội dung minh họa, tóm tắt bài viết mẫu về Hội nghị Quận ủy Lê Chân.",
        ],
    )
    _release(
        lechan_index,
        "thong-cao-ket-qua-nam-2022",
        lechan_person,
        title=f"Thông cáo báo chí về kết quả 6 tháng đầu năm 2022 ({MARK})",
        day=date(2022, 7, 5),
        number=f"02/TCBC-UBND ({MARK})",
        summary="Thông cáo minh họa: kết quả 6 tháng đầu năm 2022 của quận.",
        paragraphs=["Nội dung minh họa của dữ liệu mẫu."],
    )
    return city_index, lechan_index
