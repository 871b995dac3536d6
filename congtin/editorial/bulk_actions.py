"""Wagtail's bulk actions, limited to the objects the user may see.

Wagtail's bulk-action views (``/admin/bulk/<app>/<model>/<action>/``) load every id
of the query string (``BulkAction.get_queryset``, a plain ``pk__in`` lookup) and
list the objects the user may not act on, by title, under "you don't have
permission": any id typed into the address showed another portal's titles, tracking
codes and drafts. Every bulk action is re-registered here as Wagtail's own class
with that lookup narrowed to ``visible_to(user, model)``: an id outside the user's
portals is dropped as if it did not exist, and a request naming only such ids is
404, so nothing tells an outside object from a missing one.

Wagtail's bulk-action registry keeps the last class registered per model and
action, so these are registered after Wagtail's (``AFTER_WAGTAIL``).
``test_bulk_action_scope`` fails if an action registered later is not scoped.
"""

from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_list_or_404
from wagtail import hooks
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.models import Page, Site
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDelete

from congtin.portals.access import pages_q, portals_for

from .admin_forms import InvalidFormIs400

# Wagtail registers its bulk actions at the default order, 0.
AFTER_WAGTAIL = 100

MOVE_DESTINATION_REQUIRED = "Chọn trang đích trong các cổng bạn phụ trách."


def visible_to(user, model) -> QuerySet:
    """The objects of ``model`` that ``user`` may see in the admin.

    Pages: those inside the user's portals. Models with a portal permission policy
    (plans, figures, questions): that policy's ``limit``. Images and documents: the
    collections the user may change, delete from or choose from. Other models with
    a ``site`` foreign key: the user's portals' rows and the shared ones (no site).
    Anything else: all rows if the user holds any model permission on it, else none.
    """
    manager = model._default_manager
    if issubclass(model, Page):
        query = pages_q(user)
        return manager.all() if query is None else manager.filter(query)
    policy = policy_registry.get_by_type(model)
    if callable(getattr(policy, "limit", None)):
        return policy.limit(manager.all(), user)
    if isinstance(policy, CollectionPermissionLookupMixin):
        return policy.instances_user_has_any_permission_for(
            user, ["change", "delete", "choose"]
        )
    site_field = _site_field(model)
    if site_field is not None:
        sites = portals_for(user)
        if sites is None:
            return manager.all()
        query = Q(site__in=[site.pk for site in sites])
        if site_field.null:
            query |= Q(site__isnull=True)
        return manager.filter(query)
    return policy.instances_user_has_any_permission_for(
        user, ["view", "add", "change", "delete"]
    )


def _site_field(model):
    try:
        field = model._meta.get_field("site")
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "related_model", None) is Site else None


def valid_pks(model, object_ids) -> list:
    """The ids of ``object_ids`` that are well-formed primary keys of ``model``.

    A typed id such as "abc" or one beyond the column's range would otherwise reach
    the database and end as a server error instead of "not found".
    """
    field = model._meta.pk
    pks = []
    for value in object_ids:
        try:
            pk = field.to_python(value)
            field.run_validators(pk)
        except (ValidationError, TypeError, ValueError):
            continue
        pks.append(pk)
    return pks


class PortalScopedBulkAction:
    """Mixin, first in the bases of a Wagtail bulk action: only visible objects."""

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" sends the listing's parent (?childOf=, a page or collection
        # id, both integer keys); Wagtail looks it up unchecked.
        if parent_id is not None and not valid_pks(Page, [parent_id]):
            raise Http404
        try:
            return super().get_all_objects_in_listing_query(parent_id)
        except ObjectDoesNotExist as error:
            raise Http404 from error

    def get_queryset(self, model, object_ids):
        # Wagtail declares this a classmethod but only ever calls it on the view;
        # the request's user is what decides here.
        if not isinstance(object_ids, QuerySet):
            object_ids = valid_pks(model, object_ids)
        visible = visible_to(self.request.user, model)
        return get_list_or_404(visible, pk__in=object_ids)


def scoped(action_class):
    """Wagtail's ``action_class`` with the portal-scoped lookup in front."""
    return type(
        action_class.__name__,
        (PortalScopedBulkAction, action_class),
        {"__module__": __name__, "__doc__": action_class.__doc__},
    )


class MoveBulkAction(
    InvalidFormIs400, PortalScopedBulkAction, page_actions.MoveBulkAction
):
    """Moves only into pages of the user's portals.

    Wagtail's page chooser field takes any page id and, when the move is refused,
    names the chosen page ("cannot be moved to ..."); an id outside the user's
    portals is treated as no choice at all.
    """

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        data = kwargs.get("data")
        chosen = data.get("chooser") if data is not None else None
        if chosen:
            pks = valid_pks(Page, [chosen])
            if not visible_to(self.request.user, Page).filter(pk__in=pks).exists():
                data = data.copy()
                data["chooser"] = ""
                kwargs["data"] = data
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields["chooser"]
        field.queryset = visible_to(self.request.user, Page)
        field.error_messages["required"] = MOVE_DESTINATION_REQUIRED
        field.error_messages["invalid_choice"] = MOVE_DESTINATION_REQUIRED
        return form


# The user bulk actions are in user_admin.py, with the rules on superusers.
WAGTAIL_ACTIONS = [
    page_actions.DeleteBulkAction,
    page_actions.PublishBulkAction,
    page_actions.UnpublishBulkAction,
    SnippetDelete,
    image_actions.AddTagsBulkAction,
    image_actions.AddToCollectionBulkAction,
    image_actions.DeleteBulkAction,
    document_actions.AddTagsBulkAction,
    document_actions.AddToCollectionBulkAction,
    document_actions.DeleteBulkAction,
]

for _action in [*map(scoped, WAGTAIL_ACTIONS), MoveBulkAction]:
    hooks.register("register_bulk_action", _action, order=AFTER_WAGTAIL)
