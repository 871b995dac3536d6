"""Online dialogues (đối thoại trực tuyến) between a leader and citizens.

A :class:`DialoguePage` is one scheduled session on a topic, under the portal's
"Đối thoại trực tuyến" (:class:`DialogueIndexPage`). Citizens send questions before
and during the session (:class:`DialogueQuestion`, a private queue with contact
details only the portal's staff see); staff approve or reject them and type the
answers live. An answered question joins the public transcript, which stays
published after the session. Whether a dialogue is upcoming, live or ended comes
from the clock at each request.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from congtin.core import params, time_window
from congtin.core.models import PortalPage

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

UPCOMING = "sap-dien-ra"
LIVE = "dang-dien-ra"
ENDED = "da-ket-thuc"
STATUS_LABELS = {
    UPCOMING: "Sắp diễn ra",
    LIVE: "Đang diễn ra",
    ENDED: "Đã kết thúc",
}


class DialogueIndexPage(PortalPage):
    """ "Đối thoại trực tuyến": one portal's dialogues, newest first."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField(
        "Số buổi đối thoại mỗi trang", default=20
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["dialogues.DialoguePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Chuyên mục đối thoại trực tuyến"
        verbose_name_plural = "Chuyên mục đối thoại trực tuyến"

    def dialogues(self):
        return (
            DialoguePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-starts_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        context["dialogues"] = Paginator(self.dialogues(), self.per_page).get_page(
            params.page_number(request.GET)
        )
        context["now"] = timezone.now()
        return context


class DialoguePage(RoutablePageMixin, PortalPage):
    """One session: who leads it, when, the topic, and its transcript."""

    shown_in_portal_map = False

    topic = models.CharField(
        "Chủ đề đối thoại",
        max_length=300,
        help_text="Ví dụ: Chuyển đổi số và dịch vụ công trực tuyến",
    )
    leaders = models.TextField(
        "Lãnh đạo chủ trì",
        help_text="Mỗi dòng một người, kèm chức vụ. Dòng đầu là người trả lời mặc "
        "định.",
    )
    starts_at = models.DateTimeField(
        "Bắt đầu", help_text="Giờ Việt Nam.", db_index=True
    )
    ends_at = models.DateTimeField("Kết thúc", help_text="Giờ Việt Nam.", db_index=True)
    intro = RichTextField("Giới thiệu", features=RICH_TEXT_FEATURES, blank=True)
    conclusion = RichTextField(
        "Kết luận buổi đối thoại",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Hiển thị công khai sau khi buổi đối thoại kết thúc.",
    )
    is_illustrative = models.BooleanField(
        "Dữ liệu minh họa",
        default=False,
        help_text="Buổi đối thoại mẫu; trang công khai ghi rõ là minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("topic"),
        FieldPanel("leaders"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("conclusion")], heading="Sau buổi đối thoại"),
        FieldPanel("is_illustrative"),
    ]
    parent_page_types = ["dialogues.DialogueIndexPage"]
    subpage_types: list[str] = []

    search_fields = PortalPage.search_fields + [
        index.SearchField("topic"),
        index.SearchField("leaders"),
        index.SearchField("intro"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = "Buổi đối thoại trực tuyến"
        verbose_name_plural = "Buổi đối thoại trực tuyến"

    def clean(self):
        super().clean()
        time_window.check_order(self.starts_at, self.ends_at, "ends_at")

    def status(self, now=None) -> str:
        """``UPCOMING``, ``LIVE`` or ``ENDED`` at ``now``."""
        return {
            time_window.BEFORE: UPCOMING,
            time_window.DURING: LIVE,
            time_window.AFTER: ENDED,
        }[time_window.phase(self.starts_at, self.ends_at, now)]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status()]

    @property
    def accepts_questions(self) -> bool:
        """Questions are taken from publication until the session ends."""
        return self.status() != ENDED

    @property
    def leader_lines(self) -> list[str]:
        return [line.strip() for line in self.leaders.splitlines() if line.strip()]

    @property
    def default_answerer(self) -> str:
        lines = self.leader_lines
        return lines[0] if lines else ""

    def transcript(self):
        """Answered questions in the order they were answered."""
        return self.questions.filter(status=DialogueQuestion.Status.ANSWERED).order_by(
            "order", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dialogue_status"] = self.status()
        transcript = list(self.transcript())
        context["transcript"] = transcript
        context["last_order"] = transcript[-1].order if transcript else 0
        base = self.get_url(request) or self.url
        context["ask_url"] = base + self.reverse_subpage("ask")
        context["updates_url"] = base + self.reverse_subpage("updates")
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        from django.http import HttpResponseNotAllowed

        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().index_route(request, *args, **kwargs)

    @path("gui-cau-hoi/", name="ask")
    def ask_route(self, request):
        from .views import ask

        return ask(request, self)

    @path("cap-nhat/", name="updates")
    def updates_route(self, request):
        from .views import updates

        return updates(request, self)


class DialogueQuestion(models.Model):
    """A question sent for a dialogue.

    Name, place and text are what the citizen typed and are only ever shown as
    text; name and place are published with the answer, the contact never is. Only
    answered questions are public.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt, chờ trả lời"
        ANSWERED = "answered", "Đã trả lời (công khai)"
        REJECTED = "rejected", "Không đưa vào đối thoại"

    dialogue = models.ForeignKey(
        DialoguePage,
        verbose_name="Buổi đối thoại",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    # The portal, kept with the question so lists are limited to a user's portals
    # without walking the page tree.
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("Họ và tên", max_length=200)
    place = models.CharField("Phường, xã nơi ở", max_length=200, blank=True)
    contact = models.CharField(
        "Thư điện tử hoặc điện thoại (không công khai)", max_length=254, blank=True
    )
    text = models.TextField("Nội dung câu hỏi")
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=Status.choices,
        default=Status.WAITING,
        db_index=True,
    )
    answer = models.TextField("Nội dung trả lời", blank=True)
    answered_by = models.CharField(
        "Người trả lời",
        max_length=300,
        blank=True,
        help_text="Công khai cùng câu trả lời, ví dụ: Phó Chủ tịch UBND thành phố.",
    )
    answered_at = models.DateTimeField("Thời gian trả lời", null=True, blank=True)
    # The place in the transcript, given when the question is answered; the live
    # page asks for the items after the last one it shows (?sau=<order>).
    order = models.PositiveIntegerField(
        "Thứ tự trong nội dung đối thoại", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("Thời gian gửi", default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Cán bộ xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_erased_at = models.DateTimeField(
        "Đã xóa thông tin liên hệ lúc", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "Câu hỏi đối thoại"
        verbose_name_plural = "Câu hỏi đối thoại"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["dialogue", "status", "order"]),
            models.Index(fields=["site", "status", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "order"], name="dialogues_unique_transcript_order"
            )
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.name}: {text}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the row said when read, so a save knows whether the transcript
        # changed (signals.py).
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        super().clean()
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": "Nhập nội dung trả lời."})

    def save(self, *args, **kwargs):
        if self.status == self.Status.ANSWERED:
            if self.answered_at is None:
                self.answered_at = timezone.now()
            if not self.answered_by and self.dialogue_id:
                self.answered_by = self.dialogue.default_answerer[:300]
            if self.order is None:
                with transaction.atomic():
                    self.order = next_order(self.dialogue_id)
                    super().save(*args, **kwargs)
                return
        else:
            # Out of the transcript; answered again, it goes to the end.
            self.order = None
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ANSWERED

    def was_public(self) -> bool:
        return getattr(self, "_loaded_status", None) == self.Status.ANSWERED


def next_order(dialogue_id) -> int:
    """The next place in a dialogue's transcript; call inside a transaction.

    The dialogue's row is locked first, so two staff answering at the same moment
    get different places (a poller asking for what follows place n must not miss
    a second n)."""
    list(
        DialoguePage.objects.select_for_update()
        .filter(pk=dialogue_id)
        .values_list("pk", flat=True)
    )
    last = (
        DialogueQuestion.objects.filter(dialogue_id=dialogue_id)
        .aggregate(last=models.Max("order"))
        .get("last")
    )
    return (last or 0) + 1
