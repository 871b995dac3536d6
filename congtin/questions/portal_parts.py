"""What questions adds to a portal: the "Hỏi đáp" page and the role permissions.

Reporters may read the queue of their portal; editors also assign, draft and
decline; chiefs and administrators also delete; administrators manage topics,
which every portal shares.
"""

from congtin.portals.registry import PortalPart, register

CHIEF = [
    "questions.view_question",
    "questions.change_question",
    "questions.delete_question",
]

register(
    PortalPart(
        "questions",
        home_children=["questions.QuestionIndexPage"],
        permissions={
            "reporter": ["questions.view_question"],
            "editor": ["questions.view_question", "questions.change_question"],
            "chief": CHIEF,
            "admin": [
                *CHIEF,
                "questions.add_topic",
                "questions.change_topic",
                "questions.delete_topic",
            ],
        },
    )
)
