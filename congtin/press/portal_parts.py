"""What press adds to a portal: the "Thông cáo báo chí" page type, and who may
keep the portal's spokespeople (chiefs and administrators; editors correct them).

Model permissions are global: congtin.portals.policy limits them to the user's
own portals. Press releases are pages: the portal's page permissions apply.
"""

from congtin.portals.registry import PortalPart, register

CHIEF = [
    "press.add_spokesperson",
    "press.change_spokesperson",
    "press.delete_spokesperson",
]

register(
    PortalPart(
        "press",
        home_children=["press.PressReleaseIndexPage"],
        permissions={
            "editor": ["press.change_spokesperson"],
            "chief": CHIEF,
            "admin": CHIEF,
        },
    )
)
