"""Moderation of reader comments ("Ý kiến bạn đọc" in the admin).

Lists, actions and the export are limited to the user's portals (permissions.py);
another portal's comment is answered 404. Everything a reader wrote is rendered as
escaped text, and exported with formula-looking cells escaped.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from congtin.core.public_forms import moderation
from congtin.core.spreadsheets import csv_bytes
from congtin.core.vietnamese import format_datetime

from .permissions import comments_for, is_moderator

PER_PAGE = 50
# An export holds at most this many comments (the newest), so memory stays bounded.
EXPORT_MAX_ROWS = 20_000
EXPORT_HEADER = [
    "Mã",
    "Thời gian gửi",
    "Cổng",
    "Bài viết",
    "Họ và tên",
    "Thư điện tử",
    "Nội dung",
    "Trạng thái",
    "Thời gian duyệt",
    "Người duyệt",
]


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    filters = moderation.queue_filters(request, comments_for(request.user))
    page_obj = Paginator(
        filters.pop("submissions").order_by("created_at", "pk"), PER_PAGE
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "reader_comments/admin/queue.html",
        {
            "header_title": "Ý kiến bạn đọc",
            "comments": page_obj,
            "export_query": request.GET.urlencode(),
            **filters,
        },
    )


def detail(request, pk):
    _require_moderator(request)
    comment = get_object_or_404(comments_for(request.user), pk=pk)
    return TemplateResponse(
        request,
        "reader_comments/admin/comment.html",
        {"header_title": f"Ý kiến của {comment.name}", "comment": comment},
    )


@require_POST
def moderate(request):
    """Set the status of the posted ``ids`` (the user's portals only)."""
    _require_moderator(request)
    return moderation.moderate(
        request, comments_for(request.user), reverse("reader_comments_queue")
    )


def export_csv(request):
    """The comments of the queue's current filters as CSV (the user's portals)."""
    _require_moderator(request)
    filters = moderation.queue_filters(request, comments_for(request.user))
    comments = filters["submissions"].order_by("-created_at", "-pk")[:EXPORT_MAX_ROWS]
    rows = [EXPORT_HEADER]
    for comment in comments:
        moderator = comment.moderated_by
        rows.append(
            [
                str(comment.pk),
                format_datetime(comment.created_at),
                comment.site.site_name if comment.site else "",
                comment.article.title,
                comment.name,
                comment.email,
                comment.text,
                comment.get_status_display(),
                format_datetime(comment.moderated_at) if comment.moderated_at else "",
                (moderator.get_full_name() or moderator.get_username())
                if moderator
                else "",
            ]
        )
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    name = f"y-kien-ban-doc-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "no-store, private"
    return response
