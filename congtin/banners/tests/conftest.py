"""Two portals with their staff: the city (default site) and a district."""

import pytest

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"


def build_portals() -> dict:
    from congtin.portals.tests.factories import EditorialPortalFactory

    city = EditorialPortalFactory(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = EditorialPortalFactory(name="Quận Khác", hostname=OTHER)
    return {"city": city, "other": other}


# Two portals with groups and workflows take about a second: made once for the
# tests marked with this, each rolled back to them (congtin/conftest.py).
shared_portals = pytest.mark.shared_setup.with_args(build_portals)


@pytest.fixture
def portals(db, request):
    shared = shared_copy(request, build_portals)
    return build_portals() if shared is None else shared
