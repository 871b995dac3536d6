"""Who may give which permissions: Wagtail's group admin with the escalations shut.

"Quản trị" (congtin.editorial.roles) may add and change groups, and Wagtail's group
form lets anyone who may do so tick any permission, on any page, collection or
site: a group with more than its author holds, given to an account they control.
Here a non-superuser

- may not open, change or delete the "Quản trị" group, nor a group that holds a
  permission they do not hold themselves (403, with the reason);
- may save a group only if every permission ticked is one they hold, by
  ``grants.Holdings`` (model permissions, page and collection permissions on that
  page or collection or one above it, site-setting permissions on that site);
  otherwise the form comes back with the permissions refused (400), nothing saved.

Superusers are not limited. A permission panel this module does not know (one
added later through ``register_group_permission_panel``) cannot be checked, so
only a superuser may save while it is there.

Named by the ``wagtailusers`` app config (``users_app.py``), Wagtail 8's way to
replace its group views.
"""

from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.forms.collections import BaseGroupCollectionMemberPermissionFormSet
from wagtail.contrib.settings.forms import SitePermissionForm
from wagtail.users.forms import BaseGroupPagePermissionFormSet
from wagtail.users.views import groups as group_views

from . import grants
from .admin_forms import InvalidFormIs400
from .roles import ADMIN_GROUP_NAME
from .user_admin import admin_groups

ADMIN_GROUP_REFUSED = (
    f"Chỉ tài khoản superuser mới được sửa hoặc xóa nhóm “{ADMIN_GROUP_NAME}”."
)
GROUP_BEYOND_REACH = (
    "Nhóm này có quyền mà bạn không có ({permissions}); chỉ tài khoản superuser "
    "hoặc người có đủ các quyền đó mới được sửa hoặc xóa nhóm."
)
GRANT_REFUSED = (
    "Bạn chỉ được cấp cho nhóm những quyền chính bạn đang có. "
    "Không cấp được: {permissions}."
)
PANEL_UNCHECKED = (
    "Không kiểm tra được các quyền trong mục {panels}; chỉ tài khoản superuser "
    "mới lưu được nhóm."
)


def out_of_reach(user, group: Group) -> str | None:
    """Why ``user`` may not change or delete ``group``, or None when they may."""
    if user.is_superuser:
        return None
    if admin_groups().filter(pk=group.pk).exists():
        return ADMIN_GROUP_REFUSED
    lacking = grants.Holdings(user).lacking(grants.grants_of([group])[group.pk])
    if lacking:
        return GROUP_BEYOND_REACH.format(permissions=grants.describe(lacking))
    return None


def ticked_grants(form, panels) -> tuple[set[grants.Grant], list[str]]:
    """What the posted group form and permission panels would give.

    Returns the grants and the names of panels whose grants cannot be read. The
    permissions Wagtail keeps without showing them (``GroupForm.save``) are left
    out: they are the group's own, already within reach.
    """
    ticked = {grants.model_grant(p) for p in form.cleaned_data["permissions"]}
    unknown = []
    for panel in panels:
        if isinstance(panel, BaseGroupPagePermissionFormSet):
            for row in _kept_rows(panel, "page"):
                ticked |= {
                    grants.page_grant(row["page"], permission)
                    for permission in row["permissions"]
                }
        elif isinstance(panel, BaseGroupCollectionMemberPermissionFormSet):
            for row in _kept_rows(panel, "collection"):
                ticked |= {
                    grants.collection_grant(row["collection"], permission)
                    for permission in row["permissions"]
                }
        elif isinstance(panel, SitePermissionForm):
            ticked |= {
                grants.site_grant(site, panel.permission)
                for site in panel.cleaned_data["sites"]
            }
        else:
            unknown.append(f"“{type(panel).__name__}”")
    return ticked, unknown


def _kept_rows(formset, key):
    # As Wagtail's formsets save them: rows not deleted that name their object.
    return [
        row.cleaned_data
        for row in formset.forms
        if row not in formset.deleted_forms and key in row.cleaned_data
    ]


class _GrantsCheckedMixin(InvalidFormIs400):
    """Refuses, as a form error, any permission the user does not hold."""

    def is_valid(self, form):
        if not super().is_valid(form):
            return False
        user = self.request.user
        if user.is_superuser:
            return True
        ticked, unknown = ticked_grants(form, self.permission_panel_forms)
        if unknown:
            form.add_error(None, PANEL_UNCHECKED.format(panels=", ".join(unknown)))
        lacking = grants.Holdings(user).lacking(ticked)
        if lacking:
            message = GRANT_REFUSED.format(permissions=grants.describe(lacking))
            form.add_error(None, message)
        if unknown or lacking:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return False
        return True


class _ReachGuardMixin:
    """Refuses to show, change or delete a group beyond the user's reach."""

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        reason = out_of_reach(self.request.user, self.get_object())
        if reason is None:
            return None
        return TemplateResponse(
            self.request,
            "editorial/refused.html",
            {
                "page_title": "Không thực hiện được",
                "message": reason,
                "back_url": reverse("wagtailusers_groups:index"),
            },
            status=403,
        )


class CreateView(_GrantsCheckedMixin, group_views.CreateView):
    pass


class EditView(_ReachGuardMixin, _GrantsCheckedMixin, group_views.EditView):
    pass


class DeleteView(_ReachGuardMixin, group_views.DeleteView):
    pass


class GroupViewSet(group_views.GroupViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
