"""Admin hooks. Each feature keeps its own hooks in its module; importing registers them."""

from wagtail import hooks

from congtin.portals.access import pages_q

from . import (  # noqa: F401
    audit_log,
    bulk_actions,
    notifications,
    proposals,
    user_admin,
    withdrawal,
)


@hooks.register("construct_page_chooser_queryset")
def only_own_portal_pages(pages, request):
    """People of one portal cannot pick another portal's pages as link targets."""
    query = pages_q(request.user)
    return pages if query is None else pages.filter(query)
