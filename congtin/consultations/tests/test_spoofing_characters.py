"""A comment on a draft whose name or text hides direction overrides, invisible
characters or stray marks is stored, and shown to moderators, as a reader sees it."""

import pytest
from bs4 import BeautifulSoup

from congtin.consultations.models import DraftComment

from .conftest import form_data

pytestmark = pytest.mark.django_db
QUEUE = "/admin/gop-y-du-thao/"
HIDDEN = ("\u202e", "\u2067", "\u200b", "\u200c", "\u2060", "\u061c", "\U000e0067")


def test_comment_is_stored_and_listed_without_spoofing_characters(
    portal, client, django_user_model
):
    client.defaults["HTTP_HOST"] = "localhost"
    page = portal["open"]
    data = form_data(
        name="\u2067Tra\u0302\u0300n\u200c Thị\u2060 B\u061cình\u2069\U000e0067",
        text="Đề nghị \u202egiữ\u202c nguyên \u0301\u0301chiều rộng hè phố"
        + "\u0300" * 40
        + " tối thiểu.\u200b",
    )
    response = client.post(page.get_url(current_site=page.get_site()), data)
    assert response.status_code == 303
    comment = DraftComment.objects.get()
    assert comment.name == "Trần Thị Bình"
    assert comment.text.startswith("Đề nghị giữ nguyên chiều rộng hè ph")
    assert comment.text.endswith(" tối thiểu.")
    assert comment.text.count("\u0300") <= 3

    admin = django_user_model.objects.create_superuser("kd", "kd@example.com", "x")
    client.force_login(admin)
    queue = client.get(QUEUE, {"status": "all"}).content.decode()
    cells = [
        td.get_text(strip=True)
        for td in BeautifulSoup(queue, "html.parser").select("table.listing td")
    ]
    assert "Trần Thị Bình" in cells
    detail = client.get(f"{QUEUE}{comment.pk}/").content.decode()
    assert "Trần Thị Bình" in detail
    for html in (queue, detail):
        assert not any(char in html for char in HIDDEN)
