"""The demo as `make run` builds it: topics, a published Q&A, one in the queue."""

from bs4 import BeautifulSoup
from django.http import HttpRequest
from django.urls import reverse

from congtin.questions.demo import PENDING_TITLE, PUBLISHED_TITLE, load_questions_demo
from congtin.questions.models import AnswerPage, Question


def test_demo_questions_public_pages_search_and_queue(demo, client):
    published = Question.objects.get(title=PUBLISHED_TITLE)
    pending = Question.objects.get(title=PENDING_TITLE)
    assert published.status == "published" and pending.status == "received"
    client.defaults["HTTP_HOST"] = "lechan.localhost"
    listing = client.get("/hoi-dap/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Đăng ký khai sinh" in html and "Nội dung minh họa" in html
    assert PENDING_TITLE not in html
    footer = BeautifulSoup(html, "html.parser").select_one("footer")
    assert footer.find("a", string="Hỏi đáp")["href"] == "/hoi-dap/"
    assert client.get("/hoi-dap/", {"chu-de": "ho-tich-chung-thuc"}).status_code == 200
    detail = client.get(published.answer_page.url).content.decode()
    assert "Luật Hộ tịch" in detail and "dữ liệu mẫu" in detail
    for private in ("nguoihoi.mau@example.com", "Người hỏi mẫu"):
        assert private not in detail and private not in html
    search = BeautifulSoup(
        client.get("/tim-kiem/", {"q": "khai sinh"}).content, "html.parser"
    )
    found = " ".join(search.find("main").get_text(" ").split())
    assert "Loại: Hỏi đáp" in found and "Đăng ký khai sinh cho con" in found
    # The district's editor sees the pending question; the city's does not.
    client.login(
        request=HttpRequest(), username="lechan.bientap", password="haiphong-demo-2022"
    )
    queue = client.get(reverse("wagtailsnippets_questions_question:list"))
    assert pending.tracking_code in queue.content.decode()
    client.login(
        request=HttpRequest(),
        username="haiphong.bientap",
        password="haiphong-demo-2022",
    )
    queue = client.get(reverse("wagtailsnippets_questions_question:list"))
    assert pending.tracking_code not in queue.content.decode()
    # Running the demo again adds nothing.
    load_questions_demo(published.site)
    assert Question.objects.count() == 2 and AnswerPage.objects.count() == 1
