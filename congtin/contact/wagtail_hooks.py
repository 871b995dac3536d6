"""Admin: each portal's contact messages and its departments that receive them.

Both are snippet viewsets limited to the user's portals: the lists show only
those portals' rows and every single-object view answers 404 outside them
(``congtin.portals.policy.portal_guard``). A message is read-only but for its
status and the staff's note; marking it handled records who and when. The list
filters by status, portal and department (the user's portals' departments only)
and exports what it shows as CSV or XLSX, every cell made safe for spreadsheets.
"""

import django_filters
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.models import Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from congtin.core.vietnamese import format_datetime
from congtin.editorial.audit_log import SpreadsheetSafeExport
from congtin.editorial.minute_jobs import EVERY_MINUTE
from congtin.portals.policy import portal_guard, site_ids_of
from congtin.portals.viewsets import PortalSnippetViewSet

from . import retention
from .bulk_actions import MarkHandledBulkAction
from .models import ContactMessage, ContactRecipient, Status
from .permissions import message_policy, recipient_policy

# Registered before the viewsets so every admin use asks the portal.
register_permission_policy(ContactMessage, message_policy)
register_permission_policy(ContactRecipient, recipient_policy)

# Past any portal's year of messages; a longer export is cut, never a slow request.
MAX_EXPORT_ROWS = 20000


def _own_recipients(request):
    recipients = ContactRecipient.objects.select_related("site")
    if request is None:
        return recipients.none()
    sites = site_ids_of(request.user)
    return recipients if sites is None else recipients.filter(site__in=sites)


def _own_sites(request):
    if request is None:
        return Site.objects.none()
    sites = site_ids_of(request.user)
    return Site.objects.all() if sites is None else Site.objects.filter(pk__in=sites)


class MessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Tình trạng", choices=Status.choices, empty_label="Tất cả"
    )
    recipient = django_filters.ModelChoiceFilter(
        label="Phòng, ban nhận", queryset=_own_recipients, empty_label="Tất cả"
    )
    site = django_filters.ModelChoiceFilter(
        label="Cổng",
        queryset=_own_sites,
        empty_label="Tất cả",
    )

    class Meta:
        model = ContactMessage
        fields = ["status", "recipient", "site"]


class MessageIndexView(SpreadsheetSafeExport, IndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(queryset[:MAX_EXPORT_ROWS], spreadsheet_format)


class MessageEditView(EditView):
    def save_instance(self):
        before = ContactMessage.objects.filter(pk=self.object.pk).values_list(
            "status", flat=True
        )
        was = next(iter(before), None)
        message = self.form.save(commit=False)
        if message.status == Status.HANDLED and was != Status.HANDLED:
            message.handled_by = self.request.user
            message.handled_at = timezone.now()
        elif message.status != Status.HANDLED:
            message.handled_by, message.handled_at = None, None
        message.save()
        self.form.save_m2m()
        return message


class HandledPanel(Panel):
    """Who marked the message handled, and when (set by the save, not typed)."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            message = self.instance
            if message.status != Status.HANDLED or message.handled_at is None:
                return format_html("<p>{}</p>", "Chưa đánh dấu đã xử lý.")
            who = message.handled_by
            name = (who.get_full_name() or who.get_username()) if who else "(không rõ)"
            when = format_datetime(timezone.localtime(message.handled_at))
            return format_html(
                '<p data-handled="1">{} ({}: {})</p>', name, "Thời gian xử lý", when
            )


MESSAGE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("name", read_only=True),
            FieldRowPanel(
                [
                    FieldPanel("email", read_only=True),
                    FieldPanel("phone", read_only=True),
                ]
            ),
        ],
        heading="Người gửi (chỉ cán bộ của cổng xem được, không công khai)",
    ),
    MultiFieldPanel(
        [
            FieldRowPanel(
                [
                    FieldPanel("reference", read_only=True),
                    FieldPanel("created_at", read_only=True),
                ]
            ),
            FieldPanel("site", read_only=True),
            FieldPanel("department_name", read_only=True),
            FieldPanel("title", read_only=True),
            FieldPanel("text", read_only=True),
        ],
        heading="Thư",
    ),
    MultiFieldPanel(
        [
            FieldPanel("status"),
            FieldPanel("note"),
            HandledPanel(heading="Người xử lý"),
        ],
        heading="Xử lý",
    ),
]


EXPORT_FIELDS = [
    "reference",
    "created_at",
    "site",
    "department_name",
    "name",
    "email",
    "phone",
    "title",
    "text",
    "get_status_display",
    "handled_by",
    "handled_at",
    "note",
]
EXPORT_HEADINGS = {
    field.name: str(field.verbose_name)
    for field in ContactMessage._meta.fields
    if field.name in EXPORT_FIELDS
} | {"get_status_display": "Tình trạng"}


class MessageViewSet(SnippetViewSet):
    model = ContactMessage
    edit_handler = ObjectList(MESSAGE_PANELS, base_form_class=WagtailAdminModelForm)
    index_view_class = MessageIndexView
    edit_view_class = MessageEditView
    filterset_class = MessageFilterSet
    icon = "mail"
    menu_label = "Thư liên hệ"
    list_display = [
        "reference",
        "title",
        "department_name",
        "site",
        "status",
        "created_at",
    ]
    list_export = EXPORT_FIELDS
    export_headings = EXPORT_HEADINGS
    export_filename = "thu-lien-he"
    search_fields = ["title", "text", "reference", "name"]
    copy_view_enabled = False
    # Reporters read a message here; editors and chiefs also on the edit form.
    inspect_view_enabled = True
    inspect_view_fields = [f for f in EXPORT_FIELDS if f != "get_status_display"] + [
        "status"
    ]

    def construct_view(self, view_class, **kwargs):
        return portal_guard(
            super().construct_view(view_class, **kwargs), message_policy
        )

    def get_queryset(self, request):
        return message_policy.limit(
            ContactMessage.objects.select_related("site", "handled_by"), request.user
        )


class RecipientAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = site_ids_of(self.for_user) if self.for_user else None
        field = self.fields.get("site")
        if field is None or sites is None:
            return
        # A portal's staff keep their own portals' departments only; a posted id of
        # another portal fails validation like any unknown choice.
        field.queryset = field.queryset.filter(pk__in=sites)
        if len(sites) == 1 and not self.instance.pk:
            field.initial = next(iter(sites))


class RecipientViewSet(PortalSnippetViewSet):
    model = ContactRecipient
    edit_handler = ObjectList(
        ContactRecipient.panels, base_form_class=RecipientAdminForm
    )
    icon = "group"
    menu_label = "Nơi nhận thư liên hệ"
    list_display = ["name", "email", "site", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name", "email"]
    copy_view_enabled = False

    def list_queryset(self):
        return ContactRecipient.objects.select_related("site")


class ContactGroup(SnippetViewSetGroup):
    items = (MessageViewSet, RecipientViewSet)
    menu_icon = "mail"
    menu_label = "Liên hệ"
    menu_name = "contact"
    menu_order = 265


register_snippet(ContactGroup)

hooks.register("register_bulk_action", MarkHandledBulkAction)

# Messages past CONTACT_RETENTION_DAYS are deleted once a day by the scheduler.
hooks.register(EVERY_MINUTE, retention.purge_daily)
