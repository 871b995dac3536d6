"""Create a whole portal in one step: site, pages, settings, groups, collection, workflow."""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Collection, Workflow

from congtin.portals.setup import PortalSetup, ensure_portal

from .roles import PortalGroups, ensure_admin_group, ensure_portal_groups
from .workflow import ensure_portal_workflow


@dataclass
class EditorialPortal:
    portal: PortalSetup
    collection: Collection
    groups: PortalGroups
    workflow: Workflow

    @property
    def site(self):
        return self.portal.site

    @property
    def home(self):
        return self.portal.home

    @property
    def news(self):
        return self.portal.sections["tin-tuc"]


def ensure_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


@transaction.atomic
def create_portal(*, name: str, hostname: str, **portal_options) -> EditorialPortal:
    """Idempotent: running it again for the same portal changes nothing."""
    portal = ensure_portal(name=name, hostname=hostname, **portal_options)
    collection = ensure_collection(name)
    admins = ensure_admin_group()
    groups = ensure_portal_groups(name, portal.site, portal.home, collection)
    workflow = ensure_portal_workflow(name, portal.home, groups, admins)
    return EditorialPortal(portal, collection, groups, workflow)
