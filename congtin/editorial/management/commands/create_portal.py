import re

from django.core.management.base import BaseCommand, CommandError

from congtin.core.vietnamese import nfc
from congtin.editorial.setup import create_portal

HOSTNAME = re.compile(
    r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
)


class Command(BaseCommand):
    help = (
        "Tạo một cổng thành phần: Site, trang chủ, chuyên mục tin, thông tin cơ quan, "
        "bốn nhóm người dùng và quy trình duyệt tin. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", required=True, help='Tên cổng, ví dụ "Quận Lê Chân"'
        )
        parser.add_argument("--hostname", required=True, help="Tên miền của cổng")
        parser.add_argument(
            "--port", type=int, default=None, help="Cổng HTTP (mặc định 80)"
        )
        parser.add_argument(
            "--default", action="store_true", help="Cổng mặc định (cổng thành phố)"
        )
        parser.add_argument("--about", default="", help="Lời giới thiệu ngắn")

    def handle(self, *args, name, hostname, port, default, about, **options):
        name, hostname = nfc(name).strip(), hostname.strip().lower()
        if not name or not HOSTNAME.fullmatch(hostname):
            raise CommandError(
                "Cần --name và --hostname hợp lệ: tên miền chỉ gồm chữ không dấu, "
                "số, dấu chấm và gạch nối, ví dụ lechan.haiphong.gov.vn."
            )
        result = create_portal(
            name=name, hostname=hostname, port=port, is_default=default, about=about
        )
        self.stdout.write(
            f"Cổng “{name}”: {result.site.root_url}/ — nhóm "
            f"{result.groups.reporters.name}, {result.groups.editors.name}, "
            f"{result.groups.chiefs.name}; quy trình “{result.workflow.name}”."
        )
