"""Who may touch plans and figures, through the real admin, on the demo's portals.

Lê Chân's people work on Lê Chân's plans only; the city plan built here stands for
"another portal". Every refusal is checked to have saved nothing.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.urls import reverse
from wagtail.models import Site

from congtin.editorial.tests.admin_actions import client_for, user
from congtin.targets.models import AnnualPlan, ReportedFigure, Target

from .factories import AnnualPlanFactory, ReportedFigureFactory, TargetFactory

pytestmark = pytest.mark.django_db

FIGURES = "wagtailsnippets_targets_reportedfigure"
PLANS = "wagtailsnippets_targets_annualplan"


@pytest.fixture
def portals(demo):
    """Lê Chân's 2022 demo plan, and a small 2022 plan of the city with one figure."""
    city = Site.objects.get(hostname="localhost")
    city_plan = AnnualPlanFactory(site=city, theme="Năm thử nghiệm của thành phố")
    city_target = TargetFactory(
        plan=city_plan,
        code="CT01",
        name="Tổng thu ngân sách trên địa bàn",
        group="kinh-te",
        unit="tỷ đồng",
        value=90000,
    )
    city_figure = ReportedFigureFactory(
        target=city_target, period="T06", value=50000, reported_on="2022-06-30"
    )
    lechan_plan = AnnualPlan.objects.get(site__hostname="lechan.localhost", year=2022)
    return SimpleNamespace(
        lechan_plan=lechan_plan,
        lechan_target=lechan_plan.targets.get(code="CT10"),
        city_plan=city_plan,
        city_target=city_target,
        city_figure=city_figure,
    )


def figure_form(target, value="92,4"):
    return {
        "target": target.pk,
        "period": "T11",
        "reported_on": "30/11/2022",
        "value": value,
        "basis": "value",
        "source": "Báo cáo 11 tháng",
    }


def counts():
    return (
        AnnualPlan.objects.count(),
        Target.objects.count(),
        ReportedFigure.objects.count(),
    )


def test_editor_works_on_own_portal_only(portals):
    client = client_for("lechan.bientap")
    add = reverse(f"{FIGURES}:add")

    # The form offers Lê Chân's targets only.
    html = client.get(add).content.decode()
    assert f'value="{portals.lechan_target.pk}"' in html
    assert f'value="{portals.city_target.pk}"' not in html

    response = client.post(add, figure_form(portals.lechan_target))
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = ReportedFigure.objects.get(target=portals.lechan_target, period="T11")
    assert figure.entered_by == user("lechan.bientap")
    assert figure.revisions.count() == 1

    before = counts()
    # A crafted post with the city's target is an invalid choice.
    response = client.post(add, figure_form(portals.city_target))
    assert response.status_code == 200
    assert not ReportedFigure.objects.filter(target=portals.city_target, period="T11")

    # The city's plan and figure: not listed, not reachable, not changed.
    plans_index = client.get(reverse(f"{PLANS}:list")).content.decode()
    assert "Lê Chân - năm 2022" in plans_index
    assert "Năm thử nghiệm của thành phố" not in plans_index
    city_plan, city_figure = portals.city_plan.pk, portals.city_figure.pk
    for url in (
        reverse(f"{PLANS}:edit", args=[city_plan]),
        reverse(f"{PLANS}:history", args=[city_plan]),
        reverse(f"{FIGURES}:edit", args=[city_figure]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse(f"{FIGURES}:edit", args=[city_figure]),
        figure_form(portals.city_target, "1"),
    )
    assert response.status_code == 404
    # The text and import tools refuse the city's plan before reading anything.
    response = client.post(
        reverse("targets_parse_text"),
        {"plan": city_plan, "text": "kết nạp 170 đảng viên trở lên"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("targets_import"), {"plan": city_plan, "kind": "figures"}
    )
    assert response.status_code == 404

    # An editor changes plans and figures but neither adds plans nor deletes.
    assert (
        client.get(reverse(f"{PLANS}:edit", args=[portals.lechan_plan.pk])).status_code
        == 200
    )
    assert client.get(reverse(f"{PLANS}:add")).status_code in (302, 403)
    response = client.post(reverse(f"{FIGURES}:delete", args=[figure.pk]))
    assert response.status_code in (302, 403)
    assert ReportedFigure.objects.filter(pk=figure.pk).exists()
    assert counts() == before
    ReportedFigure.objects.get(pk=city_figure, value=50000)


def test_reporter_has_nothing_on_targets(portals):
    client = client_for("lechan.phongvien")
    before = counts()
    for url in (reverse(f"{PLANS}:list"), reverse(f"{FIGURES}:add")):
        assert client.get(url).status_code in (302, 403), url
    response = client.post(
        reverse(f"{FIGURES}:add"), figure_form(portals.lechan_target)
    )
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("targets_parse_text"), {"plan": portals.lechan_plan.pk, "text": "x"}
    )
    assert response.status_code in (302, 403)
    assert "Chỉ tiêu chủ yếu" not in client.get("/admin/").content.decode()
    assert counts() == before


def test_chief_deletes_in_own_portal_only(portals):
    client = client_for("lechan.truongban")
    figure = ReportedFigure.objects.filter(target__plan=portals.lechan_plan).first()
    response = client.post(reverse(f"{FIGURES}:delete", args=[figure.pk]))
    assert response.status_code == 302
    assert not ReportedFigure.objects.filter(pk=figure.pk).exists()

    city_figure = portals.city_figure.pk
    response = client.post(reverse(f"{FIGURES}:delete", args=[city_figure]))
    assert response.status_code == 404
    response = client.post(reverse(f"{PLANS}:delete", args=[portals.city_plan.pk]))
    assert response.status_code == 404
    assert ReportedFigure.objects.filter(pk=city_figure).exists()
    assert AnnualPlan.objects.filter(pk=portals.city_plan.pk).exists()

    # A new plan may be filed under Lê Chân only: the city is not a choice.
    html = client.get(reverse(f"{PLANS}:add")).content.decode()
    lechan_site = portals.lechan_plan.site_id
    assert f'value="{lechan_site}"' in html
    assert f'value="{portals.city_plan.site_id}"' not in html


def test_administrators_do_everything_everywhere(portals):
    client = client_for("quantri")
    city_plan = portals.city_plan.pk
    html = client.get(reverse(f"{PLANS}:list")).content.decode()
    assert "Lê Chân - năm 2022" in html and "Hải Phòng - năm 2022" in html
    assert client.get(reverse(f"{PLANS}:edit", args=[city_plan])).status_code == 200
    response = client.post(reverse(f"{FIGURES}:add"), figure_form(portals.city_target))
    assert response.status_code == 302
    assert ReportedFigure.objects.filter(
        target=portals.city_target, period="T11"
    ).exists()
    response = client.post(reverse(f"{PLANS}:delete", args=[city_plan]))
    assert response.status_code == 302
    assert not AnnualPlan.objects.filter(pk=city_plan).exists()


def test_upgrade_migration_grants_the_roles(db):
    """Groups made before the targets app get the same permissions as new ones."""
    from django.contrib.auth.models import Group as AuthGroup
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from congtin.portals.models import PortalGroup

    site = Site.objects.get(is_default_site=True)
    groups = {}
    for role in ("reporter", "editor", "chief"):
        groups[role] = AuthGroup.objects.create(name=f"Cũ - {role}")
        PortalGroup.objects.create(group=groups[role], site=site, role=role)
    groups["admin"] = AuthGroup.objects.create(name="Quản trị cũ")
    PortalGroup.objects.create(group=groups["admin"], site=None, role="admin")

    migration = importlib.import_module(
        "congtin.targets.migrations.0002_portal_role_permissions"
    )
    schema_editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))
    # The migration reads the models as they were then (PortalGroup in editorial).
    state = MigrationLoader(connection).project_state(
        ("targets", "0002_portal_role_permissions")
    )
    migration.grant(state.apps, schema_editor)

    def held(role):
        # Other apps' role permissions are granted alongside; these are the targets'.
        return set(
            groups[role]
            .permissions.filter(content_type__app_label="targets")
            .values_list("codename", flat=True)
        )

    assert held("reporter") == set()
    assert held("editor") == {
        "change_annualplan",
        "add_reportedfigure",
        "change_reportedfigure",
    }
    for role in ("chief", "admin"):
        assert held(role) == {
            f"{action}_{model}"
            for action in ("add", "change", "delete")
            for model in ("annualplan", "reportedfigure")
        }


def test_footer_links_the_targets_pages_where_a_plan_exists(demo, client):
    label = "Chủ đề năm và chỉ tiêu chủ yếu</a>"
    assert label in client.get("/", HTTP_HOST="lechan.localhost").content.decode()
    assert label not in client.get("/", HTTP_HOST="localhost").content.decode()
    # The first plan of the city shows the link at once, despite the chrome cache.
    AnnualPlan.objects.create(site=Site.objects.get(hostname="localhost"), year=2023)
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert f'<a href="{reverse("targets:index")}">{label}' in html
