"""What consultations adds to a portal: its "Lấy ý kiến dự thảo" page under the home page."""

from congtin.portals.registry import PortalPart, register

register(PortalPart("consultations", home_children=["consultations.DraftIndexPage"]))
