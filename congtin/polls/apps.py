from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "congtin.polls"
    label = "polls"
    verbose_name = "Thăm dò ý kiến"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core import chrome

        from .models import Poll, PollOption

        # The home page keeps its poll with the page chrome, and articles keep
        # theirs inside the article's kept body: an editor's change shows at once.
        # Votes are counted with .update(), which sends no signal: a vote must
        # never empty the page cache.
        chrome.invalidate_on_change(Poll, PollOption)
