"""Who may make whom an administrator: Wagtail's user admin with the escalations shut.

"Quản trị" (congtin.editorial.roles) manages users, and Wagtail's user forms let
anyone who may add or change users tick "superuser" and any group. Here only a
superuser may grant or revoke superuser status or the "Quản trị" group, change or
delete a superuser's account (password included), and nobody but a superuser
changes their own groups. Nor may anyone else put people in, or take them out of,
a group holding a permission they do not hold themselves (``grantable_groups``,
by ``grants.Holdings``, the rule of the group admin too). The same rules hold in
the user bulk actions (assign role, set active state, delete).

Wagtail 8 has no user-form settings any more; its documented way is a custom
``UserViewSet`` named by the ``wagtailusers`` app config (``users_app.py``).
"""

from typing import Any

from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.users import forms as user_forms
from wagtail.users.views import users as user_views
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction as WagtailAssignRole,
)
from wagtail.users.views.bulk_actions import (
    DeleteBulkAction as WagtailDeleteUsers,
)
from wagtail.users.views.bulk_actions import (
    SetActiveStateBulkAction as WagtailSetActiveState,
)

from congtin.portals.models import Role

from . import grants
from .admin_forms import InvalidFormIs400
from .bulk_actions import AFTER_WAGTAIL, PortalScopedBulkAction
from .roles import ADMIN_GROUP_NAME

SUPERUSER_ONLY = "Chỉ tài khoản superuser mới được cấp quyền superuser."
ADMIN_GROUP_ONLY = (
    "Không cấp được nhóm đã chọn: chỉ tài khoản superuser mới được cấp "
    f"hoặc thu hồi nhóm “{ADMIN_GROUP_NAME}” và những nhóm có quyền mà bạn không có."
)
ADMIN_GROUP_KEPT = (
    f"Danh sách không gồm nhóm “{ADMIN_GROUP_NAME}” và những nhóm có quyền mà bạn "
    "không có: chỉ tài khoản superuser mới cấp hoặc thu hồi được; tài khoản đang "
    "thuộc các nhóm đó vẫn giữ nguyên."
)
OWN_GROUPS = (
    "Bạn không thể tự thay đổi nhóm của chính mình; hãy nhờ một người quản trị khác."
)
SUPERUSER_ACCOUNT = (
    "Chỉ tài khoản superuser mới được sửa hoặc xóa tài khoản của một superuser "
    "(kể cả đổi mật khẩu)."
)


def admin_groups():
    """The installation-wide administrator groups ("Quản trị")."""
    return Group.objects.filter(portal_role__role=Role.ADMIN)


def grantable_groups(actor):
    """The groups ``actor`` may add people to or take them out of.

    Every group for a superuser; for anyone else the groups whose every permission
    they hold themselves, never "Quản trị".
    """
    if actor.is_superuser:
        return Group.objects.all()
    candidates = list(Group.objects.exclude(pk__in=admin_groups()))
    holdings = grants.Holdings(actor)
    given = grants.grants_of(candidates)
    return Group.objects.filter(
        pk__in=[g.pk for g in candidates if not holdings.lacking(given[g.pk])]
    )


def may_manage(actor, account) -> bool:
    """Whether ``actor`` may change or delete ``account`` at all."""
    return actor.is_superuser or not account.is_superuser


class GuardedUserFormMixin:
    """Takes ``actor``; a non-superuser actor cannot escalate through the form.

    The superuser box is shown disabled, only ``grantable_groups`` are offered
    and the actor's own groups cannot be changed. A request that tries anyway is
    refused with the reason; an account's memberships of the groups not offered
    ("Quản trị" among them) are kept when the actor saves the form.
    """

    instance: Any  # provided by the model form this is mixed into

    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        if self.unrestricted:
            return
        superuser = self.fields.get("is_superuser")
        if superuser is not None:
            superuser.disabled = True
            superuser.help_text = SUPERUSER_ONLY
        groups = self.fields.get("groups")
        if groups is None:
            return
        if self.editing_own_account:
            # Disabled, the field keeps the current groups, "Quản trị" included.
            groups.disabled = True
            groups.help_text = OWN_GROUPS
        else:
            self.grantable = list(
                grantable_groups(self.actor).values_list("pk", flat=True)
            )
            groups.queryset = groups.queryset.filter(pk__in=self.grantable)
            groups.error_messages["invalid_choice"] = ADMIN_GROUP_ONLY
            groups.help_text = ADMIN_GROUP_KEPT

    @property
    def unrestricted(self) -> bool:
        return self.actor is None or self.actor.is_superuser

    @property
    def editing_own_account(self) -> bool:
        return self.instance.pk is not None and self.instance.pk == self.actor.pk

    def posted(self, name):
        """What the request sent for field ``name`` (a disabled field ignores it)."""
        field = self.fields[name]
        return field.widget.value_from_datadict(
            self.data, self.files, self.add_prefix(name)
        )

    def clean(self):
        cleaned = super().clean()
        if self.unrestricted or not self.is_bound:
            return cleaned
        if "is_superuser" in self.fields and self.posted("is_superuser"):
            self.add_error(None, SUPERUSER_ONLY)
        groups = self.fields.get("groups")
        if groups is not None and groups.disabled:
            # A browser sends nothing for disabled boxes; only a change is refused.
            sent = {str(pk) for pk in self.posted("groups") or []}
            current = {str(group.pk) for group in self.instance.groups.all()}
            if sent and sent != current:
                self.add_error("groups", OWN_GROUPS)
        return cleaned

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        if self.unrestricted or self.instance.pk is None:
            return groups
        if self.fields["groups"].disabled:
            return groups  # one's own account: the current groups, unchanged
        kept = self.instance.groups.exclude(pk__in=self.grantable)
        return list({group.pk: group for group in [*groups, *kept]}.values())


class UserCreationForm(GuardedUserFormMixin, user_forms.UserCreationForm):
    pass


class UserEditForm(GuardedUserFormMixin, user_forms.UserEditForm):
    pass


class _ActorFormMixin(InvalidFormIs400):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}


class CreateView(_ActorFormMixin, user_views.CreateView):
    pass


class EditView(_ActorFormMixin, user_views.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            return refusal(request, SUPERUSER_ACCOUNT)
        return super().dispatch(request, *args, **kwargs)


class DeleteView(user_views.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail refuses this too, but only with a redirect and a generic message.
        if not may_manage(request.user, self.get_object()):
            return refusal(request, SUPERUSER_ACCOUNT)
        return super().dispatch(request, *args, **kwargs)


def refusal(request, message, status=403):
    return TemplateResponse(
        request,
        "editorial/refused.html",
        {
            "page_title": "Không thực hiện được",
            "message": message,
            "back_url": reverse("wagtailusers_users:index"),
        },
        status=status,
    )


class UserViewSet(user_views.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


# --- Bulk actions on users --------------------------------------------------------


class _ManagedUsersOnly(PortalScopedBulkAction):
    """Superusers' accounts are listed as out of reach for everyone else."""

    def check_perm(self, obj):
        return may_manage(self.request.user, obj) and super().check_perm(obj)


class AssignRoleBulkAction(InvalidFormIs400, _ManagedUsersOnly, WagtailAssignRole):
    def check_perm(self, obj):
        actor = self.request.user
        if obj.pk == actor.pk and not actor.is_superuser:
            return False
        return super().check_perm(obj)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            field = form.fields["role"]
            field.queryset = field.queryset.filter(
                pk__in=grantable_groups(self.request.user)
            )
            field.error_messages["invalid_choice"] = ADMIN_GROUP_ONLY
        return form


class SetActiveStateBulkAction(_ManagedUsersOnly, WagtailSetActiveState):
    pass


class DeleteBulkAction(_ManagedUsersOnly, WagtailDeleteUsers):
    pass


for _action in (AssignRoleBulkAction, SetActiveStateBulkAction, DeleteBulkAction):
    hooks.register("register_bulk_action", _action, order=AFTER_WAGTAIL)
