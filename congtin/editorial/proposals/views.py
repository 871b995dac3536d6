"""The admin views of the proposal steps; the data changes are in ``actions``."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Site

from congtin.news.models import ArticlePage
from congtin.portals.sites import city_site, portal_site_id

from ..models import Proposal
from . import actions
from .actions import article_admin_url, describe, index_url
from .forms import AcceptForm, DeclineForm, NoteForm
from .permissions import (
    city_sections,
    group_may,
    is_article,
    may_accept,
    may_approve,
    may_handle,
    may_view,
    open_proposal,
)
from .refusals import (
    ALREADY_CITY,
    ALREADY_PROPOSED,
    BAD_SECTION,
    IS_ALIAS,
    MAY_NOT_ACCEPT,
    MAY_NOT_APPROVE,
    MAY_NOT_DECLINE,
    MAY_NOT_PROPOSE,
    MAY_NOT_VIEW,
    NO_CITY,
    NOT_ARTICLE,
    NOT_FOUND_PAGE,
    NOT_FOUND_PROPOSAL,
    NOT_LIVE,
    ORIGINAL_GONE,
    SECTION_GONE,
    WRONG_STATUS,
    Refusal,
)

Status = Proposal.Status

DEFAULT_SECTION_SLUG = "quan-huyen"
DONE_LIMIT = 50
INDEX_TITLE = "Tin đề xuất từ cổng thành phần"


class ProposalAdminView(WagtailAdminTemplateMixin, View):
    header_icon = "doc-full-inverse"
    page_title = INDEX_TITLE
    template_name = "editorial/proposal_form.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.city = city_site(request.user)
            if self.city is None:
                raise Refusal(409, NO_CITY)
            self.prepare()
            return super().dispatch(request, *args, **kwargs)
        except Refusal as refusal:
            return self.refuse(refusal)

    def prepare(self):
        """Load and check what the URL names, before the method's handler runs."""

    def refuse(self, refusal: Refusal):
        context = {
            "header_title": "Không thực hiện được",
            "page_title": "Không thực hiện được",
            "header_icon": "warning",
            "breadcrumbs_items": self.breadcrumbs_items,
            "message": refusal.message,
            "back_url": get_valid_next_url_from_request(self.request)
            or reverse("wagtailadmin_home"),
        }
        return TemplateResponse(
            self.request,
            "editorial/refused.html",
            context,
            status=refusal.status,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The form template reads every one of these.
        for name, default in (
            ("form", None),
            ("proposal", None),
            ("intro", ""),
            ("danger", False),
            ("next_url", get_valid_next_url_from_request(self.request)),
            ("cancel_url", index_url()),
        ):
            context.setdefault(name, default)
        return context

    def render_form(self, form, status=200):
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=status)


class ProposeView(ProposalAdminView):
    page_title = "Đề xuất lên cổng thành phố"

    def prepare(self):
        page = Page.objects.filter(pk=self.kwargs["page_id"]).first()
        if page is None:
            raise Refusal(404, NOT_FOUND_PAGE)
        if not is_article(page):
            raise Refusal(400, NOT_ARTICLE)
        if page.alias_of_id is not None:
            raise Refusal(400, IS_ALIAS)
        if not group_may(self.request.user, "change_page", page):
            raise Refusal(403, MAY_NOT_PROPOSE)
        if page.url_path.startswith(self.city.root_page.url_path):
            raise Refusal(400, ALREADY_CITY)
        source_id = portal_site_id(page)
        if not page.live or source_id is None:
            raise Refusal(409, NOT_LIVE)
        existing = open_proposal(page, self.city)
        if existing is not None:
            raise Refusal(
                409, ALREADY_PROPOSED.format(status=existing.get_status_display())
            )
        self.page = page.specific
        self.source_site = Site.objects.get(pk=source_id)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": article_admin_url(self.page), "label": self.page.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=(
                f"Bài “{self.page.title}” của {self.source_site.site_name} sẽ được "
                f"gửi tới {self.city.site_name}. Biên tập viên của cổng thành phố "
                "tiếp nhận, trưởng ban biên tập phê duyệt; khi được đăng, cổng "
                "thành phố hiển thị đúng bài này và tự cập nhật mỗi khi bài được "
                "xuất bản lại."
            ),
            submit_label="Gửi đề xuất",
            cancel_url=article_admin_url(self.page),
        )
        return context

    def get(self, request, page_id):
        return self.render_form(NoteForm())

    def post(self, request, page_id):
        form = NoteForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        actions.propose(
            self.page,
            self.city,
            self.source_site,
            request.user,
            form.cleaned_data["note"],
        )
        messages.success(
            request, f"Đã đề xuất bài “{self.page.title}” lên {self.city.site_name}."
        )
        return redirect(
            get_valid_next_url_from_request(request) or article_admin_url(self.page)
        )


class IndexView(ProposalAdminView):
    template_name = "editorial/proposal_index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": INDEX_TITLE}]

    def prepare(self):
        if not may_view(self.request.user):
            raise Refusal(403, MAY_NOT_VIEW)

    def get(self, request):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = Proposal.objects.filter(target_site=self.city).select_related(
            "article",
            "source_site",
            "section",
            "alias",
            "proposed_by",
            "accepted_by",
            "decided_by",
        )
        user = self.request.user
        handles = may_handle(user, self.city)
        open_rows, done_rows = [], []
        for proposal in proposals.filter(status__in=[Status.PENDING, Status.ACCEPTED]):
            open_rows.append(
                {
                    "proposal": proposal,
                    "may_accept": handles,
                    "may_approve": proposal.status == Status.ACCEPTED
                    and proposal.section is not None
                    and may_approve(user, proposal.section),
                    "may_decline": handles,
                }
            )
        done = proposals.filter(status__in=[Status.PUBLISHED, Status.DECLINED])
        for proposal in done.order_by("-decided_at", "-pk")[:DONE_LIMIT]:
            done_rows.append({"proposal": proposal})
        context.update(open_rows=open_rows, done_rows=done_rows)
        return context


class ProposalStepView(ProposalAdminView):
    """A step taken on one proposal; ``allowed`` lists the statuses it starts from."""

    allowed: tuple = ()

    def prepare(self):
        proposal = (
            Proposal.objects.filter(pk=self.kwargs["pk"], target_site=self.city)
            .select_related("article", "source_site", "section", "proposed_by")
            .first()
        )
        if proposal is None:
            raise Refusal(404, NOT_FOUND_PROPOSAL)
        if not may_view(self.request.user):
            raise Refusal(403, MAY_NOT_VIEW)
        self.proposal = proposal
        if proposal.status not in self.allowed:
            raise Refusal(409, WRONG_STATUS[proposal.status])
        self.check_permission()

    def check_permission(self):
        raise NotImplementedError

    def get_page_subtitle(self):
        return self.proposal.article.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": index_url(), "label": INDEX_TITLE},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(proposal=self.proposal)
        return context

    def require_live_original(self) -> ArticlePage:
        article = self.proposal.article.specific
        if not article.live:
            raise Refusal(409, ORIGINAL_GONE)
        return article

    def done(self, text: str):
        messages.success(self.request, text)
        return redirect(index_url())


class AcceptView(ProposalStepView):
    page_title = "Tiếp nhận tin đề xuất"
    # Taking it in again before approval moves it to another section.
    allowed = (Status.PENDING, Status.ACCEPTED)

    def check_permission(self):
        if not may_handle(self.request.user, self.city):
            raise Refusal(403, MAY_NOT_ACCEPT)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=(
                f"Bài {describe(self.proposal)} sẽ được hiển thị trong chuyên mục "
                "đã chọn sau khi trưởng ban biên tập phê duyệt."
            ),
            submit_label="Tiếp nhận",
        )
        return context

    def get(self, request, pk):
        default = city_sections(self.city).filter(slug=DEFAULT_SECTION_SLUG).first()
        initial = {"section": self.proposal.section_id or (default and default.pk)}
        return self.render_form(AcceptForm(city=self.city, initial=initial))

    def post(self, request, pk):
        self.require_live_original()
        form = AcceptForm(request.POST, city=self.city)
        if not form.is_valid():
            if "section" in form.errors:
                raise Refusal(400, BAD_SECTION)
            return self.render_form(form, status=400)
        section = form.cleaned_data["section"]
        if not may_accept(request.user, section):
            raise Refusal(403, MAY_NOT_ACCEPT)
        proposal = actions.accept(
            self.proposal,
            self.city,
            section,
            form.cleaned_data["reply"],
            request.user,
            allowed=self.allowed,
        )
        title = proposal.article.title
        return self.done(
            f"Đã tiếp nhận bài “{title}” vào chuyên mục “{section.title}”."
        )


class ApproveView(ProposalStepView):
    page_title = "Phê duyệt tin đề xuất"
    allowed = (Status.ACCEPTED,)

    def check_permission(self):
        section = self.proposal.section
        if section is None:
            # Only city editors and chiefs learn that the section is gone.
            if not may_handle(self.request.user, self.city):
                raise Refusal(403, MAY_NOT_APPROVE)
            raise Refusal(409, SECTION_GONE)
        if not may_approve(self.request.user, section):
            raise Refusal(403, MAY_NOT_APPROVE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=(
                f"Bài {describe(self.proposal)} sẽ được đăng ngay trong chuyên mục "
                f"“{self.proposal.section.title}” của {self.city.site_name}. Nội "
                "dung luôn là của bài gốc và tự cập nhật khi cổng đề xuất xuất "
                "bản lại bài."
            ),
            submit_label="Phê duyệt và đăng",
        )
        return context

    def get(self, request, pk):
        return self.render_form(None)

    def post(self, request, pk):
        article = self.require_live_original()
        section = self.proposal.section.specific
        if not section.live:
            raise Refusal(409, SECTION_GONE)
        actions.approve(
            self.proposal,
            article,
            section,
            self.city,
            request.user,
            allowed=self.allowed,
        )
        return self.done(
            f"Đã đăng bài “{article.title}” trong chuyên mục “{section.title}”."
        )


class DeclineView(ProposalStepView):
    page_title = "Không tiếp nhận tin đề xuất"
    allowed = (Status.PENDING, Status.ACCEPTED)

    def check_permission(self):
        if not may_handle(self.request.user, self.city):
            raise Refusal(403, MAY_NOT_DECLINE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=f"Bài {describe(self.proposal)} sẽ không được đăng trên cổng "
            "thành phố. Cổng đề xuất nhận được lý do và có thể đề xuất lại.",
            submit_label="Không tiếp nhận",
            danger=True,
        )
        return context

    def get(self, request, pk):
        return self.render_form(DeclineForm())

    def post(self, request, pk):
        form = DeclineForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        proposal = actions.decline(
            self.proposal,
            self.city,
            form.cleaned_data["reply"],
            request.user,
            allowed=self.allowed,
        )
        title = proposal.article.title
        return self.done(f"Đã từ chối bài “{title}”.")
