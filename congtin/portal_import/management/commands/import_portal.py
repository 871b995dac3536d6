"""manage.py import_portal: bring an agency's previous portal's articles in.

See docs/import.md. Examples:

    manage.py import_portal --site lechan.localhost --feed tin-tuc.rss
    manage.py import_portal --site localhost --section 42 --wxr export.xml --publish
    manage.py import_portal --site localhost --html trang-luu/ \\
        --mapping haiphong.toml --dry-run
"""

from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from congtin.core.vietnamese import format_file_size
from congtin.news.models import NewsIndexPage
from congtin.portals.sites import short_name

from ...fetch import Fetched, Fetcher, FetchError, FetchFunction, no_fetch
from ...importer import CREATED, FAILED, SKIPPED, WOULD_CREATE, Importer, Report
from ...items import ItemError, SourceItem
from ...sources.feeds import read_feed
from ...sources.pages import (
    Mapping,
    MappingError,
    load_mapping,
    page_files,
    read_page,
    read_pages,
)
from ...sources.wxr import read_wxr

DEFAULT_SECTION_SLUG = "tin-tuc-su-kien"


def make_fetcher() -> FetchFunction:
    """What the command fetches with; tests replace it with local files."""
    return Fetcher().get


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ cổng thông tin cũ (RSS/Atom, bản xuất WordPress, trang "
        "HTML đã lưu) vào một cổng; chạy lại không nhập trùng."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--feed", help="Tệp hoặc địa chỉ nguồn tin RSS/Atom của cổng cũ."
        )
        source.add_argument("--wxr", help="Tệp xuất WordPress (WXR, .xml).")
        source.add_argument(
            "--html", help="Một trang HTML đã lưu, hoặc thư mục chứa các trang."
        )
        parser.add_argument(
            "--site",
            help="Tên máy (hostname) của cổng nhận bài; mặc định: cổng thành phố.",
        )
        parser.add_argument(
            "--section",
            help=(
                "Chuyên mục tin nhận bài: mã trang (ID) hoặc đường dẫn trong cổng "
                "(tin-tuc/tin-tuc-su-kien); mặc định “Tin tức - Sự kiện”."
            ),
        )
        parser.add_argument(
            "--mapping", help="Tệp ánh xạ (TOML) các bộ chọn CSS của trang bài cũ."
        )
        parser.add_argument(
            "--fetch-pages",
            action="store_true",
            help="Nguồn tin chỉ có tóm tắt: tải trang của từng bài, đọc bằng --mapping.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Địa chỉ gốc của các trang HTML đã lưu khi trang không tự ghi.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Đăng ngay (giữ thời gian đăng cũ); mặc định lưu bản nháp để duyệt.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chạy thử: đọc và báo cáo những gì sẽ tạo, không lưu gì.",
        )
        parser.add_argument(
            "--no-fetch",
            action="store_true",
            help="Không tải gì từ mạng (ảnh chỉ đọc từ đĩa).",
        )
        parser.add_argument(
            "--no-redirects",
            action="store_true",
            help="Không tạo chuyển hướng từ địa chỉ cũ.",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="Số bài tối đa đọc trong lần chạy (không quá PORTAL_IMPORT_MAX_ITEMS).",
        )

    def handle(self, *args, **options):
        site = self.site(options["site"])
        section = self.section(site, options["section"])
        max_items = settings.PORTAL_IMPORT_MAX_ITEMS
        if options["limit"] is not None:
            if options["limit"] < 1:
                raise CommandError("--limit phải là số dương.")
            max_items = min(max_items, options["limit"])
        fetch = no_fetch if options["no_fetch"] else make_fetcher()
        mapping = self.mapping(options["mapping"])
        image_root = None
        if options["feed"]:
            source, data = "feed", self.read_source(options["feed"], fetch)
            page_reader = None
            if options["fetch_pages"]:
                if mapping is None:
                    raise CommandError("--fetch-pages cần --mapping.")
                page_reader = partial(_read_item_page, fetch=fetch, mapping=mapping)
            items = _guarded(lambda: read_feed(data, max_items, page_reader))
        elif options["wxr"]:
            source, data = "wxr", self.read_source(options["wxr"], fetch)
            items = _guarded(lambda: read_wxr(data, max_items))
        else:
            if mapping is None:
                raise CommandError("--html cần --mapping (docs/import.md).")
            path = Path(options["html"])
            if not path.exists():
                raise CommandError(f"Không thấy {path}.")
            root = path if path.is_dir() else path.parent
            image_root = root
            source = "html"
            items = read_pages(
                page_files(path, max_items),
                path if path.is_dir() else path.parent,
                mapping,
                options["base_url"],
                settings.PORTAL_IMPORT_MAX_PAGE_BYTES,
            )
        importer = Importer(
            site,
            section,
            source=source,
            fetch=fetch,
            image_root=image_root,
            publish=options["publish"],
            dry_run=options["dry_run"],
            redirects=not options["no_redirects"],
            max_items=max_items,
        )
        report = importer.run(items)
        self.write_report(report, site, section, options)
        if report.nothing_read:
            raise CommandError("Không đọc được bài nào.")

    # --- arguments ----------------------------------------------------------------

    def site(self, hostname: str | None) -> Site:
        if not hostname:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError("Chưa có cổng mặc định; hãy ghi --site.")
            return site
        sites = list(Site.objects.filter(hostname=hostname))
        if not sites:
            known = ", ".join(Site.objects.values_list("hostname", flat=True))
            raise CommandError(f"Không có cổng “{hostname}”. Các cổng: {known}.")
        return sites[0]

    def section(self, site: Site, value: str | None) -> NewsIndexPage:
        sections = NewsIndexPage.objects.descendant_of(site.root_page)
        if not value:
            found = sections.filter(slug=DEFAULT_SECTION_SLUG).first()
            if found is None:
                raise CommandError(
                    "Cổng không có “Tin tức - Sự kiện”; hãy ghi --section."
                )
            return found
        if value.isdigit():
            found = sections.filter(pk=int(value)).first()
        else:
            path = site.root_page.url_path + value.strip("/") + "/"
            found = sections.filter(url_path=path).first()
        if found is None:
            raise CommandError(
                f"Cổng {short_name(site)} không có chuyên mục tin “{value}”."
            )
        return found

    def mapping(self, value: str | None) -> Mapping | None:
        if not value:
            return None
        try:
            return load_mapping(Path(value))
        except MappingError as exc:
            raise CommandError(f"Tệp ánh xạ: {exc}") from exc

    def read_source(self, value: str, fetch: FetchFunction) -> bytes:
        max_bytes = settings.PORTAL_IMPORT_MAX_FILE_BYTES
        if value.startswith(("http://", "https://")):
            try:
                return fetch(value, max_bytes).content
            except FetchError as exc:
                raise CommandError(f"Không tải được nguồn: {exc}") from exc
        path = Path(value)
        try:
            if path.stat().st_size > max_bytes:
                raise CommandError(
                    f"{path} lớn quá {format_file_size(max_bytes)} "
                    "(PORTAL_IMPORT_MAX_FILE_BYTES)."
                )
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"Không có tệp {path}.") from exc
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}.") from exc

    # --- report -------------------------------------------------------------------

    def write_report(self, report: Report, site, section, options) -> None:
        out = self.stdout.write
        mode = "đăng ngay" if options["publish"] else "bản nháp chờ duyệt"
        out(
            f"Nhập bài vào cổng {short_name(site)}, chuyên mục “{section.title}” "
            f"({mode})."
        )
        if options["dry_run"]:
            out("CHẠY THỬ: không lưu gì.")
        marks = {
            CREATED: "Đã tạo",
            WOULD_CREATE: "Sẽ tạo",
            SKIPPED: "Bỏ qua",
            FAILED: "Không đọc được",
        }
        for o in report.outcomes:
            line = f"- {marks[o.status]}: {o.label}"
            if o.status in (CREATED, WOULD_CREATE):
                line += f" — “{o.title}” → {o.section}"
                if o.page_id:
                    line += f" (trang {o.page_id})"
            else:
                line += f" — {o.reason}"
            out(line)
            for warning in o.warnings:
                out(f"    cảnh báo: {warning}")
        if report.stopped_at:
            out(
                f"Dừng ở {report.stopped_at} bài (--limit / PORTAL_IMPORT_MAX_ITEMS); "
                "chạy lại để nhập tiếp."
            )
        created = report.count(CREATED) + report.count(WOULD_CREATE)
        verb = "sẽ tạo" if options["dry_run"] else "đã tạo"
        out(
            f"Tổng: {verb} {created}, bỏ qua (đã nhập) {report.count(SKIPPED)}, "
            f"không đọc được {report.count(FAILED)}."
        )


def _read_item_page(item: SourceItem, *, fetch: FetchFunction, mapping: Mapping):
    """A feed item's page, read with the mapping; the feed's address stays the
    item's identity."""
    url = item.original_url
    try:
        page: Fetched = fetch(url, settings.PORTAL_IMPORT_MAX_PAGE_BYTES)
    except FetchError as exc:
        raise ItemError(str(exc)) from exc
    read_page(item, page.content, mapping, fallback_url=url, local_images=False)
    item.original_url = url
    item.label = url


def _guarded(make_items):
    """The reader's items; a file that cannot be read at all stops the command
    with the reason."""
    try:
        yield from make_items()
    except ItemError as exc:
        raise CommandError(f"Không đọc được nguồn: {exc}") from exc
