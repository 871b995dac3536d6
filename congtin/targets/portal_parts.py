"""What targets adds to a portal: the role permissions on plans and figures.

The snippets keep revisions but have no draft state, so there is no publish
permission to give. Model permissions are global: congtin.portals.policy limits
them to the user's own portals.
"""

from congtin.portals.registry import PortalPart, register

CHIEF = [
    "targets.add_annualplan",
    "targets.change_annualplan",
    "targets.delete_annualplan",
    "targets.add_reportedfigure",
    "targets.change_reportedfigure",
    "targets.delete_reportedfigure",
]

register(
    PortalPart(
        "targets",
        permissions={
            "editor": [
                "targets.change_annualplan",
                "targets.add_reportedfigure",
                "targets.change_reportedfigure",
            ],
            "chief": CHIEF,
            "admin": CHIEF,
        },
    )
)
