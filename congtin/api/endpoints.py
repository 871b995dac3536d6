"""The endpoints: each portal's published content, list and detail.

A portal is the request's Wagtail Site and sees only what is below its home page;
only live pages without view restrictions (``live().public()``), never aliases of
other portals' pages (their originals are listed by their own portal), never a
draft revision. Each list is a fixed number of queries per page of results.
"""

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from congtin.consultations.models import (
    STATUS_CLOSED,
    STATUS_LABELS,
    STATUS_OPEN,
    STATUS_UPCOMING,
    DraftComment,
    DraftDocumentPage,
)
from congtin.core import params
from congtin.documents import listing as documents_listing
from congtin.documents.vocab import DocumentType, Status
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.pagecache import fragments
from congtin.questions.models import AnswerPage
from congtin.schedule.models import ScheduleEntry, WeekSchedulePage

from . import cursor, filters, schemas

router = Router()

ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
_DOC_TYPES = dict(DocumentType.choices)
_STATUSES = dict(Status.choices)


# Parameters every list takes; declared for the schema, read by ``filters``.
# Every value is declared as text so that Ninja never refuses one itself: the
# project's readers do, with their Vietnamese messages.
def _param(name: str, description: str):
    return Query(None, alias=name, description=description)


Limit = _param("limit", "Số mục mỗi trang, 1-100 (mặc định 20).")
Cursor = _param("cursor", "Con trỏ trang sau: lấy từ địa chỉ “next”.")
Since = _param("tu", "Từ ngày (21/12/2021 hoặc 2021-12-21).")
Until = _param("den", "Đến ngày (21/12/2021 hoặc 2021-12-21).")
Year = _param("nam", "Năm, ví dụ 2026.")
Text = _param("q", "Từ khóa, tìm như trang Tìm kiếm.")


def portal(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no portal")
    return site


def under(queryset, site: Site):
    return queryset.live().public().descendant_of(site.root_page)


def next_url(request, token: str | None) -> str | None:
    if token is None:
        return None
    query = request.GET.copy()
    query["cursor"] = token
    return f"{request.build_absolute_uri(request.path)}?{query.urlencode()}"


def detail_of(queryset, pk: int):
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise Http404("not on this portal")
    return item


def with_text(queryset, found: filters.Common, kind: str, site: Site, field="pk"):
    if found.text:
        ids = filters.matching_ids(found.text, kind, site)
        queryset = queryset.filter(**{f"{field}__in": ids})
    return queryset


# --- Sections ---------------------------------------------------------------------


def _sections(site):
    return under(NewsIndexPage.objects.all(), site)


def _section_rows(request, sections):
    parents = {s.path[: -Page.steplen] for s in sections}
    parent_ids = dict(
        NewsIndexPage.objects.filter(path__in=parents).values_list("path", "pk")
    )
    return [
        {
            "id": s.pk,
            "title": s.title,
            "url": s.get_full_url(request),
            "intro": s.intro,
            "parent_id": parent_ids.get(s.path[: -Page.steplen]),
        }
        for s in sections
    ]


@router.get(
    "/chuyen-muc/",
    response={200: schemas.SectionPage, **ERRORS},
    summary="Chuyên mục tin",
    tags=["Tin tức"],
)
def section_list(request, limit: str | None = Limit, cursor_: str | None = Cursor):
    found = filters.common(request.GET)
    items, token = cursor.page(
        _sections(portal(request)),
        "sections",
        ["path", "pk"],
        found.cursor,
        found.limit,
    )
    return {"items": _section_rows(request, items), "next": next_url(request, token)}


@router.get(
    "/chuyen-muc/{id:pk}/",
    response={200: schemas.Section, **ERRORS},
    summary="Một chuyên mục",
    tags=["Tin tức"],
)
def section_detail(request, pk: int):
    section = detail_of(_sections(portal(request)), pk)
    return _section_rows(request, [section])[0]


# --- Articles ---------------------------------------------------------------------


def _articles(site):
    return (
        under(ArticlePage.objects.all(), site)
        .filter(alias_of__isnull=True)
        .prefetch_related("tags")
    )


def _article_rows(request, articles, full=False):
    parents = {a.path[: -Page.steplen] for a in articles}
    sections = {
        p.path: p
        for p in Page.objects.filter(path__in=parents).only("pk", "title", "path")
    }
    rows = []
    for article in articles:
        section = sections.get(article.path[: -Page.steplen])
        row = {
            "id": article.pk,
            "title": article.title,
            "date": article.date,
            "lead": article.lead,
            "section_id": section.pk if section else None,
            "section": section.title if section else "",
            "tags": sorted(tag.name for tag in article.tags.all()),
            "url": article.get_full_url(request),
        }
        if full:
            row["author"] = article.author
            # Rendering the body (images, embeds, links) is most of the answer's
            # cost; it is kept per page state, as the article page keeps it.
            row["body_html"] = fragments.cached(
                "api-article-body",
                article.cache_key,
                lambda article=article: str(article.body),
            )
            row["last_published_at"] = article.last_published_at
        rows.append(row)
    return rows


@router.get(
    "/bai-viet/",
    response={200: schemas.ArticlePage, **ERRORS},
    summary="Tin bài",
    tags=["Tin tức"],
)
def article_list(
    request,
    section: str | None = _param("chuyen-muc", "Mã (id) chuyên mục."),
    tag: str | None = _param("chu-de", "Từ khóa chủ đề (tag)."),
    since: str | None = Since,
    until: str | None = Until,
    year: str | None = Year,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    articles = filters.by_day(_articles(site), "date__date", found)
    section_id = params.integer(
        request.GET, "chuyen-muc", "Chuyên mục", 1, params.MAX_ID
    )
    if section_id is not None:
        chosen = _sections(site).filter(pk=section_id).first()
        if chosen is None:
            raise params.BadParameter(
                f"Chuyên mục {section_id} không có trên cổng này.", "chuyen-muc"
            )
        articles = articles.descendant_of(chosen)
    tag_name = params.text(request.GET, "chu-de", "Chủ đề")
    if tag_name:
        articles = articles.filter(tags__name=tag_name)
    articles = with_text(articles, found, "news.article", site)
    items, token = cursor.page(
        articles, "articles", ["-date", "-pk"], found.cursor, found.limit
    )
    return {"items": _article_rows(request, items), "next": next_url(request, token)}


@router.get(
    "/bai-viet/{id:pk}/",
    response={200: schemas.Article, **ERRORS},
    summary="Một tin bài (có nội dung HTML)",
    tags=["Tin tức"],
)
def article_detail(request, pk: int):
    article = detail_of(_articles(portal(request)), pk)
    return _article_rows(request, [article], full=True)[0]


# --- Legal documents --------------------------------------------------------------


def _documents(site):
    return documents_listing.documents_under(site.root_page)


def _document_rows(request, documents, full=False):
    rows = []
    for document in documents:
        url = document.get_full_url(request)
        row = {
            "id": document.pk,
            "title": document.title,
            "number": document.number,
            "type": document.doc_type,
            "type_label": _DOC_TYPES.get(document.doc_type, document.doc_type),
            "issuer": document.issuing_body,
            "field": document.field,
            "issue_date": document.issue_date,
            "effective_date": document.effective_date,
            "expiry_date": document.expiry_date,
            "status": document.status_code,
            "status_label": _STATUSES.get(document.status_code, ""),
            "summary": document.summary,
            "url": url,
        }
        if full:
            row["signer"] = document.signer
            row["note"] = document.note
            # The page's own download route: it serves a file only while the page
            # is live and public, as the page itself does.
            row["files"] = [
                {
                    "file_name": f.download_name,
                    "url": f"{url}{f.url_suffix}",
                    "illustrative": f.is_illustrative,
                }
                for f in document.files.all()
                if f.file
            ]
        rows.append(row)
    return rows


@router.get(
    "/van-ban/",
    response={200: schemas.DocumentPage, **ERRORS},
    summary="Văn bản",
    tags=["Văn bản"],
)
def document_list(
    request,
    kind: str | None = _param("loai", "Loại văn bản, ví dụ nghi-quyet."),
    issuer: str | None = _param("co-quan", "Cơ quan ban hành."),
    field: str | None = _param("linh-vuc", "Lĩnh vực."),
    status: str | None = _param("hieu-luc", "Tình trạng hiệu lực."),
    since: str | None = Since,
    until: str | None = Until,
    year: str | None = Year,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    # The public list's own rules (loai, co-quan, linh-vuc, nam, hieu-luc).
    documents = _documents(site).filter(**documents_listing.parse_filters(request.GET))
    documents = filters.by_day(documents, "issue_date", found)
    documents = with_text(documents, found, "documents.legal", site)
    items, token = cursor.page(
        documents, "documents", ["-issue_date", "-pk"], found.cursor, found.limit
    )
    return {"items": _document_rows(request, items), "next": next_url(request, token)}


@router.get(
    "/van-ban/{id:pk}/",
    response={200: schemas.Document, **ERRORS},
    summary="Một văn bản (có tệp đính kèm)",
    tags=["Văn bản"],
)
def document_detail(request, pk: int):
    document = detail_of(_documents(portal(request)).prefetch_related("files"), pk)
    return _document_rows(request, [document], full=True)[0]


# --- Schedule ---------------------------------------------------------------------


def _entries(site):
    weeks = under(WeekSchedulePage.objects.all(), site)
    return ScheduleEntry.objects.filter(page__in=weeks.values("pk")).select_related(
        "page"
    )


def _entry_row(request, entry, week_urls=None):
    # A list's entries share a few week pages: each page's URL is worked out once.
    if week_urls is None:
        week_urls = {}
    url = week_urls.get(entry.page_id)
    if url is None:
        url = week_urls[entry.page_id] = entry.page.get_full_url(request)
    return {
        "id": entry.pk,
        "day": entry.day,
        "start_time": entry.start_time,
        "end_time": entry.end_time,
        "leaders": entry.leaders,
        "content": entry.content,
        "place": entry.place,
        "preparation": entry.preparation,
        "participants": entry.participants,
        "adjusted_at": entry.adjusted_at,
        "week_id": entry.page_id,
        "url": url,
    }


@router.get(
    "/lich-cong-tac/",
    response={200: schemas.SchedulePage, **ERRORS},
    summary="Lịch công tác (từng mục)",
    tags=["Lịch công tác"],
)
def schedule_list(
    request,
    since: str | None = Since,
    until: str | None = Until,
    year: str | None = Year,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    entries = filters.by_day(_entries(site), "day", found)
    entries = with_text(entries, found, "schedule.week", site, field="page_id")
    items, token = cursor.page(
        entries, "schedule", ["-day", "-start_time", "-pk"], found.cursor, found.limit
    )
    week_urls: dict[int, str] = {}
    return {
        "items": [_entry_row(request, e, week_urls) for e in items],
        "next": next_url(request, token),
    }


@router.get(
    "/lich-cong-tac/{id:pk}/",
    response={200: schemas.ScheduleEntry, **ERRORS},
    summary="Một mục lịch công tác",
    tags=["Lịch công tác"],
)
def schedule_detail(request, pk: int):
    return _entry_row(request, detail_of(_entries(portal(request)), pk))


# --- Published answers ------------------------------------------------------------


def _answers(site):
    return under(AnswerPage.objects.all(), site).select_related("topic")


def _answer_row(request, answer, full=False):
    # An AnswerPage holds no contact data; the question's asker is never named.
    row = {
        "id": answer.pk,
        "title": answer.title,
        "topic": answer.topic.name if answer.topic else "",
        "asked_on": answer.asked_on,
        "department": answer.department,
        "url": answer.get_full_url(request),
    }
    if full:
        row["question_text"] = answer.question_text
        row["answer"] = answer.answer
        row["illustrative"] = answer.is_illustrative
    return row


@router.get(
    "/hoi-dap/",
    response={200: schemas.AnswerPage, **ERRORS},
    summary="Hỏi đáp đã trả lời",
    tags=["Hỏi đáp"],
)
def answer_list(
    request,
    topic: str | None = _param("chu-de", "Mã chủ đề (slug)."),
    since: str | None = Since,
    until: str | None = Until,
    year: str | None = Year,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    answers = filters.by_day(_answers(site), "asked_on", found)
    topic_slug = params.text(request.GET, "chu-de", "Chủ đề")
    if topic_slug:
        answers = answers.filter(topic__slug=topic_slug)
    answers = with_text(answers, found, "questions.answer", site)
    items, token = cursor.page(
        answers, "answers", ["-asked_on", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_answer_row(request, a) for a in items],
        "next": next_url(request, token),
    }


@router.get(
    "/hoi-dap/{id:pk}/",
    response={200: schemas.Answer, **ERRORS},
    summary="Một câu hỏi và câu trả lời",
    tags=["Hỏi đáp"],
)
def answer_detail(request, pk: int):
    return _answer_row(request, detail_of(_answers(portal(request)), pk), full=True)


# --- Drafts for comment -----------------------------------------------------------


def _drafts(site):
    return under(DraftDocumentPage.objects.all(), site)


def _draft_row(request, draft, now, full=False):
    status = draft.status(now)
    row = {
        "id": draft.pk,
        "title": draft.title,
        "consulting_body": draft.consulting_body,
        "opens_at": draft.opens_at,
        "closes_at": draft.closes_at,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "lead": draft.lead,
        "url": draft.get_full_url(request),
    }
    if full:
        row["body_html"] = expand_db_html(draft.body)
        row["report_html"] = expand_db_html(draft.report)
        row["comments_url"] = request.build_absolute_uri(
            f"{request.path.rstrip('/')}/gop-y/"
        )
    return row


@router.get(
    "/du-thao/",
    response={200: schemas.DraftPage, **ERRORS},
    summary="Dự thảo lấy ý kiến",
    tags=["Dự thảo"],
)
def draft_list(
    request,
    status: str | None = _param(
        "trang-thai", "sap-mo, dang-lay-y-kien hoặc da-ket-thuc."
    ),
    since: str | None = Since,
    until: str | None = Until,
    year: str | None = Year,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    now = timezone.now()
    drafts = filters.by_day(_drafts(site), "opens_at__date", found)
    chosen = params.choice(
        request.GET, "trang-thai", STATUS_LABELS, "Trạng thái dự thảo"
    )
    if chosen == STATUS_UPCOMING:
        drafts = drafts.filter(opens_at__gt=now)
    elif chosen == STATUS_OPEN:
        drafts = drafts.filter(opens_at__lte=now, closes_at__gt=now)
    elif chosen == STATUS_CLOSED:
        drafts = drafts.filter(closes_at__lte=now)
    drafts = with_text(drafts, found, "consultations.draft", site)
    items, token = cursor.page(
        drafts, "drafts", ["-opens_at", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_draft_row(request, d, now) for d in items],
        "next": next_url(request, token),
    }


@router.get(
    "/du-thao/{id:pk}/",
    response={200: schemas.Draft, **ERRORS},
    summary="Một dự thảo",
    tags=["Dự thảo"],
)
def draft_detail(request, pk: int):
    draft = detail_of(_drafts(portal(request)), pk)
    return _draft_row(request, draft, timezone.now(), full=True)


@router.get(
    "/du-thao/{id:pk}/gop-y/",
    response={200: schemas.CommentPage, **ERRORS},
    summary="Góp ý đã duyệt của một dự thảo",
    tags=["Dự thảo"],
)
def comment_list(
    request, pk: int, limit: str | None = Limit, cursor_: str | None = Cursor
):
    draft = detail_of(_drafts(portal(request)), pk)
    found = filters.common(request.GET)
    comments = DraftComment.objects.filter(
        draft=draft, status=DraftComment.Status.APPROVED
    )
    items, token = cursor.page(
        comments,
        f"comments-{draft.pk}",
        ["-created_at", "-pk"],
        found.cursor,
        found.limit,
    )
    # Only the text and its time: the commenter's name and contact stay with staff.
    rows = [
        {"id": c.pk, "draft_id": c.draft_id, "text": c.text, "created_at": c.created_at}
        for c in items
    ]
    return {"items": rows, "next": next_url(request, token)}
