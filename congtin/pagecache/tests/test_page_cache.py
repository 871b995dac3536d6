"""Anonymous readers get pages from the shared cache; everyone else never does."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.models import Page

from congtin.news.models import ArticlePage
from congtin.pagecache import store
from congtin.questions.models import QuestionIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield


def fetch(client, url, **extra):
    return client.get(url, HTTP_HOST="localhost", **extra)


def test_second_anonymous_read_is_a_hit_without_a_query(
    demo, client, django_assert_num_queries
):
    first = fetch(client, demo["url"])
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = fetch(client, demo["url"])
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert demo["seed"].title in second.content.decode()
    control = second["Cache-Control"]
    for part in ("public", "max-age=0", "s-maxage=600", "stale-while-revalidate=30"):
        assert part in control
    assert "Cookie" in second["Vary"]
    # What the stack below added when the page was rendered comes with every hit.
    assert second["Content-Language"] == first["Content-Language"] == "vi"
    assert second["X-Frame-Options"] == "DENY"
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


def test_revalidation_answers_304(demo, client):
    etag = fetch(client, demo["url"])["ETag"]
    again = fetch(client, demo["url"], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other = fetch(client, demo["url"], HTTP_IF_NONE_MATCH='"other"')
    assert other.status_code == 200


def test_campaign_parameters_share_the_entry_other_parameters_do_not(demo, client):
    fetch(client, demo["url"])
    tagged = fetch(client, demo["url"] + "?utm_source=zalo&fbclid=x")
    assert tagged["X-Page-Cache"] == "hit"
    assert fetch(client, "/tim-kiem/?q=Lê+Chân")["X-Page-Cache"] == "miss"
    assert fetch(client, "/tim-kiem/?q=Hải+Phòng")["X-Page-Cache"] == "miss"
    assert fetch(client, "/tim-kiem/?q=Lê+Chân")["X-Page-Cache"] == "hit"


def test_head_is_answered_from_the_cache_but_never_fills_it(demo, client):
    assert client.head(demo["url"], HTTP_HOST="localhost")["X-Page-Cache"] == "pass"
    assert fetch(client, demo["url"])["X-Page-Cache"] == "miss"
    assert client.head(demo["url"], HTTP_HOST="localhost")["X-Page-Cache"] == "hit"


def test_logged_in_users_never_see_or_fill_the_cache(demo, client):
    fetch(client, demo["url"])
    editor = get_user_model().objects.get(username="lechan.bientap")
    client.force_login(editor)
    response = fetch(client, demo["url"])
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "pass"
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert fetch(client, demo["url"])["X-Page-Cache"] == "hit"


def test_a_waiting_flash_message_bypasses_the_cache(demo, client):
    fetch(client, demo["url"])
    client.cookies["messages"] = "x"
    assert fetch(client, demo["url"])["X-Page-Cache"] == "pass"


def test_pages_with_a_form_token_are_not_kept(full_demo, client):
    index = QuestionIndexPage.objects.live().first()
    url = index.url + index.reverse_subpage("ask")
    first = client.get(url, HTTP_HOST=index.get_site().hostname)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert first["X-Page-Cache"] == "pass"
    second = client.get(url, HTTP_HOST=index.get_site().hostname)
    assert second["X-Page-Cache"] == "pass"


def test_a_citizens_tracking_page_is_never_kept(full_demo, client):
    index = QuestionIndexPage.objects.live().first()
    url = index.url + index.reverse_subpage("track", args=["HD-7K3M-Q9PX"])
    response = client.get(url, HTTP_HOST=index.get_site().hostname)
    assert response["X-Page-Cache"] == "pass"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_errors_and_admin_are_not_kept(demo, client):
    assert fetch(client, "/khong-co-trang-nay/").status_code == 404
    assert fetch(client, "/khong-co-trang-nay/")["X-Page-Cache"] == "pass"
    assert "X-Page-Cache" not in fetch(client, "/admin/login/")


def test_publishing_shows_at_once(demo, client, django_capture_on_commit_callbacks):
    fetch(client, demo["url"])
    home = fetch(client, "/")
    assert fetch(client, "/")["X-Page-Cache"] == "hit"
    article = ArticlePage.objects.get(pk=demo["article"].pk)
    article.title = "Tiêu đề mới của bài viết"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    again = fetch(client, demo["url"])
    assert again["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới của bài viết" in again.content.decode()
    new_home = fetch(client, "/")
    assert new_home["X-Page-Cache"] == "miss"
    assert new_home.content != home.content


def test_nothing_moves_until_the_commit_and_then_once(
    demo, django_capture_on_commit_callbacks
):
    before = store.current_version()
    article = ArticlePage.objects.get(pk=demo["article"].pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for _ in range(3):
            article.save_revision().publish()
        Page.objects.get(pk=article.pk).specific.unpublish()
        assert store.current_version() == before
    assert len(callbacks) == 1


def test_a_new_day_empties_the_cache_once(demo, django_capture_on_commit_callbacks):
    from congtin.pagecache.wagtail_hooks import DAY_KEY, purge_on_a_new_day

    purge_on_a_new_day()  # the first tick only notes the day
    before = store.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_on_a_new_day() is None
    assert store.current_version() == before
    store.shared_cache().set(DAY_KEY, "2022-01-01", None)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_on_a_new_day()
    assert store.current_version() > before


def test_the_wsgi_door_answers_hits_without_django(demo, client):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from congtin.pagecache.middleware import LOOKED_UP
    from congtin.pagecache.wsgi import PageCacheApplication

    page = fetch(client, demo["url"])
    passed_on = []

    def django(environ, start_response):
        passed_on.append(environ)
        return WSGIHandler()(environ, start_response)

    door = PageCacheApplication(django)
    started = []

    def call(**headers):
        environ = RequestFactory().get(demo["url"], HTTP_HOST="localhost", **headers)
        body = b"".join(door(environ.environ, lambda *args: started.append(args)))
        return started[-1][0], dict(started[-1][1]), body, environ.environ

    status, headers, body, _ = call()
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "hit")
    assert body == page.content and not passed_on
    status, headers, body, _ = call(HTTP_IF_NONE_MATCH=page["ETag"])
    assert status == "304 Not Modified" and body == b""
    assert headers["ETag"] == page["ETag"] and "Content-Type" not in headers
    # A logged-in reader goes on to Django, and so does a miss, with its key.
    status, headers, body, environ = call(HTTP_COOKIE="sessionid=abc")
    assert passed_on[-1] is environ and LOOKED_UP not in environ
    environ = RequestFactory().get("/tim-kiem/?q=x", HTTP_HOST="localhost").environ
    b"".join(door(environ, lambda *args: started.append(args)))
    assert passed_on[-1] is environ and LOOKED_UP in environ
