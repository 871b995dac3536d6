"""What polls add to a portal: who may keep its polls (editors and chiefs write
and change them, chiefs and administrators also delete them).

Model permissions are global: congtin.portals.policy limits them to the user's
own portals.
"""

from congtin.portals.registry import PortalPart, register

EDITOR = ["polls.add_poll", "polls.change_poll"]
CHIEF = [*EDITOR, "polls.delete_poll"]

register(
    PortalPart(
        "polls",
        permissions={"editor": EDITOR, "chief": CHIEF, "admin": CHIEF},
    )
)
