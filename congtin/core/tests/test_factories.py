"""The factories build a portal that serves its pages, without the demo."""

import pytest

from congtin.core.tests.factories import SiteFactory
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory


@pytest.mark.django_db
def test_a_portal_with_a_section_and_an_article(client):
    site = SiteFactory(hostname="thu.localhost")
    section = NewsIndexPageFactory(parent=site.root_page, title="Tin tức")
    article = ArticlePageFactory(
        parent=section, title="Khai mạc hội nghị", publish=True
    )

    response = client.get(article.relative_url(site), HTTP_HOST=site.hostname)

    assert response.status_code == 200
    assert "Khai mạc hội nghị" in response.content.decode()
    assert article.get_site() == site
