"""The public list of a portal's press releases: newest first, by year, in pages.

``?nam=`` (a year) is read with ``congtin.core.params``: a value that is not a
year is the project's 400 page with a Vietnamese message; a year without releases
is an empty list. ``?trang=`` is never an error.
"""

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear

from congtin.core import params

from .models import PressReleasePage


def releases_under(index_page):
    """Live, public releases below ``index_page``, newest first."""
    return (
        PressReleasePage.objects.live()
        .public()
        .descendant_of(index_page)
        .select_related("spokesperson")
        .order_by("-date", "-pk")
    )


def years_of(releases) -> list[int]:
    """The years that have releases, newest first (the year filter's choices)."""
    return list(
        releases.annotate(year=ExtractYear("date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def listing_context(index_page, request) -> dict:
    year = params.year(request.GET, "nam", "Năm")
    releases = releases_under(index_page)
    years = years_of(releases)
    if year is not None:
        releases = releases.filter(date__year=year)
    return {
        "year": year,
        "years": years,
        "releases": Paginator(releases, index_page.per_page or 20).get_page(
            params.page_number(request.GET)
        ),
    }
