"""What documents adds to a portal: its "Văn bản" page under the home page."""

from congtin.portals.registry import PortalPart, register

register(PortalPart("documents", home_children=["documents.DocumentIndexPage"]))
