"""Demo documents: the resolutions the seed article names, on the right portals.

What the seed does not say (signers, most dates, symbols, the files) is marked
"Minh họa" on the page itself. Running it again changes nothing.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from wagtail.models import Site

from .models import DocumentIndexPage, LegalDocumentFile, LegalDocumentPage
from .pdf import simple_pdf
from .setup import ensure_document_index, ensure_document_indexes
from .vocab import DocumentType


@dataclass
class DemoDocument:
    hostname: str
    slug: str
    title: str
    number: str
    doc_type: str
    issuing_body: str
    signer: str
    issue_date: date
    effective_date: date | None
    field: str
    summary: str
    note: str
    file_name: str
    pdf_lines: list[str]
    # Text in the seed article that becomes a link to this document.
    mention: str


ILLUSTRATIVE_FILE = (
    "Tệp đính kèm là tệp minh họa do hệ thống tạo, không phải bản gốc của văn bản."
)

DEMO_DOCUMENTS = [
    DemoDocument(
        hostname="localhost",
        slug="nghi-quyet-128-nq-cp",
        title=(
            "Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ ban hành Quy định "
            "tạm thời “Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19”"
        ),
        number="128/NQ-CP",
        doc_type=DocumentType.RESOLUTION,
        issuing_body="Chính phủ",
        signer="Phạm Minh Chính (Minh họa)",
        issue_date=date(2021, 10, 11),
        effective_date=date(2021, 10, 11),
        field="Y tế - Phòng, chống dịch",
        summary=(
            "Ban hành Quy định tạm thời “Thích ứng an toàn, linh hoạt, kiểm soát hiệu "
            "quả dịch COVID-19”."
        ),
        note=(
            "Minh họa: số, ký hiệu, ngày ban hành, cơ quan ban hành và trích yếu theo "
            "bài viết mẫu; người ký, ngày có hiệu lực và lĩnh vực ghi để minh họa. "
            + ILLUSTRATIVE_FILE
        ),
        file_name="Nghị quyết 128-NQ-CP (minh họa).pdf",
        pdf_lines=[
            "TAI LIEU MINH HOA - KHONG PHAI BAN GOC",
            "Nghi quyet so 128/NQ-CP ngay 11/10/2021 cua Chinh phu",
            "Quy dinh tam thoi 'Thich ung an toan, linh hoat,",
            "kiem soat hieu qua dich COVID-19'",
        ],
        mention="Nghị quyết số 128/NQ-CP",
    ),
    DemoDocument(
        hostname="localhost",
        slug="nghi-quyet-28-nq-tu",
        title="Nghị quyết số 28-NQ/TU của Ban Thường vụ Thành ủy Hải Phòng",
        number="28-NQ/TU",
        doc_type=DocumentType.RESOLUTION,
        issuing_body="Ban Thường vụ Thành ủy Hải Phòng",
        signer="(Minh họa)",
        issue_date=date(2021, 6, 1),
        effective_date=None,
        field="Xây dựng Đảng",
        summary=(
            "Nghị quyết của Ban Thường vụ Thành ủy làm căn cứ giao chỉ tiêu thành lập "
            "tổ chức đảng hằng năm cho các quận, huyện (quận Lê Chân năm 2022: thành "
            "lập 4 tổ chức đảng trở lên)."
        ),
        note=(
            "Minh họa: bài viết mẫu chỉ nêu số, ký hiệu và cơ quan ban hành; ngày ban "
            "hành, người ký, lĩnh vực và trích yếu ghi để minh họa. "
            + ILLUSTRATIVE_FILE
        ),
        file_name="Nghị quyết 28-NQ-TU (minh họa).pdf",
        pdf_lines=[
            "TAI LIEU MINH HOA - KHONG PHAI BAN GOC",
            "Nghi quyet so 28-NQ/TU cua Ban Thuong vu Thanh uy Hai Phong",
        ],
        mention="Nghị quyết 28-NQ/TU",
    ),
    DemoDocument(
        hostname="lechan.localhost",
        slug="nghi-quyet-01-quan-uy-le-chan-2021",
        title=(
            "Nghị quyết số 01 của Quận ủy Lê Chân về mục tiêu, nhiệm vụ, giải pháp "
            "năm 2021"
        ),
        number="01-NQ/QU",
        doc_type=DocumentType.RESOLUTION,
        issuing_body="Quận ủy Lê Chân",
        signer="(Minh họa)",
        issue_date=date(2020, 12, 25),
        effective_date=None,
        field="Kinh tế - xã hội",
        summary="Về mục tiêu, nhiệm vụ, giải pháp năm 2021 của quận Lê Chân.",
        note=(
            "Minh họa: bài viết mẫu nêu “Nghị quyết số 01 của Quận ủy về mục tiêu, "
            "nhiệm vụ, giải pháp năm 2021”; ký hiệu “-NQ/QU”, ngày ban hành và người "
            "ký ghi để minh họa. " + ILLUSTRATIVE_FILE
        ),
        file_name="Nghị quyết 01 Quận ủy Lê Chân (minh họa).pdf",
        pdf_lines=[
            "TAI LIEU MINH HOA - KHONG PHAI BAN GOC",
            "Nghi quyet so 01 cua Quan uy Le Chan",
            "ve muc tieu, nhiem vu, giai phap nam 2021",
        ],
        mention="Nghị quyết số 01",
    ),
]


def _ensure_document(index: DocumentIndexPage, spec: DemoDocument) -> LegalDocumentPage:
    existing = LegalDocumentPage.objects.child_of(index).filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    page = LegalDocumentPage(
        slug=spec.slug,
        title=spec.title,
        number=spec.number,
        doc_type=spec.doc_type,
        issuing_body=spec.issuing_body,
        signer=spec.signer,
        issue_date=spec.issue_date,
        effective_date=spec.effective_date,
        field=spec.field,
        summary=spec.summary,
        note=spec.note,
    )
    page.files.add(
        LegalDocumentFile(
            file=ContentFile(simple_pdf(spec.pdf_lines), name=f"{spec.slug}.pdf"),
            original_name=spec.file_name,
            is_illustrative=True,
        )
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _link_mention(raw: list[dict], spec: DemoDocument, page: LegalDocumentPage) -> bool:
    """Turn the first mention in the article's raw body into a page link, in place;
    the text the reader sees stays exactly the same."""
    link = f'<a linktype="page" id="{page.pk}">{spec.mention}</a>'
    if any(link in str(block.get("value")) for block in raw):
        return False
    pattern = re.compile(rf"(?<![>\w]){re.escape(spec.mention)}(?!\w)")
    for block in raw:
        if block["type"] == "paragraph" and pattern.search(block["value"]):
            block["value"] = pattern.sub(link, block["value"], count=1)
            return True
    return False


def load_documents_demo(article=None) -> list[LegalDocumentPage]:
    """Create each portal's "Văn bản" page and the demo documents; link the seed
    article's mentions of them."""
    created = []
    for spec in DEMO_DOCUMENTS:
        site = Site.objects.filter(hostname=spec.hostname).first()
        if site is None:
            continue
        index = ensure_document_index(site)
        created.append((spec, _ensure_document(index, spec)))
    ensure_document_indexes()
    if article is not None:
        article = article.specific_class.objects.get(pk=article.pk)
        raw = [dict(block) for block in article.body.raw_data]
        linked = [_link_mention(raw, spec, page) for spec, page in created]
        if any(linked):
            article.body = json.dumps(raw)
            article.save_revision().publish()
    return [page for _, page in created]
