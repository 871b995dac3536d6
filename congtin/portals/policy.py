"""Who may touch portal-scoped objects: model permissions, limited to own portals.

Django model permissions are global, so a Lê Chân editor holding
``targets.change_annualplan`` could otherwise edit the city's plan. The policy below
keeps the model permission check and adds the portal check from
:func:`congtin.portals.access.portal_ids_for`.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

from .access import portal_ids_for


def site_ids_of(user) -> set[int] | None:
    """Primary keys of ``user``'s portals; None means every portal."""
    ids = portal_ids_for(user)
    return None if ids is None else set(ids)


class PortalPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and only on instances of the user's own portals.

    ``site_field`` is the lookup from the model to its portal's ``Site``.
    """

    def __init__(self, model, site_field: str):
        super().__init__(model)
        self.site_field = site_field

    def site_id_of(self, instance) -> int | None:
        value = instance
        for part in self.site_field.split("__"):
            # An unsaved object without its parent has no portal yet.
            value = getattr(value, f"{part}_id" if part == "site" else part, None)
            if value is None:
                return None
        return value

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        sites = site_ids_of(user)
        return sites is None or self.site_id_of(instance) in sites

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return self.limit(queryset, user)

    def limit(self, queryset, user):
        sites = site_ids_of(user)
        if sites is None:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": sites})


def portal_guard(view, policy: PortalPermissionPolicy):
    """Answer 404 for any admin view of one object outside the user's portals.

    Wagtail's edit, delete, history, revision, usage and copy views check model
    permissions only; wrapping every view built by the viewset closes them all at
    once, including views a later Wagtail adds, instead of patching each class.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and site_ids_of(request.user) is not None:
            queryset = policy.limit(policy.model._default_manager.all(), request.user)
            try:
                allowed = queryset.filter(pk=unquote(str(pk))).exists()
            except (ValueError, ValidationError):
                allowed = False
            if not allowed:
                raise Http404
        return view(request, *args, **kwargs)

    return guarded
