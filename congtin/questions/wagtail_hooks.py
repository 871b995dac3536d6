"""Admin: each portal's question queue, topics, and private attachment downloads.

The queue is a snippet viewset limited to the user's portals (404 for another
portal's question). Editing a question offers four actions: save, forward to a
department, send the drafted answer for approval (an AnswerPage draft that enters
the portal's workflow) and decline with a reason.
"""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from congtin.core import public_forms
from congtin.editorial.minute_jobs import EVERY_MINUTE
from congtin.portals.policy import portal_guard

from . import notifications, workflow
from .models import Attachment, Question, Status, Topic
from .permissions import can_see_question, question_policy

register_permission_policy(Question, question_policy)

ACTIONS = [
    ("save", "Chỉ lưu"),
    ("forward", "Chuyển phòng, ban xử lý"),
    (
        "submit_answer",
        "Gửi câu trả lời đi duyệt (tạo trang hỏi đáp, theo quy trình duyệt của cổng)",
    ),
    ("decline", "Từ chối trả lời (người hỏi xem được lý do)"),
]


class QuestionAdminForm(WagtailAdminModelForm):
    action = forms.ChoiceField(
        label="Việc cần làm", choices=ACTIONS, initial="save", widget=forms.RadioSelect
    )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        closed = self.instance.status in (Status.PUBLISHED, Status.DECLINED)
        if action != "save" and closed:
            self.add_error("action", "Câu hỏi này đã kết thúc xử lý.")
        if action == "forward" and not cleaned.get("department"):
            self.add_error("department", "Ghi phòng, ban được giao xử lý.")
        if action == "submit_answer" and not cleaned.get("answer", "").strip():
            self.add_error("answer", "Soạn câu trả lời trước khi gửi duyệt.")
        if action == "decline" and not cleaned.get("decline_reason", "").strip():
            self.add_error("decline_reason", "Ghi lý do từ chối.")
        return cleaned


class AttachmentsPanel(Panel):
    """Links to the question's files, served only through the permission check."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            question = self.instance
            if not question.pk:
                return ""
            items = [
                (
                    reverse("questions_attachment", args=[a.pk]),
                    a.original_name,
                    a.get_kind_display(),
                )
                for a in question.attachments.all()
            ]
            if not items:
                return format_html("<p>{}</p>", "Không có tệp đính kèm.")
            return format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "", '<li><a href="{}" download>{}</a> ({})</li>', items
                ),
            )


class ReceiptPanel(Panel):
    """Where the receipt e-mail stands, as the sending task recorded it."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            if not self.instance.pk:
                return ""
            return format_html(
                '<p data-receipt="{}">{}</p>',
                self.instance.receipt_status,
                self.instance.receipt_display(),
            )


PANELS = [
    MultiFieldPanel(
        [
            FieldRowPanel(
                [
                    FieldPanel("name", read_only=True),
                    FieldPanel("address", read_only=True),
                ]
            ),
            FieldRowPanel(
                [
                    FieldPanel("email", read_only=True),
                    FieldPanel("phone", read_only=True),
                ]
            ),
            ReceiptPanel(heading="Thư xác nhận gửi người hỏi"),
        ],
        heading="Người hỏi (chỉ cán bộ của cổng nhận câu hỏi được xem, không công khai)",
    ),
    MultiFieldPanel(
        [
            FieldPanel("site", read_only=True),
            FieldPanel("title", read_only=True),
            FieldPanel("text", read_only=True),
            AttachmentsPanel(heading="Tệp đính kèm"),
            FieldPanel("topic"),
        ],
        heading="Câu hỏi",
    ),
    MultiFieldPanel(
        [
            FieldPanel("status", read_only=True),
            FieldPanel("department"),
            FieldPanel("answer"),
            FieldPanel("decline_reason"),
            FieldPanel("action"),
        ],
        heading="Xử lý",
    ),
]


class QuestionEditView(EditView):
    def save_instance(self):
        question = super().save_instance()
        action = self.form.cleaned_data.get("action")
        user = self.request.user
        if action == "forward" or (
            action == "save"
            and question.department
            and question.status == Status.RECEIVED
        ):
            workflow.forward(question)
        elif action == "submit_answer":
            workflow.submit_answer(question, user)
        elif action == "decline":
            workflow.decline(question)
        return question


class _OwnPortalsChooserMixin:
    def get_object_list(self):
        return question_policy.limit(super().get_object_list(), self.request.user)


class QuestionChooseView(_OwnPortalsChooserMixin, chooser.ChooseView):
    pass


class QuestionChooseResultsView(_OwnPortalsChooserMixin, chooser.ChooseResultsView):
    pass


class QuestionChooserViewSet(chooser.SnippetChooserViewSet):
    """The snippet chooser also lists only the user's portals' questions."""

    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView

    def construct_view(self, view_class, **kwargs):
        return portal_guard(
            super().construct_view(view_class, **kwargs), question_policy
        )


class QuestionViewSet(SnippetViewSet):
    model = Question
    edit_handler = ObjectList(PANELS, base_form_class=QuestionAdminForm)
    edit_view_class = QuestionEditView
    chooser_viewset_class = QuestionChooserViewSet
    icon = "help"
    menu_label = "Câu hỏi của công dân"
    add_to_admin_menu = False
    list_display = [
        "tracking_code",
        "title",
        "site",
        "topic",
        "status",
        "deadline_display",
        "department",
        "receipt_column",
    ]
    list_filter = ["status", "receipt_status", "site", "topic"]
    search_fields = ["title", "text", "tracking_code"]
    copy_view_enabled = False

    def construct_view(self, view_class, **kwargs):
        return portal_guard(
            super().construct_view(view_class, **kwargs), question_policy
        )

    def get_queryset(self, request):
        return question_policy.limit(
            Question.objects.select_related("site", "topic"), request.user
        )


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Chủ đề hỏi đáp"
    list_display = ["name", "slug", "site"]


class QuestionsGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, TopicViewSet)
    menu_icon = "help"
    menu_label = "Hỏi đáp"
    menu_name = "questions"
    menu_order = 260


register_snippet(QuestionsGroup)


def attachment_download(request, pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("question", "question__site"), pk=pk
    )
    # 404 rather than 403: staff of other portals learn nothing about the file.
    if not can_see_question(request.user, attachment.question):
        raise Http404
    if not attachment.file:
        raise Http404
    return public_forms.private_file_response(
        attachment.file, attachment.original_name, attachment.kind
    )


@hooks.register("register_admin_urls")
def register_questions_admin_urls():
    return [
        path(
            "questions/tep-dinh-kem/<id:pk>/",
            attachment_download,
            name="questions_attachment",
        )
    ]


# Receipts whose task died with its worker are enqueued again by the scheduler.
hooks.register(EVERY_MINUTE, notifications.recover_receipts)
