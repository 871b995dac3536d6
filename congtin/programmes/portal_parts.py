"""What programmes adds to a portal: its three lists under the home page.

Editors' rights come with the portal's page permissions on the home page; nothing
model-specific is granted here.
"""

from congtin.portals.registry import PortalPart, register

register(
    PortalPart(
        "programmes",
        home_children=[
            "programmes.ProjectIndexPage",
            "programmes.ResearchIndexPage",
            "programmes.PlanningIndexPage",
        ],
    )
)
