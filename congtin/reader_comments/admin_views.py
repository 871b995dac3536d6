"""Moderation of reader comments ("Ý kiến bạn đọc" in the admin).

Lists, actions and the export are limited to the user's portals (permissions.py);
another portal's comment is answered 404. Everything a reader wrote is rendered as
escaped text, and exported with formula-looking cells escaped.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from congtin.core.public_forms import moderation
from congtin.core.spreadsheets import csv_bytes
from congtin.core.vietnamese import format_datetime

from .permissions import comments_for

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


_views = moderation.ModerationViews(
    submissions_for=comments_for,
    title="Ý kiến bạn đọc",
    queue_template="reader_comments/admin/queue.html",
    detail_template="reader_comments/admin/comment.html",
    queue_url_name="reader_comments_queue",
)
queue, detail, moderate = _views.queue, _views.detail, _views.moderate


def export_csv(request):
    """The comments of the queue's current filters as CSV (the user's portals)."""
    _views.require_moderator(request)
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
