"""Demo data: quận Lê Chân's plans for 2021 and 2022, taken from the seed article.

Everything published comes from the seed text: the 2021 result ("Đạt 16/17 chỉ tiêu
chủ yếu", revenue at 133 % of the city's estimate), the 2022 theme, the 18 declared
targets and the twelve the article lists (read by the parser itself), and the two
task groups. The six targets the article does not list are not invented: the page
says they are not published. The figures for 2022 are illustrative, marked so in
the data and on every page that shows them. Running it again creates nothing new.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from congtin.core.vietnamese import parse_number
from congtin.news.models import ArticlePage, NewsIndexPage

from .models import AnnualPlan, ReportedFigure, Target, TaskGroup
from .parser import parse_targets
from .vocab import Basis, Direction, Group, Measure

ILLUSTRATIVE_SOURCE = "Số liệu minh họa (dữ liệu mẫu, không có trong nguồn)"
DEMO_ARTICLE_TITLE = (
    "[Bài mẫu] Theo dõi chỉ tiêu chủ yếu năm 2022 của quận Lê Chân ngay trong tin bài"
)

# Illustrative figures for 6 and 9 months, in each target's unit, by code. Chosen to
# show every in-year status: most targets on pace, a few behind.
ILLUSTRATIVE_2022 = {
    "CT01": ("90", "131"),
    "CT02": ("2", "3"),
    "CT03": ("205,1", "296"),
    "CT04": ("12.105,2", "18.512,7"),
    "CT05": ("1.950,5", "2.901"),
    "CT06": ("560,3", "812,4"),
    "CT07": ("100", "100"),
    "CT08": ("3.900", "5.800"),
    "CT09": ("25", "12"),
    "CT10": ("90,1", "91,2"),
    "CT11": ("100", "100"),
    "CT12": ("99,5", "99,7"),
}


def _paragraph(seed, start):
    return next(text for kind, text in seed.body if text.startswith(start))


def _sentence(paragraph, start):
    index = paragraph.index(start)
    end = paragraph.find(".", index)
    return paragraph[index : end + 1]


@transaction.atomic
def load_targets_demo(site, seed, source_page=None):
    """The plans of ``site`` (Lê Chân) for 2021 and 2022, and a demo article in the
    site's "Tin tức - Sự kiện" section embedding them; returns the 2022 plan."""
    _plan_2021(site, seed, source_page)
    plan = _plan_2022(site, seed, source_page)
    section = (
        NewsIndexPage.objects.descendant_of(site.root_page)
        .filter(slug="tin-tuc-su-kien")
        .first()
    )
    if section is not None:
        ensure_demo_article(section, plan)
    return plan


def _plan_2021(site, seed, source_page):
    existing = AnnualPlan.objects.filter(site=site, year=2021).first()
    if existing:
        return existing
    review = _paragraph(seed, "Tại Hội nghị")
    themes = _paragraph(seed, "Quận ủy và các cấp ủy")
    theme = themes.split("của quận: “", 1)[1].split('"', 1)[0]
    plan = AnnualPlan.objects.create(
        site=site,
        year=2021,
        theme=theme,
        resolution_number="01",
        resolution_title="Nghị quyết của Quận ủy về mục tiêu, nhiệm vụ, giải pháp năm "
        "2021",
        issuing_body="Quận ủy Lê Chân",
        declared_target_count=17,
        reported_met_count=16,
        year_end_summary=review.split(": ", 1)[1],
        source_page=source_page,
    )
    revenue_text = _sentence(
        _paragraph(seed, "Thu ngân sách"), "Thu ngân sách trên địa bàn"
    )
    revenue = Target.objects.create(
        plan=plan,
        sort_order=1,
        code="CT01",
        name="Thu ngân sách nhà nước trên địa bàn",
        group=Group.ECONOMY,
        unit="tỷ đồng",
        direction=Direction.AT_LEAST,
        value=None,  # the article gives the result, not the target
        measure=Measure.CUMULATIVE,
        indicator="thu-ngan-sach-tren-dia-ban",
        source_text=revenue_text,
    )
    for basis, value in (
        (Basis.PCT_CITY, 133),
        (Basis.PCT_COUNCIL, 121),
        (Basis.PCT_PREVIOUS, 118),
    ):
        figure = ReportedFigure.objects.create(
            target=revenue,
            period="NAM",
            value=Decimal(value),
            basis=basis,
            reported_on=date(2021, 12, 21),
            source="Hội nghị Quận ủy lần thứ 8 (bài viết ngày 21/12/2021)",
            source_page=source_page,
        )
        figure.save_revision(log_action=True)
    plan.save_revision(log_action=True)
    return plan


def _plan_2022(site, seed, source_page):
    existing = AnnualPlan.objects.filter(site=site, year=2022).first()
    if existing:
        return existing
    paragraph = _paragraph(seed, "Năm 2022")
    parsed = parse_targets(paragraph)
    theme = paragraph.split("“", 1)[1].split("”", 1)[0]
    plan = AnnualPlan.objects.create(
        site=site,
        year=2022,
        theme=theme,
        resolution_title="Mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp năm 2022",
        issuing_body="Quận ủy Lê Chân (Hội nghị Quận ủy lần thứ 8)",
        resolution_date=date(2021, 12, 21),
        declared_target_count=parsed.declared_count,
        source_page=source_page,
    )
    tasks = _paragraph(seed, "Về một số nhiệm vụ")
    party_title = tasks.split("xác định ", 1)[1].split(" và ", 1)[0]
    economy_title = tasks.split(" và ", 1)[1].split(". ", 1)[0]
    TaskGroup.objects.create(
        plan=plan,
        sort_order=1,
        title=party_title,
        text=tasks.split("Trong đó tập trung: ", 1)[1],
    )
    TaskGroup.objects.create(
        plan=plan,
        sort_order=2,
        title=economy_title,
        text="\n\n".join(
            [
                _paragraph(seed, "Cùng với đó"),
                _paragraph(seed, "Trong công tác phòng, chống dịch"),
            ]
        ),
    )
    for order, proposal in enumerate(parsed.targets, start=1):
        target = Target.objects.create(plan=plan, sort_order=order, **vars(proposal))
        half, nine = ILLUSTRATIVE_2022[target.code]
        for period, value, day in (
            ("6T", half, date(2022, 6, 20)),
            ("9T", nine, date(2022, 9, 20)),
        ):
            figure = ReportedFigure.objects.create(
                target=target,
                period=period,
                value=parse_number(value),
                reported_on=day,
                source=ILLUSTRATIVE_SOURCE,
                is_illustrative=True,
            )
            figure.save_revision(log_action=True)
    plan.save_revision(log_action=True)
    return plan


def ensure_demo_article(section, plan):
    """A demo article (not the seed) that embeds the plan summary and one live target.

    Returns the article; does nothing if it exists.
    """
    existing = ArticlePage.objects.filter(title=DEMO_ARTICLE_TITLE).first()
    if existing is not None:
        return existing
    article = ArticlePage(
        title=DEMO_ARTICLE_TITLE,
        # After the illustrative 9-month figures it shows.
        date=datetime(2022, 10, 3, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        lead=(
            "Bài mẫu của dữ liệu trình diễn: các khối dưới đây lấy số liệu trực tiếp "
            "từ kế hoạch năm 2022 của quận Lê Chân mỗi khi bài được mở. Số liệu thực "
            "hiện là số liệu minh họa."
        ),
        author="Dữ liệu mẫu",
        body=[
            (
                "paragraph",
                "<p>Năm 2022, quận Lê Chân xác định Chủ đề năm là “"
                f"{plan.theme}” và đưa ra {plan.declared_target_count} chỉ tiêu chủ "
                "yếu. Tóm tắt tiến độ:</p>",
            ),
            ("target", {"plan": plan, "target_code": ""}),
            ("paragraph", "<p>Tỷ lệ dân số tham gia bảo hiểm y tế:</p>"),
            ("target", {"plan": plan, "target_code": "CT10"}),
        ],
    )
    section.add_child(instance=article)
    article.tags.add("Lê Chân", "Chỉ tiêu chủ yếu")
    article.save_revision().publish()
    return article
