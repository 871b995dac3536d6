"""Mark schedule entries changed after the week was first published ("điều chỉnh").

On every publish the week's publications are replayed in order. An entry is matched
to the previous publication by its content (day, times, leaders, content, place,
preparation, attendance), not by row id, because rows added in the admin get their
ids only when published. An entry found unchanged keeps its earlier mark; a changed
or added one is marked with the time of the publication that changed it. Nothing is
marked on the first publication.
"""

from collections import defaultdict

from django.utils import timezone
from wagtail.models import PageLogEntry


def fingerprint(entry) -> tuple:
    return (
        entry.day.isoformat() if entry.day else "",
        entry.start_time.isoformat() if entry.start_time else "",
        entry.end_time.isoformat() if entry.end_time else "",
        *(
            " ".join((getattr(entry, name) or "").split())
            for name in ("leaders", "content", "place", "preparation", "participants")
        ),
    )


def carry(previous, fingerprints, when):
    """Marks for one publication given the previous one's pool of marks.

    ``previous`` maps fingerprint -> list of marks (None before any publication).
    Returns the marks in the order of ``fingerprints`` and the pool for the next.
    """
    marks = []
    pool = defaultdict(list)
    available = {key: list(values) for key, values in (previous or {}).items()}
    for key in fingerprints:
        if previous is None:
            mark = None
        elif available.get(key):
            mark = available[key].pop(0)
        else:
            mark = when
        marks.append(mark)
        pool[key].append(mark)
    return marks, pool


def mark_adjustments(sender, instance, revision=None, **kwargs):
    from .models import ScheduleEntry, WeekSchedulePage

    if not issubclass(sender, WeekSchedulePage):
        return
    logs = (
        PageLogEntry.objects.filter(
            page_id=instance.pk, action="wagtail.publish", revision__isnull=False
        )
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    if revision is not None:
        # Wagtail logs this publication only after the signal.
        logs = logs.exclude(revision_id=revision.pk)
    pool = None
    for log in logs:
        published = log.revision.as_object()
        _, pool = carry(
            pool, [fingerprint(e) for e in published.entries.all()], log.timestamp
        )
    entries = list(ScheduleEntry.objects.filter(page_id=instance.pk))
    marks, _ = carry(pool, [fingerprint(e) for e in entries], timezone.now())
    for entry, mark in zip(entries, marks, strict=True):
        if entry.adjusted_at != mark:
            ScheduleEntry.objects.filter(pk=entry.pk).update(adjusted_at=mark)
