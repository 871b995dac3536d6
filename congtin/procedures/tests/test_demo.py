"""The demo's procedures: on the city (cấp tỉnh) and Lê Chân (cấp huyện), marked
illustrative, loaded once however often the demo runs."""

from congtin.procedures.demo import DEMO_PROCEDURES, load_procedures_demo
from congtin.procedures.models import ProcedurePage


def test_loaded_once_on_the_right_portals(db):
    from congtin.portals.tests.factories import PortalFactory

    city = PortalFactory(
        name="Thành phố Hải Phòng", hostname="localhost", is_default=True
    )
    lechan = PortalFactory(name="Quận Lê Chân", hostname="lechan.localhost")
    load_procedures_demo()
    load_procedures_demo()
    assert ProcedurePage.objects.count() == len(DEMO_PROCEDURES)
    on_city = ProcedurePage.objects.descendant_of(city.home)
    on_lechan = ProcedurePage.objects.descendant_of(lechan.home)
    assert {p.level for p in on_city} == {"cap-tinh"}
    assert {p.level for p in on_lechan} == {"cap-huyen"}
    assert on_city.count() >= 3 and on_lechan.count() >= 3
    for page in ProcedurePage.objects.all():
        assert page.live and page.note.startswith("Minh họa")
        assert page.filing_url.startswith("https://")
        page.full_clean()
        assert page.papers.exists() and page.bases.exists()
