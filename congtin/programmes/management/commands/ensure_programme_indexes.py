"""Give every portal its lists of projects, research and plans (after create_portal)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from congtin.programmes.setup import ensure_all_indexes


class Command(BaseCommand):
    help = (
        "Tạo các trang “Dự án, đầu tư, đấu thầu”, “Chương trình, đề tài khoa học”, "
        "“Chiến lược, quy hoạch, kế hoạch” cho mọi cổng chưa có (chạy lại không trùng "
        "lặp)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for index in ensure_all_indexes():
            self.stdout.write(f"{index.get_site().site_name}: {index.url_path}")
