"""Polls in the admin: kept by their own portal's editors and chiefs only (list,
forms and every single-object view), with their options, in Vietnamese."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from congtin.polls.models import Poll
from congtin.portals.tests.factories import UserFactory

from .conftest import shared_portals
from .factories import make_poll

pytestmark = [pytest.mark.django_db, shared_portals]

SNIPPETS = "wagtailsnippets_polls_poll"


def form_data(site, question="Câu hỏi mới?", options=("Một", "Hai"), **extra):
    now = timezone.localtime()
    data = {
        "site": site.pk,
        "question": question,
        "intro": "",
        "kind": "single",
        "show_results": "after_vote",
        "opens_at": now.strftime("%d/%m/%Y %H:%M"),
        "closes_at": (now + timedelta(days=7)).strftime("%d/%m/%Y %H:%M"),
        "live": "on",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "2",
        "options-MAX_NUM_FORMS": "20",
    }
    for n, option in enumerate(options):
        data |= {
            f"options-{n}-text": option,
            f"options-{n}-id": "",
            f"options-{n}-ORDER": str(n + 1),
            f"options-{n}-DELETE": "",
        }
    return data | extra


def test_each_portals_staff_keep_their_own_polls_only(client, portals):
    city, other = portals["city"], portals["other"]
    editor = UserFactory(groups=[other.groups.editors])
    mine = make_poll(other.site, question="Câu hỏi của quận?")
    theirs = make_poll(city.site, question="Câu hỏi của thành phố?")

    client.force_login(editor)
    listing = client.get(reverse(f"{SNIPPETS}:list")).content.decode()
    assert "Câu hỏi của quận?" in listing and "Câu hỏi của thành phố?" not in listing
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code == 200
    for view in ("edit", "delete", "history"):
        url = reverse(f"{SNIPPETS}:{view}", args=[theirs.pk])
        assert client.get(url).status_code == 404, view
    url = reverse(f"{SNIPPETS}:edit", args=[theirs.pk])
    assert client.post(url, form_data(other.site, "Chiếm?")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.question == "Câu hỏi của thành phố?"

    add = reverse(f"{SNIPPETS}:add")
    form = client.get(add).content.decode()
    sites = BeautifulSoup(form, "html.parser").select("select[name=site] option")
    assert [o["value"] for o in sites if o["value"]] == [str(other.site.pk)]
    assert "Phương án" in form and "Công bố kết quả" in form
    # A crafted post for another portal is refused and saves nothing.
    response = client.post(add, form_data(city.site, "Sang cổng khác?"))
    assert response.status_code == 200
    assert not Poll.objects.filter(question="Sang cổng khác?").exists()
    response = client.post(add, form_data(other.site, "Câu hỏi mới?"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    poll = Poll.objects.get(question="Câu hỏi mới?")
    assert poll.site == other.site
    assert list(poll.options.values_list("text", flat=True)) == ["Một", "Hai"]
    # Editors do not delete; chiefs do, in their own portal.
    delete = reverse(f"{SNIPPETS}:delete", args=[poll.pk])
    assert client.post(delete).status_code in (302, 403)
    assert Poll.objects.filter(pk=poll.pk).exists()
    client.force_login(UserFactory(groups=[other.groups.chiefs]))
    assert client.post(delete).status_code == 302
    assert not Poll.objects.filter(pk=poll.pk).exists()

    # Reporters have no say over polls.
    client.force_login(UserFactory(groups=[other.groups.reporters]))
    assert client.get(add).status_code in (302, 403)
    url = reverse(f"{SNIPPETS}:edit", args=[mine.pk])
    assert client.get(url).status_code in (302, 403)


def test_the_form_refuses_bad_dates_and_too_few_options(client, portals):
    other = portals["other"]
    client.force_login(UserFactory(groups=[other.groups.chiefs]))
    add = reverse(f"{SNIPPETS}:add")
    now = timezone.localtime()
    bad_dates = form_data(
        other.site,
        "Ngày sai?",
        closes_at=(now - timedelta(days=1)).strftime("%d/%m/%Y %H:%M"),
    )
    response = client.post(add, bad_dates)
    assert response.status_code == 200
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in response.content.decode()
    response = client.post(add, form_data(other.site, "Một phương án?", ("Một",)))
    assert response.status_code == 200
    assert not Poll.objects.filter(
        question__in=["Ngày sai?", "Một phương án?"]
    ).exists()


def test_editing_keeps_the_votes(client, portals):
    other = portals["other"]
    poll = make_poll(other.site, question="Có phiếu?", options=("A", "B"))
    poll.options.filter(text="A").update(votes=5)
    Poll.objects.filter(pk=poll.pk).update(voters=5)
    client.force_login(UserFactory(groups=[other.groups.editors]))
    url = reverse(f"{SNIPPETS}:edit", args=[poll.pk])
    options = list(poll.options.order_by("sort_order"))
    data = form_data(other.site, "Có phiếu (sửa)?", ("A", "B"))
    data |= {
        "options-INITIAL_FORMS": "2",
        "options-0-id": str(options[0].pk),
        "options-1-id": str(options[1].pk),
    }
    assert client.post(url, data).status_code == 302
    poll.refresh_from_db()
    assert poll.question == "Có phiếu (sửa)?" and poll.voters == 5
    assert poll.options.get(text="A").votes == 5
