"""No public URL answers a hostile request with a 5xx.

The URLs come from the project itself, so a new one is covered without being listed:
every pattern of the URL resolver outside the admin, every page type of the demo
and every sub-route of its routable pages. A public pattern or sub-route with no
sample below fails the test, naming what to add. The query parameters tried on a
URL are the ones its view reads, found by watching a plain request read them.

What is sent (``hostile_inputs.py`` and the lists below): Unicode and huge numbers,
NUL and control characters, invalid percent-encoding, FTS5 and tsquery syntax,
markup, bidi controls, repeated and ``a[]=`` parameters, other HTTP methods, a body
over Django's limit, and into every field of every public form the same values.

Any 4xx is fine (400 for a value that cannot be right, 404, 405, 413, 429); a 5xx or
an exception is a failure, reported with the request that caused it. Run it on
PostgreSQL too: FTS and tsquery syntax and NUL matter there.
"""

import logging
import re
import sys
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.signals import got_request_exception
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .hostile_inputs import HOSTILE_INPUTS, MARK

NINES = "9" * 5000

# Values for one query parameter at a time: what a parser of numbers, years,
# dates, choices and text must survive.
PARAM_VALUES = [
    "²",
    "٣",
    "-1",
    "0",
    "1e999",
    "9" * 25,
    NINES,
    "\x00",
    "\u202e2021\u202c",
    "30/02/2021",
    "²¹/¹²/²⁰²¹",
    '" NEAR(a b) * OR -x',
    "a & b | !c <-> d:* \\",
    f"<script>{MARK}</script>",
    "x" * 3000,
    "²⁰²¹",
]

# Values for one form field at a time (the hostile text goes to all at once).
FIELD_VALUES = ["²", "-1", "9" * 25, NINES, "\x00", "\u202e", "x" * 3000, "٣"]

# Raw query strings, {p} being one parameter the view reads (or "x"); the first
# two go to every URL, the others to URLs whose view reads its query string.
RAW_QUERIES = [
    "{p}=%FF%FE%C3",
    "{p}[]=1&{p}[]=2",
    "{p}=%",
    "{p}=%ED%A0%80",
    "{p}=%00%00",
    "{p}=1&{p}=²&{p}=" + "9" * 40,
    "{p}",
    "{p}=" + "%41" * 4000,
    "&".join(f"x{i}={i}" for i in range(300)),
]

# Values for one path parameter at a time (percent-encoded into the path).
PATH_VALUES = [
    "0",
    "-1",
    "²",
    "٣",
    "9" * 19,
    "9" * 30,
    NINES,
    "\x00",
    "..",
    "\u202e",
    "<script>",
    "a" * 300,
]
RAW_PATH_SEGMENTS = ["%ff", "%ED%A0%80", "%", "%2F"]

# How many of the hostile text cases each query parameter gets (all of them are
# sent, spread over the parameters; every public form field gets all of them).
HOSTILE_SHARE = 2

# Every method a robot may use; bodies are empty.
METHODS = ["POST", "DELETE", "PUT", "OPTIONS"]

ADMIN_PREFIXES = ("admin/", "django-admin/")

# The open data API's lists, by the model of their detail (congtin/api).
API_LISTS = {
    "chuyen-muc": "NewsIndexPage",
    "bai-viet": "ArticlePage",
    "van-ban": "LegalDocumentPage",
    "lich-cong-tac": "ScheduleEntry",
    "hoi-dap": "AnswerPage",
    "du-thao": "DraftDocumentPage",
    "thu-tuc-hanh-chinh": "ProcedurePage",
    "thong-cao-bao-chi": "PressReleasePage",
    "album-anh": "PhotoAlbumPage",
    "video": "VideoPage",
    "ngan-sach": "BudgetReportPage",
    "thong-ke": "StatisticSeriesPage",
    "du-an": "ProjectPage",
    "de-tai": "ResearchProjectPage",
    "quy-hoach": "PlanningDocumentPage",
}

# A sample of every public pattern, built from the demo; a pattern missing here
# fails the test.
PATTERN_SAMPLES = {
    "rss/": lambda d: ["/rss/"],
    "rss/<id:section_id>/": lambda d: [f"/rss/{d['section'].pk}/"],
    "gui-bai/<id:article_id>/": lambda d: [f"/gui-bai/{d['article'].pk}/"],
    "gui-bai/<id:article_id>/da-gui/": lambda d: [
        f"/gui-bai/{d['article'].pk}/da-gui/"
    ],
    "luu-pdf/<id:article_id>/": lambda d: [f"/luu-pdf/{d['article'].pk}/"],
    "bn/<id:pk>/": lambda d: [f"/bn/{d['banner']}/"],
    "sitemap.xml": lambda d: ["/sitemap.xml"],
    "robots.txt": lambda d: ["/robots.txt"],
    "tim-kiem/": lambda d: ["/tim-kiem/"],
    "tim-kiem/goi-y/": lambda d: ["/tim-kiem/goi-y/"],
    "danh-muc-thong-tin/": lambda d: ["/danh-muc-thong-tin/"],
    # The visit beacon takes POST only; its fields get hostile values in
    # congtin/visits/tests/test_beacon.py.
    "_v/": lambda d: ["/_v/"],
    "tham-do-y-kien/": lambda d: ["/tham-do-y-kien/"],
    "tham-do-y-kien/<id:pk>/": lambda d: [d["poll_url"]],
    "chi-tieu/": lambda d: ["/chi-tieu/"],
    "chi-tieu/api/": lambda d: ["/chi-tieu/api/"],
    "chi-tieu/api/ke-hoach/": lambda d: ["/chi-tieu/api/ke-hoach/"],
    "chi-tieu/api/ke-hoach/<id:pk>/": lambda d: [
        f"/chi-tieu/api/ke-hoach/{d['plan'].pk}/"
    ],
    "chi-tieu/api/chi-tieu/<id:pk>/": lambda d: [
        f"/chi-tieu/api/chi-tieu/{d['target'].pk}/"
    ],
    "chi-tieu/tong-hop/<year:year>/": lambda d: [f"/chi-tieu/tong-hop/{d['year']}/"],
    "chi-tieu/tong-hop/<year:year>/<slug:indicator>/": lambda d: [
        f"/chi-tieu/tong-hop/{d['year']}/{d['target'].indicator}/"
    ],
    "chi-tieu/<slug:unit>/<year:year>/": lambda d: [d["plan_url"]],
    "chi-tieu/<slug:unit>/<year:year>/xuat/ke-hoach.xlsx": lambda d: [
        d["plan_url"] + "xuat/ke-hoach.xlsx"
    ],
    "chi-tieu/<slug:unit>/<year:year>/xuat/<str:table>.csv": lambda d: [
        d["plan_url"] + "xuat/chi-tieu.csv"
    ],
    "chi-tieu/<slug:unit>/<year:year>/<target_code:code>/": lambda d: [
        d["plan_url"] + d["target"].code + "/"
    ],
    "api/v1/": lambda d: ["/api/v1/"],
    "api/v1/schema/": lambda d: ["/api/v1/schema/"],
    "^api/v1/": lambda d: ["/api/v1/khong-co/"],
    **{
        f"api/v1/{name}/": (lambda d, name=name: [f"/api/v1/{name}/"])
        for name in API_LISTS
    },
    **{
        f"api/v1/{name}/<id:pk>/": (
            lambda d, name=name, model=model: [f"/api/v1/{name}/{d['api'][model]}/"]
        )
        for name, model in API_LISTS.items()
    },
    "api/v1/ke-hoach/": lambda d: ["/api/v1/ke-hoach/"],
    "api/v1/ke-hoach/<id:pk>/": lambda d: [f"/api/v1/ke-hoach/{d['plan'].pk}/"],
    "api/v1/chi-tieu/<id:pk>/": lambda d: [f"/api/v1/chi-tieu/{d['target'].pk}/"],
    "api/v1/du-thao/<id:pk>/gop-y/": lambda d: [
        f"/api/v1/du-thao/{d['api']['DraftDocumentPage']}/gop-y/"
    ],
    r"documents/^(\d+)/(.*)$": lambda d: [d["document_url"]],
    r"^documents/\d{20,}/": lambda d: ["/documents/" + "9" * 25 + "/x.pdf"],
    "documents/authenticate_with_password/<int:restriction_id>/": lambda d: [
        "/documents/authenticate_with_password/1/"
    ],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        lambda d: [f"/_util/authenticate_with_password/1/{d['section'].pk}/"]
    ),
    "_util/login/": lambda d: ["/_util/login/"],
    # An article's reader comment form (the city's demo article takes comments),
    # and a path ending in y-kien/ that names no article.
    r"^(?P<article_path>(?:[\w\-]+/)+)y-kien/$": lambda d: [
        d["commented_article_url"] + "y-kien/",
        d["commented_article_url"] + "y-kien/?da-gui=1",
        "/tin-tuc/y-kien/",
    ],
    # Wagtail's page serving: every page type is sampled below.
    r"^((?:[\w\-]+/)*)$": lambda d: ["/", "/en/"],
}

# A sample of every sub-route of a routable page, after the page's own URL.
SUBROUTE_SAMPLES = {
    ("ScheduleIndexPage", ""): lambda d: [""],
    ("ScheduleIndexPage", "ical/"): lambda d: ["ical/"],
    ("QuestionIndexPage", ""): lambda d: [""],
    ("QuestionIndexPage", "gui-cau-hoi/"): lambda d: ["gui-cau-hoi/"],
    ("QuestionIndexPage", "theo-doi/"): lambda d: ["theo-doi/"],
    ("QuestionIndexPage", "theo-doi/<str:code>/"): lambda d: [
        f"theo-doi/{d['tracking_code']}/"
    ],
    ("LegalDocumentPage", ""): lambda d: [""],
    ("LegalDocumentPage", "tep/<id:file_id>/"): lambda d: [f"tep/{d['file'].pk}/"],
    ("PressReleaseIndexPage", ""): lambda d: ["", "?nam=2021"],
    ("PressReleaseIndexPage", "rss/"): lambda d: ["rss/"],
    ("BudgetReportPage", ""): lambda d: [""],
    ("BudgetReportPage", "csv/"): lambda d: ["csv/"],
    ("StatisticSeriesPage", ""): lambda d: [""],
    ("StatisticSeriesPage", "csv/"): lambda d: ["csv/"],
    ("ProjectIndexPage", ""): lambda d: [""],
    ("ProjectIndexPage", "xuat/<str:fmt>/"): lambda d: ["xuat/csv/", "xuat/xlsx/"],
    ("ResearchIndexPage", ""): lambda d: [""],
    ("ResearchIndexPage", "xuat/<str:fmt>/"): lambda d: ["xuat/csv/", "xuat/xlsx/"],
    ("PlanningIndexPage", ""): lambda d: [""],
    ("PlanningIndexPage", "xuat/<str:fmt>/"): lambda d: ["xuat/csv/", "xuat/xlsx/"],
    ("PressReleaseIndexPage", "xuat/<str:fmt>/"): lambda d: [
        "xuat/csv/",
        "xuat/xlsx/?nam=2021",
    ],
    ("DialoguePage", ""): lambda d: [""],
    ("DialoguePage", "gui-cau-hoi/"): lambda d: ["gui-cau-hoi/"],
    ("DialoguePage", "cap-nhat/"): lambda d: ["cap-nhat/", "cap-nhat/?sau=1"],
}

# Values that make a public form valid, by field name; the hostile value then
# replaces one field at a time.
VALID_FORM_VALUES = {
    "name": "Nguyễn Văn An",
    "email": "an@example.com",
    "phone": "0912345678",
    "contact": "an@example.com",
    "address": "Số 1 đường Lê Chân",
    "title": "Hỏi về thủ tục đăng ký khai sinh",
    "text": "Tôi xin hỏi thủ tục đăng ký khai sinh cho con cần những giấy tờ gì.",
    "website": "",  # the honeypot stays empty
}


# -- What the project serves ---------------------------------------------------------


def public_patterns():
    """(route text, pattern) of every URL pattern outside the admin."""

    def walk(patterns, prefix):
        for entry in patterns:
            text = "" if _is_locale_prefix(entry.pattern) else str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + text)
            elif isinstance(entry, URLPattern):
                yield prefix + text, entry

    for route, entry in walk(get_resolver().url_patterns, ""):
        if not route.startswith(ADMIN_PREFIXES):
            yield route, entry


def _is_locale_prefix(pattern) -> bool:
    from django.urls.resolvers import LocalePrefixPattern

    return isinstance(pattern, LocalePrefixPattern)


def routable_subroutes(model):
    for entry in model.get_subpage_urls():
        yield str(entry.pattern)


def demo_objects():
    from wagtail.documents import get_document_model
    from wagtail.models import Site

    from congtin.documents.models import LegalDocumentFile
    from congtin.news.models import ArticlePage, NewsIndexPage
    from congtin.polls.models import Poll
    from congtin.questions.models import Question
    from congtin.targets.models import AnnualPlan, Target

    plan = AnnualPlan.objects.select_related("site__root_page").order_by("pk").first()
    target = Target.objects.filter(plan=plan).exclude(indicator="").first()
    document = get_document_model().objects.first()
    if document is None:
        from django.core.files.base import ContentFile

        document = get_document_model().objects.create(
            title="Tệp thử", file=ContentFile(b"%PDF-1.4 thu", name="tep-thu.pdf")
        )
    return {
        "section": NewsIndexPage.objects.live().first(),
        "article": ArticlePage.objects.live()
        .public()
        .filter(path__startswith=Site.objects.get(is_default_site=True).root_page.path)
        .order_by("pk")
        .first(),
        "plan": plan,
        "target": target,
        "year": plan.year,
        "plan_url": f"/chi-tieu/{plan.site.root_page.slug}/{plan.year}/",
        "document_url": document.url,
        "tracking_code": Question.objects.first().tracking_code,
        "commented_article_url": commented_article_url(),
        "file": LegalDocumentFile.objects.first(),
        "city": Site.objects.get(is_default_site=True),
        "api": api_ids(Site.objects.get(is_default_site=True)),
        "poll_url": Poll.objects.get(site__is_default_site=True).get_url(),
        "banner": banner_id(Site.objects.get(is_default_site=True)),
    }


def commented_article_url() -> str:
    from congtin.reader_comments.models import ReaderComment

    comment = ReaderComment.objects.select_related("article").order_by("pk").first()
    return comment.article.url


def banner_id(site) -> int:
    """A linked banner of ``site`` (the demo has some), or an id that is none."""
    from congtin.banners.models import Banner

    banner = Banner.objects.filter(site=site).exclude(link_url="").first()
    return banner.pk if banner else 1


def api_ids(site) -> dict[str, int]:
    """The id of one published object of each kind on ``site``, by model name."""
    from congtin.consultations.models import DraftDocumentPage
    from congtin.documents.models import LegalDocumentPage
    from congtin.media_library.models import PhotoAlbumPage, VideoPage
    from congtin.news.models import ArticlePage, NewsIndexPage
    from congtin.opendata.models import BudgetReportPage, StatisticSeriesPage
    from congtin.press.models import PressReleasePage
    from congtin.procedures.models import ProcedurePage
    from congtin.programmes.models import (
        PlanningDocumentPage,
        ProjectPage,
        ResearchProjectPage,
    )
    from congtin.questions.models import AnswerPage
    from congtin.schedule.models import ScheduleEntry, WeekSchedulePage

    ids = {}
    for model in (
        NewsIndexPage,
        ArticlePage,
        LegalDocumentPage,
        AnswerPage,
        DraftDocumentPage,
        ProcedurePage,
        PressReleasePage,
        PhotoAlbumPage,
        VideoPage,
        BudgetReportPage,
        StatisticSeriesPage,
        ProjectPage,
        ResearchProjectPage,
        PlanningDocumentPage,
    ):
        page = model.objects.live().public().descendant_of(site.root_page).first()
        ids[model.__name__] = page.pk if page else 1
    weeks = WeekSchedulePage.objects.live().descendant_of(site.root_page)
    entry = ScheduleEntry.objects.filter(page__in=weeks).first()
    ids["ScheduleEntry"] = entry.pk if entry else 1
    return ids


def page_samples():
    """One live page of every page type: {model: (host, url)}; missing types too."""
    from wagtail.models import Page, get_page_models

    samples, missing = {}, []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().order_by("path").first()
        if page is None:
            missing.append(model.__name__)
            continue
        site = page.get_site()
        if site is None:  # a translation tree's root, served under /en/
            continue
        samples[model] = (site.hostname, page.relative_url(site))
    return samples, missing


# -- Sending -------------------------------------------------------------------------


class LeanClient(Client):
    """Django's test client without its bookkeeping of every template rendered and
    its context, which costs about as much as rendering the page; the exception
    behind a 500 is kept on ``errors`` instead of being raised."""

    def __init__(self):
        super().__init__()
        self.errors: list[BaseException] = []

    def request(self, **request):
        self.errors.clear()
        with _exceptions_kept(self.errors):
            response = self.handler(self._base_environ(**request))
            if response.streaming:
                # Reading a download to its end closes it the way Django's test
                # handler expects (without closing the database connection).
                b"".join(response.streaming_content)
        return response


@contextmanager
def _exceptions_kept(errors):
    def keep(**kwargs):
        errors.append(sys.exc_info()[1])

    got_request_exception.connect(keep, dispatch_uid="hostile-sweep")
    try:
        yield
    finally:
        got_request_exception.disconnect(dispatch_uid="hostile-sweep")


class Sweep:
    """Sends requests, each in its own savepoint; keeps every 5xx and exception."""

    def __init__(self):
        self.client = LeanClient()
        self.failures: list[str] = []
        self.count = 0

    def send(self, method, url, host="localhost", data=None, **extra):
        return self._sent(
            f"{method} {host}{url[:160]!r}",
            lambda: self.client.generic(
                method, url, data or b"", HTTP_HOST=host, **extra
            ),
        )

    def get(self, url, host="localhost", query=""):
        return self.send("GET", url + ("?" + query if query else ""), host)

    def post_form(self, url, host, fields, files=None):
        return self._sent(
            f"POST {host}{url} {_short(fields)}",
            lambda: self.client.post(url, {**fields, **(files or {})}, HTTP_HOST=host),
        )

    def _sent(self, what, request):
        self.count += 1
        try:
            with transaction.atomic():
                response = request()
        except Exception as error:  # noqa: BLE001 - every one is a finding
            self.failures.append(f"{what}: {type(error).__name__}: {str(error)[:200]}")
            return None
        for error in self.client.errors:
            self.failures.append(f"{what}: {type(error).__name__}: {str(error)[:200]}")
        if response.status_code >= 500 and not self.client.errors:
            self.failures.append(f"{what}: status {response.status_code}")
        return response


def _short(fields) -> str:
    return repr(
        {k: str(v)[:30] for k, v in fields.items() if k != "csrfmiddlewaretoken"}
    )[:200]


@contextmanager
def reading_recorded():
    """Record the names read from any QueryDict (request.GET, forms' data)."""
    names: set[str] = set()
    originals = {
        name: getattr(QueryDict, name)
        for name in ("get", "getlist", "__getitem__", "__contains__")
    }

    def recorder(original):
        def read(self, key, *args, **kwargs):
            names.add(key)
            return original(self, key, *args, **kwargs)

        return read

    for name, original in originals.items():
        setattr(QueryDict, name, recorder(original))
    try:
        yield names
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


@contextmanager
def quiet_request_log():
    # Thousands of expected 4xx warnings would fill the captured log.
    # (django.security: a body over the size limit is logged there as an error.)
    loggers = [logging.getLogger(n) for n in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    loggers[0].setLevel(logging.ERROR)
    loggers[1].setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# -- The tests -----------------------------------------------------------------------


@pytest.fixture
def limits_off(settings):
    settings.PUBLIC_FORMS_IP_LIMIT = 10**6
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 10**6
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 10**6
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    settings.API_RATE_LIMIT = 0
    return settings


class Route(NamedTuple):
    """The route a sample URL was made from; a sub-route's is at the URL's end."""

    text: str
    at_end: bool = False


SERVE_ROUTE = r"^((?:[\w\-]+/)*)$"  # Wagtail's page serving, not a parameter


def targets_of(objects):
    """Every public URL to try: [(host, url, Route)], and what has no sample."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    uncovered = []
    urls = []
    for route, _entry in public_patterns():
        sample = PATTERN_SAMPLES.get(route)
        if sample is None:
            uncovered.append(f"URL pattern {route!r}: add it to PATTERN_SAMPLES")
            continue
        kind = Route("" if route == SERVE_ROUTE else route)
        urls += [("localhost", url, kind) for url in sample(objects)]
    pages, missing = page_samples()
    for name in missing:
        uncovered.append(f"page type {name}: the demo has no live page of it")
    for model, (host, url) in pages.items():
        urls.append((host, url, Route("")))
        if not issubclass(model, RoutablePageMixin):
            continue
        for route in routable_subroutes(model):
            sample = SUBROUTE_SAMPLES.get((model.__name__, route))
            if sample is None:
                uncovered.append(
                    f"sub-route {route!r} of {model.__name__}: add it to "
                    "SUBROUTE_SAMPLES"
                )
                continue
            urls += [(host, url + tail, Route(route, True)) for tail in sample(objects)]
    unique, seen = [], set()
    for host, url, kind in urls:
        if (host, url) not in seen:
            seen.add((host, url))
            unique.append((host, url, kind))
    return unique, uncovered


_PARAMETER_RE = re.compile(r"<[^>]+>|\(.*\)|\\d")


def parameter_slots(url: str, route: Route):
    """(segments, index, template) for each path segment of ``url`` that is a
    parameter of its route; ``template`` keeps the segment's fixed text (".csv")."""
    segments = url.strip("/").split("/")
    parts = route.text.strip("^$/").split("/") if route.text else []
    offset = len(segments) - len(parts) if route.at_end else 0
    for i, part in enumerate(parts):
        found = _PARAMETER_RE.search(part)
        if not found or not 0 <= offset + i < len(segments):
            continue
        template = _PARAMETER_RE.sub("{}", part, count=1) if "<" in part else "{}"
        yield segments, offset + i, template


def _with_segment(url: str, segments, index, text) -> str:
    changed = [*segments[:index], text, *segments[index + 1 :]]
    return "/" + "/".join(changed) + ("/" if url.endswith("/") else "")


def test_every_public_url_has_a_sample(full_demo):
    _urls, uncovered = targets_of(demo_objects())
    assert not uncovered, "\n".join(uncovered)


def test_no_query_string_gives_a_5xx(full_demo, limits_off):
    urls, _ = targets_of(demo_objects())
    sweep = Sweep()
    with quiet_request_log():
        read_by = {}
        for host, url, _kind in urls:
            with reading_recorded() as names:
                sweep.get(url, host)
            read_by[(host, url)] = sorted(names)
        pair = 0
        for (host, url), names in read_by.items():
            # Junk in a query string that no view reads is never parsed: a few
            # raw strings are enough there.
            for raw in RAW_QUERIES if names else RAW_QUERIES[:2]:
                sweep.get(url, host, raw.format(p=quote(names[0]) if names else "x"))
            for name in names:
                # Each parameter gets every parser-breaking value and a share of
                # the hostile text, so that all of it is sent across the pages.
                share = [
                    HOSTILE_INPUTS[(pair * HOSTILE_SHARE + i) % len(HOSTILE_INPUTS)]
                    for i in range(HOSTILE_SHARE)
                ]
                pair += 1
                for value in PARAM_VALUES + share:
                    response = sweep.get(url, host, f"{quote(name)}={quote(value)}")
                    if response is not None and MARK in value:
                        _assert_inert(sweep, response, url)
    print(f"{sweep.count} requests")
    assert pair * HOSTILE_SHARE >= len(HOSTILE_INPUTS), "some hostile text unsent"
    assert not sweep.failures, "\n".join(sweep.failures)


def _assert_inert(sweep, response, url):
    from .hostile_inputs import assert_inert

    if not response.get("Content-Type", "").startswith("text/html"):
        return
    try:
        assert_inert(response.content.decode(errors="replace"), url)
    except AssertionError as error:
        sweep.failures.append(f"live markup on {url}: {error}")


def test_no_path_or_method_gives_a_5xx(full_demo, limits_off):
    urls, _ = targets_of(demo_objects())
    sweep = Sweep()
    with quiet_request_log():
        for host, url, route in urls:
            # Pages all go through Wagtail's serve(); two methods are enough there.
            for method in METHODS if route.text else METHODS[:2]:
                sweep.send(method, url, host)
        # Path parameters, found from each URL's route: each one replaced in turn.
        slots = 0
        for host, url, route in urls:
            for segments, index, template in parameter_slots(url, route):
                slots += 1
                for value in PATH_VALUES:
                    text = template.format(quote(value, safe=""))
                    sweep.get(_with_segment(url, segments, index, text), host)
                for raw in RAW_PATH_SEGMENTS:
                    text = template.format(raw)
                    sweep.get(_with_segment(url, segments, index, text), host)
        assert slots >= 20, f"only {slots} path parameters found"
        # Wagtail's page serving: segments that are no page.
        for value in PATH_VALUES + RAW_PATH_SEGMENTS:
            segment = value if value in RAW_PATH_SEGMENTS else quote(value, safe="")
            sweep.get(f"/tin-tuc/{segment}/")
            sweep.get(f"/en/{segment}/")
    print(f"{sweep.count} requests")
    assert not sweep.failures, "\n".join(sweep.failures)


def post_forms(sweep, urls):
    """[(host, action, form, fields)] of every POST form on the pages, filled in."""
    forms = []
    for host, url, _kind in urls:
        response = sweep.get(url, host)
        if response is None or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        for form in soup.find_all("form"):
            if (form.get("method") or "get").lower() == "post":
                forms.append((host, form.get("action") or url, form, _fields_of(form)))
    return forms


def _fields_of(form) -> dict:
    fields = {}
    for control in form.select("input, textarea, select"):
        name = control.get("name")
        kind = (control.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "file", "reset", "image"):
            continue
        if kind == "hidden":
            fields[name] = control.get("value", "")
        elif kind in ("checkbox", "radio"):
            fields.setdefault(name, control.get("value", "on"))
        elif control.name == "select":
            options = [o.get("value", o.get_text()) for o in control.select("option")]
            fields[name] = next((o for o in options if o), "")
        else:
            fields[name] = VALID_FORM_VALUES.get(name, "Giá trị thử")
    return fields


def _text_fields(form) -> list[str]:
    names = []
    for control in form.select("input, textarea"):
        kind = (control.get("type") or "text").lower()
        if control.get("name") and (control.name == "textarea" or kind in TEXT_TYPES):
            names.append(control["name"])
    return names


TEXT_TYPES = ("text", "email", "tel", "search", "url", "password")


def _file_fields(form) -> list[str]:
    return [c["name"] for c in form.select("input[type=file]") if c.get("name")]


HOSTILE_UPLOADS = [
    ("empty.pdf", b""),
    ("gia.pdf", b"<script>alert(1)</script>"),
    ("../../etc/passwd", b"%PDF-1.4\n%%EOF"),
    ("a\x00b.pdf", b"%PDF-1.4\n%%EOF"),
    ("\u202egpj.exe", b"MZ\x90\x00"),
    ("x" * 400 + ".pdf", b"%PDF-1.4\n%%EOF"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
]


def test_no_form_submission_gives_a_5xx(full_demo, limits_off):
    from django.core.files.uploadedfile import SimpleUploadedFile

    urls, _ = targets_of(demo_objects())
    sweep = Sweep()
    with quiet_request_log():
        forms = post_forms(sweep, urls)
        citizen_forms = [f for f in forms if "website" in f[3]]
        assert len(citizen_forms) >= 2, "the question and comment forms were not found"
        for host, action, form, valid in forms:
            baseline = sweep.post_form(action, host, valid)
            if "website" in valid:  # congtin's own public forms (honeypot)
                assert baseline is not None and baseline.status_code in (302, 303), (
                    f"{action}: the valid values ({_short(valid)}) are refused; "
                    "add the field to VALID_FORM_VALUES"
                )
            for name in valid:
                if name == "csrfmiddlewaretoken":  # the test client does not check it
                    continue
                for value in FIELD_VALUES:
                    sweep.post_form(action, host, {**valid, name: value})
            # Every text field holds the same hostile text: a form checks all of
            # its fields, so one submission tries each of them.
            texts = _text_fields(form)
            for value in HOSTILE_INPUTS:
                response = sweep.post_form(
                    action, host, {**valid, **dict.fromkeys(texts, value)}
                )
                if response is not None and MARK in value:
                    _assert_inert(sweep, response, action)
            for name in _file_fields(form):
                for filename, content in HOSTILE_UPLOADS:
                    upload = SimpleUploadedFile(filename, content)
                    sweep.post_form(action, host, valid, {name: upload})
                many = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4") for i in range(9)]
                sweep.post_form(action, host, valid, {name: many})
                big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * 6_000_000)
                sweep.post_form(action, host, valid, {name: big})
            # Arrays, and a body over DATA_UPLOAD_MAX_MEMORY_SIZE.
            sweep.post_form(action, host, {**valid, **{f"{n}[]": "1" for n in valid}})
            sweep.send(
                "POST",
                action,
                host,
                b"text=" + b"a" * (3 * 1024 * 1024),
                content_type="application/x-www-form-urlencoded",
            )
    print(f"{sweep.count} requests")
    assert not sweep.failures, "\n".join(sweep.failures)


def test_the_challenge_answer_is_never_a_5xx(full_demo, limits_off):
    """With the challenge shown, hostile proofs and time locks are refused, not 500."""
    limits_off.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    urls, _ = targets_of(demo_objects())
    sweep = Sweep()
    with quiet_request_log():
        forms = [f for f in post_forms(sweep, urls) if "challenge_wait" in f[3]]
        assert forms, "no form asked for the challenge"
        base64_junk = ["e30=", "bnVsbA==", "W10=", "eyJhIjoxfQ==", "%%%", "٣"]
        for host, action, _form, valid in forms:
            for value in PARAM_VALUES + base64_junk:
                # Each field is read on its own: the proof, then the time lock.
                sweep.post_form(action, host, {**valid, "altcha": value})
                sweep.post_form(action, host, {**valid, "challenge_wait": value})
    assert not sweep.failures, "\n".join(sweep.failures)


def test_the_sweep_reports_what_fails(db, monkeypatch):
    """The sweep can fail: an exception or a 5xx from a view is reported."""
    from django.http import HttpResponse

    from congtin.news.feeds import PortalFeed

    def broken(self, request, *args, **kwargs):
        raise ValueError("broken on purpose")

    sweep = Sweep()
    with quiet_request_log():
        sweep.get("/robots.txt")
        assert not sweep.failures
        monkeypatch.setattr(PortalFeed, "get_object", broken)
        sweep.get("/rss/")
        monkeypatch.setattr(
            PortalFeed, "__call__", lambda self, request, **kw: HttpResponse(status=503)
        )
        sweep.get("/rss/")
    assert len(sweep.failures) == 2, sweep.failures
    assert "ValueError: broken on purpose" in sweep.failures[0]
    assert "status 503" in sweep.failures[1]
