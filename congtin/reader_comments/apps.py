from django.apps import AppConfig


class ReaderCommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "congtin.reader_comments"
    label = "reader_comments"
    verbose_name = "Ý kiến bạn đọc"

    def ready(self):
        from congtin.pagecache.purge import purge_on_change

        from .models import ReaderCommentSettings

        # The portal's switch decides whether its articles show comments.
        purge_on_change(ReaderCommentSettings)
