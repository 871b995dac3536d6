"""Delete contact details (and attachments) of questions closed long enough ago.

The period is ``settings.QUESTIONS_CONTACT_RETENTION_DAYS`` (default 365) counted
from the day the question was closed (published or declined). Run it daily.
"""

from django.core.management.base import BaseCommand

from congtin.questions.models import Question, Status, retention_cutoff


class Command(BaseCommand):
    help = (
        "Xóa thông tin liên hệ và tệp đính kèm của câu hỏi đã xử lý xong quá thời "
        "hạn lưu trữ (QUESTIONS_CONTACT_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ đếm, không xóa.",
        )

    def handle(self, *args, dry_run=False, **options):
        due = Question.objects.filter(
            status__in=[Status.PUBLISHED, Status.DECLINED],
            closed_at__lt=retention_cutoff(),
            contact_erased_at__isnull=True,
        )
        count = 0
        for question in due.iterator():
            if not dry_run:
                question.erase_contact()
            count += 1
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} thông tin liên hệ của {count} câu hỏi.")
