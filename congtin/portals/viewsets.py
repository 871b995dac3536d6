"""Admin snippet views of portal-scoped models, limited to the user's portals.

One base for every app whose snippets belong to a portal (targets' plans and
figures, press's spokespeople): the list shows only the user's portals, and every
single-object view answers 404 outside them (:func:`congtin.portals.policy.portal_guard`).
The model's :class:`~congtin.portals.policy.PortalPermissionPolicy` must be
registered with ``register_permission_policy`` before the viewset.
"""

from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from .policy import PortalPermissionPolicy, portal_guard


class PortalSnippetViewSet(SnippetViewSet):
    """Lists, forms and single-object views limited to the user's portals."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        return portal_guard(view, self.portal_policy)

    @property
    def portal_policy(self) -> PortalPermissionPolicy:
        return policy_registry.get_by_type(self.model)

    def get_queryset(self, request):
        return self.portal_policy.limit(self.list_queryset(), request.user)

    def list_queryset(self):
        return self.model._default_manager.all()
