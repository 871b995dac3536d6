"""Polls built directly, without the demo."""

from datetime import timedelta

from django.utils import timezone

from congtin.polls.models import Poll, PollOption


def make_poll(site, options=("Có", "Không", "Chưa rõ"), **fields) -> Poll:
    """A live poll of ``site``, open since yesterday for a week, unless told."""
    now = timezone.now()
    values = {
        "question": "Bạn thấy cổng thông tin có dễ dùng không?",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=7),
        **fields,
    }
    poll = Poll(site=site, **values)
    for order, text in enumerate(options):
        poll.options.add(PollOption(text=text, sort_order=order))
    poll.save()
    return poll
