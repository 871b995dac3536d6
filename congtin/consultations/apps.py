from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "congtin.consultations"
    label = "consultations"
    verbose_name = "Lấy ý kiến dự thảo"

    def ready(self):
        from congtin.core.models import HomePage

        # A portal's "Lấy ý kiến dự thảo" section sits under its home page. The
        # home page's list of allowed children lives in core; extending it here
        # keeps core free of a dependency on this app.
        child = "consultations.DraftIndexPage"
        if child not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, child]
