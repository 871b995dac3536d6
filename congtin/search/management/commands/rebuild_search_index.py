import os

from django.core.management.base import BaseCommand
from django.db import transaction

from congtin.search import index
from congtin.search.registry import sources

BATCH = 200


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm từ mọi nội dung đang xuất bản."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Không hiện thanh tiến độ."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Số tiến trình tách và chuẩn hóa từ (mặc định: 2, hoặc 1 nếu máy "
            "chỉ có một nhân).",
        )

    def handle(self, *args, no_progress=False, verbosity=1, jobs=1, **options):
        show = verbosity > 0 and not no_progress
        total_indexed = 0
        with transaction.atomic(), index.Indexer(max(1, jobs)) as indexer:
            index.clear()
            for source in sources():
                # Oldest first: the index's newest-first window follows entry order
                # (the Indexer keeps it).
                queryset = source.published().order_by(*source.rebuild_order)
                total = queryset.count()
                start = indexer.written
                batch = []
                for obj in (
                    queryset.specific() if hasattr(queryset, "specific") else queryset
                ):
                    batch.append(obj)
                    if len(batch) >= BATCH:
                        indexer.add(source.documents(batch))
                        batch = []
                        if show:
                            self._progress(source.label, indexer.written - start, total)
                indexer.add(source.documents(batch))
                # The next source's entries come after this one's.
                indexer.flush()
                if show:
                    self._progress(source.label, indexer.written - start, total)
                    self.stdout.write("")
            total_indexed = indexer.written
        index.refresh_statistics()
        if verbosity > 0:
            self.stdout.write(f"Đã lập chỉ mục {total_indexed} mục.")

    def _progress(self, label, done, total, width=30):
        filled = width * done // total if total else width
        percent = 100 * done // total if total else 100
        self.stdout.write(
            f"\r{label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({percent}%)",
            ending="",
        )
        self.stdout.flush()
