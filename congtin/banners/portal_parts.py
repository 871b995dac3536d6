"""Who keeps a portal's banners and link blocks: chiefs and administrators add and
remove them, editors correct them. Model permissions are global:
congtin.portals.policy limits them to the user's own portals. The emergency alert
needs no model permission: ``alerts.may_raise`` decides."""

from congtin.portals.registry import PortalPart, register

ALL = [
    f"banners.{action}_{model}"
    for model in ("banner", "linkblock")
    for action in ("add", "change", "delete")
]

register(
    PortalPart(
        "banners",
        permissions={
            "editor": ["banners.change_banner", "banners.change_linkblock"],
            "chief": ALL,
            "admin": ALL,
        },
    )
)
