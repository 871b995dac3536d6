import io
from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _isolated_forms(settings):
    """Rate-limit counters start at zero; no challenge unless asked."""
    from django.core.cache import caches

    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    caches["default"].clear()
    yield
    caches["default"].clear()


def add_draft(index, slug, title, opens, closes, publish=False, **fields):
    """A live draft under ``index``, open from now + ``opens`` to now + ``closes``.

    Without ``publish`` the page is made live without a revision (much faster;
    nothing but the search index needs the publishing signal).
    """
    from .factories import DraftDocumentPageFactory

    now = timezone.now()
    return DraftDocumentPageFactory(
        parent=index,
        slug=slug,
        title=title,
        opens_at=now + opens,
        closes_at=now + closes,
        publish=publish,
        **fields,
    )


def add_portal(hostname, name, site=None):
    """A bare portal: Site, home page, drafts section, and its staff groups."""
    from wagtail.models import Page, Site

    from congtin.core.models import HomePage
    from congtin.editorial.roles import ensure_group
    from congtin.portals.models import Role

    from .factories import DraftIndexPageFactory

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=f"Cổng thông tin điện tử {name}", slug=hostname.split(".")[0]
        )
    )
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=80, root_page=home, site_name=name
        )
    else:
        site.root_page, site.site_name = home, name
        site.save()
    index = DraftIndexPageFactory(parent=home, slug="lay-y-kien-du-thao")
    groups = {
        role: ensure_group(f"{name} - {role.label}", site, role)
        for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF)
    }
    return {"site": site, "home": home, "index": index, "groups": groups}


@pytest.fixture
def portal(db):
    """The city portal at ``localhost`` (Wagtail's default site) with a drafts
    section and three drafts: open, closed (with a summary) and not yet open.
    Much lighter than the ``demo`` fixture."""
    from wagtail.models import Site

    city = add_portal(
        "localhost", "Thành phố Thử", site=Site.objects.get(is_default_site=True)
    )
    index = city["index"]
    city["open"] = add_draft(
        index, "mo", "Dự thảo quy định hè phố", timedelta(days=-1), timedelta(days=5)
    )
    city["closed"] = add_draft(
        index,
        "dong",
        "Dự thảo kế hoạch cây xanh",
        timedelta(days=-30),
        timedelta(days=-2),
        report="<p>Đã tiếp thu 2 ý kiến về cây bóng mát.</p>",
    )
    city["upcoming"] = add_draft(
        index, "sap-mo", "Dự thảo quy chế chợ", timedelta(days=3), timedelta(days=20)
    )
    return city


@pytest.fixture
def other_portal(portal):
    other = add_portal("quanthu.localhost", "Quận Thử")
    other["draft"] = add_draft(
        other["index"],
        "du-thao-quan",
        "Dự thảo của quận",
        timedelta(days=-1),
        timedelta(days=3),
    )
    return other


def form_data(**overrides):
    data = {
        "name": "Nguyễn Văn Thử",
        "contact": "thu@example.com",
        "text": "Đề nghị bổ sung quy định về chiều rộng hè phố tối thiểu.",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
