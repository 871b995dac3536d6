"""Demo polls: one open on the Hải Phòng home page, one closed with its results on
Lê Chân. Invented and marked "(Minh họa)"; loaded once: running the demo again
finds them by question and changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Poll, PollOption

MARK = "(Minh họa)"

CITY_QUESTION = f"Bạn đã từng nộp hồ sơ dịch vụ công trực tuyến chưa? {MARK}"
CITY_OPTIONS = [
    "Đã nộp, thủ tục thuận tiện",
    "Đã nộp, còn gặp khó khăn",
    "Chưa nộp, vẫn đến nộp trực tiếp",
    "Chưa biết có thể nộp trực tuyến",
]
LECHAN_QUESTION = (
    f"Bạn quan tâm nhất đến nội dung nào trên cổng thông tin của quận? {MARK}"
)
# Options and the votes the closed poll shows.
LECHAN_RESULTS = [
    ("Tin tức, sự kiện của quận", 182),
    ("Thủ tục hành chính", 241),
    ("Văn bản chỉ đạo, điều hành", 96),
    ("Lịch công tác của lãnh đạo", 37),
]


def _poll(site, question, options, **fields) -> tuple[Poll, bool]:
    existing = Poll.objects.filter(site=site, question=question).first()
    if existing is not None:
        return existing, False
    poll = Poll(site=site, question=question, **fields)
    for order, text in enumerate(options):
        poll.options.add(PollOption(text=text, sort_order=order))
    poll.save()
    return poll, True


@transaction.atomic
def load_polls_demo(city_site, lechan_site):
    now = timezone.now()
    city, _ = _poll(
        city_site,
        CITY_QUESTION,
        CITY_OPTIONS,
        intro="Cuộc thăm dò minh họa của dữ liệu mẫu: ý kiến của bạn giúp thành "
        "phố cải thiện dịch vụ công trực tuyến.",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=365),
        show_results=Poll.Results.AFTER_VOTE,
        on_home_page=True,
    )
    lechan, created = _poll(
        lechan_site,
        LECHAN_QUESTION,
        [text for text, _ in LECHAN_RESULTS],
        intro="Cuộc thăm dò minh họa đã kết thúc; số phiếu là số liệu mẫu.",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        show_results=Poll.Results.AFTER_CLOSE,
    )
    if created:
        # The tallies of the demo, written as votes are: by update, not by save.
        for option, (_, votes) in zip(
            lechan.options.order_by("sort_order"), LECHAN_RESULTS, strict=True
        ):
            PollOption.objects.filter(pk=option.pk).update(votes=F("votes") + votes)
        voters = sum(votes for _, votes in LECHAN_RESULTS)
        Poll.objects.filter(pk=lechan.pk).update(voters=voters)
    return city, lechan
