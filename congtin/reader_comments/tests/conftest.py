import pytest


@pytest.fixture(autouse=True)
def _isolated_forms(settings):
    """Rate-limit counters start at zero; no challenge unless asked."""
    from django.core.cache import caches

    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    caches["default"].clear()
    yield
    caches["default"].clear()


def add_portal(hostname, name, site=None):
    """A bare portal: Site, home page, a news section with one article, and its
    staff groups."""
    from wagtail.models import Page, Site

    from congtin.core.models import HomePage
    from congtin.editorial.roles import ensure_group
    from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory
    from congtin.portals.models import Role

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
    section = NewsIndexPageFactory(parent=home, slug="tin-tuc", title="Tin tức")
    article = ArticlePageFactory(
        parent=section, slug="bai-viet", title=f"Tin của {name}"
    )
    groups = {
        role: ensure_group(f"{name} - {role.label}", site, role)
        for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF)
    }
    return {
        "site": site,
        "home": home,
        "section": section,
        "article": article,
        "groups": groups,
    }


def turn_on(site, enabled=True):
    from congtin.reader_comments.models import ReaderCommentSettings

    settings = ReaderCommentSettings.for_site(site)
    settings.enabled = enabled
    settings.save()


@pytest.fixture
def portal(db):
    """The city portal at ``localhost`` (Wagtail's default site): a section and an
    article, comments off (the default)."""
    from wagtail.models import Site

    return add_portal(
        "localhost", "Thành phố Thử", site=Site.objects.get(is_default_site=True)
    )


@pytest.fixture
def other_portal(portal):
    return add_portal("quanthu.localhost", "Quận Thử")


def form_data(**overrides):
    data = {
        "name": "Nguyễn Văn Thử",
        "email": "thu@example.com",
        "text": "Đề nghị cổng đăng thêm lịch tiếp công dân của quận.",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
