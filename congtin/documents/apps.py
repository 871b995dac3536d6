from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "congtin.documents"
    label = "documents"
    verbose_name = "Văn bản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core.models import HomePage

        # The "Văn bản" page sits under a portal's home page (one per portal). The
        # home page's allowed children live in core; extending them here keeps core
        # free of a dependency on this app.
        child = "documents.DocumentIndexPage"
        if child not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, child]
