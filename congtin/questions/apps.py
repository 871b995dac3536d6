from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "congtin.questions"
    label = "questions"
    verbose_name = "Hỏi đáp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from congtin.core.models import HomePage

        from . import permissions, signals
        from .models import AnswerPage

        # Editors may add a portal's "Hỏi đáp" page under its home page; the list
        # lives in core, extended here so core does not depend on this app.
        child = "questions.QuestionIndexPage"
        if child not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, child]

        # New portal groups get the questions permissions of their role, without
        # editorial/roles.py having to know this app.
        post_save.connect(
            permissions.grant_on_new_group,
            sender="editorial.PortalGroup",
            dispatch_uid="congtin-questions-grant",
        )
        page_published.connect(
            signals.answer_published, sender=AnswerPage, dispatch_uid="congtin-q-pub"
        )
        page_unpublished.connect(
            signals.answer_unpublished,
            sender=AnswerPage,
            dispatch_uid="congtin-q-unpub",
        )
