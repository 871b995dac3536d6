"""Light fixtures: two portals with their "Hỏi đáp" pages, topics and staff."""

import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from congtin.conftest import shared_copy


@dataclass
class Portals:
    city: object
    lechan: object
    city_index: object
    lechan_index: object
    topic: object
    lechan_editor: object
    lechan_chief: object
    lechan_reporter: object
    city_editor: object


def make_user(username, group):
    from congtin.portals.tests.factories import UserFactory

    return UserFactory(username=username, groups=[group])


def _light_portal(name, hostname, slug, default=False):
    """A home page, its Site, the "Hỏi đáp" page and the role groups.

    Much cheaper than editorial.create_portal (no revisions, sections, settings);
    what the questions app needs and nothing more.
    """
    from wagtail.models import Collection, Page, Site

    from congtin.core.models import HomePage
    from congtin.editorial.roles import ensure_portal_groups

    from .factories import QuestionIndexPageFactory

    root = Page.get_first_root_node()
    home = HomePage(title=f"Cổng thông tin điện tử {name}", slug=slug)
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() if default else None
    site = site or Site(hostname=hostname, port=80)
    site.hostname, site.root_page = hostname, home
    site.site_name, site.is_default_site = f"Cổng thông tin điện tử {name}", default
    site.save()
    index = QuestionIndexPageFactory(parent=home, slug="hoi-dap")
    collection = Collection.get_first_root_node().add_child(name=name)
    groups = ensure_portal_groups(name, site, home, collection)
    return site, home, index, groups


def build_portals() -> Portals:
    from congtin.editorial.roles import ensure_admin_group
    from congtin.editorial.workflow import ensure_portal_workflow
    from congtin.questions.demo import ensure_topics

    city, _, city_index, city_groups = _light_portal(
        "Thành phố Hải Phòng", "localhost", "trang-chu", default=True
    )
    lechan, lechan_home, lechan_index, groups = _light_portal(
        "Quận Lê Chân", "lechan.localhost", "lechan"
    )
    ensure_portal_workflow("Quận Lê Chân", lechan_home, groups, ensure_admin_group())
    topics = ensure_topics()
    return Portals(
        city=city,
        lechan=lechan,
        city_index=city_index,
        lechan_index=lechan_index,
        topic=topics["ho-tich-chung-thuc"],
        lechan_editor=make_user("lc.bientap", groups.editors),
        lechan_chief=make_user("lc.truongban", groups.chiefs),
        lechan_reporter=make_user("lc.phongvien", groups.reporters),
        city_editor=make_user("hp.bientap", city_groups.editors),
    )


# Most tests start from the same two portals: the tests marked with this make them
# once, and each is rolled back to them (congtin/conftest.py).
shared_portals = pytest.mark.shared_setup.with_args(build_portals)


@pytest.fixture
def portals(db, settings, request):
    """The city (default site, host "localhost") and Lê Chân ("lechan.localhost"),
    Lê Chân with its two-step workflow (Biên tập, Phê duyệt). Made once for the
    tests marked ``shared_portals``."""
    settings.ALLOWED_HOSTS = ["*"]
    shared = shared_copy(request, build_portals)
    return build_portals() if shared is None else shared


@pytest.fixture(autouse=True)
def clear_cache():
    # Counters live in the database (undone with each test) or, with Redis, in the
    # cache; each test starts from zero either way.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lechan_client(client):
    client.defaults["HTTP_HOST"] = "lechan.localhost"
    return client


ASK_URL = "/hoi-dap/gui-cau-hoi/"


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def image_bytes(fmt="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def valid_data(portals, **overrides):
    data = {
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.com",
        "phone": "",
        "address": "Số 1 phố Tô Hiệu, Lê Chân",
        "site": str(portals.lechan.pk),
        "topic": str(portals.topic.pk),
        "title": "Hỏi về thủ tục đăng ký khai sinh",
        "text": "Xin hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì?",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo


@pytest.fixture
def delivering_smtp():
    from congtin.core.tests.mail_servers import DeliveringServer

    with DeliveringServer() as server:
        yield server


@pytest.fixture
def refusing_smtp():
    from congtin.core.tests.mail_servers import RefusingServer

    with RefusingServer() as server:
        yield server


@pytest.fixture
def hanging_smtp():
    from congtin.core.tests.mail_servers import HangingServer

    with HangingServer() as server:
        yield server
