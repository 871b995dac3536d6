from datetime import timedelta
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from congtin.questions.models import Attachment, Question

from .conftest import pdf_bytes, shared_portals


@shared_portals
def test_contact_details_erased_after_retention_period(portals, settings):
    settings.QUESTIONS_CONTACT_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    fields = {
        "site": portals.lechan,
        "name": "Phạm Văn Cường",
        "email": "cuong@example.com",
        "phone": "0911111111",
        "address": "Lê Chân",
        "title": "Câu hỏi cũ",
        "text": "Nội dung",
    }
    due = Question.objects.create(status="published", closed_at=old, **fields)
    recent = Question.objects.create(
        status="declined", closed_at=timezone.now(), **fields
    )
    still_open = Question.objects.create(submitted_at=old, **fields)
    attachment = Attachment(question=due, original_name="a.pdf", kind="pdf", size=5)
    attachment.file.save("a.pdf", ContentFile(pdf_bytes()), save=True)
    path = attachment.file.path
    out = StringIO()
    call_command("erase_question_contacts", "--dry-run", stdout=out)
    assert "1 câu hỏi" in out.getvalue()
    assert Question.objects.get(pk=due.pk).email == "cuong@example.com"
    call_command("erase_question_contacts", stdout=StringIO())
    due.refresh_from_db()
    assert (due.name, due.email, due.phone, due.address) == ("(đã xóa)", "", "", "")
    assert due.contact_erased_at and due.title == "Câu hỏi cũ"
    assert not Attachment.objects.filter(question=due).exists()
    import os

    assert not os.path.exists(path)
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.email == "cuong@example.com"
