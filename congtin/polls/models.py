"""Polls (thăm dò ý kiến): a question of one portal with its options and tallies.

A poll is a snippet of one portal (its ``Site``), kept by that portal's staff only
(``congtin.portals.policy``). Readers vote without an account and nothing records
who voted: the tallies are the only trace (:mod:`.services`).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable

from congtin.core import time_window


class PollState(models.TextChoices):
    UPCOMING = "upcoming", "Chưa mở"
    OPEN = "open", "Đang mở"
    CLOSED = "closed", "Đã kết thúc"


def _without_counters(instance, counters: set[str], kwargs: dict, also=()) -> dict:
    """``kwargs`` for ``save()`` that write every field but the vote counters of an
    existing row.

    An editor's form holds the counts read when it was opened; writing them back
    would erase the votes cast meanwhile. The counters change only through the
    atomic ``F() + 1`` of :func:`congtin.polls.services.cast_vote`.
    """
    if not instance._state.adding and kwargs.get("update_fields") is None:
        kwargs["update_fields"] = [
            f.name
            for f in instance._meta.concrete_fields
            if not f.primary_key and f.name not in counters
        ] + list(also)
    return kwargs


class Poll(ClusterableModel):
    """A question put to the portal's readers for a period."""

    class Kind(models.TextChoices):
        SINGLE = "single", "Chọn một phương án"
        MULTIPLE = "multiple", "Chọn nhiều phương án"

    class Results(models.TextChoices):
        AFTER_VOTE = "after_vote", "Ngay sau khi bình chọn"
        AFTER_CLOSE = "after_close", "Chỉ sau khi kết thúc"

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        on_delete=models.CASCADE,
        related_name="polls",
    )
    question = models.CharField("Câu hỏi", max_length=255)
    intro = models.TextField(
        "Giới thiệu",
        blank=True,
        max_length=1000,
        help_text="Một vài câu nói rõ mục đích cuộc thăm dò (không bắt buộc).",
    )
    kind = models.CharField(
        "Cách chọn", max_length=10, choices=Kind.choices, default=Kind.SINGLE
    )
    opens_at = models.DateTimeField("Bắt đầu", default=timezone.now)
    closes_at = models.DateTimeField("Kết thúc")
    show_results = models.CharField(
        "Công bố kết quả",
        max_length=12,
        choices=Results.choices,
        default=Results.AFTER_VOTE,
        help_text="Sau khi kết thúc, kết quả luôn được công bố.",
    )
    live = models.BooleanField(
        "Hiển thị trên cổng",
        default=True,
        help_text="Bỏ chọn để ẩn cuộc thăm dò khỏi cổng (kết quả vẫn được giữ).",
    )
    on_home_page = models.BooleanField(
        "Đặt trên trang chủ",
        default=False,
        help_text="Trang chủ hiển thị cuộc thăm dò đang mở mới nhất được chọn mục này.",
    )
    voters = models.PositiveIntegerField("Số lượt bình chọn", default=0, editable=False)
    # The state last announced to the cached pages; the scheduler's minute job
    # purges them when the clock moves a poll on (services.announce_state_changes).
    announced_state = models.CharField(
        max_length=10,
        choices=PollState.choices,
        default=PollState.UPCOMING,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("question"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("show_results")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldPanel("live"), FieldPanel("on_home_page")], heading="Hiển thị"
        ),
        InlinePanel(
            "options",
            label="Phương án",
            min_num=2,
            max_num=20,
            help_text="Từ 2 đến 20 phương án. Không nên sửa nội dung phương án khi "
            "đã có người bình chọn.",
        ),
    ]

    class Meta:
        verbose_name = "Thăm dò ý kiến"
        verbose_name_plural = "Thăm dò ý kiến"
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["site", "live", "opens_at"])]

    def __str__(self) -> str:
        return self.question

    def clean(self):
        super().clean()
        time_window.check_order(self.opens_at, self.closes_at, "closes_at")

    def save(self, *args, **kwargs):
        # The save itself purges the cached pages (apps.py): the state it shows
        # is announced; the scheduler announces the later ones.
        if self.opens_at and self.closes_at:
            self.announced_state = self.state()
        super().save(**_without_counters(self, {"voters"}, kwargs, also=["options"]))

    def state(self, now=None) -> PollState:
        return {
            time_window.BEFORE: PollState.UPCOMING,
            time_window.DURING: PollState.OPEN,
            time_window.AFTER: PollState.CLOSED,
        }[time_window.phase(self.opens_at, self.closes_at, now)]

    @property
    def is_open(self) -> bool:
        return self.state() == PollState.OPEN

    @property
    def is_multiple(self) -> bool:
        return self.kind == self.Kind.MULTIPLE

    def results_visible(self, has_voted: bool, now=None) -> bool:
        """Whether this reader may see the tallies now."""
        state = self.state(now)
        if state == PollState.CLOSED:
            return True
        return (
            state == PollState.OPEN
            and has_voted
            and self.show_results == self.Results.AFTER_VOTE
        )

    def get_url(self) -> str:
        from django.urls import reverse

        return reverse("polls:poll", args=[self.pk])


class PollOption(Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField("Nội dung phương án", max_length=255)
    votes = models.PositiveIntegerField("Số phiếu", default=0, editable=False)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Phương án"
        verbose_name_plural = "Phương án"

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        super().save(**_without_counters(self, {"votes"}, kwargs))
