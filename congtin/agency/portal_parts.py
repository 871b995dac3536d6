"""What agency adds to a portal: the agency's own pages under the home page."""

from congtin.portals.registry import PortalPart, register

register(
    PortalPart(
        "agency",
        home_children=[
            "agency.OrganisationPage",
            "agency.LeadersPage",
            "agency.ContactPage",
            "agency.PublicServicesPage",
        ],
    )
)
