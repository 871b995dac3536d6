"""Two light portals, each with its three lists, without the demo."""

import pytest

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"


def _two_portals(make) -> dict:
    from congtin.programmes.setup import ensure_indexes

    city = make(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = make(name="Quận Khác", hostname=OTHER)
    result = {"city": city, "other": other}
    for name, portal in (("city", city), ("other", other)):
        for model, page in ensure_indexes(portal.site).items():
            result[f"{name}_{model.listing_name}"] = page
    return result


def build_portals() -> dict:
    from congtin.portals.tests.factories import PortalFactory

    return _two_portals(PortalFactory)


def build_newsroom() -> dict:
    from congtin.portals.tests.factories import EditorialPortalFactory

    return _two_portals(EditorialPortalFactory)


# Built once per module for the tests marked with these, each rolled back to them.
shared_portals = pytest.mark.shared_setup.with_args(build_portals)
shared_newsroom = pytest.mark.shared_setup.with_args(build_newsroom)


def _portals(request, build) -> dict:
    shared = shared_copy(request, build)
    return build() if shared is None else shared


@pytest.fixture
def portal(db, request):
    """The city at ``localhost`` (default site) and ``khac.localhost``, each with
    ``<name>_projects``, ``<name>_research`` and ``<name>_planning`` list pages."""
    return _portals(request, build_portals)


@pytest.fixture
def newsroom(db, request):
    """The same two portals as create_portal makes them (groups, workflow)."""
    return _portals(request, build_newsroom)
