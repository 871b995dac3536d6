import pytest

from congtin.conftest import shared_copy

CITY_AGENCY = {
    "agency_name": "Thành phố Thử",
    "portal_name": "Cổng thông tin điện tử thành phố Thử",
    "managing_agency": "Văn phòng UBND thành phố Thử",
    "address": "Số 1 Đường Thử, thành phố Thử",
    "standing_body_address": "Nhà B, số 1 Đường Thử",
    "phone": "0225.1111.222",
    "fax": "0225.3333.444",
    "email": "lienhe@thu.example",
    "public_services_url": "https://dichvucong.haiphong.gov.vn/",
}


def build_agency_portals():
    from congtin.demo.agency import load_agency_demo
    from congtin.editorial.setup import create_portal

    city = create_portal(
        name="Thành phố Thử",
        hostname="localhost",
        port=80,
        is_default=True,
        agency=CITY_AGENCY,
    )
    district = create_portal(name="Quận Thử", hostname="quan.localhost", port=80)
    load_agency_demo(city.site, district.site)
    return city, district


# The two portals take seconds to make: the tests marked with this make them once,
# and each is rolled back to them (congtin/conftest.py).
shared_agency_portals = pytest.mark.shared_setup.with_args(build_agency_portals)


@pytest.fixture
def agency_portals(db, request):
    """Two small portals with the agency demo pages; the city also in English.
    Made once for the tests marked ``shared_agency_portals``."""
    shared = shared_copy(request, build_agency_portals)
    return build_agency_portals() if shared is None else shared


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
