"""A component portal's article offered to the city portal, shown there as an alias.

The city portal is the default Wagtail Site. The way of a proposal:

1. **Đề xuất.** An editor or chief editor of a component portal proposes one of
   its live articles: "Đề xuất lên cổng thành phố" in the article's header menu
   (and in the page listing's "more" menu) opens a form with an optional note.
   Reporters write drafts and do not speak for their portal, so they cannot.
2. **Tiếp nhận.** The city's people see the proposals under "Tin đề xuất từ cổng
   thành phần". A city editor takes one in, choosing the city news section it
   will appear in ("Quận, huyện" unless chosen otherwise): status ``accepted``.
3. **Phê duyệt.** A city chief editor approves it. Wagtail's
   ``CreatePageAliasAction`` puts an alias of the original into that section,
   live because the original is: status ``published``. The alias has no text of
   its own; every time the original is published again Wagtail copies it over
   (``Page.update_aliases``), so one text is shown in both places.

City editors or chiefs may instead decline an open proposal, with a reason; the
proposing portal may offer a declined article again.

An alias has no revisions and so cannot pass through the city's Wagtail
workflow; its two city steps mirror that workflow's "Biên tập" and "Phê duyệt"
and are granted by the same page permissions. Who may do what is read from the
page permissions Wagtail gives to groups, ignoring Wagtail's "the owner may edit
their own page" rule, so the reporter who wrote an article is still no editor:

* proposing: "change" on the article (editors, chiefs and administrators of its
  portal);
* seeing the proposals: any page permission on the city's home page;
* accepting and declining: "change" on the chosen city section;
* approving: "change" and "publish" on that section.

Wagtail's alias action would also require the approver to be allowed to edit
the original, which a city chief may not do on a district's pages; that one
check is replaced by the rules above.

Each step leaves a notice for the people concerned (city editors when a
proposal arrives, city chiefs when it waits for approval, the proposer at every
decision) and an entry in the original article's history, which the proposing
portal can read.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.views import View
from wagtail import hooks
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, Site
from wagtail.permissions import page_permission_policy
from wagtail.signals import page_published

from congtin.core.vietnamese import nfc
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.portals.models import PortalGroup, Role

from .models import Notice, Proposal

DEFAULT_SECTION_SLUG = "quan-huyen"
NOTE_MAX_LENGTH = 2000
DONE_LIMIT = 50
INDEX_TITLE = "Tin đề xuất từ cổng thành phần"

LOG_PROPOSE = "congtin.proposal.propose"
LOG_ACCEPT = "congtin.proposal.accept"
LOG_PUBLISH = "congtin.proposal.publish"
LOG_DECLINE = "congtin.proposal.decline"

Status = Proposal.Status

# What the refusals say; the view adds the HTTP status.
NO_CITY = "Chưa có cổng thành phố (trang mặc định) để nhận tin đề xuất."
NOT_FOUND_PAGE = "Không tìm thấy trang này."
NOT_FOUND_PROPOSAL = "Không tìm thấy tin đề xuất này."
NOT_ARTICLE = "Chỉ có thể đề xuất bài viết, không đề xuất được trang loại này."
IS_ALIAS = "Trang này hiển thị lại một bài của cổng khác; hãy đề xuất bài gốc."
MAY_NOT_PROPOSE = (
    "Bạn không có quyền đề xuất bài này: chỉ biên tập viên và trưởng ban biên "
    "tập của cổng đăng bài mới đề xuất được bài lên cổng thành phố."
)
ALREADY_CITY = "Bài này đã thuộc cổng thành phố, không cần đề xuất."
NOT_LIVE = "Chỉ đề xuất được bài đang đăng. Hãy xuất bản bài trước khi đề xuất."
MAY_NOT_VIEW = "Chỉ người của cổng thành phố mới xem được tin đề xuất."
MAY_NOT_ACCEPT = (
    "Bạn không có quyền tiếp nhận tin đề xuất: việc này dành cho biên tập viên "
    "của cổng thành phố."
)
MAY_NOT_DECLINE = (
    "Bạn không có quyền từ chối tin đề xuất: việc này dành cho biên tập viên "
    "và trưởng ban biên tập của cổng thành phố."
)
MAY_NOT_APPROVE = (
    "Bạn không có quyền phê duyệt tin đề xuất: việc này dành cho trưởng ban "
    "biên tập của cổng thành phố."
)
BAD_SECTION = "Hãy chọn một chuyên mục tin đang đăng của cổng thành phố."
ORIGINAL_GONE = "Bài gốc hiện không còn được đăng trên cổng đề xuất."
SECTION_GONE = (
    "Chuyên mục đã chọn không còn đăng trên cổng thành phố; hãy tiếp nhận lại "
    "vào một chuyên mục khác."
)
WRONG_STATUS = {
    Status.PENDING: "Tin đề xuất này chưa được biên tập viên tiếp nhận.",
    Status.ACCEPTED: "Tin đề xuất này đã được tiếp nhận, đang chờ phê duyệt.",
    Status.PUBLISHED: "Tin đề xuất này đã được đăng trên cổng thành phố.",
    Status.DECLINED: "Tin đề xuất này đã bị từ chối.",
}
ALREADY_PROPOSED = "Bài này đã được đề xuất lên cổng thành phố ({status})."


# Permissions and portals


def group_may(user, codename: str, page: Page) -> bool:
    """Whether a group of ``user`` grants ``codename`` on ``page`` or above it.

    Unlike Wagtail's own checks, owning the page grants nothing here.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        perm.permission.codename == codename
        and (perm.page_id == page.pk or page.is_descendant_of(perm.page))
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def city_site(user=None) -> Site | None:
    """The city portal; looked up once per request when ``user`` carries it."""
    if user is not None and hasattr(user, "_congtin_city_site"):
        return user._congtin_city_site
    site = Site.objects.filter(is_default_site=True).select_related("root_page")
    site = site.first()
    if user is not None:
        user._congtin_city_site = site
    return site


def portal_site_id(page: Page) -> int | None:
    """The site whose home page ``page`` lives under (the most specific one)."""
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return root.site_id
    return None


def may_view(user) -> bool:
    city = city_site(user)
    if city is None:
        return False
    return any(
        group_may(user, codename, city.root_page)
        for codename in ("add_page", "change_page", "publish_page")
    )


def city_sections(city: Site):
    """The live news sections of the city portal."""
    return NewsIndexPage.objects.descendant_of(city.root_page).live()


def may_accept(user, section: Page) -> bool:
    return group_may(user, "change_page", section)


def may_approve(user, section: Page) -> bool:
    return group_may(user, "change_page", section) and group_may(
        user, "publish_page", section
    )


def may_handle(user, city: Site) -> bool:
    """Whether ``user`` may take in or decline proposals at all (a city editor)."""
    return may_accept(user, city.root_page)


def is_article(page: Page) -> bool:
    return issubclass(page.specific_class or Page, ArticlePage)


def could_propose(user, page: Page) -> bool:
    """The quick test deciding whether the "propose" button is shown."""
    city = city_site(user)
    return (
        city is not None
        and page.live
        and page.alias_of_id is None
        and is_article(page)
        and not page.url_path.startswith(city.root_page.url_path)
        and group_may(user, "change_page", page)
    )


def open_proposal(page: Page, city: Site) -> Proposal | None:
    """The proposal of ``page`` that stops it being proposed again, if any."""
    proposal = Proposal.objects.filter(article=page, target_site=city).first()
    if proposal is None or proposal.status == Status.DECLINED:
        return None
    # The city may have deleted the alias since; the article can be offered anew.
    if proposal.status == Status.PUBLISHED and proposal.alias_id is None:
        return None
    return proposal


# Notices and history


def leave_notice(users, message: str, url: str = "") -> None:
    message = nfc(message)
    recipients = {
        user.pk: user for user in users if user is not None and user.is_active
    }
    Notice.objects.bulk_create(
        Notice(recipient=user, message=message, url=url) for user in recipients.values()
    )


def city_role_members(city: Site, role: str):
    groups = PortalGroup.objects.filter(site=city, role=role).values("group")
    return get_user_model().objects.filter(groups__in=groups, is_active=True)


def index_url() -> str:
    return reverse("editorial_proposals:index")


def article_admin_url(article: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


def describe(proposal: Proposal) -> str:
    return f"“{proposal.article.title}” của {proposal.source_site.site_name}"


def log_step(proposal: Proposal, action: str, user, **data) -> None:
    log(
        instance=proposal.article.specific,
        action=action,
        user=user,
        data={
            "proposal": proposal.pk,
            "target": proposal.target_site.site_name,
            **data,
        },
    )


# Forms


def clean_text(value: str) -> str:
    return nfc(value or "").strip()


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Ghi chú gửi cổng thành phố",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Không bắt buộc. Ví dụ: vì sao bài đáng đăng trên cổng thành phố.",
        error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."},
    )

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])


class AcceptForm(forms.Form):
    section = forms.ModelChoiceField(
        label="Chuyên mục trên cổng thành phố",
        queryset=NewsIndexPage.objects.none(),
        empty_label=None,
        error_messages={"required": BAD_SECTION, "invalid_choice": BAD_SECTION},
    )
    reply = forms.CharField(
        label="Ghi chú biên tập",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Không bắt buộc. Cổng đề xuất và trưởng ban biên tập đọc được.",
        error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."},
    )

    def __init__(self, *args, city: Site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = city_sections(city).order_by("path")
        self.fields["section"].label_from_instance = self.section_label

    @staticmethod
    def section_label(section):
        # Nested sections are told apart by their depth under the home page.
        return "— " * max(section.depth - 3, 0) + section.title

    def clean_reply(self):
        return clean_text(self.cleaned_data["reply"])


class DeclineForm(forms.Form):
    reply = forms.CharField(
        label="Lý do không tiếp nhận",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bắt buộc. Cổng đề xuất đọc được lý do này.",
        error_messages={
            "required": "Hãy ghi lý do không tiếp nhận.",
            "max_length": "Lý do dài quá %(limit_value)d ký tự.",
        },
    )

    def clean_reply(self):
        reply = clean_text(self.cleaned_data["reply"])
        if not reply:
            raise forms.ValidationError("Hãy ghi lý do không tiếp nhận.")
        return reply


# Views


class Refusal(Exception):
    """Stop the request with ``status`` and a message for the person."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


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
            "editorial/proposal_error.html",
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
        try:
            with transaction.atomic():
                proposal = self.save(form.cleaned_data["note"])
        except IntegrityError:
            # Someone proposed the same article a moment ago.
            raise Refusal(
                409, ALREADY_PROPOSED.format(status=Status.PENDING.label)
            ) from None
        log_step(proposal, LOG_PROPOSE, request.user, note=proposal.note)
        leave_notice(
            city_role_members(self.city, Role.EDITOR),
            f"{self.source_site.site_name} đề xuất bài “{self.page.title}” "
            "lên cổng thành phố.",
            index_url(),
        )
        messages.success(
            request, f"Đã đề xuất bài “{self.page.title}” lên {self.city.site_name}."
        )
        return redirect(
            get_valid_next_url_from_request(request) or article_admin_url(self.page)
        )

    def save(self, note: str) -> Proposal:
        fresh = {
            "source_site": self.source_site,
            "section": None,
            "alias": None,
            "status": Status.PENDING,
            "note": note,
            "reply": "",
            "proposed_by": self.request.user,
            "proposed_at": timezone.now(),
            "accepted_by": None,
            "accepted_at": None,
            "decided_by": None,
            "decided_at": None,
        }
        earlier = (
            Proposal.objects.select_for_update()
            .filter(article=self.page, target_site=self.city)
            .first()
        )
        if earlier is None:
            return Proposal.objects.create(
                article=self.page, target_site=self.city, **fresh
            )
        # A declined (or no longer shown) proposal is offered again in its place.
        for name, value in fresh.items():
            setattr(earlier, name, value)
        earlier.save()
        return earlier


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
        proposal = self.proposal
        with transaction.atomic():
            changed = Proposal.objects.filter(
                pk=proposal.pk, status__in=self.allowed
            ).update(
                status=Status.ACCEPTED,
                section=section,
                reply=form.cleaned_data["reply"],
                accepted_by=request.user,
                accepted_at=timezone.now(),
            )
        if not changed:
            proposal.refresh_from_db()
            raise Refusal(409, WRONG_STATUS[proposal.status])
        proposal.refresh_from_db()
        log_step(
            proposal,
            LOG_ACCEPT,
            request.user,
            section=section.title,
            reply=proposal.reply,
        )
        title = proposal.article.title
        leave_notice(
            [proposal.proposed_by],
            f"{self.city.site_name} đã tiếp nhận bài “{title}” vào chuyên mục "
            f"“{section.title}”, đang chờ phê duyệt.",
            article_admin_url(proposal.article),
        )
        leave_notice(
            city_role_members(self.city, Role.CHIEF),
            f"Bài {describe(proposal)} đã được tiếp nhận vào chuyên mục "
            f"“{section.title}”, chờ phê duyệt.",
            index_url(),
        )
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
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=self.proposal.pk)
            if proposal.status not in self.allowed:
                raise Refusal(409, WRONG_STATUS[proposal.status])
            alias = CreatePageAliasAction(
                article,
                parent=section,
                update_slug=free_slug(section, article.slug),
                user=request.user,
            ).execute(skip_permission_checks=True)
            proposal.alias = alias
            proposal.status = Status.PUBLISHED
            proposal.decided_by = request.user
            proposal.decided_at = timezone.now()
            proposal.save()
        alias = Page.objects.get(pk=alias.pk).specific
        # Wagtail announces an alias it refreshes as published; a new one is
        # announced the same way so caches and listeners see it.
        page_published.send(
            sender=alias.specific_class, instance=alias, revision=None, alias=True
        )
        url = alias.get_full_url() or ""
        log_step(proposal, LOG_PUBLISH, request.user, section=section.title, url=url)
        leave_notice(
            [proposal.proposed_by],
            f"Bài “{article.title}” đã được đăng trên {self.city.site_name}, "
            f"chuyên mục “{section.title}”.",
            url,
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
        proposal = self.proposal
        reply = form.cleaned_data["reply"]
        changed = Proposal.objects.filter(
            pk=proposal.pk, status__in=self.allowed
        ).update(
            status=Status.DECLINED,
            reply=reply,
            decided_by=request.user,
            decided_at=timezone.now(),
        )
        if not changed:
            proposal.refresh_from_db()
            raise Refusal(409, WRONG_STATUS[proposal.status])
        proposal.refresh_from_db()
        log_step(proposal, LOG_DECLINE, request.user, reply=reply)
        title = proposal.article.title
        leave_notice(
            [proposal.proposed_by],
            f"{self.city.site_name} không tiếp nhận bài “{title}”. Lý do: {reply}",
            article_admin_url(proposal.article),
        )
        return self.done(f"Đã từ chối bài “{title}”.")


def free_slug(section: Page, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… if a page of the section has it."""
    taken = set(section.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


# Registration


@hooks.register("register_admin_urls")
def proposal_urls():
    urls = [
        path("", IndexView.as_view(), name="index"),
        path("propose/<id:page_id>/", ProposeView.as_view(), name="propose"),
        path("<id:pk>/accept/", AcceptView.as_view(), name="accept"),
        path("<id:pk>/approve/", ApproveView.as_view(), name="approve"),
        path("<id:pk>/decline/", DeclineView.as_view(), name="decline"),
    ]
    return [
        path(
            "editorial/proposals/",
            include((urls, "editorial_proposals"), namespace="editorial_proposals"),
        )
    ]


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view(request.user)


@hooks.register("register_admin_menu_item")
def proposals_menu_item():
    return ProposalsMenuItem(
        INDEX_TITLE,
        index_url(),
        name="editorial-proposals",
        icon_name="doc-full-inverse",
        order=250,
    )


class ProposeButton(PageMenuItem):
    label = "Đề xuất lên cổng thành phố"
    icon_name = "upload"
    url_name = "editorial_proposals:propose"

    def __init__(self, *, check_existing: bool, **kwargs):
        super().__init__(**kwargs)
        self.check_existing = check_existing

    def is_shown(self, user):
        if not could_propose(user, self.page):
            return False
        # The listing skips this query per row; the view refuses a second proposal.
        return (
            not self.check_existing or open_proposal(self.page, city_site(user)) is None
        )


@hooks.register("register_page_header_buttons")
def propose_header_button(page, user, view_name, next_url=None):
    yield ProposeButton(page=page, priority=90, check_existing=True)


@hooks.register("register_page_listing_more_buttons")
def propose_listing_button(page, user, next_url=None):
    yield ProposeButton(page=page, next_url=next_url, priority=90, check_existing=False)


@hooks.register("register_log_actions")
def register_proposal_actions(actions):
    @actions.register_action(LOG_PROPOSE)
    class ProposeFormatter(LogFormatter):
        label = "Đề xuất lên cổng thành phố"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = f"Đề xuất lên {data.get('target', 'cổng thành phố')}."
            if data.get("note"):
                message += f" Ghi chú: {data['note']}"
            return message

    @actions.register_action(LOG_ACCEPT)
    class AcceptFormatter(LogFormatter):
        label = "Cổng thành phố tiếp nhận"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = (
                f"{data.get('target', 'Cổng thành phố')} tiếp nhận bài vào chuyên "
                f"mục “{data.get('section', '')}”, chờ phê duyệt."
            )
            if data.get("reply"):
                message += f" Ghi chú: {data['reply']}"
            return message

    @actions.register_action(LOG_PUBLISH)
    class PublishFormatter(LogFormatter):
        label = "Đăng trên cổng thành phố"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                f"Đăng trên {data.get('target', 'cổng thành phố')}, chuyên mục "
                f"“{data.get('section', '')}”: {data.get('url', '')}"
            )

    @actions.register_action(LOG_DECLINE)
    class DeclineFormatter(LogFormatter):
        label = "Cổng thành phố không tiếp nhận"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                f"{data.get('target', 'Cổng thành phố')} không tiếp nhận bài. "
                f"Lý do: {data.get('reply', '')}"
            )
