"""What contact adds to a portal: the contact form page and who may work it.

Reporters read the portal's messages; editors also mark them handled; chiefs
and administrators also delete messages and keep the list of departments that
receive them. Model permissions are global: congtin.portals.policy limits them
to the user's own portals.
"""

from congtin.portals.registry import PortalPart, register

MESSAGES_VIEW = ["contact.view_contactmessage"]
MESSAGES_CHANGE = [*MESSAGES_VIEW, "contact.change_contactmessage"]
CHIEF = [
    *MESSAGES_CHANGE,
    "contact.delete_contactmessage",
    "contact.add_contactrecipient",
    "contact.change_contactrecipient",
    "contact.delete_contactrecipient",
]

register(
    PortalPart(
        "contact",
        home_children=["contact.ContactFormPage"],
        permissions={
            "reporter": MESSAGES_VIEW,
            "editor": MESSAGES_CHANGE,
            "chief": CHIEF,
            "admin": CHIEF,
        },
    )
)
