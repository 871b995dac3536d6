"""Withdrawing an article: through Wagtail's own Unpublish page, never without a reason.

Every test goes through the real admin as a demo user, then looks at what readers
get at the article's old address and at what the page's history records.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry, Site

from congtin.editorial.models import Withdrawal
from congtin.news.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

CITY = "localhost"
LECHAN = "lechan.localhost"
NOTICE = "Bài viết đã được thu hồi"
REASON = "Số liệu trong bài chưa được cơ quan chủ trì xác nhận."


def admin_for(username: str, host: str = CITY) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def reader(host: str) -> Client:
    return Client(HTTP_HOST=host)


def unpublish_url(page: Page) -> str:
    return f"/admin/pages/{page.pk}/unpublish/"


def is_live(page: Page) -> bool:
    return Page.objects.get(pk=page.pk).live


def path_of(page: Page) -> str:
    return page.get_url_parts()[2]


def lechan_section() -> NewsIndexPage:
    home = Site.objects.get(hostname=LECHAN).root_page
    return NewsIndexPage.objects.descendant_of(home).get(slug="tin-tuc-su-kien")


def publish_article(section: Page, title: str, slug: str, by: str) -> ArticlePage:
    article = ArticlePage(
        title=title,
        slug=slug,
        lead=f"Sapo của bài “{title}”.",
        body=[("paragraph", "<p>Nội dung bài.</p>")],
        author="Phóng viên Lê Chân",
    )
    section.add_child(instance=article)
    user = get_user_model().objects.get(username=by)
    article.save_revision(user=user).publish(user=user)
    return ArticlePage.objects.get(pk=article.pk)


def republish(page: Page, by: str) -> None:
    user = get_user_model().objects.get(username=by)
    page = Page.objects.get(pk=page.pk).specific
    page.get_latest_revision().publish(user=user)


@pytest.fixture
def seed(demo):
    return demo["article"]


@pytest.fixture
def lechan_article(demo):
    return publish_article(
        lechan_section(),
        "Quận Lê Chân ra quân làm sạch môi trường",
        "le-chan-ra-quan-lam-sach-moi-truong",
        by="lechan.truongban",
    )


@pytest.fixture
def lechan_replacement(demo):
    return publish_article(
        lechan_section(),
        "Quận Lê Chân ra quân làm sạch môi trường (đính chính)",
        "le-chan-ra-quan-lam-sach-moi-truong-dinh-chinh",
        by="lechan.truongban",
    )


def test_confirmation_page_asks_for_reason_and_replacement(seed):
    response = admin_for("haiphong.truongban").get(unpublish_url(seed))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lý do thu hồi" in html
    assert '<textarea name="reason"' in html
    assert "Bài thay thế" in html
    assert 'name="replacement"' in html


@pytest.mark.parametrize("reason", [None, "", "   \n  "])
def test_unpublish_without_reason_is_refused(seed, reason):
    data = {} if reason is None else {"reason": reason}
    response = admin_for("haiphong.truongban").post(unpublish_url(seed), data)

    assert response.status_code == 400
    assert "Hãy ghi lý do thu hồi bài." in response.content.decode()
    assert is_live(seed)
    assert reader(CITY).get(path_of(seed)).status_code == 200
    assert not Withdrawal.objects.exists()
    assert not PageLogEntry.objects.filter(
        page=seed, action__in=["wagtail.unpublish", "congtin.withdraw"]
    ).exists()


def test_withdraw_with_reason_answers_gone_and_logs_the_reason(seed):
    path = path_of(seed)
    assert reader(CITY).get(path).status_code == 200

    chief = admin_for("haiphong.truongban")
    response = chief.post(unpublish_url(seed), {"reason": REASON})

    assert response.status_code == 302
    assert not is_live(seed)
    listing = chief.get(response["Location"]).content.decode()
    assert "Đã thu hồi “" in listing and "Lý do đã được ghi vào nhật ký" in listing

    gone = reader(CITY).get(path)
    assert gone.status_code == 410
    html = gone.content.decode()
    assert NOTICE in html
    assert REASON not in html  # the reason is for the record, not for readers
    assert "site-header" in html and "Bỏ qua, đến nội dung chính" in html
    assert reader(CITY).get(path.rstrip("/")).status_code == 410

    withdrawal = Withdrawal.objects.get(page=seed)
    assert withdrawal.reason == REASON
    assert withdrawal.withdrawn_by.username == "haiphong.truongban"
    assert withdrawal.url_path == path

    entry = PageLogEntry.objects.get(page=seed, action="congtin.withdraw")
    assert entry.data["reason"] == REASON
    assert entry.user.username == "haiphong.truongban"
    history = chief.get(f"/admin/pages/{seed.pk}/history/")
    assert "Thu hồi bài" in history.content.decode()
    assert REASON in history.content.decode()


def test_reason_is_stored_as_typed_trimmed(seed):
    # Decomposed "ế" and "ạ" as some keyboards send them.
    typed = "  Sai ngày ban hành nghi\u0323 quyê\u0301t  "
    admin_for("haiphong.truongban").post(unpublish_url(seed), {"reason": typed})

    assert Withdrawal.objects.get(page=seed).reason == "Sai ngày ban hành nghị quyết"


def test_withdraw_with_replacement_redirects_permanently(
    lechan_article, lechan_replacement
):
    path = path_of(lechan_article)
    response = admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(lechan_article),
        {"reason": REASON, "replacement": lechan_replacement.pk},
    )

    assert response.status_code == 302
    assert not is_live(lechan_article)
    moved = reader(LECHAN).get(path)
    assert moved.status_code == 301
    assert moved["Location"].endswith(path_of(lechan_replacement))
    assert reader(LECHAN).get(moved["Location"]).status_code == 200

    entry = PageLogEntry.objects.get(page=lechan_article, action="congtin.withdraw")
    assert entry.data["reason"] == REASON
    assert entry.data["replacement"]["id"] == lechan_replacement.pk


def test_republishing_restores_the_address(lechan_article, lechan_replacement):
    path = path_of(lechan_article)
    admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(lechan_article),
        {"reason": REASON, "replacement": lechan_replacement.pk},
    )
    assert reader(LECHAN).get(path).status_code == 301

    republish(lechan_article, by="lechan.truongban")

    assert reader(LECHAN).get(path).status_code == 200
    assert not Withdrawal.objects.filter(page=lechan_article).exists()
    assert not Redirect.objects.filter(redirect_page=lechan_replacement).exists()


def test_republishing_a_gone_article_serves_it_again(seed):
    path = path_of(seed)
    admin_for("haiphong.truongban").post(unpublish_url(seed), {"reason": REASON})
    assert reader(CITY).get(path).status_code == 410

    republish(seed, by="haiphong.truongban")

    assert reader(CITY).get(path).status_code == 200


def test_replacement_from_another_portal_is_refused(lechan_article, seed):
    response = admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(lechan_article), {"reason": REASON, "replacement": seed.pk}
    )

    assert response.status_code == 400
    assert "Hãy chọn một trang khác đang đăng trên cổng" in response.content.decode()
    assert is_live(lechan_article)


def test_the_article_cannot_replace_itself(lechan_article):
    response = admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(lechan_article),
        {"reason": REASON, "replacement": lechan_article.pk},
    )

    assert response.status_code == 400
    assert is_live(lechan_article)


@pytest.mark.parametrize("username", ["haiphong.phongvien", "haiphong.bientap"])
def test_reporters_and_editors_cannot_withdraw(seed, username):
    client = admin_for(username)

    assert client.get(unpublish_url(seed)).status_code in (302, 403)
    response = client.post(unpublish_url(seed), {"reason": REASON})
    assert response.status_code in (302, 403)
    assert is_live(seed)
    assert not Withdrawal.objects.exists()


def test_chief_of_another_portal_cannot_withdraw(seed):
    response = admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(seed), {"reason": REASON}
    )

    assert response.status_code in (302, 403)
    assert is_live(seed)


def test_bulk_unpublish_is_refused(seed):
    client = admin_for("haiphong.truongban")
    parent = seed.get_parent()
    url = (
        f"/admin/bulk/wagtailcore/page/unpublish/"
        f"?id={seed.pk}&next=/admin/pages/{parent.pk}/"
    )
    assert client.get(url).status_code == 200

    response = client.post(url, {"include_descendants": ""}, follow=True)

    assert is_live(seed)
    assert "Không thể thu hồi nhiều bài cùng lúc" in response.content.decode()
    assert not PageLogEntry.objects.filter(
        page=seed, action="wagtail.unpublish"
    ).exists()


def test_withdrawing_with_subpages_records_each(lechan_article):
    section = lechan_section()
    section_path = path_of(section)
    article_path = path_of(lechan_article)
    client = admin_for("lechan.truongban", LECHAN)
    confirmation = client.get(unpublish_url(section)).content.decode()
    assert 'name="include_descendants"' in confirmation
    assert "Thu hồi cả các trang con, với cùng lý do" in confirmation

    response = client.post(
        unpublish_url(section), {"reason": REASON, "include_descendants": "on"}
    )

    assert response.status_code == 302
    assert not is_live(section) and not is_live(lechan_article)
    for page in (section, lechan_article):
        assert Withdrawal.objects.get(page=page).reason == REASON
        entry = PageLogEntry.objects.get(page=page, action="congtin.withdraw")
        assert entry.data["reason"] == REASON
    assert reader(LECHAN).get(section_path).status_code == 410
    assert reader(LECHAN).get(article_path).status_code == 410


def test_withdrawing_without_subpages_leaves_them_alone(lechan_article):
    section = lechan_section()
    admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(section), {"reason": REASON}
    )

    assert not is_live(section)
    assert is_live(lechan_article)
    assert list(Withdrawal.objects.values_list("page_id", flat=True)) == [section.pk]


def test_alias_on_the_city_portal_goes_with_its_original(seed, lechan_article):
    city_section = seed.get_parent()
    alias = lechan_article.create_alias(parent=city_section)
    alias_path = path_of(alias)
    assert reader(CITY).get(alias_path).status_code == 200

    admin_for("lechan.truongban", LECHAN).post(
        unpublish_url(lechan_article), {"reason": REASON}
    )

    assert reader(CITY).get(alias_path).status_code == 410
    assert Withdrawal.objects.get(page=alias).reason == REASON

    republish(lechan_article, by="lechan.truongban")

    assert reader(CITY).get(alias_path).status_code == 200
    assert not Withdrawal.objects.exists()


def test_an_unknown_address_stays_not_found(seed):
    response = reader(CITY).get("/tin-tuc/khong-co-bai-nay/")

    assert response.status_code == 404
