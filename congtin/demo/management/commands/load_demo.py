"""Build the Hai Phong demo: the city portal, the Lê Chân portal, the seed article.

Running it again creates nothing new and changes no content.
"""

import io
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from congtin.banners.demo import load_banners_demo
from congtin.consultations.demo import load_consultations_demo
from congtin.contact.demo import load_contact_demo
from congtin.core.models import AgencySettings
from congtin.demo.agency import load_agency_demo
from congtin.demo.placeholders import (
    PLACEHOLDER_MARK,
    placeholder_banner,
    placeholder_emblem,
    placeholder_photo,
)
from congtin.demo.programmes import load_programmes_demo
from congtin.demo.second_factor import ensure_demo_devices
from congtin.demo.seed import parse_seed
from congtin.dialogues.demo import load_dialogues_demo
from congtin.disclosure.demo import publish_documents_on_their_issue_dates
from congtin.documents.demo import load_documents_demo
from congtin.editorial.roles import ADMIN_GROUP_NAME
from congtin.editorial.setup import create_portal
from congtin.media_library.demo import load_media_library_demo
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.opendata.demo import load_opendata_demo
from congtin.polls.demo import load_polls_demo
from congtin.portals.models import PortalGroup, Role
from congtin.portals.setup import ensure_child
from congtin.portals.sites import short_name
from congtin.press.demo import load_press_demo
from congtin.procedures.demo import load_procedures_demo
from congtin.questions.demo import load_questions_demo
from congtin.reader_comments.demo import load_reader_comments_demo
from congtin.schedule.demo import load_schedule_demo
from congtin.targets.demo import load_targets_demo
from congtin.visits.demo import load_visits_demo

# What each app adds to the demo, in the order it is loaded; tests may leave parts out.
PARTS = (
    "targets",
    "documents",
    "procedures",
    "consultations",
    "reader_comments",
    "questions",
    "agency",
    "schedule",
    "press",
    "polls",
    "contact",
    "media_library",
    "dialogues",
    "programmes",
    "disclosure",
    "opendata",
    "banners",
    "visits",
)
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "haiphong-demo-2022")
CITY_HOSTNAME = "localhost"
LECHAN_HOSTNAME = "lechan.localhost"

HAIPHONG_ABOUT = (
    "Hải Phòng là thành phố cảng, thành phố trực thuộc Trung ương, trung tâm kinh tế "
    "của vùng duyên hải Bắc Bộ."
)
LECHAN_NAME = "Quận Lê Chân"
LECHAN_ABOUT = "Quận Lê Chân là quận nội thành trung tâm của thành phố Hải Phòng."
# One demo account per role per portal; the README lists them.
DEMO_USERS = {
    "haiphong": "localhost",
    "lechan": "lechan.localhost",
}
ROLE_LOGINS = {
    Role.REPORTER: "phongvien",
    Role.EDITOR: "bientap",
    Role.CHIEF: "truongban",
}
LECHAN_AGENCY = {
    "agency_name": "Quận Lê Chân",
    "portal_name": "Cổng thông tin điện tử quận Lê Chân",
    "source_tag": "(Lechan.haiphong.gov.vn)",
    "managing_agency": "Văn phòng HĐND và UBND quận Lê Chân",
    "address": "Quận Lê Chân, Hải Phòng",
    # Decree 42 asks every portal for its contact details; the district's are
    # invented, and say so.
    "standing_body": "Văn phòng HĐND và UBND quận Lê Chân (Minh họa)",
    "standing_body_address": "Quận Lê Chân, Hải Phòng (Minh họa)",
    "phone": "0225.3857.240",
    "copyright_line": "Dữ liệu mẫu của cổng thành phần quận Lê Chân.",
}


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu Cổng thông tin điện tử thành phố Hải Phòng (chạy lại không trùng lặp)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", 8000)),
            help="Cổng HTTP mà các Site trỏ tới (mặc định 8000 hoặc biến PORT).",
        )
        parser.add_argument(
            "--without",
            nargs="*",
            choices=PARTS,
            default=[],
            help="Bỏ qua các phần dữ liệu mẫu này (dùng trong kiểm thử).",
        )

    @transaction.atomic
    def handle(self, *args, port, without=(), **options):
        seed = parse_seed()
        city = create_portal(
            name="Thành phố Hải Phòng",
            hostname=CITY_HOSTNAME,
            port=port,
            is_default=True,
            agency=self.city_agency(seed),
            about=HAIPHONG_ABOUT,
        )
        call_command(
            "create_portal",
            name=LECHAN_NAME,
            hostname=LECHAN_HOSTNAME,
            port=port,
            about=LECHAN_ABOUT,
            stdout=io.StringIO(),
        )
        lechan = Site.objects.get(hostname=LECHAN_HOSTNAME)
        self.fill_agency(lechan, LECHAN_AGENCY)
        events = NewsIndexPage.objects.child_of(city.news).get(slug="tin-tuc-su-kien")
        districts = ensure_child(
            events, NewsIndexPage, "quan-huyen", title="Quận, huyện", show_in_menus=True
        )
        ensure_child(
            events, NewsIndexPage, "thanh-pho", title="Thành phố", show_in_menus=True
        )
        self.ensure_emblem(city.site, lechan)
        article = self.ensure_seed_article(districts, seed)
        self.ensure_admin()
        self.ensure_role_users()
        ensure_demo_devices()
        parts = {
            "targets": lambda: load_targets_demo(lechan, seed, source_page=article),
            "documents": lambda: load_documents_demo(article),
            "procedures": load_procedures_demo,
            "consultations": lambda: load_consultations_demo(city.home),
            "reader_comments": lambda: load_reader_comments_demo(city.site, article),
            "questions": lambda: load_questions_demo(lechan, city.site),
            "agency": lambda: load_agency_demo(city.site, lechan),
            "schedule": lambda: load_schedule_demo(city.site, lechan),
            "press": lambda: load_press_demo(city.site, lechan),
            "polls": lambda: load_polls_demo(city.site, lechan),
            "contact": lambda: load_contact_demo(city.site, lechan),
            "media_library": lambda: load_media_library_demo(city.site, lechan),
            "dialogues": lambda: load_dialogues_demo(city.site, lechan),
            "programmes": lambda: load_programmes_demo(city.site, lechan),
            "disclosure": lambda: publish_documents_on_their_issue_dates(lechan),
            "opendata": lambda: load_opendata_demo(city.site, lechan),
            "banners": lambda: load_banners_demo(city.site, lechan, placeholder_banner),
            # After every part that adds pages: their views are invented too.
            "visits": lambda: load_visits_demo(city.site, lechan),
        }
        for name, load in parts.items():
            if name not in without:
                load()
        # The stored links carry the port, which may differ from the last run's.
        call_command("rebuild_search_index", no_progress=True, verbosity=0)
        self.stdout.write(
            f"Demo: {ArticlePage.objects.live().count()} bài viết đã xuất bản; "
            f"bài mẫu: {article.full_url}"
        )

    def fill_agency(self, site, values):
        """Fill the settings create_portal left at their defaults, once."""
        settings = AgencySettings.objects.get(site=site)
        if not settings.portal_name:
            for field, value in values.items():
                setattr(settings, field, value)
            settings.save()

    def ensure_role_users(self):
        for prefix, hostname in DEMO_USERS.items():
            for link in PortalGroup.objects.filter(site__hostname=hostname):
                username = f"{prefix}.{ROLE_LOGINS[link.role]}"
                self.ensure_user(
                    username,
                    f"{username}@{hostname}",
                    link.get_role_display(),
                    short_name(link.site),
                    link.group,
                )
        self.ensure_user(
            "quantri",
            "quantri@localhost",
            "Quản trị",
            "hệ thống",
            Group.objects.get(name=ADMIN_GROUP_NAME),
        )

    def ensure_user(self, username, email, first_name, last_name, group):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return
        user = User.objects.create_user(
            username,
            email,
            DEMO_ADMIN_PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(group)

    def city_agency(self, seed):
        return {
            "header_title": seed.header_title,
            "agency_name": seed.agency_name,
            "source_tag": seed.source_tag,
            "copyright_line": (
                "Ghi rõ nguồn “Cổng thông tin điện tử thành phố Hải Phòng” "
                "khi phát hành lại thông tin từ Cổng thông tin điện tử này."
            ),
            "public_services_url": "https://dichvucong.haiphong.gov.vn/",
            **seed.footer,
        }

    def demo_collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name="Ảnh minh họa (dữ liệu mẫu)").first()
        return existing or root.add_child(name="Ảnh minh họa (dữ liệu mẫu)")

    def ensure_image(self, title, content: bytes, filename):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(
                title=title,
                collection=self.demo_collection(),
                file=ImageFile(io.BytesIO(content), name=filename),
            )
            image.save()
            image.tags.add("ảnh minh họa")
        return image

    def ensure_emblem(self, *sites):
        emblem = self.ensure_image(
            f"[{PLACEHOLDER_MARK}] Biểu trưng thay cho Quốc huy",
            placeholder_emblem(),
            "bieu-trung-minh-hoa.png",
        )
        for site in sites:
            AgencySettings.objects.filter(site=site, emblem__isnull=True).update(
                emblem=emblem
            )

    def ensure_seed_article(self, section, seed):
        existing = ArticlePage.objects.filter(title=seed.title).first()
        if existing is not None:
            return existing
        body = []
        for number, (kind, text) in enumerate(seed.body, start=1):
            if kind == "paragraph":
                body.append(("paragraph", f"<p>{escape(text)}</p>"))
            else:
                image = self.ensure_image(
                    f"[{PLACEHOLDER_MARK}] {text}",
                    placeholder_photo(text),
                    f"hoi-nghi-quan-uy-le-chan-{number}.jpg",
                )
                body.append(
                    ("image", {"image": image, "caption": text, "alt_text": ""})
                )
        article = ArticlePage(
            title=seed.title,
            date=seed.date,
            lead=seed.lead,
            author=seed.author,
            body=body,
            search_description=seed.lead,
        )
        article.cover_image = next(
            (block[1]["image"] for block in body if block[0] == "image"), None
        )
        section.add_child(instance=article)
        article.tags.add("Lê Chân", "Chủ đề năm 2022", "Chỉ tiêu chủ yếu")
        revision = article.save_revision()
        revision.publish()
        return article

    def ensure_admin(self):
        User = get_user_model()
        if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            User.objects.create_superuser(
                DEMO_ADMIN_USERNAME,
                "admin@localhost",
                DEMO_ADMIN_PASSWORD,
                first_name="Quản trị",
                last_name="Demo",
            )
