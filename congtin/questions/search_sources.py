"""Published answers in the portal search ("Hỏi đáp")."""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import AnswerPage


@register
class AnswerSource(PageSource):
    kind = "questions.answer"
    label = "Hỏi đáp"
    model = AnswerPage
    rebuild_order = ("first_published_at", "pk")

    def body(self, page) -> str:
        return lines(page.question_text, page.answer, page.department)
