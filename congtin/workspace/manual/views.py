"""The manual in the admin: contents, one chapter a page, all chapters for printing,
and the PDF."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .chapters import BY_SLUG, CHAPTERS, PDF_NAME, ROLES, STATIC_DIR, role_of

TITLE = "Hướng dẫn sử dụng"


class ManualMixin(WagtailAdminTemplateMixin):
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("workspace_manual:contents"), "label": TITLE},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = ROLES
        context["pdf_url"] = reverse("workspace_manual:pdf")
        return context


class ContentsView(ManualMixin, TemplateView):
    template_name = "workspace/manual/contents.html"
    page_title = TITLE

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": TITLE}]


class ChapterView(ManualMixin, TemplateView):
    template_name = "workspace/manual/chapter.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        chapter = BY_SLUG.get(kwargs["slug"])
        if chapter is None:
            raise Http404
        self.chapter = chapter

    def get_page_title(self):
        return self.chapter.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": self.chapter.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = CHAPTERS.index(self.chapter)
        context["chapter"] = self.chapter
        context["role"] = role_of(self.chapter)
        context["previous"] = CHAPTERS[index - 1] if index > 0 else None
        context["next"] = CHAPTERS[index + 1] if index + 1 < len(CHAPTERS) else None
        return context


class PrintView(TemplateView):
    """Every chapter on one page, outside the admin's frame: what Chromium prints
    to the PDF (scripts/manual_screenshots.py)."""

    template_name = "workspace/manual/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = TITLE
        context["roles"] = ROLES
        return context


def pdf(request):
    """The printed manual, as committed with the static files: served here so that
    it is behind the admin's login like the pages it prints."""
    path = finders.find(f"{STATIC_DIR}/{PDF_NAME}")
    if not path:
        raise Http404
    return FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        content_type="application/pdf",
        filename=PDF_NAME,
    )
