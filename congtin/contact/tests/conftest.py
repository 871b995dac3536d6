"""Two portals with their staff, each with "Liên hệ" > "Gửi thư liên hệ" and
departments that receive messages."""

import pytest
from django.core.cache import cache

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"
FORM_URL = "/lien-he/gui/"


def build_portals() -> dict:
    from congtin.agency.models import ContactPage
    from congtin.contact.models import ContactFormPage, ContactRecipient
    from congtin.portals.tests.factories import EditorialPortalFactory, UserFactory

    portals = {}
    for key, name, host, default in (
        ("city", "Thành phố Thử", CITY, True),
        ("other", "Quận Khác", OTHER, False),
    ):
        portal = EditorialPortalFactory(name=name, hostname=host, is_default=default)
        contact = ContactPage(title="Liên hệ", slug="lien-he")
        portal.home.add_child(instance=contact)
        contact.save_revision().publish()
        form_page = ContactFormPage(title="Gửi thư liên hệ", slug="gui")
        contact.add_child(instance=form_page)
        form_page.save_revision().publish()
        portals[key] = portal
        portals[f"{key}_contact"] = contact
        portals[f"{key}_office"] = ContactRecipient.objects.create(
            site=portal.site,
            name=f"Văn phòng {name}",
            email=f"vanphong@{host}.example.gov.vn",
            sort_order=1,
        )
        portals[f"{key}_justice"] = ContactRecipient.objects.create(
            site=portal.site,
            name=f"Phòng Tư pháp {name}",
            email=f"tuphap@{host}.example.gov.vn",
            sort_order=2,
        )
        portals[f"{key}_retired"] = ContactRecipient.objects.create(
            site=portal.site,
            name=f"Phòng đã giải thể {name}",
            email=f"cu@{host}.example.gov.vn",
            is_active=False,
        )
        for role, group in (
            ("reporter", portal.groups.reporters),
            ("editor", portal.groups.editors),
            ("chief", portal.groups.chiefs),
        ):
            portals[f"{key}_{role}"] = UserFactory(
                username=f"{key}.{role}", groups=[group]
            )
    return portals


# Two portals with groups and workflows take about a second: made once for the
# tests marked with this, each rolled back to them (congtin/conftest.py).
shared_portals = pytest.mark.shared_setup.with_args(build_portals)


@pytest.fixture
def portals(db, settings, request):
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


def valid_data(department, **overrides):
    data = {
        "recipient": str(department.pk),
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.com",
        "phone": "",
        "title": "Hỏi giờ làm việc của bộ phận một cửa",
        "text": "Xin cho biết bộ phận một cửa làm việc vào những giờ nào.",
        "website": "",
    }
    data.update(overrides)
    return data
