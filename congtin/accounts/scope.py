"""Whose security events an administrator may read.

A superuser reads every entry. Anyone else who may change accounts ("Quản
trị") reads the entries about the people of the portals they act on
(``portals_for``: every portal for the installation-wide "Quản trị" group) and
about those portals' groups; never about a superuser's account, nor about names
no account has.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from congtin.portals.access import portals_for


def may_view(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("auth.change_user"))
    )


def people(user) -> QuerySet:
    """The accounts whose events and lock-outs ``user`` may see."""
    User = get_user_model()
    if not may_view(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    accounts = User.objects.filter(is_superuser=False)
    sites = portals_for(user)
    if sites is None:
        return accounts
    return accounts.filter(groups__portal_role__site__in=sites).distinct()


def groups(user) -> QuerySet:
    if not may_view(user):
        return Group.objects.none()
    sites = portals_for(user)
    if sites is None:
        return Group.objects.all()
    return Group.objects.filter(portal_role__site__in=sites)


def _ids(queryset: QuerySet) -> QuerySet:
    # object_id is text: Wagtail's log keeps any model's key there.
    return queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")


def visible_entries(user, entries: QuerySet) -> QuerySet:
    if not may_view(user):
        return entries.none()
    if user.is_superuser:
        return entries
    return entries.filter(
        Q(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id__in=_ids(people(user)),
        )
        | Q(
            content_type=ContentType.objects.get_for_model(Group),
            object_id__in=_ids(groups(user)),
        )
    )
