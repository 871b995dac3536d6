"""What procedures adds to a portal: its "Thủ tục hành chính" page under the home page."""

from congtin.portals.registry import PortalPart, register

register(PortalPart("procedures", home_children=["procedures.ProcedureIndexPage"]))
