"""When the transcript changes, the cached pages are stale.

Only an answered question is public, so a question arriving, approved or rejected
changes no page and purges nothing: during a live session hundreds arrive. An
answer given, corrected or taken back (or an answered question deleted) empties
the page cache, as any publish does (``pagecache.purge``).

Cost during a session: about one answer a minute empties the whole cache that
often; each page is rendered again once on its next visit (5 to 10 ms) and the
edge cache gets one prefix purge per site from a background task. Kept page parts
(article bodies, headers) are not dropped: the transcript is in none of them, so
the purge is the one a publish makes (``page_was_published``).
"""

from django.db.models.signals import post_delete, post_save

from congtin.pagecache import purge

from .models import DialogueQuestion


def transcript_changed() -> None:
    # The transcript lives in no kept page part (pagecache.fragments); like a
    # publish, every cached page is stale but not the parts of other pages.
    purge.page_was_published()


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.is_public or instance.was_public():
        transcript_changed()
    instance._loaded_status = instance.status


def _deleted(sender, instance, **kwargs):
    if instance.is_public:
        transcript_changed()


def connect() -> None:
    post_save.connect(
        _saved, sender=DialogueQuestion, dispatch_uid="congtin-dialogues-saved"
    )
    post_delete.connect(
        _deleted, sender=DialogueQuestion, dispatch_uid="congtin-dialogues-deleted"
    )
