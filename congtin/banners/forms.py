"""The emergency alert form: what readers see, when it ends, and a confirmation."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput

from .models import EmergencyAlert

# Longer than any storm or flood warning stays current without being renewed: an
# alert left up for weeks is no longer read as urgent.
MAX_DURATION = timedelta(days=14)


class RaiseAlertForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label="Tôi xác nhận phát cảnh báo này ngay trên mọi trang của tất cả các cổng.",
        required=True,
        error_messages={"required": "Cần xác nhận trước khi phát cảnh báo."},
    )

    class Meta:
        model = EmergencyAlert
        fields = ["kind", "level", "text", "link_url", "ends_at"]
        widgets = {
            "ends_at": AdminDateTimeInput(),
            "text": forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        }

    def clean_ends_at(self):
        ends_at = self.cleaned_data["ends_at"]
        now = timezone.now()
        if ends_at <= now:
            raise forms.ValidationError("Thời điểm tự hạ phải ở tương lai.")
        if ends_at > now + MAX_DURATION:
            raise forms.ValidationError(
                "Cảnh báo khẩn chỉ đặt tối đa 14 ngày; khi cần, phát lại cảnh báo mới."
            )
        return ends_at

    def _post_clean(self):
        # raised_at is set when it is raised (alerts.raise_alert), not now.
        self.instance.raised_at = timezone.now()
        super()._post_clean()
