"""Two light portals, each with its budget and statistics pages, without the demo."""

import pytest

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"


def _two_portals(make) -> dict:
    from congtin.opendata.setup import ensure_budget_index, ensure_statistics_index

    city = make(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = make(name="Quận Khác", hostname=OTHER)
    return {
        "city": city,
        "other": other,
        "budget": ensure_budget_index(city.site),
        "statistics": ensure_statistics_index(city.site),
        "other_budget": ensure_budget_index(other.site),
        "other_statistics": ensure_statistics_index(other.site),
    }


def build_portals() -> dict:
    from congtin.portals.tests.factories import PortalFactory

    return _two_portals(PortalFactory)


def build_newsroom() -> dict:
    from congtin.portals.tests.factories import EditorialPortalFactory

    return _two_portals(EditorialPortalFactory)


# Built once for the tests of a module marked with them, each rolled back to them.
shared_portals = pytest.mark.shared_setup.with_args(build_portals)
shared_newsroom = pytest.mark.shared_setup.with_args(build_newsroom)


def _portals(request, build) -> dict:
    shared = shared_copy(request, build)
    return build() if shared is None else shared


@pytest.fixture
def portal(db, request):
    """The city at ``localhost`` (default site) and ``khac.localhost``, bare (no
    groups), each with "Công khai ngân sách" and "Thông tin thống kê"."""
    return _portals(request, build_portals)


@pytest.fixture
def newsroom(db, request):
    """The same two portals with role groups and workflow (create_portal)."""
    return _portals(request, build_newsroom)
