"""Drive the real Wagtail admin the way a person's browser would, form by form."""

import json

from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from congtin.news.models import ArticlePage, NewsIndexPage

PASSWORD = "haiphong-demo-2022"


def user(username):
    return get_user_model().objects.get(username=username)


def client_for(username) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user(username))
    return client


def rich_text(text: str) -> str:
    """Draftail's content state for one paragraph, as the editor posts it."""
    block = {
        "key": "p0001",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def article_form(page: ArticlePage | None = None, **fields) -> dict:
    """The add/edit form of an article, filled from ``page`` and ``fields``."""
    data = {
        "title": page.title if page else "Tin thử nghiệm",
        "slug": page.slug if page else "",
        "date": "21/12/2021 10:00",
        "author": "Phóng viên",
        "lead": page.lead if page else "Sapo của tin thử nghiệm.",
        "tags": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": rich_text("Nội dung tin thử nghiệm."),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return data


def news_section(hostname: str) -> NewsIndexPage:
    """The portal's "Tin tức - Sự kiện" section."""
    from wagtail.models import Site

    home = Site.objects.get(hostname=hostname).root_page
    return NewsIndexPage.objects.descendant_of(home).get(slug="tin-tuc-su-kien")


def add_article(client: Client, section: Page, action: str | None = None, **fields):
    """POST the add form; ``action`` is "submit" or "publish" (none saves a draft)."""
    data = article_form(**fields)
    if action:
        data[f"action-{action}"] = "action"
    return client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data)


def edit_article(client: Client, page: Page, action: str | None = None, **fields):
    page = ArticlePage.objects.get(pk=page.pk)
    data = article_form(page.get_latest_revision_as_object(), **fields)
    if action:
        data[f"action-{action}"] = "action"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def workflow_action(client: Client, page: Page, action: str, comment: str = ""):
    """Approve or reject the page's current workflow step, as the step's buttons do."""
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )
