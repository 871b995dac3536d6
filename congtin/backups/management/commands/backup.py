"""Write one archive of the installation: database, media, private files, manifest.

Run it as often as the data needs (docs/deployment.md, "Backup and restore"); the
portal keeps serving while it runs.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from congtin.backups.archive import BackupError
from congtin.backups.backup import default_path, make_backup
from congtin.core.vietnamese import format_file_size, format_number


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu, tệp media và tệp riêng tư vào một tệp .tar.gz có "
        "manifest.json (mã sha256 của từng tệp). Mặc định ghi vào BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Đường dẫn tệp sao lưu (mặc định: BACKUP_DIR/congtin-<ngày giờ>.tar.gz).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Cơ sở dữ liệu cần sao lưu (tên trong DATABASES).",
        )

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        path = output or default_path()
        try:
            manifest = make_backup(path, database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        members = manifest["members"]
        self.stdout.write(
            f"Đã sao lưu vào {path} ({format_file_size(path.stat().st_size)}): cơ sở dữ "
            f"liệu {manifest['database']['vendor']}, {format_number(len(members) - 1)} tệp."
        )
