"""Give every portal its "Thủ tục hành chính" page (run after create_portal)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from congtin.procedures.setup import ensure_procedure_indexes


class Command(BaseCommand):
    help = "Tạo trang “Thủ tục hành chính” cho mọi cổng chưa có (chạy lại không trùng lặp)."

    @transaction.atomic
    def handle(self, *args, **options):
        for index in ensure_procedure_indexes():
            self.stdout.write(f"{index.get_site().site_name}: {index.url_path}")
