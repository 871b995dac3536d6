from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "congtin.editorial"
    label = "editorial"
    verbose_name = "Biên tập"

    def ready(self):
        from congtin.pagecache.purge import purge_on_change

        from . import notifications, withdrawal
        from .models import Proposal, Withdrawal

        notifications.connect_signals()
        withdrawal.connect_signals()
        # A withdrawn page answers 410 or redirects to its replacement; a proposal
        # taken in shows a district's article on the city portal.
        purge_on_change(Withdrawal, Proposal)
