import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from congtin.accounts import views as accounts_views
from congtin.api import views as api_views
from congtin.api.api import api as open_data_api
from congtin.core import views as core_views
from congtin.news.views import portal_feed
from congtin.reader_comments.views import comment_page as reader_comment_page

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's "forgotten password" form, limited per address and e-mail.
    path("admin/password_reset/", accounts_views.password_reset),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URL reads any run of digits as the id: one longer than a
    # database key can be would be a 500 (int() refuses over 4,300 digits).
    re_path(r"^documents/\d{20,}/", core_views.page_not_found),
    path("documents/", include(wagtaildocs_urls)),
    path("rss/", portal_feed, name="portal_feed"),
    path("rss/<id:section_id>/", portal_feed, name="section_feed"),
    path("bn/", include("congtin.banners.urls")),
    # An article's "Gửi bài" form and "Lưu PDF" download (congtin/news/sharing.py).
    path("", include("congtin.news.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("tim-kiem/", include("congtin.search.urls")),
    path("chi-tieu/", include("congtin.targets.urls")),
    path("danh-muc-thong-tin/", include("congtin.disclosure.urls")),
    # Visit beacons (congtin/visits/): POST only, never cached, no cookie.
    path("_v/", include("congtin.visits.urls")),
    path("tham-do-y-kien/", include("congtin.polls.urls")),
    # Open data (docs/api.md): the documentation page, then Ninja's endpoints.
    path("api/v1/", api_views.docs, name="api_docs"),
    path("api/v1/", open_data_api.urls),
    re_path(r"^api/v1/", api_views.not_found),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if (settings.DEBUG or settings.SERVE_MEDIA) and settings.MEDIA_URL.startswith("/"):
    from django.views.static import serve

    # What the nginx of docs/deployment.md does: documents/ only through /documents/
    # (which checks privacy); van-ban/ (legal documents' old file paths) goes on to
    # the pages, where a redirect or the 404 page answers.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}"
            r"(?!documents/|van-ban/)(?P<path>.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Pages are served per language: Vietnamese unprefixed, translations under /en/.
urlpatterns += i18n_patterns(
    # An article's reader comment form, <article url>y-kien/; any other page at
    # such a path is handed on to Wagtail by the view.
    re_path(
        r"^(?P<article_path>(?:[\w\-]+/)+)y-kien/$",
        reader_comment_page,
        name="reader_comment_form",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "congtin.core.views.bad_request"
handler403 = "congtin.core.views.permission_denied"
handler404 = "congtin.core.views.page_not_found"
handler500 = "congtin.core.views.server_error"
