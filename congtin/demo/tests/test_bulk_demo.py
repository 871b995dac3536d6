"""load_bulk_demo: portals and articles written in bulk make a sound, servable tree.

Runs on the suite's database (SQLite, and PostgreSQL in the PostgreSQL run, where
the articles go in through COPY).
"""

import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils.html import escape
from wagtail.models import Page, Site

from congtin.conftest import shared_copy
from congtin.core.models import AgencySettings
from congtin.demo.bulk import tree_problems
from congtin.demo.bulk_text import portal_names
from congtin.news.models import ArticlePage, ArticleTag, NewsIndexPage

ARTICLES, PORTALS = 300, 3


def load_bulk():
    before = {
        "articles": ArticlePage.objects.live().count(),
        "sites": Site.objects.count(),
        "max_id": Page.objects.order_by("-pk").values_list("pk", flat=True)[0],
    }
    out = io.StringIO()
    call_command("load_bulk_demo", articles=ARTICLES, portals=PORTALS, stdout=out)
    return {"before": before, "output": out.getvalue()}


shared_bulk = pytest.mark.shared_setup.with_args(load_bulk)


@pytest.fixture
def bulk(demo, shared_data, request):
    return shared_copy(request, load_bulk)


@shared_bulk
def test_portals_and_articles_are_added_to_a_sound_tree(bulk):
    before = bulk["before"]
    assert ArticlePage.objects.live().count() == before["articles"] + ARTICLES
    assert Site.objects.count() == before["sites"] + PORTALS
    for name, hostname in portal_names(PORTALS, 2022):
        site = Site.objects.get(hostname=hostname)
        assert site.site_name == f"Cổng thông tin điện tử {name}"
        assert AgencySettings.objects.get(site=site).agency_name == name
        home = site.root_page
        assert home.title.endswith(name) and home.live
        slugs = [p.slug for p in home.get_children()]
        assert slugs == ["gioi-thieu", "tin-tuc", "so-do-cong"]
        about = home.get_children().get(slug="gioi-thieu").specific
        assert name in about.lead
        events = NewsIndexPage.objects.get(
            url_path=f"{home.url_path}tin-tuc/tin-tuc-su-kien/"
        )
        assert ArticlePage.objects.child_of(events).live().count() > 50
    # Every check treebeard's find_problems makes, on the whole tree, both ways.
    assert set(tree_problems().values()) == {0}
    assert Page.find_problems() == ([], [], [], [], [])
    # And tree_problems sees each kind of damage.
    leaf = ArticlePage.objects.filter(pk__gt=before["max_id"]).first()
    Page.objects.filter(pk=leaf.pk).update(numchild=1, url_path="/sai/")
    Page.objects.filter(pk=leaf.get_parent().pk).update(numchild=F("numchild") + 1)
    found = {name: n for name, n in tree_problems().items() if n}
    assert found == {
        "numchild sai (trang có con)": 1,
        "numchild sai (trang không con)": 1,
        "url_path sai": 1,
    }
    new = ArticlePage.objects.filter(pk__gt=before["max_id"])
    assert new.count() == ARTICLES
    titles = list(new.values_list("title", flat=True))
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    assert len(set(titles)) > ARTICLES * 0.8
    tagged = ArticleTag.objects.filter(content_object__in=new)
    assert tagged.values("content_object").distinct().count() == ARTICLES
    years = {d.year for d in new.values_list("first_published_at", flat=True)}
    assert len(years) >= 5
    assert new.filter(cover_image__isnull=False).exists()
    assert "kiểm tra cây trang: không lỗi" in bulk["output"]
    assert "tải thử 4 trang" in bulk["output"]


@shared_bulk
def test_generated_portals_sections_and_articles_render(bulk, client):
    name, hostname = portal_names(PORTALS, 2022)[1]
    site = Site.objects.get(hostname=hostname)
    section = NewsIndexPage.objects.get(
        url_path=f"{site.root_page.url_path}tin-tuc/tin-tuc-su-kien/"
    )
    in_section = ArticlePage.objects.child_of(section).live().order_by("-date")
    newest, older = in_section[0], in_section[30]

    home = client.get("/", HTTP_HOST=hostname)
    assert home.status_code == 200
    assert escape(newest.title) in home.content.decode()
    listing = client.get("/tin-tuc/tin-tuc-su-kien/", HTTP_HOST=hostname)
    assert escape(newest.title) in listing.content.decode()
    second = client.get("/tin-tuc/tin-tuc-su-kien/?trang=2", HTTP_HOST=hostname)
    assert second.status_code == 200
    assert escape(in_section[20].title) in second.content.decode()
    article = client.get(
        "/" + older.url_path.removeprefix(site.root_page.url_path),
        HTTP_HOST=hostname,
    )
    assert article.status_code == 200
    assert escape(older.title) in article.content.decode()
    assert escape(older.lead) in article.content.decode()

    # The demo's own sections list the newest generated article first.
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    newest_there = ArticlePage.objects.child_of(districts).order_by("-date")[0]
    assert newest_there.pk > bulk["before"]["max_id"]
    response = client.get("/tin-tuc/tin-tuc-su-kien/quan-huyen/", HTTP_HOST="localhost")
    assert escape(newest_there.title) in response.content.decode()


@shared_bulk
def test_pages_added_afterwards_fit_in_and_a_second_run_adds_nothing(bulk):
    section = NewsIndexPage.objects.get(slug="thanh-pho")
    last = ArticlePage.objects.child_of(section).order_by("-path")[0]
    article = ArticlePage(title="Bài thêm sau khi tạo dữ liệu lớn", lead="Sapo.")
    section.add_child(instance=article)
    article.save_revision().publish()
    others = ArticlePage.objects.exclude(pk=article.pk).values_list("pk", flat=True)
    assert article.pk > max(others)
    assert Page._str2int(article.path[-4:]) == Page._str2int(last.path[-4:]) + 1
    assert set(tree_problems().values()) == {0}

    count = Page.objects.count()
    out = io.StringIO()
    call_command("load_bulk_demo", articles=ARTICLES, portals=PORTALS, stdout=out)
    assert "không thêm gì" in out.getvalue()
    assert Page.objects.count() == count


@pytest.mark.django_db
def test_needs_the_demo_and_sensible_arguments():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_bulk_demo", articles=10, portals=1, stdout=io.StringIO())
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("load_bulk_demo", articles=-1, stdout=io.StringIO())
    with pytest.raises(CommandError, match="Tối đa"):
        call_command("load_bulk_demo", portals=10_000, stdout=io.StringIO())
