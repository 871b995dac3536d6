"""The demo carries the seed article faithfully, paragraph by paragraph."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from congtin.demo.seed import SEED_PATH, split_blocks
from congtin.news.models import ArticlePage


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.mark.django_db
def test_rendered_article_matches_seed_paragraph_by_paragraph(demo, city_client):
    response = city_client.get(demo["url"])
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    article = soup.select_one("article.article")
    rendered = [
        _text(el)
        for el in article.select(
            ".article__time, .article__title, .article__lead, .article__body > p, "
            ".article__body figcaption, .article__author"
        )
    ]
    seed_blocks = [
        _norm(block) for block, _ in split_blocks(SEED_PATH.read_text("utf-8"))
    ]
    author_index = seed_blocks.index("Hoàng Tùng")
    expected = seed_blocks[2 : author_index + 1]
    assert rendered == expected
    # Typos and quotation marks survive untouched.
    html = response.content.decode()
    assert "phục hôi" in html and "heo kế hoạch" in html
    assert "“Đẩy mạnh quản lý đất đai, đô thị - Giải phóng mặt bằng”" in html
    assert "giải phóng mặt bằng&quot;" in html or 'giải phóng mặt bằng"' in html

    footer = soup.select_one("footer.site-footer")
    footer_lines = [_text(el) for el in footer.select("h2, p, nav")]
    assert (
        footer_lines[: len(seed_blocks) - author_index - 1]
        == seed_blocks[author_index + 1 :]
    )


@pytest.mark.django_db
def test_seed_article_has_captioned_placeholder_photos(demo, city_client):
    article = demo["article"]
    captions = [text for kind, text in demo["seed"].body if kind == "image"]
    assert len(captions) == 4
    blocks = [block for block in article.body if block.block_type == "image"]
    assert [block.value["caption"] for block in blocks] == captions
    for block in blocks:
        assert block.value["image"].title.startswith("[ẢNH MINH HỌA]")
    soup = BeautifulSoup(city_client.get(demo["url"]).content, "html.parser")
    figures = soup.select(".article__body figure")
    assert [_text(f.figcaption) for f in figures] == captions
    assert all(f.img["alt"] for f in figures)


@pytest.mark.django_db
def test_seed_article_is_on_the_home_page(demo, city_client):
    response = city_client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("main a")}
    assert links[demo["seed"].title] == demo["url"]


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(demo):
    from django.core.management import call_command

    def snapshot():
        return {
            "pages": list(
                Page.objects.order_by("path").values_list("path", "title", "live")
            ),
            "revisions": Revision.objects.count(),
            "log": PageLogEntry.objects.count(),
            "images": get_image_model().objects.count(),
            "sites": list(Site.objects.order_by("pk").values_list("hostname", "port")),
            "articles": ArticlePage.objects.count(),
        }

    before = snapshot()
    call_command("load_demo", port=80, stdout=open("/dev/null", "w"))
    assert snapshot() == before
    assert before["sites"] == [("localhost", 80), ("lechan.localhost", 80)]
