"""The kinds of information a portal must publish, and where each is found.

One list for the whole installation: Decree 42/2022/NĐ-CP (Chapter II, the
information a state agency provides on its portal) names the kinds, and the Law on
Access to Information (104/2016/QH13, with Decree 13/2018/NĐ-CP, Articles 6 and 11)
asks each agency to publish a catalogue of them. Each kind says which content
types carry it, by model label ("app.Model"), so this module imports no other app:
a kind with no content type on this installation (``sources`` empty or not
installed) is reported missing on every portal, which is what it is.

``update_days`` is how old the newest item may be before the kind is overdue. The
law sets no number of days for most kinds; these defaults are the project's
recommendation (docs/disclosure.md) and each installation sets its own in
``DISCLOSURE_UPDATE_DAYS`` (settings/base.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    # What the law calls for, as a reader would cite it.
    basis: str
    # Page or snippet types carrying it ("app.Model"), newest item wins.
    sources: tuple[str, ...]
    # The listing page a reader is sent to, when the portal has one.
    listing: tuple[str, ...] = ()
    # A URL name (reversed on the portal's host) when the listing is not a page.
    listing_url: str = ""
    listing_name: str = ""
    # 0: updated when there is something new, never overdue.
    default_days: int = 0
    how_updated: str = ""

    @property
    def update_days(self) -> int:
        overrides = getattr(settings, "DISCLOSURE_UPDATE_DAYS", {}) or {}
        return int(overrides.get(self.key, self.default_days))


DECREE = "Nghị định 42/2022/NĐ-CP"

KINDS: tuple[Kind, ...] = (
    Kind(
        "gioi-thieu",
        "Thông tin giới thiệu: chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo",
        DECREE,
        (
            "agency.OrganisationPage",
            "agency.UnitPage",
            "agency.LeadersPage",
            "agency.LeaderPage",
        ),
        listing=("agency.OrganisationPage", "agency.LeadersPage"),
        default_days=365,
        how_updated="Khi có thay đổi về tổ chức, nhân sự lãnh đạo",
    ),
    Kind(
        "lien-he",
        "Thông tin liên hệ và người phát ngôn",
        DECREE,
        ("agency.ContactPage",),
        listing=("agency.ContactPage",),
        default_days=365,
        how_updated="Khi thay đổi địa chỉ, điện thoại, người phát ngôn",
    ),
    Kind(
        "tin-tuc",
        "Tin tức, sự kiện",
        DECREE,
        ("news.ArticlePage",),
        listing=("news.NewsIndexPage",),
        default_days=7,
        how_updated="Hằng ngày, khi có sự kiện",
    ),
    Kind(
        "lich-cong-tac",
        "Lịch làm việc của lãnh đạo",
        DECREE,
        ("schedule.WeekSchedulePage",),
        listing=("schedule.ScheduleIndexPage",),
        default_days=7,
        how_updated="Hằng tuần",
    ),
    Kind(
        "van-ban",
        "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành",
        DECREE,
        ("documents.LegalDocumentPage",),
        listing=("documents.DocumentIndexPage",),
        default_days=30,
        how_updated="Khi văn bản được ban hành",
    ),
    Kind(
        "chien-luoc",
        "Chiến lược, quy hoạch, kế hoạch phát triển",
        DECREE,
        ("programmes.PlanningDocumentPage", "targets.AnnualPlan"),
        listing=("programmes.PlanningIndexPage",),
        listing_url="targets:index",
        listing_name="Chủ đề năm và chỉ tiêu chủ yếu",
        default_days=365,
        how_updated="Hằng năm và khi được phê duyệt",
    ),
    Kind(
        "thu-tuc",
        "Thủ tục hành chính, dịch vụ công trực tuyến",
        DECREE,
        ("procedures.ProcedurePage", "agency.PublicServicesPage"),
        listing=("procedures.ProcedureIndexPage", "agency.PublicServicesPage"),
        default_days=90,
        how_updated="Khi thủ tục được công bố, sửa đổi hoặc bãi bỏ",
    ),
    Kind(
        "du-an",
        "Dự án, hạng mục đầu tư, đấu thầu, mua sắm công",
        DECREE,
        ("programmes.ProjectPage",),
        listing=("programmes.ProjectIndexPage",),
        default_days=90,
        how_updated="Khi có quyết định, kết quả lựa chọn nhà thầu",
    ),
    Kind(
        "ngan-sach",
        "Công khai ngân sách",
        DECREE,
        ("opendata.BudgetReportPage",),
        listing=("opendata.BudgetIndexPage",),
        default_days=90,
        how_updated="Theo kỳ dự toán, thực hiện, quyết toán",
    ),
    Kind(
        "thong-ke",
        "Thông tin thống kê",
        DECREE,
        ("opendata.StatisticSeriesPage",),
        listing=("opendata.StatisticsIndexPage",),
        default_days=90,
        how_updated="Theo kỳ công bố số liệu",
    ),
    Kind(
        "khoa-hoc",
        "Chương trình, đề tài khoa học",
        DECREE,
        ("programmes.ResearchProjectPage",),
        listing=("programmes.ResearchIndexPage",),
        default_days=365,
        how_updated="Khi được phê duyệt, nghiệm thu",
    ),
    Kind(
        "hoi-dap",
        "Tiếp nhận, trả lời câu hỏi, kiến nghị của người dân",
        DECREE,
        ("questions.AnswerPage",),
        listing=("questions.QuestionIndexPage",),
        default_days=30,
        how_updated="Trong 15 ngày làm việc kể từ khi nhận câu hỏi",
    ),
    Kind(
        "lay-y-kien",
        "Lấy ý kiến về dự thảo văn bản",
        DECREE,
        ("consultations.DraftDocumentPage",),
        listing=("consultations.DraftIndexPage",),
        default_days=180,
        how_updated="Khi có dự thảo cần lấy ý kiến",
    ),
    Kind(
        "thong-cao",
        "Phát ngôn và thông cáo báo chí",
        DECREE,
        ("press.PressReleasePage",),
        listing=("press.PressReleaseIndexPage",),
        default_days=90,
        how_updated="Khi có sự việc cần thông tin cho báo chí",
    ),
    Kind(
        "tieng-anh",
        "Thông tin bằng tiếng Anh (giới thiệu, liên hệ)",
        DECREE,
        (),
        default_days=365,
        how_updated="Khi thông tin tiếng Việt tương ứng thay đổi",
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
ENGLISH = "tieng-anh"
