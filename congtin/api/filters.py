"""Query-string parameters shared by the lists, read with ``congtin.core.params``.

The names are those of the public pages (``tu``, ``den``, ``nam``, ``q``...); a
value that cannot be right raises ``BadParameter`` (400 with a JSON body).
"""

from dataclasses import dataclass
from datetime import date

from wagtail.models import Site

from congtin.core import params
from congtin.search.engine import SearchQuery, search

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# A text filter keeps at most this many matches, newest first (the search ranks
# within a window of recent matches anyway); narrow with other filters past it.
MAX_TEXT_MATCHES = 500
_SEARCH_PAGE = 100


@dataclass
class Common:
    limit: int
    cursor: str
    since: date | None
    until: date | None
    year: int | None
    text: str


def common(query) -> Common:
    limit = params.integer(
        query, "limit", "Số mục mỗi trang (limit)", 1, MAX_LIMIT, DEFAULT_LIMIT
    )
    since = params.day(query, "tu", "Từ ngày")
    until = params.day(query, "den", "Đến ngày")
    if since and until and since > until:
        raise params.BadParameter("“Từ ngày” phải trước hoặc bằng “Đến ngày”.", "tu")
    return Common(
        limit=limit or DEFAULT_LIMIT,
        cursor=params.text(query, "cursor", "Con trỏ phân trang", 1000),
        since=since,
        until=until,
        year=params.year(query, "nam"),
        text=params.text(query, "q", "Từ khóa"),
    )


def by_day(queryset, field: str, found: Common):
    """Filter on a date (or the local date of a datetime) by tu, den and nam."""
    if found.since:
        queryset = queryset.filter(**{f"{field}__gte": found.since})
    if found.until:
        queryset = queryset.filter(**{f"{field}__lte": found.until})
    if found.year:
        queryset = queryset.filter(**{f"{field}__year": found.year})
    return queryset


def matching_ids(text: str, kind: str, site: Site) -> list[int]:
    """Ids of this portal's objects of ``kind`` that the portal's search finds."""
    ids: list[int] = []
    page = 1
    while len(ids) < MAX_TEXT_MATCHES:
        results = search(
            SearchQuery(
                text=text,
                kinds=(kind,),
                site_ids=(site.pk,),
                sort="newest",
                page=page,
                per_page=_SEARCH_PAGE,
            )
        )
        ids.extend(hit.entry.object_id for hit in results.hits)
        if not results.has_next:
            break
        page += 1
    return ids
