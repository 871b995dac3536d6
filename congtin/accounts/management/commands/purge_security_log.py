"""Delete security log entries older than ``SECURITY_LOG_RETENTION_DAYS``.

The scheduler (``run_scheduler``) does it once a day; this command is for an
installation that runs it from cron instead, or to see what is due.
"""

from django.core.management.base import BaseCommand

from congtin.accounts import retention


class Command(BaseCommand):
    help = (
        "Xóa các mục nhật ký bảo mật quá thời hạn lưu giữ "
        "(SECURITY_LOG_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm, không xóa."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = retention.expired().count()
            self.stdout.write(f"Sẽ xóa {count} mục nhật ký bảo mật.")
        else:
            count = retention.purge()
            self.stdout.write(f"Đã xóa {count} mục nhật ký bảo mật.")
