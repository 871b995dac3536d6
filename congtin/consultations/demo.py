"""Demo data: the city portal's "Lấy ý kiến dự thảo" with two illustrative drafts.

Nothing here comes from the seed: both drafts, their files, the comments and the
summary are illustrative and marked so (``is_illustrative``, the titles, the
comments' names). The open draft's period is set around the time of the first load
(opened 10 days before, closes 20 days after); running again creates nothing new and
changes nothing, so an old demo database may show it closed.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from congtin.core.pdf import simple_pdf
from congtin.portals.setup import ensure_child

from .models import DraftComment, DraftDocumentPage, DraftFile, DraftIndexPage

INDEX_SLUG = "lay-y-kien-du-thao"
OPEN_TITLE = (
    "Dự thảo Quy định quản lý, sử dụng tạm thời một phần hè phố trên địa bàn thành "
    "phố (dự thảo minh họa)"
)
CLOSED_TITLE = (
    "Dự thảo Kế hoạch phát triển không gian xanh đô thị giai đoạn 2023 - 2025 "
    "(dự thảo minh họa)"
)
ILLUSTRATIVE_NAME = "(minh họa)"
COLLECTION_NAME = "Tệp dự thảo minh họa (dữ liệu mẫu)"


def _pdf(title: str) -> bytes:
    """A one-page PDF saying the file is illustrative."""
    return simple_pdf([f"{title} - tep minh hoa (du lieu mau)"])


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def _document(title: str, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=_collection())
        document.file.save(filename, ContentFile(_pdf(title)), save=False)
        document.save()
    return document


@transaction.atomic
def load_consultations_demo(home):
    """The section under ``home`` (the city's home page) with an open and a closed
    draft, comments approved and pending; returns the section."""
    index = ensure_child(
        home,
        DraftIndexPage,
        INDEX_SLUG,
        title="Lấy ý kiến dự thảo",
        intro=(
            "Các cơ quan của thành phố công khai dự thảo văn bản để lấy ý kiến của "
            "cơ quan, tổ chức, cá nhân. Trong thời gian lấy ý kiến, bạn có thể gửi "
            "góp ý ngay trên trang của từng dự thảo."
        ),
        show_in_menus=False,
    )
    now = timezone.now().replace(second=0, microsecond=0)
    open_draft = _ensure_draft(
        index,
        "du-thao-quy-dinh-quan-ly-he-pho",
        title=OPEN_TITLE,
        consulting_body="Sở Giao thông vận tải thành phố Hải Phòng (minh họa)",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
        lead=(
            "Dự thảo minh họa của dữ liệu trình diễn: quy định việc sử dụng tạm thời "
            "một phần hè phố cho việc đi lại, trông giữ xe và kinh doanh."
        ),
        body=(
            "<h2>Chương I. Quy định chung</h2>"
            "<p>Điều 1. Phạm vi điều chỉnh: quy định này quy định việc quản lý, sử "
            "dụng tạm thời một phần hè phố ngoài mục đích giao thông trên địa bàn "
            "thành phố.</p>"
            "<p>Điều 2. Đối tượng áp dụng: cơ quan, tổ chức, hộ gia đình, cá nhân có "
            "liên quan.</p>"
            "<h2>Chương II. Sử dụng tạm thời một phần hè phố</h2>"
            "<p>Điều 3. Phần hè phố dành cho người đi bộ có chiều rộng tối thiểu "
            "1,5 m.</p>"
        ),
        file_title="Dự thảo Quy định quản lý hè phố (tệp minh họa)",
        file_name="du-thao-quy-dinh-he-pho-minh-hoa.pdf",
    )
    closed_draft = _ensure_draft(
        index,
        "du-thao-ke-hoach-khong-gian-xanh",
        title=CLOSED_TITLE,
        consulting_body="Sở Xây dựng thành phố Hải Phòng (minh họa)",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=60),
        lead="Dự thảo minh họa: kế hoạch trồng cây xanh và phát triển công viên.",
        body="<p>Mục tiêu: mỗi quận có ít nhất một công viên công cộng.</p>",
        report=(
            "<p>Báo cáo minh họa: trong thời gian lấy ý kiến, cơ quan soạn thảo nhận "
            "được 3 ý kiến của người dân. 2 ý kiến đề nghị bổ sung cây bóng mát trên "
            "các tuyến phố mới đã được tiếp thu tại Mục II của Kế hoạch; 1 ý kiến đề "
            "nghị giữ nguyên diện tích sân chơi đã được giải trình vì đã có trong "
            "quy hoạch chi tiết.</p>"
        ),
        file_title="Dự thảo Kế hoạch không gian xanh (tệp minh họa)",
        file_name="du-thao-ke-hoach-khong-gian-xanh-minh-hoa.pdf",
    )
    if not DraftComment.objects.filter(draft=open_draft).exists():
        site = home.get_site()
        for name, contact, text, status, age in (
            (
                f"Nguyễn Văn An {ILLUSTRATIVE_NAME}",
                "an.nguyen@example.com",
                "Đề nghị quy định rõ chiều rộng hè phố tối thiểu dành cho người đi bộ "
                "ở các tuyến phố cổ, vì nhiều đoạn chỉ rộng khoảng 2 m.",
                DraftComment.Status.APPROVED,
                8,
            ),
            (
                f"Trần Thị Bình {ILLUSTRATIVE_NAME}",
                "0912 345 678",
                "Nên có thời hạn cụ thể cho giấy phép sử dụng tạm thời hè phố và công "
                "khai danh sách các điểm được cấp phép trên cổng thông tin.",
                DraftComment.Status.APPROVED,
                5,
            ),
            (
                f"Lê Minh Cường {ILLUSTRATIVE_NAME}",
                "cuong.le@example.com",
                "Đề nghị bổ sung quy định về trông giữ xe đạp điện trên hè phố.",
                DraftComment.Status.PENDING,
                1,
            ),
        ):
            DraftComment.objects.create(
                draft=open_draft,
                site=site,
                name=name,
                contact=contact,
                text=text,
                status=status,
                created_at=now - timedelta(days=age),
                moderated_at=(None if status == DraftComment.Status.PENDING else now),
            )
    if not DraftComment.objects.filter(draft=closed_draft).exists():
        DraftComment.objects.create(
            draft=closed_draft,
            site=home.get_site(),
            name=f"Phạm Thu Hà {ILLUSTRATIVE_NAME}",
            contact="ha.pham@example.com",
            text="Đề nghị bổ sung cây bóng mát trên các tuyến phố mới mở.",
            status=DraftComment.Status.APPROVED,
            created_at=now - timedelta(days=75),
            moderated_at=now - timedelta(days=74),
        )
    return index


def _ensure_draft(index, slug, *, file_title, file_name, **fields):
    existing = DraftDocumentPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    draft = DraftDocumentPage(slug=slug, is_illustrative=True, **fields)
    draft.files = [DraftFile(document=_document(file_title, file_name))]
    index.add_child(instance=draft)
    draft.save_revision().publish()
    return draft
