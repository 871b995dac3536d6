"""Restore an archive written by ``backup`` into an empty installation.

Stop the web server, the scheduler and the task workers first (docs/deployment.md,
"Backup and restore").
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from congtin.backups.archive import BackupError
from congtin.backups.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một tệp sao lưu vào cài đặt trống: kiểm tra mọi mã sha256 trước, "
        "rồi ghi cơ sở dữ liệu, tệp media và tệp riêng tư, cuối cùng xóa bộ đệm."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp sao lưu (.tar.gz).")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Cơ sở dữ liệu đích (tên trong DATABASES).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Khôi phục cả khi cơ sở dữ liệu hoặc thư mục đích đã có dữ liệu: "
                "thay toàn bộ cơ sở dữ liệu, ghi đè tệp trùng tên."
            ),
        )

    def handle(self, *args, archive, database=DEFAULT_DB_ALIAS, force=False, **opts):
        try:
            restored = restore_backup(archive, database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        self.stdout.write(
            f"Đã khôi phục {archive} (tạo lúc {manifest['created']}, phiên bản "
            f"{manifest['project_version']}): cơ sở dữ liệu "
            f"{manifest['database']['vendor']}, {restored.files} tệp; bộ đệm đã xóa."
        )
        if restored.pending_migrations:
            self.stdout.write(
                f"Còn {len(restored.pending_migrations)} migration của phiên bản này "
                f"chưa chạy trên dữ liệu vừa khôi phục: chạy `manage.py migrate`."
            )
