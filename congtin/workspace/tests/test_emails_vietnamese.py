"""The e-mails of an article's way through the workflow are in Vietnamese.

Wagtail's own notifications (a step waiting for review, an approval) and the
project's (sent back with a comment) are counted like the admin's screens: at
most 2% English words in the subject and in each body, text and HTML.
"""

import re
from html import unescape

import pytest
from django.core import mail

from congtin.editorial.tests.admin_actions import (
    add_article,
    client_for,
    edit_article,
    news_section,
    workflow_action,
)
from congtin.news.models import ArticlePage
from congtin.workspace.interface_words import content_words, count_words

pytestmark = pytest.mark.django_db

TITLE = "Ra quân làm sạch môi trường"
MOST_ENGLISH = 0.02


def texts(message):
    yield "tiêu đề", message.subject
    yield "nội dung", message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            # What a mail reader shows: no tags, no styles.
            shown = re.sub(r"<(style|head)\b.*?</\1>", " ", content, flags=re.S)
            yield "HTML", unescape(re.sub(r"<[^>]+>", " ", shown))


def test_workflow_emails_are_vietnamese(demo):
    def step(response):
        assert response.status_code == 302, response.content.decode()[:2000]

    section = news_section("lechan.localhost")
    reporter = client_for("lechan.phongvien")
    step(add_article(reporter, section, "submit", title=TITLE))
    article = ArticlePage.objects.get(title=TITLE)
    step(workflow_action(client_for("lechan.bientap"), article, "approve"))
    chief = client_for("lechan.truongban")
    step(workflow_action(chief, article, "reject", "Cần bổ sung nguồn"))
    step(edit_article(reporter, article, "submit"))
    step(workflow_action(chief, article, "approve"))

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
