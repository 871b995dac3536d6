"""Two light portals, each with its "Thủ tục hành chính" page, without the demo."""

import pytest

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"


def _two_portals(make) -> dict:
    from congtin.documents.setup import ensure_document_index
    from congtin.procedures.setup import ensure_procedure_index

    city = make(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = make(name="Quận Khác", hostname=OTHER)
    return {
        "city": city,
        "other": other,
        "index": ensure_procedure_index(city.site),
        "other_index": ensure_procedure_index(other.site),
        "documents": ensure_document_index(city.site),
    }


def build_portals() -> dict:
    from congtin.portals.tests.factories import PortalFactory

    return _two_portals(PortalFactory)


def build_newsroom() -> dict:
    from congtin.portals.tests.factories import EditorialPortalFactory

    return _two_portals(EditorialPortalFactory)


# Building two portals costs about a second: the tests marked with these build them
# once, and each is rolled back to them (congtin/conftest.py).
shared_portals = pytest.mark.shared_setup.with_args(build_portals)
shared_newsroom = pytest.mark.shared_setup.with_args(build_newsroom)


def _portals(request, build) -> dict:
    shared = shared_copy(request, build)
    return build() if shared is None else shared


@pytest.fixture
def portal(db, request):
    """Two bare portals (no groups or workflow), each with its "Thủ tục hành chính"
    page: the city at ``localhost`` (default site) and ``khac.localhost``."""
    return _portals(request, build_portals)


@pytest.fixture
def newsroom(db, request):
    """Two portals as create_portal makes them (groups, workflow)."""
    return _portals(request, build_newsroom)


@pytest.fixture
def make_procedure(db):
    """A procedure under ``index``; ``publish=False`` leaves a draft."""
    from .factories import ProcedurePageFactory

    def make(index, code, *, publish=True, **fields):
        page = ProcedurePageFactory(
            parent=index, code=code, live=publish, publish=publish, **fields
        )
        if not publish:
            page.save_revision()
        return page

    return make


@pytest.fixture
def users(newsroom):
    """An editor and a chief of the city portal, and a chief of the other one."""
    from congtin.portals.tests.factories import UserFactory

    groups = newsroom["city"].groups
    return {
        "bientap": UserFactory(username="bientap", groups=[groups.editors]),
        "truongban": UserFactory(username="truongban", groups=[groups.chiefs]),
        "ngoai": UserFactory(
            username="ngoai", groups=[newsroom["other"].groups.chiefs]
        ),
    }
