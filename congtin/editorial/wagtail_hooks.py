"""Admin hooks. Each feature keeps its own hooks in its module; importing registers them."""

from wagtail import hooks

from . import (  # noqa: F401
    audit_log,
    bulk_actions,
    notifications,
    proposals,
    user_admin,
    withdrawal,
)
from .roles import portal_homes_q


@hooks.register("construct_page_chooser_queryset")
def only_own_portal_pages(pages, request):
    """People of one portal cannot pick another portal's pages as link targets."""
    query = portal_homes_q(request.user)
    return pages if query is None else pages.filter(query)
