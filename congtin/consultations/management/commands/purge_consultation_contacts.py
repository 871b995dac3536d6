"""Delete the contact details of comments on drafts once they are no longer needed.

A comment's email or phone is kept while staff may need to reach the citizen: until
``CONSULTATION_CONTACT_RETENTION_DAYS`` (default 365) days after the draft's comment
period closed. After that the contact is emptied; the name and the comment stay
(they may have been published). Run daily (cron / systemd timer); safe to repeat.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from congtin.consultations.models import DraftComment


def retention_days() -> int:
    return int(settings.CONSULTATION_CONTACT_RETENTION_DAYS)


def purge(days: int | None = None, now=None, dry_run: bool = False) -> int:
    """Empty the contacts of comments on drafts closed more than ``days`` ago;
    returns how many comments were (or, with ``dry_run``, would be) changed."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    due = DraftComment.objects.filter(
        draft__closes_at__lte=now - timedelta(days=days)
    ).exclude(contact="")
    if dry_run:
        return due.count()
    return due.update(contact="", contact_purged_at=now)


class Command(BaseCommand):
    help = (
        "Xóa thông tin liên hệ (thư điện tử, điện thoại) của người góp ý dự thảo "
        "sau thời hạn lưu trữ (tính từ ngày kết thúc lấy ý kiến)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày lưu sau khi kết thúc lấy ý kiến (mặc định theo cài đặt "
            "CONSULTATION_CONTACT_RETENTION_DAYS, 365).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm, không xóa."
        )

    def handle(self, *args, days, dry_run, **options):
        count = purge(days=days, dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} thông tin liên hệ của {count} ý kiến góp ý dự thảo.")
