"""What dialogues adds to a portal: the "Đối thoại trực tuyến" page type, and who
works the questions (reporters read, editors moderate and answer, chiefs and
administrators also delete).

Model permissions are global: congtin.portals.policy limits them to the user's own
portals. Dialogues themselves are pages: the portal's page permissions apply.
"""

from congtin.portals.registry import PortalPart, register

EDITOR = ["dialogues.view_dialoguequestion", "dialogues.change_dialoguequestion"]
CHIEF = [*EDITOR, "dialogues.delete_dialoguequestion"]

register(
    PortalPart(
        "dialogues",
        home_children=["dialogues.DialogueIndexPage"],
        permissions={
            "reporter": ["dialogues.view_dialoguequestion"],
            "editor": EDITOR,
            "chief": CHIEF,
            "admin": CHIEF,
        },
    )
)
