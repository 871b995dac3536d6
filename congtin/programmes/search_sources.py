"""Projects, research and plans in the portal search."""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import PlanningDocumentPage, ProjectPage, ResearchProjectPage


@register
class ProjectSource(PageSource):
    kind = "programmes.project"
    label = "Dự án"
    model = ProjectPage

    def body(self, page) -> str:
        return lines(
            page.investor,
            page.location,
            page.capital_label,
            page.status_label,
            page.summary,
            *(package.name for package in page.packages.all()),
            *(package.winner for package in page.packages.all()),
        )


@register
class ResearchSource(PageSource):
    kind = "programmes.research"
    label = "Đề tài khoa học"
    model = ResearchProjectPage

    def body(self, page) -> str:
        return lines(
            page.code,
            page.level_label,
            page.lead_organisation,
            page.lead_person,
            page.summary,
            page.results,
        )


@register
class PlanningSource(PageSource):
    kind = "programmes.planning"
    label = "Chiến lược, quy hoạch, kế hoạch"
    model = PlanningDocumentPage

    def body(self, page) -> str:
        return lines(
            page.kind_label,
            page.approval_number,
            page.approving_body,
            page.summary,
        )
