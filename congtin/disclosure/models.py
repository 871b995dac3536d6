from django.db import models


class WeeklyDigest(models.Model):
    """One row per week whose digest went out: the digest is sent once a week,
    whichever scheduler round or restart comes first."""

    week = models.CharField("Tuần", max_length=10, unique=True)
    sent_at = models.DateTimeField("Gửi lúc", auto_now_add=True)
    recipients = models.PositiveIntegerField("Số người nhận", default=0)

    class Meta:
        verbose_name = "Thư tổng hợp hằng tuần"
        verbose_name_plural = "Thư tổng hợp hằng tuần"

    def __str__(self):
        return self.week
