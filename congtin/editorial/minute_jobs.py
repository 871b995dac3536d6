"""The Wagtail hook through which apps add work to every round of ``run_scheduler``.

Apart from ``scheduler.py`` so that an app registering a job (in its
``wagtail_hooks.py``, loaded by every web worker) does not load APScheduler too.
"""

EVERY_MINUTE = "congtin_every_minute"


def once_a_day(key: str, job):
    """Runs ``job`` at the first round of each local day, for the per-minute hooks
    that purge what is kept for a limited time; its result, else None. Marked done
    only once it returned, so a failing job is tried again the next minute; a
    restarted scheduler runs it again, which finds nothing left to do."""
    from django.core.cache import cache
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    if cache.get(key) == today:
        return None
    result = job()
    cache.set(key, today, 2 * 24 * 3600)
    return result
