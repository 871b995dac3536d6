"""Demo: Lê Chân's legal documents went on the portal the day each was issued.

So the compliance report has something to show on the demo: on Lê Chân the
documents kind is overdue (the newest was issued in 2022), and kinds the district
has not published yet (drafts for comment, English pages...) are missing.
"""

from __future__ import annotations

from datetime import datetime, time

from django.apps import apps
from django.utils import timezone


def publish_documents_on_their_issue_dates(site) -> int:
    """Dates each live legal document of ``site``'s portal as published on its
    issue date (at 08:00); returns how many changed. Idempotent."""
    if not apps.is_installed("congtin.documents"):
        return 0
    LegalDocumentPage = apps.get_model("documents", "LegalDocumentPage")
    changed = 0
    pages = LegalDocumentPage.objects.live().descendant_of(site.root_page)
    for page in pages.only("pk", "issue_date", "last_published_at"):
        issued = timezone.make_aware(datetime.combine(page.issue_date, time(8)))
        if page.last_published_at and page.last_published_at <= issued:
            continue
        LegalDocumentPage.objects.filter(pk=page.pk).update(
            first_published_at=issued, last_published_at=issued
        )
        changed += 1
    return changed
