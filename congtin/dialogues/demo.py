"""Demo dialogues: an ended one with its transcript on the city portal, an upcoming
one on Lê Chân.

Leaders, askers, questions and answers are invented and say so ("Minh họa" in the
titles and leaders, ``is_illustrative`` on the pages). Loaded once: running the
demo again finds the pages by slug and changes nothing.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .models import DialoguePage, DialogueQuestion
from .setup import ensure_dialogue_index

MARK = "Minh họa"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CITY_SLUG = "doi-thoai-chuyen-doi-so-va-dich-vu-cong-truc-tuyen"
LECHAN_SLUG = "doi-thoai-chinh-trang-do-thi-quan-le-chan"
CITY_LEADERS = (
    f"Phó Chủ tịch Ủy ban nhân dân thành phố ({MARK})\n"
    f"Giám đốc Sở Thông tin và Truyền thông ({MARK})"
)
CITY_TRANSCRIPT = [
    (
        "Trần Thị Hoa",
        "phường Máy Tơ",
        "Tôi muốn nộp hồ sơ đăng ký kinh doanh hộ cá thể qua mạng thì làm thế nào, "
        "có phải đến bộ phận một cửa nữa không?",
        f"Phó Chủ tịch Ủy ban nhân dân thành phố ({MARK})",
        "Thủ tục đăng ký hộ kinh doanh đã được cung cấp trực tuyến toàn trình trên "
        "Cổng dịch vụ công của thành phố. Bà đăng nhập bằng tài khoản định danh "
        "điện tử, điền tờ khai và đính kèm giấy tờ; kết quả được trả qua mạng hoặc "
        "qua bưu điện, không phải đến bộ phận một cửa.",
    ),
    (
        "Phạm Văn Long",
        "xã An Đồng",
        "Người cao tuổi ở nông thôn không quen dùng điện thoại thông minh, thành phố "
        "có hỗ trợ gì để họ làm thủ tục trực tuyến?",
        f"Giám đốc Sở Thông tin và Truyền thông ({MARK})",
        "Mỗi xã, phường đã có tổ công nghệ số cộng đồng hướng dẫn người dân tại nhà "
        "và tại bộ phận một cửa. Người dân có thể nhờ tổ viên hoặc cán bộ một cửa "
        "nộp hồ sơ giúp mà không mất phí.",
    ),
    (
        "Lê Minh Tuấn",
        "phường Đông Khê",
        "Khi hồ sơ trực tuyến bị trả lại, tôi không biết phải bổ sung giấy tờ gì. "
        "Thành phố có cách nào để người dân được báo rõ hơn không?",
        f"Phó Chủ tịch Ủy ban nhân dân thành phố ({MARK})",
        "Thành phố yêu cầu mọi thông báo trả hồ sơ phải ghi rõ giấy tờ cần bổ sung "
        "và gửi qua tin nhắn, thư điện tử. Nếu thông báo chưa rõ, ông có thể phản "
        "ánh qua mục Hỏi đáp của cổng để được hướng dẫn.",
    ),
]


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=VIETNAM)


def _dialogue(index, slug, **fields) -> tuple[DialoguePage, bool]:
    existing = DialoguePage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = DialoguePage(slug=slug, is_illustrative=True, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


@transaction.atomic
def load_dialogues_demo(city_site, lechan_site):
    """The city's ended dialogue with its transcript; Lê Chân's upcoming one."""
    city_index = ensure_dialogue_index(city_site)
    starts = _at(datetime(2022, 6, 15).date(), 9)
    city, created = _dialogue(
        city_index,
        CITY_SLUG,
        title=f"Đối thoại trực tuyến về chuyển đổi số và dịch vụ công trực tuyến "
        f"({MARK})",
        topic="Chuyển đổi số và dịch vụ công trực tuyến",
        leaders=CITY_LEADERS,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        intro="<p>Buổi đối thoại minh họa của dữ liệu mẫu: lãnh đạo thành phố trả "
        "lời câu hỏi của người dân, doanh nghiệp về dịch vụ công trực tuyến.</p>",
        conclusion="<p>Nội dung minh họa: thành phố tiếp tục đưa thủ tục lên dịch vụ "
        "công trực tuyến toàn trình và hỗ trợ người dân tại cơ sở.</p>",
    )
    if created:
        for number, (name, place, text, answerer, answer) in enumerate(
            CITY_TRANSCRIPT, start=1
        ):
            DialogueQuestion.objects.create(
                dialogue=city,
                site=city_site,
                name=name,
                place=place,
                text=text,
                status=DialogueQuestion.Status.ANSWERED,
                answer=answer,
                answered_by=answerer,
                created_at=starts - timedelta(days=2, minutes=-number),
                answered_at=starts + timedelta(minutes=15 * number),
            )
        DialogueQuestion.objects.create(
            dialogue=city,
            site=city_site,
            name="Người gửi thử",
            text="Câu hỏi không thuộc chủ đề buổi đối thoại (minh họa).",
            status=DialogueQuestion.Status.REJECTED,
            created_at=starts - timedelta(days=1),
        )
    lechan_index = ensure_dialogue_index(lechan_site)
    # Two weeks after the first load, at 9 o'clock: upcoming for a while.
    day = timezone.localdate() + timedelta(days=14)
    lechan, created = _dialogue(
        lechan_index,
        LECHAN_SLUG,
        title=f"Đối thoại trực tuyến về chỉnh trang đô thị quận Lê Chân ({MARK})",
        topic="Chỉnh trang đô thị, vỉa hè và cây xanh",
        leaders=f"Chủ tịch Ủy ban nhân dân quận Lê Chân ({MARK})",
        starts_at=_at(day, 9),
        ends_at=_at(day, 11),
        intro="<p>Buổi đối thoại minh họa: người dân gửi câu hỏi trước về chỉnh "
        "trang vỉa hè, cây xanh và chiếu sáng trên địa bàn quận.</p>",
    )
    if created:
        DialogueQuestion.objects.create(
            dialogue=lechan,
            site=lechan_site,
            name="Nguyễn Thị Mai",
            place="phường Trần Nguyên Hãn",
            contact="0912345678",
            text="Vỉa hè đường Hai Bà Trưng đoạn gần chợ bị hỏng nhiều, khi nào quận "
            "sửa chữa? (câu hỏi minh họa)",
        )
    return city, lechan
