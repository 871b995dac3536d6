"""Grow the demo to load-test size: many component portals, many live articles.

Run on a database where ``load_demo`` has run::

    manage.py load_bulk_demo --articles 100000 --portals 200

Portals are made by ``create_portal`` (site, home page, sections, agency settings,
collection, role groups, workflow). Articles go into the portals' "Tin tức - Sự
kiện" sections and into the demo's "Quận, huyện", "Thành phố" (city) and Lê Chân
sections (``--demo-share`` of them), written in bulk (congtin/demo/bulk.py). Each
step prints its time and row counts; at the end the whole page tree is checked and
a portal's home page, a section listing and an article are fetched.

Running it again, once the first generated portal exists, changes nothing.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from congtin.core import chrome
from congtin.demo.bulk import (
    ArticleRows,
    Section,
    add_children_counts,
    clone_portals,
    reserve_page_ids,
    spread,
    tree_problems,
)
from congtin.demo.bulk_text import (
    CITY_SUBJECTS,
    DISTRICT_SUBJECTS,
    MAX_PORTALS,
    portal_names,
    portal_subjects,
)
from congtin.editorial.setup import create_portal
from congtin.news.models import ArticlePage, ArticleTag, NewsIndexPage
from congtin.pagecache.purge import public_content_changed
from congtin.portals import wagtail_compat
from congtin.portals.sites import SITE_NAME_PREFIX

from .load_demo import CITY_HOSTNAME, LECHAN_HOSTNAME, LECHAN_NAME

NEWS_SLUG, EVENTS_SLUG = "tin-tuc", "tin-tuc-su-kien"


class Command(BaseCommand):
    help = (
        "Thêm dữ liệu lớn vào bản demo để đo tải: nhiều cổng thành phần và nhiều bài "
        "viết đã xuất bản (chạy sau load_demo; chạy lại không thêm gì)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=100_000, help="Số bài viết (100000)."
        )
        parser.add_argument(
            "--portals", type=int, default=200, help="Số cổng thành phần (200)."
        )
        parser.add_argument(
            "--demo-share",
            type=float,
            default=0.15,
            help="Phần bài viết vào các chuyên mục của bản demo (0.15).",
        )
        parser.add_argument(
            "--years",
            type=float,
            default=8,
            help="Ngày đăng rải đều trong bấy nhiêu năm gần đây (8).",
        )
        parser.add_argument(
            "--seed", type=int, default=2022, help="Hạt giống ngẫu nhiên."
        )
        parser.add_argument(
            "--full-portals",
            action="store_true",
            help=(
                "Tạo từng cổng bằng create_portal (có nhóm người dùng, quy trình "
                "duyệt; khoảng 1 giây mỗi cổng). Mặc định chỉ cổng đầu tiên, các "
                "cổng khác được sao từ nó."
            ),
        )
        parser.add_argument(
            "--no-check",
            action="store_true",
            help="Bỏ qua bước kiểm tra cây trang và tải thử các trang.",
        )

    def handle(
        self,
        *args,
        articles,
        portals,
        demo_share,
        years,
        seed,
        full_portals=False,
        no_check=False,
        **options,
    ):
        if articles < 0 or portals < 0 or not 0 <= demo_share <= 1 or years <= 0:
            raise CommandError(
                "Tham số không hợp lệ: --articles, --portals không âm; --demo-share "
                "từ 0 đến 1; --years lớn hơn 0."
            )
        if portals > MAX_PORTALS:
            raise CommandError(
                f"Tối đa {MAX_PORTALS} cổng thành phần (số tên sinh ra được); "
                "hãy giảm --portals."
            )
        names = portal_names(portals, seed)
        self.started = self.last = time.perf_counter()
        self.cpu, self.db_cpu = time.process_time(), _db_cpu()
        if names and Site.objects.filter(hostname=names[0][1]).exists():
            self.stdout.write(
                f"Đã có dữ liệu lớn (cổng “{names[0][0]}” đã tồn tại): không thêm gì."
            )
            return
        with transaction.atomic():
            demo_sections = self.demo_sections()
            city = Site.objects.get(hostname=CITY_HOSTNAME)
            sections = self.make_portals(names, city.port, full_portals)
            self.plan(demo_sections, sections, articles, demo_share)
            everything = demo_sections + sections
            rows = ArticleRows(seed=seed, now=timezone.now(), years=years)
            rows.build_and_write(everything, reserve_page_ids(articles))
            add_children_counts(everything)
            self.step(
                f"soạn và ghi {articles} bài viết (ghi mất {rows.write_seconds:.1f} s): "
                + ", ".join(f"{table} {n}" for table, n in rows.written.items())
            )
            if connection.vendor == "postgresql":
                tables = [Page, ArticlePage, ArticleTag]
                with connection.cursor() as cursor:
                    cursor.execute(
                        "ANALYZE "
                        + ", ".join(
                            connection.ops.quote_name(m._meta.db_table) for m in tables
                        )
                    )
                self.step("ANALYZE (thống kê cho bộ lập kế hoạch truy vấn)")
            if not no_check:
                self.check_tree(sections)
        # PostgreSQL checks the deferred foreign keys of every row written here.
        self.step("COMMIT (kiểm tra khóa ngoại của các dòng mới)")
        # After the commit, so no process caches the pages, sites or site root paths
        # without the new portals and articles.
        Site.clear_site_root_paths_cache()
        wagtail_compat.invalidate()
        chrome.invalidate()
        public_content_changed()
        if not no_check:
            self.check_pages(sections + demo_sections, city)
        total = time.perf_counter() - self.started
        self.stdout.write(
            f"Xong trong {total:.1f} s: {Site.objects.count()} cổng, "
            f"{ArticlePage.objects.live().count()} bài viết đã xuất bản, "
            f"{Page.objects.count()} trang. Không cập nhật chỉ mục tìm kiếm và chỉ "
            "mục tham chiếu của Wagtail cho các bài này (các trang không cần); "
            "chạy rebuild_search_index nếu cần tìm thấy chúng."
        )

    def step(self, what: str) -> None:
        """Print ``what`` was done, with the time it took: wall clock, then CPU of
        this process and of its database server process (PostgreSQL on this
        machine), which a busy machine does not inflate."""
        now, cpu, db_cpu = time.perf_counter(), time.process_time(), _db_cpu()
        used = f"{now - self.last:6.1f} s"
        if cpu is not None:
            used += f", CPU {cpu - self.cpu:5.1f} s"
        if db_cpu is not None and self.db_cpu is not None:
            used += f" + CSDL {db_cpu - self.db_cpu:5.1f} s"
        self.stdout.write(f"[{used}] {what}")
        self.last, self.cpu, self.db_cpu = now, cpu, db_cpu

    def demo_sections(self) -> list[Section]:
        """The demo sections that get articles; a CommandError without the demo."""
        try:
            city = Site.objects.get(hostname=CITY_HOSTNAME).root_page
            lechan = Site.objects.get(hostname=LECHAN_HOSTNAME).root_page
            events = self.events_section(city)
            districts = NewsIndexPage.objects.child_of(events).get(slug="quan-huyen")
            city_news = NewsIndexPage.objects.child_of(events).get(slug="thanh-pho")
            lechan_events = self.events_section(lechan)
        except (Site.DoesNotExist, NewsIndexPage.DoesNotExist):
            raise CommandError(
                "Chưa có dữ liệu mẫu (cổng Hải Phòng, Lê Chân và các chuyên mục tin): "
                "hãy chạy “manage.py load_demo” trước."
            ) from None
        return [
            Section(districts, DISTRICT_SUBJECTS),
            Section(city_news, CITY_SUBJECTS),
            Section(lechan_events, (LECHAN_NAME, "UBND quận Lê Chân")),
        ]

    def events_section(self, home) -> NewsIndexPage:
        news = NewsIndexPage.objects.child_of(home).get(slug=NEWS_SLUG)
        return NewsIndexPage.objects.child_of(news).get(slug=EVENTS_SLUG)

    def make_portals(self, names, port, full: bool) -> list[Section]:
        """The first portal by ``create_portal``; the others its copies, or with
        ``full`` each by ``create_portal`` too."""
        if not names:
            return []
        first_name = names[0][0]
        for number, (name, hostname) in enumerate(names, start=1):
            create_portal(
                name=name,
                hostname=hostname,
                port=port,
                about=f"{name} là đơn vị hành chính thuộc thành phố Hải Phòng.",
                agency={
                    "agency_name": name,
                    "portal_name": f"{SITE_NAME_PREFIX}{name}",
                    "managing_agency": f"UBND {name}",
                },
            )
            if not full:
                break
            if number % 50 == 0 and number < len(names):
                self.step(f"… {number} cổng")
        if full:
            self.step(f"tạo {len(names)} cổng thành phần (create_portal)")
        else:
            self.step(f"tạo cổng mẫu “{first_name}” (create_portal)")
            template = Site.objects.get(hostname=names[0][1])
            clone_portals(template, first_name, names[1:])
            self.step(
                f"sao {len(names) - 1} cổng từ cổng mẫu (Site, trang chủ, chuyên "
                "mục, thông tin cơ quan)"
            )
        url_paths = {
            f"/{hostname.split('.')[0]}/{NEWS_SLUG}/{EVENTS_SLUG}/": name
            for name, hostname in names
        }
        found = {
            page.url_path: page
            for page in NewsIndexPage.objects.filter(url_path__in=url_paths)
        }
        return [
            Section(found[url_path], portal_subjects(name))
            for url_path, name in url_paths.items()
        ]

    def plan(self, demo_sections, sections, articles, demo_share) -> None:
        in_demo = round(articles * demo_share) if sections else articles
        for section, count in zip(
            demo_sections, spread(in_demo, len(demo_sections)), strict=True
        ):
            section.count = count
        for section, count in zip(
            sections, spread(articles - in_demo, len(sections)), strict=True
        ):
            section.count = count

    def check_tree(self, portal_sections) -> None:
        problems = {name: n for name, n in tree_problems().items() if n}
        # treebeard's own check makes two queries per page: one generated portal's
        # tree only (the demo's sections are far bigger).
        sample = None
        if portal_sections:
            sample = portal_sections[0].page.get_parent().get_parent()
            found = Page.find_problems(parent=sample)
            if any(found):
                problems["treebeard find_problems"] = sum(len(ids) for ids in found)
        if problems:
            raise CommandError(
                "Cây trang sai sau khi ghi (đã hoàn tác toàn bộ): "
                + ", ".join(f"{name}: {n}" for name, n in problems.items())
            )
        sampled = f"; find_problems trên “{sample.title}”" if sample else ""
        self.step(
            f"kiểm tra cây trang: không lỗi ({Page.objects.count()} trang{sampled})"
        )

    def check_pages(self, sections: list[Section], city: Site) -> None:
        """Fetch a portal home, a section listing (first and second page) and the
        newest article through the whole stack; each must answer 200. Without any
        article written, the city's home page only."""
        section = next((s for s in sections if s.newest), None)
        portal = section.page.get_site() if section else city
        pages: list[tuple[str, str, str | None]] = [("trang chủ cổng", "/", None)]
        if section is not None and section.newest is not None:
            title, url_path = section.newest
            root_path = portal.root_page.url_path
            article_path = "/" + url_path.removeprefix(root_path)
            section_path = "/" + section.page.url_path.removeprefix(root_path)
            pages = [
                ("trang chủ cổng", "/", title),
                ("chuyên mục", section_path, title),
                ("chuyên mục, trang 2", section_path + "?trang=2", None),
                ("bài mới nhất", article_path, title),
            ]
        hosts = [portal.hostname, city.hostname]
        client = Client(
            HTTP_HOST=f"{portal.hostname}:{portal.port}", raise_request_exception=False
        )
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, *hosts]):
            for label, path, expected in pages:
                response = client.get(path)
                body = response.content.decode()
                if response.status_code != 200 or (
                    expected and escape(expected) not in body
                ):
                    raise CommandError(
                        f"Trang {label} {portal.hostname}{path} trả về "
                        f"{response.status_code}"
                        + (
                            " nhưng thiếu bài mới nhất"
                            if response.status_code == 200
                            else ""
                        )
                    )
        self.step(
            f"tải thử {len(pages)} trang của {portal.hostname}: 200 "
            f"({', '.join(path for _, path, _ in pages)})"
        )


def _db_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL server process, when
    it runs on this machine and its /proc entry is readable; else None."""
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
