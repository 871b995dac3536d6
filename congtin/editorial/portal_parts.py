"""What editorial adds: the administrators also manage people, sites and workflows."""

from congtin.portals.registry import PortalPart, register

register(
    PortalPart(
        "editorial",
        permissions={
            "admin": [
                "auth.add_user",
                "auth.change_user",
                "auth.delete_user",
                "auth.add_group",
                "auth.change_group",
                "wagtailcore.add_site",
                "wagtailcore.change_site",
                "wagtailcore.add_collection",
                "wagtailcore.change_collection",
                "wagtailcore.add_workflow",
                "wagtailcore.change_workflow",
                "wagtailcore.add_task",
                "wagtailcore.change_task",
                "wagtailredirects.add_redirect",
                "wagtailredirects.change_redirect",
                "wagtailredirects.delete_redirect",
            ]
        },
    )
)
