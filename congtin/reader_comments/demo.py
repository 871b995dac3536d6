"""Demo data: reader comments turned on for the city portal, with comments on the
seed article (two approved, one waiting); the Lê Chân portal keeps them off.

The comments are invented and their names say so ("(Minh họa)"). Running again
creates nothing new and changes nothing, the portal's switch included.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ReaderComment, ReaderCommentSettings

ILLUSTRATIVE = "(Minh họa)"
COMMENTS = (
    (
        f"Phạm Văn Hùng {ILLUSTRATIVE}",
        "hung.pham@example.com",
        "Bài viết rất hữu ích. Đề nghị cổng đăng thêm lịch tiếp công dân của quận "
        "để người dân tiện theo dõi.",
        ReaderComment.Status.APPROVED,
        6,
    ),
    (
        f"Nguyễn Thị Lan {ILLUSTRATIVE}",
        "lan.nguyen@example.com",
        "Mong quận tiếp tục cải cách thủ tục hành chính,\ngiảm thời gian chờ đợi "
        "tại bộ phận một cửa.",
        ReaderComment.Status.APPROVED,
        3,
    ),
    (
        f"Đỗ Minh Quân {ILLUSTRATIVE}",
        "quan.do@example.com",
        "Xin hỏi kết quả này được tính đến hết năm nào?",
        ReaderComment.Status.PENDING,
        1,
    ),
)


@transaction.atomic
def load_reader_comments_demo(city_site, article):
    """Turn comments on for ``city_site`` and add the comments on ``article`` (a
    live article of that portal), once."""
    if ReaderComment.objects.filter(article=article).exists():
        return
    settings = ReaderCommentSettings.for_site(city_site)
    if not settings.enabled:
        settings.enabled = True
        settings.save()
    now = timezone.now().replace(second=0, microsecond=0)
    for name, email, text, status, age in COMMENTS:
        ReaderComment.objects.create(
            article=article,
            site=city_site,
            name=name,
            email=email,
            text=text,
            status=status,
            created_at=now - timedelta(days=age),
            moderated_at=None if status == ReaderComment.Status.PENDING else now,
        )
