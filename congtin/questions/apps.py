from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "congtin.questions"
    label = "questions"
    verbose_name = "Hỏi đáp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import signals
        from .models import AnswerPage

        page_published.connect(
            signals.answer_published, sender=AnswerPage, dispatch_uid="congtin-q-pub"
        )
        page_unpublished.connect(
            signals.answer_unpublished,
            sender=AnswerPage,
            dispatch_uid="congtin-q-unpub",
        )
