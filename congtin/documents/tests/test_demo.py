"""The demo: the seed article's resolutions on the right portals, linked from it."""

import os
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Revision

from congtin.documents.models import LegalDocumentPage


def test_demo_documents_and_seed_article_links(demo, client):
    city = {
        p.number: p
        for p in LegalDocumentPage.objects.live().filter(
            url_path__startswith="/trang-chu/"
        )
    }
    lechan = {
        p.number: p
        for p in LegalDocumentPage.objects.live().filter(
            url_path__startswith="/lechan/"
        )
    }
    assert set(city) == {"128/NQ-CP", "28-NQ/TU"}
    assert set(lechan) == {"01-NQ/QU"}
    resolution = city["128/NQ-CP"]
    assert resolution.issue_date.strftime("%d/%m/%Y") == "11/10/2021"
    assert resolution.issuing_body == "Chính phủ"
    assert "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19" in (
        resolution.summary
    )

    # The article's text is unchanged; its mentions became links to the documents.
    response = client.get(demo["url"], HTTP_HOST="localhost")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    links = {
        a.get_text(): a["href"]
        for a in soup.select(".article__body a[href*='/van-ban/']")
    }
    assert links == {
        "Nghị quyết số 128/NQ-CP": "http://localhost/van-ban/nghi-quyet-128-nq-cp/",
        "Nghị quyết 28-NQ/TU": "http://localhost/van-ban/nghi-quyet-28-nq-tu/",
        "Nghị quyết số 01": "http://lechan.localhost/van-ban/"
        "nghi-quyet-01-quan-uy-le-chan-2021/",
    }

    # The document names the article, shows what is illustrative, serves its PDF.
    page = client.get(
        urlsplit(links["Nghị quyết số 128/NQ-CP"]).path, HTTP_HOST="localhost"
    )
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert demo["seed"].title in soup.select_one(".doc-articles").get_text()
    assert "Minh họa" in soup.select_one(".doc-field--note").get_text()
    files = soup.select(".doc-files li")
    assert len(files) == 1 and "Minh họa - không phải bản gốc" in files[0].get_text()
    download = client.get(files[0].a["href"], HTTP_HOST="localhost")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    menu = client.get("/", HTTP_HOST="lechan.localhost").content.decode()
    assert 'href="/van-ban/"' in menu

    # Search on the city portal finds it by number.
    found = client.get("/tim-kiem/", {"q": "128/NQ-CP"}, HTTP_HOST="localhost")
    titles = [
        " ".join(a.get_text().split())
        for a in BeautifulSoup(found.content.decode(), "html.parser").select(
            ".search-hit__title a"
        )
    ]
    assert resolution.title in titles

    # Running the demo again changes nothing.
    before = (LegalDocumentPage.objects.count(), Revision.objects.count())
    call_command("load_demo", port=80, stdout=open(os.devnull, "w"))
    assert (LegalDocumentPage.objects.count(), Revision.objects.count()) == before
