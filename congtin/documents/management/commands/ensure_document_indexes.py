"""Give every portal its "Văn bản" page (run after create_portal)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from congtin.documents.setup import ensure_document_indexes


class Command(BaseCommand):
    help = "Tạo trang “Văn bản” cho mọi cổng chưa có (chạy lại không trùng lặp)."

    @transaction.atomic
    def handle(self, *args, **options):
        for index in ensure_document_indexes():
            self.stdout.write(f"{index.get_site().site_name}: {index.url_path}")
