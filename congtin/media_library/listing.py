"""The public list of a portal's albums and videos: newest first, ``?loai=anh`` or
``?loai=video`` (anything else: the project's 400 page), pages with ``?trang=``."""

from django.core.paginator import Paginator
from wagtail.models import Page

from congtin.core import params

from .models import KINDS, PhotoAlbumPage, VideoPage

MODELS = {"anh": PhotoAlbumPage, "video": VideoPage}


def items_under(index_page, kind: str = ""):
    """Live, public albums and videos below ``index_page``, newest first (specific)."""
    models = [MODELS[kind]] if kind else list(MODELS.values())
    pages = Page.objects.live().public().descendant_of(index_page).type(*models)
    dated = []
    for model in models:
        dated += list(
            model.objects.filter(pk__in=pages.values("pk")).values_list("pk", "date")
        )
    # Newest first across both kinds; one query per kind, then the page's rows.
    return [
        pk for pk, _ in sorted(dated, key=lambda row: (row[1], row[0]), reverse=True)
    ]


def listing_context(index_page, request) -> dict:
    kind = params.choice(
        request.GET,
        "loai",
        KINDS,
        "Loại",
        message="Loại không hợp lệ: “{value}” (dùng: anh, video).",
    )
    ids = Paginator(items_under(index_page, kind), index_page.per_page or 12).get_page(
        params.page_number(request.GET)
    )
    found = Page.objects.filter(pk__in=list(ids.object_list)).specific()
    by_pk = {page.pk: page for page in found}
    return {
        "kind": kind,
        "kinds": KINDS,
        "items": ids,
        "entries": [by_pk[pk] for pk in ids.object_list if pk in by_pk],
    }
