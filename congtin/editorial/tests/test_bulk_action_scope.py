"""Bulk-action pages (/admin/bulk/...) show nothing of other portals.

Each test asks, as a Lê Chân reporter, for a bulk action on one object of the city
and one of Lê Chân: the city's title or code must not appear anywhere in the answer,
Lê Chân's must, and the action must still work on Lê Chân's object alone.
"""

from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, get_page_models
from wagtail.snippets.models import get_snippet_models

from congtin.banners.models import Banner, LinkBlock, Slot
from congtin.contact.models import ContactMessage, ContactRecipient
from congtin.demo.placeholders import placeholder_emblem
from congtin.dialogues.models import DialogueQuestion
from congtin.dialogues.tests.factories import (
    DialogueIndexPageFactory,
    DialoguePageFactory,
)
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.polls.models import Poll
from congtin.press.models import Spokesperson
from congtin.questions.models import Question, Topic
from congtin.targets.models import AnnualPlan, ReportedFigure, Target

from .admin_actions import client_for, user

pytestmark = pytest.mark.django_db

PAGE_ACTIONS = ("publish", "unpublish", "move", "delete")
MEDIA_ACTIONS = ("add_tags", "add_to_collection", "delete")


def bulk_url(model, action, *ids) -> str:
    meta = model._meta
    query = urlencode([("id", pk) for pk in ids] + [("next", "/admin/")])
    return f"/admin/bulk/{meta.app_label}/{meta.model_name}/{action}/?{query}"


def homes():
    return (
        Site.objects.get(hostname="localhost").root_page,
        Site.objects.get(hostname="lechan.localhost").root_page,
    )


def copy_draft(source, parent, title, owner=None):
    """An unpublished copy of ``source`` under ``parent``: any page type, any portal."""
    slug = f"{source.slug}-{parent.slug}-ban-sao"
    return source.copy(
        to=parent,
        recursive=False,
        keep_live=False,
        copy_revisions=False,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": slug,
            "owner": owner,
        },
    )


def test_every_bulk_action_is_scoped():
    """A bulk action Wagtail adds later must not slip past the portal filter."""
    from congtin.editorial.bulk_actions import PortalScopedBulkAction

    bulk_action_registry._scan_for_bulk_actions()
    actions = [
        action
        for models in bulk_action_registry.actions.values()
        for by_type in models.values()
        for action in by_type.values()
    ]
    assert actions
    unscoped = [a for a in actions if not issubclass(a, PortalScopedBulkAction)]
    assert unscoped == []


# --- Pages: every page type of the project ---------------------------------------

PAGE_MODELS = [model for model in get_page_models() if model is not Page]


def page_pair(model):
    """A city draft and a Lê Chân draft (owned by the reporter) of page type model."""
    city_home, lechan_home = homes()
    source = model.objects.first()
    name = model.__name__
    secret = copy_draft(source, city_home, f"Bản nháp mật thành phố {name}")
    own = copy_draft(
        source,
        lechan_home,
        f"Bản nháp Lê Chân {name}",
        owner=user("lechan.phongvien"),
    )
    return secret, own


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m.__name__)
def test_page_bulk_delete_hides_other_portals(full_demo, model):
    secret, own = page_pair(model)
    client = client_for("lechan.phongvien")
    url = bulk_url(Page, "delete", secret.pk, own.pk)

    html = client.get(url).content.decode()
    assert secret.title not in html
    assert own.title in html

    # A reporter may delete their own draft; the city's page stays whatever is sent.
    assert client.post(url).status_code == 302
    assert not Page.objects.filter(pk=own.pk).exists()
    assert Page.objects.filter(pk=secret.pk).exists()


def test_every_page_bulk_action_hides_other_portals(full_demo):
    secret, own = page_pair(ArticlePage)
    client = client_for("lechan.phongvien")
    for action in PAGE_ACTIONS:
        response = client.get(bulk_url(Page, action, secret.pk, own.pk))
        html = response.content.decode()
        assert response.status_code == 200, action
        assert secret.title not in html, action
        assert own.title in html, action


def test_only_other_portals_pages_requested_is_404(full_demo):
    city_home, _ = homes()
    draft = copy_draft(
        city_home.get_children().first().specific, city_home, "Bản nháp mật"
    )
    response = client_for("lechan.phongvien").get(bulk_url(Page, "delete", draft.pk))
    assert response.status_code == 404
    assert "Bản nháp mật" not in response.content.decode()


def test_move_goes_only_into_own_portals(full_demo):
    city_home, lechan_home = homes()
    article = ArticlePage.objects.descendant_of(lechan_home).first()
    section = article.get_parent()
    other_section = (
        NewsIndexPage.objects.descendant_of(lechan_home).exclude(pk=section.pk).first()
    )
    secret = copy_draft(
        NewsIndexPage.objects.descendant_of(city_home).first(), city_home, "Mục mật"
    )
    client = client_for("lechan.truongban")
    url = bulk_url(Page, "move", article.pk)

    response = client.post(url, {"chooser": str(secret.pk)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Mục mật" not in html
    assert "Chọn trang đích trong các cổng bạn phụ trách." in html
    assert article.get_parent().pk == section.pk

    assert client.post(url, {"chooser": str(other_section.pk)}).status_code == 302
    assert Page.objects.get(pk=article.pk).get_parent().pk == other_section.pk


# --- Snippets: every snippet model registered in the project ---------------------


@pytest.fixture
def snippets(demo):
    """Per snippet model: (city object, its secret text, Lê Chân object, its text)."""
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    city_topic = Topic.objects.create(
        name="Chủ đề mật thành phố", slug="mat", site=city
    )
    own_topic = Topic.objects.create(name="Chủ đề Lê Chân", slug="lc", site=lechan)

    def question(site, title):
        return Question.objects.create(
            site=site, name="Người hỏi", title=title, text="Nội dung."
        )

    city_question = question(city, "Câu hỏi mật gửi thành phố")
    own_question = question(lechan, "Câu hỏi gửi Lê Chân")

    def plan(site, code):
        plan = AnnualPlan.objects.create(site=site, year=2031, theme="Chủ đề năm")
        target = Target.objects.create(
            plan=plan, code=code, name="Chỉ tiêu", unit="%", value=1
        )
        figure = ReportedFigure.objects.create(
            target=target, period="T06", value=1, reported_on="2031-06-30"
        )
        return plan, figure

    city_plan, city_figure = plan(city, "MATTP9")
    own_plan, own_figure = plan(lechan, "LECHAN9")
    city_person = Spokesperson.objects.create(
        site=city, name="Người phát ngôn mật", position="Chánh Văn phòng"
    )
    own_person = Spokesperson.objects.create(
        site=lechan, name="Người phát ngôn Lê Chân", position="Chánh Văn phòng"
    )

    def poll(site, question):
        return Poll.objects.create(
            site=site, question=question, closes_at=timezone.now() + timedelta(days=7)
        )

    city_poll = poll(city, "Thăm dò mật của thành phố?")
    own_poll = poll(lechan, "Thăm dò của Lê Chân?")

    def recipient(site, name):
        return ContactRecipient.objects.create(
            site=site, name=name, email="phong@example.gov.vn"
        )

    city_recipient = recipient(city, "Phòng mật thành phố")
    own_recipient = recipient(lechan, "Phòng Lê Chân")

    def message(site, title, reference):
        return ContactMessage.objects.create(
            site=site,
            department_name="Văn phòng",
            reference=reference,
            name="Người gửi",
            title=title,
            text="Nội dung.",
        )

    city_message = message(city, "Thư mật gửi thành phố", "LH-MATT-0001")
    own_message = message(lechan, "Thư gửi Lê Chân", "LH-LECH-0001")

    def dialogue_question(site, text):
        index = DialogueIndexPageFactory(parent=site.root_page)
        dialogue = DialoguePageFactory(parent=index)
        return DialogueQuestion.objects.create(
            dialogue=dialogue, site=site, name="Người hỏi", text=text
        )

    city_dq = dialogue_question(city, "Câu hỏi đối thoại mật của thành phố")
    own_dq = dialogue_question(lechan, "Câu hỏi đối thoại Lê Chân")

    def banner(site, title):
        return Banner.objects.create(
            site=site, slot=Slot.HOME_SIDE, title=title, alt_text=title
        )

    city_banner = banner(city, "Banner mật của thành phố")
    own_banner = banner(lechan, "Banner Lê Chân")
    city_block = LinkBlock.objects.create(
        site=city, slot=Slot.HOME_SIDE, title="Khối liên kết mật thành phố"
    )
    own_block = LinkBlock.objects.create(
        site=lechan, slot=Slot.HOME_SIDE, title="Khối liên kết Lê Chân"
    )
    return {
        Banner: (city_banner, city_banner.title, own_banner, own_banner.title),
        LinkBlock: (city_block, city_block.title, own_block, own_block.title),
        Poll: (city_poll, city_poll.question, own_poll, own_poll.question),
        ContactRecipient: (
            city_recipient,
            city_recipient.name,
            own_recipient,
            own_recipient.name,
        ),
        ContactMessage: (
            city_message,
            city_message.title,
            own_message,
            own_message.title,
        ),
        DialogueQuestion: (city_dq, city_dq.text, own_dq, own_dq.text),
        Spokesperson: (city_person, city_person.name, own_person, own_person.name),
        Topic: (city_topic, city_topic.name, own_topic, own_topic.name),
        Question: (
            city_question,
            city_question.tracking_code,
            own_question,
            own_question.tracking_code,
        ),
        AnnualPlan: (city_plan, str(city_plan), own_plan, str(own_plan)),
        ReportedFigure: (city_figure, "MATTP9", own_figure, "LECHAN9"),
    }


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda m: m.__name__)
def test_snippet_bulk_delete_hides_other_portals(snippets, model):
    secret, secret_text, own, own_text = snippets[model]
    url = bulk_url(model, "delete", secret.pk, own.pk)

    response = client_for("lechan.phongvien").get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert secret_text not in html
    if model is Question:
        assert secret.title not in html
    assert own_text in html

    # Lê Chân's chief deletes Lê Chân's object only. Topics belong to the
    # installation's administrators, so the chief is given that right here.
    chief = user("lechan.truongban")
    chief.user_permissions.add(Permission.objects.get(codename="delete_topic"))
    response = client_for("lechan.truongban").post(url)
    assert response.status_code == 302
    assert not model.objects.filter(pk=own.pk).exists()
    assert model.objects.filter(pk=secret.pk).exists()


def test_select_all_lists_own_portals_questions_only(snippets):
    secret, code, own, own_code = snippets[Question]
    url = bulk_url(Question, "delete", "all")
    html = client_for("lechan.phongvien").get(url).content.decode()
    assert code not in html
    assert own_code in html


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "9" * 30])
def test_malformed_ids_are_404_not_500(snippets, bad_id):
    response = client_for("lechan.phongvien").get(bulk_url(Question, "delete", bad_id))
    assert response.status_code == 404


@pytest.mark.parametrize("parent", ["abc", "9" * 30, "999999"])
def test_malformed_select_all_parent_is_404_not_500(demo, parent):
    client = client_for("lechan.phongvien")
    for model in (Page, get_image_model()):
        url = bulk_url(model, "delete", "all") + f"&childOf={parent}"
        assert client.get(url).status_code == 404, model


# --- Images and documents -------------------------------------------------------


@pytest.fixture
def media(demo):
    reporter = user("lechan.phongvien")
    made = {}
    for model in (get_image_model(), get_document_model()):
        made[model] = SimpleNamespace(
            secret=model.objects.create(
                title=f"Tệp mật thành phố {model.__name__}",
                collection=Collection.objects.get(name="Thành phố Hải Phòng"),
                file=SimpleUploadedFile("a.png", placeholder_emblem(16)),
            ),
            own=model.objects.create(
                title=f"Tệp của Lê Chân {model.__name__}",
                collection=Collection.objects.get(name="Quận Lê Chân"),
                file=SimpleUploadedFile("b.png", placeholder_emblem(16)),
                uploaded_by_user=reporter,
            ),
        )
    return made


@pytest.mark.parametrize("kind", ["image", "document"])
def test_media_bulk_actions_hide_other_portals(media, kind):
    model = get_image_model() if kind == "image" else get_document_model()
    objects = media[model]
    client = client_for("lechan.phongvien")
    for action in MEDIA_ACTIONS:
        url = bulk_url(model, action, objects.secret.pk, objects.own.pk)
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, action
        assert objects.secret.title not in html, action
        assert objects.own.title in html, action

    url = bulk_url(model, "add_tags", objects.secret.pk, objects.own.pk)
    assert client.post(url, {"tags": "hội nghị"}).status_code == 302
    assert list(objects.own.tags.names()) == ["hội nghị"]
    assert list(objects.secret.tags.names()) == []


# --- Users ----------------------------------------------------------------------


@pytest.mark.parametrize("action", ["delete", "assign_role", "set_active_state"])
def test_user_bulk_actions_are_closed_to_portal_staff(demo, action):
    """Wagtail already refuses these to anyone without a user permission."""
    admin = get_user_model().objects.get(username="quantri")
    response = client_for("lechan.phongvien").get(
        bulk_url(get_user_model(), action, admin.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert "quantri" not in response.content.decode()
