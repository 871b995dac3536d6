"""Move documents' files still in the public media storage into the private one.

Migration documents.0002 does this once at upgrade; run this again after putting
old files back into MEDIA_ROOT (a restore from an older backup, say).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from congtin.documents.files import document_storage
from congtin.documents.models import LegalDocumentFile
from congtin.documents.relocation import relocate_public_files

FOLDER = "van-ban"


class Command(BaseCommand):
    help = (
        "Chuyển tệp đính kèm văn bản còn nằm trong thư mục media công khai sang "
        "kho tệp riêng (chạy lại không trùng lặp)."
    )

    def handle(self, *args, **options):
        report = relocate_public_files(
            file_model=LegalDocumentFile,
            revision_model=Revision,
            content_type_model=ContentType,
            redirect_model=Redirect,
            public=default_storage,
            private=document_storage(),
            media_url=settings.MEDIA_URL,
        )
        self.stdout.write(
            f"Đã chuyển {len(report.moved)} tệp sang kho riêng, "
            f"tạo {report.redirects} chuyển hướng từ địa chỉ cũ."
        )
        for name in report.missing:
            self.stderr.write(f"Không tìm thấy tệp {name} ở kho nào.")
        try:
            _, left = default_storage.listdir(FOLDER)
        except (FileNotFoundError, NotADirectoryError):
            left = []
        if left:
            self.stderr.write(
                f"Còn {len(left)} tệp trong {FOLDER}/ của media công khai không "
                "thuộc văn bản nào (không tự xóa); máy chủ web không được phục vụ "
                f"thư mục này (docs/deployment.md)."
            )
