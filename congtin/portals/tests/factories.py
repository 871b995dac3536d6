"""Portals as their real set-up makes them, and their staff.

A portal is not one model but a site, a home page, sections, role groups, a
collection and a workflow; these factories call the set-up functions the demo and
``manage.py create_portal`` use rather than copy them.
"""

import factory
from django.contrib.auth import get_user_model

from congtin.editorial.setup import EditorialPortal, create_portal
from congtin.portals.setup import PortalSetup, ensure_portal


class PortalFactory(factory.Factory):
    """A bare portal (``ensure_portal``): site, home page and the apps' sections,
    without groups or workflow. Returns a ``PortalSetup``."""

    class Meta:
        model = PortalSetup

    name = factory.Sequence(lambda n: f"Quận Thử {n}")
    hostname = factory.Sequence(lambda n: f"quanthu{n}.localhost")
    port = 80

    @classmethod
    def _create(cls, model_class, **kwargs):
        return ensure_portal(**kwargs)


class EditorialPortalFactory(PortalFactory):
    """A portal as ``create_portal`` makes it: also its collection, role groups
    (``groups.reporters``, ``.editors``, ``.chiefs``) and workflow. Returns an
    ``EditorialPortal``."""

    class Meta:
        model = EditorialPortal

    @classmethod
    def _create(cls, model_class, **kwargs):
        return create_portal(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member; ``groups=[...]`` puts them in a portal's role groups. The
    password is "x"."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nhanvien{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("x")

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        if create and groups:
            self.groups.add(*groups)
