"""Delete the e-mails of reader comments once they are no longer needed.

A comment's e-mail is kept while staff may need to reach the reader: for
``READER_COMMENT_EMAIL_RETENTION_DAYS`` (default 365) days after it was sent. After
that it is emptied; the name and the comment stay (they may have been published).
The scheduler runs it at its first round of each day (``wagtail_hooks``); by hand
it is safe to repeat.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from congtin.reader_comments.models import ReaderComment


def purge(days: int | None = None, now=None, dry_run: bool = False) -> int:
    """Empty the e-mails of comments sent more than ``days`` ago; returns how many
    comments were (or, with ``dry_run``, would be) changed."""
    now = now or timezone.now()
    if days is None:
        days = int(settings.READER_COMMENT_EMAIL_RETENTION_DAYS)
    due = ReaderComment.objects.filter(
        created_at__lte=now - timedelta(days=days)
    ).exclude(email="")
    if dry_run:
        return due.count()
    return due.update(email="", email_purged_at=now)


class Command(BaseCommand):
    help = (
        "Xóa thư điện tử của người gửi ý kiến bạn đọc sau thời hạn lưu trữ "
        "(tính từ ngày gửi)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày lưu sau khi gửi (mặc định theo cài đặt "
            "READER_COMMENT_EMAIL_RETENTION_DAYS, 365).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm, không xóa."
        )

    def handle(self, *args, days, dry_run, **options):
        count = purge(days=days, dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} thư điện tử của {count} ý kiến bạn đọc.")
