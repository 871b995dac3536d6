"""Demo data: shared topics, a "Hỏi đáp" page per portal, and on Lê Chân one
published (illustrative) question with its answer and one question in the queue.

Running it again creates nothing new.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import AnswerPage, Question, Status, Topic
from .workflow import ensure_index

TOPICS = [
    ("ho-tich-chung-thuc", "Hộ tịch, chứng thực"),
    ("dat-dai-xay-dung", "Đất đai, xây dựng"),
    ("lao-dong-chinh-sach-xa-hoi", "Lao động, chính sách xã hội"),
    ("giao-duc-y-te", "Giáo dục, y tế"),
    ("khac", "Lĩnh vực khác"),
]
MARK = "[Minh họa]"
PUBLISHED_TITLE = f"{MARK} Đăng ký khai sinh cho con cần những giấy tờ gì?"
PUBLISHED_QUESTION = (
    "Tôi mới sinh con và muốn đăng ký khai sinh cho cháu tại phường nơi gia đình "
    "đang cư trú. Xin hỏi tôi cần chuẩn bị những giấy tờ gì và nộp ở đâu?"
)
PUBLISHED_ANSWER = (
    "Đây là câu hỏi và trả lời minh họa (dữ liệu mẫu).\n\n"
    "Theo Luật Hộ tịch năm 2014, người đi đăng ký khai sinh nộp tờ khai theo mẫu và "
    "giấy chứng sinh (hoặc giấy tờ thay thế giấy chứng sinh) cho Ủy ban nhân dân cấp "
    "xã nơi cư trú của người cha hoặc người mẹ.\n\n"
    "Khi nộp hồ sơ, xuất trình giấy tờ tùy thân của người đi đăng ký. Ông/bà có thể "
    "hỏi thêm bộ phận một cửa của phường để được hướng dẫn cụ thể."
)
PENDING_TITLE = f"{MARK} Thời gian cấp giấy phép xây dựng nhà ở riêng lẻ"
PENDING_QUESTION = (
    "Gia đình tôi đã nộp hồ sơ xin giấy phép xây dựng nhà ở riêng lẻ. Xin hỏi thời "
    "gian giải quyết là bao lâu và tôi theo dõi hồ sơ ở đâu?"
)


def ensure_topics():
    topics = {}
    for order, (slug, name) in enumerate(TOPICS):
        topic, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
        topics[slug] = topic
    return topics


@transaction.atomic
def load_questions_demo(lechan, *other_sites):
    """Topics, the "Hỏi đáp" pages of ``lechan`` and ``other_sites``, two questions."""
    topics = ensure_topics()
    for site in other_sites:
        ensure_index(site)
    index = ensure_index(lechan)
    if not Question.objects.filter(title=PUBLISHED_TITLE).exists():
        asked = timezone.now() - timedelta(days=20)
        question = Question.objects.create(
            site=lechan,
            topic=topics["ho-tich-chung-thuc"],
            name="Người hỏi mẫu",
            email="nguoihoi.mau@example.com",
            title=PUBLISHED_TITLE,
            text=PUBLISHED_QUESTION,
            department="Phòng Tư pháp quận (minh họa)",
            answer=PUBLISHED_ANSWER,
            submitted_at=asked,
            is_illustrative=True,
        )
        page = AnswerPage(
            title=PUBLISHED_TITLE,
            slug="minh-hoa-dang-ky-khai-sinh",
            topic=question.topic,
            question_text=PUBLISHED_QUESTION,
            answer=PUBLISHED_ANSWER,
            department=question.department,
            asked_on=timezone.localdate(asked),
            is_illustrative=True,
        )
        index.add_child(instance=page)
        question.answer_page = page
        question.status = Status.ANSWERED
        question.save()
        # The demo publishes directly; real answers go through the workflow.
        page.save_revision().publish()
    if not Question.objects.filter(title=PENDING_TITLE).exists():
        Question.objects.create(
            site=lechan,
            topic=topics["dat-dai-xay-dung"],
            name="Người hỏi mẫu",
            phone="0900000000",
            address="Quận Lê Chân (minh họa)",
            title=PENDING_TITLE,
            text=PENDING_QUESTION,
            is_illustrative=True,
        )
    return index
