"""A light portal with a "Văn bản" page and a few documents, without the demo."""

import io
import zipfile

import pytest

from congtin.conftest import shared_copy
from congtin.documents.pdf import simple_pdf

CITY = "localhost"
OTHER = "khac.localhost"


def pdf_bytes(text="Van ban thu") -> bytes:
    return simple_pdf([text])


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def doc_bytes() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


def _two_portals(make) -> dict:
    """The city (default site) and another portal made by ``make``, each with its
    "Văn bản" page."""
    from congtin.documents.setup import ensure_document_index

    city = make(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = make(name="Quận Khác", hostname=OTHER)
    return {
        "city": city,
        "other": other,
        "index": ensure_document_index(city.site),
        "other_index": ensure_document_index(other.site),
    }


def build_portals() -> dict:
    from congtin.portals.tests.factories import PortalFactory

    return _two_portals(PortalFactory)


def build_newsroom() -> dict:
    from congtin.portals.tests.factories import EditorialPortalFactory

    return _two_portals(EditorialPortalFactory)


# Building two portals costs about a second, and most tests of a module start from
# the same two: the tests marked with these build them once, and each is rolled back
# to them (congtin/conftest.py).
shared_portals = pytest.mark.shared_setup.with_args(build_portals)
shared_newsroom = pytest.mark.shared_setup.with_args(build_newsroom)


def _portals(request, build) -> dict:
    shared = shared_copy(request, build)
    return build() if shared is None else shared


@pytest.fixture
def portal(db, request):
    """Two bare portals (pages and sites only, no groups or workflow), each with its
    "Văn bản" page: the city at ``localhost`` (default site) and ``khac.localhost``.
    Built once for the tests marked ``shared_portals``."""
    return _portals(request, build_portals)


@pytest.fixture
def make_document(db):
    """A document under ``index``; unpublished ones keep a draft revision."""
    from .factories import LegalDocumentPageFactory

    def make(index, number, *, publish=True, files=(), **fields):
        page = LegalDocumentPageFactory(
            parent=index,
            number=number,
            live=publish,
            publish=publish,
            files=files,
            **fields,
        )
        if not publish:
            page.save_revision()
        return page

    return make


@pytest.fixture
def newsroom(db, request):
    """Two portals as create_portal makes them (groups, workflow, collection).
    Built once for the tests marked ``shared_newsroom``."""
    return _portals(request, build_newsroom)


@pytest.fixture
def users(newsroom):
    """One user per role of the city portal, and a chief of the other portal."""
    from congtin.portals.tests.factories import UserFactory

    groups = newsroom["city"].groups
    made = {}
    for name, group in (
        ("phongvien", groups.reporters),
        ("bientap", groups.editors),
        ("truongban", groups.chiefs),
        ("ngoai", newsroom["other"].groups.chiefs),
    ):
        made[name] = UserFactory(username=name, groups=[group])
    return made


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
