"""What schedule adds to a portal: its "Lịch công tác" page under the home page."""

from congtin.portals.registry import PortalPart, register

register(PortalPart("schedule", home_children=["schedule.ScheduleIndexPage"]))
