"""A document's status, computed from its dates on a given day; never stored.

- before its effective date (or, without one, its issue date): "Chưa có hiệu lực";
- from its expiry date on (the first day it no longer applies): "Hết hiệu lực";
- otherwise "Hết hiệu lực một phần" when an editor ticked ``partly_expired``
  (another document amended or repealed part of it; a relation alone does not say
  which part, so the flag is the editor's decision), else "Còn hiệu lực".

``status_on`` (one document) and ``annotate_status`` (a queryset, for filters and
facet counts) implement the same rules.
"""

from datetime import date

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .vocab import Status


def today() -> date:
    """Today in Vietnam (TIME_ZONE is Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


def status_on(document, day: date | None = None) -> Status:
    day = day or today()
    starts = document.effective_date or document.issue_date
    if starts and day < starts:
        return Status.NOT_YET
    if document.expiry_date and day >= document.expiry_date:
        return Status.EXPIRED
    if document.partly_expired:
        return Status.PARTLY_EXPIRED
    return Status.IN_FORCE


def status_expression(day: date | None = None):
    day = day or today()
    return Case(
        When(
            Q(starts__gt=day),
            then=Value(Status.NOT_YET.value),
        ),
        When(expiry_date__lte=day, then=Value(Status.EXPIRED.value)),
        When(partly_expired=True, then=Value(Status.PARTLY_EXPIRED.value)),
        default=Value(Status.IN_FORCE.value),
        output_field=CharField(),
    )


def annotate_status(queryset, day: date | None = None):
    return queryset.annotate(starts=Coalesce("effective_date", "issue_date")).annotate(
        status_code=status_expression(day)
    )
