"""What every admin import form asks first: the portal's list page the rows go to,
and whether they are published at once or go through the portal's workflow."""

from __future__ import annotations

from django import forms


def pages_user_may_add_to(model, user) -> list:
    """The live or draft ``model`` pages (one per portal) under which ``user`` may
    add pages: page permissions, so only their own portals."""
    return [
        page
        for page in model.objects.order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


class PortalImportForm(forms.Form):
    """Subclasses set ``index_model`` and add their file fields; ``field_order``
    puts them between the portal and the publish box."""

    index_model: type | None = None

    index = forms.TypedChoiceField(label="Cổng thông tin", coerce=int)
    publish = forms.BooleanField(label="Xuất bản ngay", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.indexes = {
            page.pk: page for page in pages_user_may_add_to(self.index_model, user)
        }
        self.fields["index"].choices = [
            (pk, page.get_site().site_name if page.get_site() else page.title)
            for pk, page in self.indexes.items()
        ]

    def clean(self):
        data = super().clean()
        index = self.indexes.get(data.get("index"))
        if index is not None and data.get("publish"):
            if not index.permissions_for_user(self.user).can_publish_subpage():
                self.add_error(
                    "publish",
                    "Bạn không có quyền xuất bản trên cổng này; hãy bỏ chọn để gửi duyệt.",
                )
        data["index_page"] = index
        return data
