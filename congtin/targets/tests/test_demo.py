"""The demo: plans from the seed, and a news article embedding a live target."""

from datetime import date

import pytest

from congtin.targets.demo import DEMO_ARTICLE_TITLE, load_targets_demo
from congtin.targets.models import AnnualPlan, ReportedFigure, Target

pytestmark = pytest.mark.django_db


def test_loading_again_creates_nothing(plans):
    from congtin.demo.seed import parse_seed

    counts = (
        AnnualPlan.objects.count(),
        Target.objects.count(),
        ReportedFigure.objects.count(),
    )
    assert counts == (2, 13, 27)
    load_targets_demo(plans.site, parse_seed())
    assert counts == (
        AnnualPlan.objects.count(),
        Target.objects.count(),
        ReportedFigure.objects.count(),
    )
    # Only the 2022 figures, which the seed does not give, are illustrative.
    assert not ReportedFigure.objects.filter(
        target__plan__year=2021, is_illustrative=True
    ).exists()
    assert not ReportedFigure.objects.filter(
        target__plan__year=2022, is_illustrative=False
    ).exists()


def test_demo_article_embeds_live_figures(demo, client):
    from wagtail.models import Site

    from congtin.news.models import ArticlePage

    article = ArticlePage.objects.live().get(title=DEMO_ARTICLE_TITLE)
    site = article.get_site()
    assert site.hostname == "lechan.localhost"
    plan = AnnualPlan.objects.get(site=site, year=2022)
    assert plan.source_page.specific == demo["article"]
    client.defaults["HTTP_HOST"] = site.hostname
    url = article.get_url(current_site=site)
    html = client.get(url).content.decode()
    assert "Chưa có kết quả cả năm của 18 chỉ tiêu chủ yếu" in html
    assert "91,2%" in html and "Chậm tiến độ" in html

    # A new figure shows the next time the article is read, with no republishing.
    ReportedFigure.objects.create(
        target=plan.targets.get(code="CT10"),
        period="NAM",
        value="92.6",
        reported_on=date(2022, 12, 28),
    )
    html = client.get(url).content.decode()
    assert "92,6%" in html and "Đạt 1/18 chỉ tiêu chủ yếu" in html
    # The plan page is on the district portal and on the city portal alike.
    city = Site.objects.get(is_default_site=True)
    client.defaults["HTTP_HOST"] = city.hostname
    assert client.get("/chi-tieu/lechan/2022/").status_code == 200
