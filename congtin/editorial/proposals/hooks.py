"""The proposals in the admin: URLs, menu item, page buttons, history entries."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from congtin.portals.sites import city_site

from .actions import (
    LOG_ACCEPT,
    LOG_DECLINE,
    LOG_PROPOSE,
    LOG_PUBLISH,
    index_url,
)
from .permissions import could_propose, may_view, open_proposal
from .views import (
    INDEX_TITLE,
    AcceptView,
    ApproveView,
    DeclineView,
    IndexView,
    ProposeView,
)


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


def _with_note(message: str, note: str | None) -> str:
    return f"{message} Ghi chú: {note}" if note else message


@hooks.register("register_log_actions")
def register_proposal_actions(actions):
    @actions.register_action(LOG_PROPOSE)
    class ProposeFormatter(LogFormatter):
        label = "Đề xuất lên cổng thành phố"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _with_note(
                f"Đề xuất lên {data.get('target', 'cổng thành phố')}.", data.get("note")
            )

    @actions.register_action(LOG_ACCEPT)
    class AcceptFormatter(LogFormatter):
        label = "Cổng thành phố tiếp nhận"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _with_note(
                f"{data.get('target', 'Cổng thành phố')} tiếp nhận bài vào chuyên "
                f"mục “{data.get('section', '')}”, chờ phê duyệt.",
                data.get("reply"),
            )

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
