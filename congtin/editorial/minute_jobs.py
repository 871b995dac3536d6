"""The Wagtail hook through which apps add work to every round of ``run_scheduler``.

Apart from ``scheduler.py`` so that an app registering a job (in its
``wagtail_hooks.py``, loaded by every web worker) does not load APScheduler too.
"""

EVERY_MINUTE = "congtin_every_minute"
