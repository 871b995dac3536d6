"""Public pages: the portal's polls (/tham-do-y-kien/) and one poll, where votes
are posted (/tham-do-y-kien/<id>/).

The vote form is also embedded in the home page and in articles, which the page
cache shares between all readers; it therefore carries no CSRF token and the
view is exempt from Django's check. What stands in for the token:

- a vote changes nothing but an anonymous tally, and a reader is shown nothing
  of anyone else;
- the browser's Origin (or Referer) must name the portal's own host
  (:func:`services.check_origin`), which stops another site's page from making
  its visitors vote;
- each browser votes once per poll (a signed cookie), and each address at most
  ``POLLS_VOTES_PER_ADDRESS`` times per poll and window.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Site

from congtin.core import params
from congtin.core import public_forms as pf

from . import services
from .models import Poll, PollState

PER_PAGE = 10


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có cổng thông tin ở địa chỉ này.")
    return site


@require_safe
def poll_list(request):
    """The portal's polls, newest first: open ones link to their page, closed
    ones show their results (nothing here depends on the reader)."""
    site = _site(request)
    polls = services.public_polls(site).prefetch_related("options")
    page = Paginator(polls, PER_PAGE).get_page(params.page_number(request.GET))
    entries = [
        {
            "poll": poll,
            "state": poll.state(),
            "results": services.results(poll)
            if poll.state() == PollState.CLOSED
            else None,
        }
        for poll in page.object_list
    ]
    return render(request, "polls/poll_list.html", {"paged": page, "entries": entries})


def _refused(request, poll, message: str, status: int):
    response = render(
        request,
        "polls/vote_refused.html",
        {"poll": poll, "message": message, "status": status},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt
def poll_detail(request, pk: int):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    site = _site(request)
    poll = Poll.objects.filter(pk=pk, site=site, live=True).first()
    if poll is None:
        raise Http404("Không có cuộc thăm dò ý kiến này.")
    if request.method == "POST":
        return _vote(request, poll)
    if poll.state() == PollState.UPCOMING:
        raise Http404("Cuộc thăm dò ý kiến này chưa bắt đầu.")
    voted = services.has_voted(request, poll.pk)
    state = poll.state()
    show = poll.results_visible(voted)
    response = render(
        request,
        "polls/poll_page.html",
        {
            "poll": poll,
            "state": state,
            "voted": voted,
            "results": services.results(poll) if show else None,
            "summary": services.poll_summary(poll),
        },
    )
    # The page depends on the reader's cookie: never kept by a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _see(poll: Poll) -> HttpResponseRedirect:
    response = HttpResponseRedirect(poll.get_url())
    response.status_code = 303  # See Other: the poll's page is fetched with GET
    return response


def _vote(request, poll: Poll):
    if request.POST.get("website"):
        return pf.honeypot_response(request)
    try:
        services.check_origin(request)
        option_ids = services.chosen_option_ids(request.POST.getlist("option"))
        if services.has_voted(request, poll.pk):
            messages.info(
                request,
                "Bạn đã bình chọn trong cuộc thăm dò này; mỗi người chỉ được "
                "bình chọn một lần nên phiếu vừa gửi không được tính thêm.",
            )
            return _see(poll)
        services.check_vote(poll, option_ids)
        services.check_address(request, poll)
        services.cast_vote(poll, option_ids)
    except services.VoteRefused as refused:
        return _refused(request, poll, refused.message, refused.status)
    except pf.RateLimited as limited:
        response = _refused(request, poll, limited.message, 429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    messages.success(
        request, "Cảm ơn bạn đã tham gia bình chọn. Phiếu đã được ghi nhận."
    )
    response = _see(poll)
    services.mark_voted(response, poll)
    return response
