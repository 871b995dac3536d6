"""Keep a question's status in step with its answer page's publication."""

from django.utils import timezone

from .models import Question, Status


def answer_published(sender, instance, **kwargs):
    Question.objects.filter(answer_page_id=instance.pk).exclude(
        status=Status.PUBLISHED
    ).update(status=Status.PUBLISHED, closed_at=timezone.now())


def answer_unpublished(sender, instance, **kwargs):
    # Withdrawn from the public: back to "answered, under review", still closed-off
    # from the citizen's view of a published answer.
    Question.objects.filter(answer_page_id=instance.pk, status=Status.PUBLISHED).update(
        status=Status.ANSWERED, closed_at=None
    )
