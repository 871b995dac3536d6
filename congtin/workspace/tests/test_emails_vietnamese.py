"""The e-mails of an article's way through the workflow are in Vietnamese.

Wagtail's own notifications (a step waiting for review, an approval) and the
project's (sent back with a comment) are counted like the admin's screens: at
most 2% English words in the subject and in each body, text and HTML.
"""

import re
from html import unescape

import pytest
from django.core import mail

from congtin.editorial.tests import admin_actions
from congtin.editorial.tests.admin_actions import client_for, news_section
from congtin.news.models import ArticlePage
from congtin.workspace.interface_words import content_words, count_words

pytestmark = pytest.mark.django_db

TITLE = "Ra quân làm sạch môi trường"
MOST_ENGLISH = 0.02


def act(username, page, action, comment=""):
    task_state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state
    response = client_for(username).post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def texts(message):
    yield "tiêu đề", message.subject
    yield "nội dung", message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            # What a mail reader shows: no tags, no styles.
            shown = re.sub(r"<(style|head)\b.*?</\1>", " ", content, flags=re.S)
            yield "HTML", unescape(re.sub(r"<[^>]+>", " ", shown))


def test_workflow_emails_are_vietnamese(demo):
    section = news_section("lechan.localhost")
    response = client_for("lechan.phongvien").post(
        f"/admin/pages/add/news/articlepage/{section.pk}/",
        admin_actions.article_form(title=TITLE, **{"action-submit": "action"}),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(title=TITLE)
    act("lechan.bientap", article, "approve")
    act("lechan.truongban", article, "reject", "Cần bổ sung nguồn")
    client_for("lechan.phongvien").post(
        f"/admin/pages/{article.pk}/edit/",
        admin_actions.article_form(title=TITLE, **{"action-submit": "action"}),
    )
    act("lechan.truongban", article, "approve")

    # Submitted, passed on, sent back, approved: each told someone.
    assert len(mail.outbox) >= 4
    content = content_words()
    measured = [
        count_words(f"{message.subject} · {part}", text, content)
        for message in mail.outbox
        for part, text in texts(message)
    ]
    print("\n".join(str(screen) for screen in measured))
    too_english = [str(m) for m in measured if m.share > MOST_ENGLISH]
    assert not too_english, "\n".join(too_english)
