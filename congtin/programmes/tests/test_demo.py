"""The demo part on two light portals: what it adds, marked, and only once."""

from bs4 import BeautifulSoup
from wagtail.models import Revision

from congtin.demo.programmes import load_programmes_demo
from congtin.programmes.models import (
    PlanningDocumentPage,
    ProjectPage,
    ResearchProjectPage,
)

from .conftest import OTHER, shared_portals


@shared_portals
def test_demo_twice_changes_nothing(client, portal):
    city, other = portal["city"].site, portal["other"].site
    load_programmes_demo(city, other)
    counts = (
        ProjectPage.objects.live().count(),
        ResearchProjectPage.objects.live().count(),
        PlanningDocumentPage.objects.live().count(),
    )
    assert counts == (4, 2, 2)
    before = Revision.objects.count()
    load_programmes_demo(city, other)
    assert Revision.objects.count() == before

    for host, index in (("localhost", "city_projects"), (OTHER, "other_projects")):
        response = client.get(portal[index].url, HTTP_HOST=host)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        rows = soup.select(".prog-row")
        assert len(rows) == 2
        assert all("(Minh họa)" in row.get_text() for row in rows)
    for page in ProjectPage.objects.live():
        assert page.packages.exists()
        assert "minh họa" in page.note


@shared_portals
def test_ensure_command_adds_missing_lists_once(portal):
    import io

    from django.core.management import call_command

    from congtin.programmes.models import ProjectIndexPage

    portal["other_projects"].delete()
    out = io.StringIO()
    call_command("ensure_programme_indexes", stdout=out)
    assert ProjectIndexPage.objects.count() == 2
    call_command("ensure_programme_indexes", stdout=io.StringIO())
    assert ProjectIndexPage.objects.count() == 2
    assert "/du-an-dau-tu-dau-thau/" in out.getvalue()
