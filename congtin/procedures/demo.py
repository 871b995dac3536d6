"""Demo procedures for the city of Hải Phòng (cấp tỉnh) and quận Lê Chân (cấp
huyện).

The names, fields, levels and legal bases follow procedures that exist in the
national database; the codes, times, fees and papers are written to look right but
are not copied from it, so each procedure's note says "Minh họa" and where to read
the official text. Running it again changes nothing.
"""

import dataclasses
from dataclasses import dataclass

from wagtail.models import Site

from .models import ProcedureBasis, ProcedurePage, ProcedurePaper
from .setup import ensure_procedure_index
from .vocab import Level, OnlineLevel

NATIONAL = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
CITY = "https://dichvucong.haiphong.gov.vn/"
ILLUSTRATIVE = (
    "Minh họa: dữ liệu mẫu của cổng; mã thủ tục, thời hạn, phí và thành phần hồ sơ "
    "ghi để minh họa. Nội dung chính thức tra cứu trên Cổng Dịch vụ công quốc gia "
    "(dichvucong.gov.vn)."
)


@dataclass
class DemoProcedure:
    hostname: str
    code: str
    title: str
    field: str
    level: str
    online_level: str
    processing_time: str
    processing_days: int | None
    fees: str
    steps: str
    result: str
    agency: str
    filing_url: str
    papers: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)
    bases: list[str] = dataclasses.field(default_factory=list)


STEPS = (
    "Tổ chức, cá nhân nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa.\n"
    "Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ và hẹn ngày trả kết quả.\n"
    "Cơ quan chuyên môn thẩm định, trình cấp có thẩm quyền giải quyết.\n"
    "Trả kết quả trực tuyến, qua bưu chính hoặc tại Bộ phận Một cửa."
)

DEMO_PROCEDURES = [
    DemoProcedure(
        hostname="localhost",
        code="1.009974",
        title="Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, "
        "cấp II (công trình không theo tuyến)",
        field="Xây dựng",
        level=Level.PROVINCE,
        online_level=OnlineLevel.PARTIAL,
        processing_time="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=20,
        fees="Lệ phí cấp giấy phép xây dựng theo Nghị quyết của Hội đồng nhân dân "
        "thành phố (minh họa).",
        steps=STEPS,
        result="Giấy phép xây dựng.",
        agency="Sở Xây dựng thành phố Hải Phòng",
        filing_url=CITY,
        papers=[
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0),
            ("Giấy tờ chứng minh quyền sử dụng đất", 0, 1),
            ("Bản vẽ thiết kế xây dựng", 2, 0),
        ],
        bases=[
            "Luật Xây dựng số 50/2014/QH13",
            "Nghị định số 15/2021/NĐ-CP của Chính phủ",
        ],
    ),
    DemoProcedure(
        hostname="localhost",
        code="2.000488",
        title="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài "
        "đang cư trú tại Việt Nam",
        field="Lý lịch tư pháp",
        level=Level.PROVINCE,
        online_level=OnlineLevel.FULL,
        processing_time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=10,
        fees="Phí cung cấp thông tin lý lịch tư pháp: 200.000 đồng/lần/người "
        "(minh họa).",
        steps=STEPS,
        result="Phiếu lý lịch tư pháp.",
        agency="Sở Tư pháp thành phố Hải Phòng",
        filing_url=NATIONAL,
        papers=[
            ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0),
            ("Giấy tờ tùy thân", 0, 1),
        ],
        bases=["Luật Lý lịch tư pháp số 28/2009/QH12"],
    ),
    DemoProcedure(
        hostname="localhost",
        code="1.004227",
        title="Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
        "với đất",
        field="Đất đai",
        level=Level.PROVINCE,
        online_level=OnlineLevel.PARTIAL,
        processing_time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=10,
        fees="Lệ phí cấp Giấy chứng nhận theo Nghị quyết của Hội đồng nhân dân "
        "thành phố (minh họa).",
        steps=STEPS,
        result="Giấy chứng nhận quyền sử dụng đất hoặc xác nhận thay đổi vào "
        "Giấy chứng nhận đã cấp.",
        agency="Văn phòng Đăng ký đất đai thành phố Hải Phòng",
        filing_url=CITY,
        papers=[
            ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", 1, 0),
            ("Giấy chứng nhận đã cấp", 1, 0),
        ],
        bases=["Luật Đất đai số 31/2024/QH15"],
    ),
    DemoProcedure(
        hostname="localhost",
        code="1.001612",
        title="Cấp lại Giấy chứng nhận đủ điều kiện an toàn thực phẩm",
        field="An toàn thực phẩm",
        level=Level.PROVINCE,
        online_level=OnlineLevel.FULL,
        processing_time="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=20,
        fees="Theo biểu phí thẩm định cơ sở (minh họa).",
        steps=STEPS,
        result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.",
        agency="Sở Y tế thành phố Hải Phòng",
        filing_url=NATIONAL,
        papers=[("Đơn đề nghị cấp lại Giấy chứng nhận", 1, 0)],
        bases=["Luật An toàn thực phẩm số 55/2010/QH12"],
    ),
    DemoProcedure(
        hostname="lechan.localhost",
        code="1.000893",
        title="Đăng ký kết hôn có yếu tố nước ngoài",
        field="Hộ tịch",
        level=Level.DISTRICT,
        online_level=OnlineLevel.PARTIAL,
        processing_time="15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=15,
        fees="Lệ phí đăng ký kết hôn theo Nghị quyết của Hội đồng nhân dân thành phố "
        "(minh họa).",
        steps=STEPS,
        result="Giấy chứng nhận kết hôn.",
        agency="Ủy ban nhân dân quận Lê Chân (Phòng Tư pháp)",
        filing_url=NATIONAL,
        papers=[
            ("Tờ khai đăng ký kết hôn", 1, 0),
            ("Giấy xác nhận tình trạng hôn nhân", 1, 0),
            ("Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu", 0, 1),
        ],
        bases=["Luật Hộ tịch số 60/2014/QH13"],
    ),
    DemoProcedure(
        hostname="lechan.localhost",
        code="1.010007",
        title="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field="Xây dựng",
        level=Level.DISTRICT,
        online_level=OnlineLevel.PARTIAL,
        processing_time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=None,
        fees="Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ (minh họa).",
        steps=STEPS,
        result="Giấy phép xây dựng.",
        agency="Ủy ban nhân dân quận Lê Chân",
        filing_url=CITY,
        papers=[
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0),
            ("Giấy tờ chứng minh quyền sử dụng đất", 0, 1),
            ("Hai bộ bản vẽ thiết kế", 2, 0),
        ],
        bases=["Luật Xây dựng số 50/2014/QH13"],
    ),
    DemoProcedure(
        hostname="lechan.localhost",
        code="2.000575",
        title="Đăng ký thành lập hộ kinh doanh",
        field="Thành lập và hoạt động của hộ kinh doanh",
        level=Level.DISTRICT,
        online_level=OnlineLevel.FULL,
        processing_time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        processing_days=3,
        fees="Lệ phí đăng ký hộ kinh doanh (minh họa).",
        steps=STEPS,
        result="Giấy chứng nhận đăng ký hộ kinh doanh.",
        agency="Ủy ban nhân dân quận Lê Chân (Phòng Tài chính - Kế hoạch)",
        filing_url=NATIONAL,
        papers=[
            ("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0),
            ("Bản sao giấy tờ pháp lý của cá nhân", 0, 1),
        ],
        bases=["Nghị định số 01/2021/NĐ-CP của Chính phủ"],
    ),
]


def _ensure_procedure(index, spec: DemoProcedure) -> ProcedurePage:
    existing = ProcedurePage.objects.child_of(index).filter(code=spec.code).first()
    if existing is not None:
        return existing
    page = ProcedurePage(
        title=spec.title,
        code=spec.code,
        field=spec.field,
        level=spec.level,
        online_level=spec.online_level,
        processing_time=spec.processing_time,
        processing_days=spec.processing_days,
        fees=spec.fees,
        steps=spec.steps,
        result=spec.result,
        agency=spec.agency,
        filing_url=spec.filing_url,
        note=ILLUSTRATIVE,
    )
    page.papers = [
        ProcedurePaper(name=name, originals=originals, copies=copies)
        for name, originals, copies in spec.papers
    ]
    page.bases = [ProcedureBasis(text=text) for text in spec.bases]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_procedures_demo() -> list[ProcedurePage]:
    """Each demo portal's "Thủ tục hành chính" page and its procedures."""
    created = []
    for spec in DEMO_PROCEDURES:
        site = Site.objects.filter(hostname=spec.hostname).first()
        if site is None:
            continue
        created.append(_ensure_procedure(ensure_procedure_index(site), spec))
    return created
