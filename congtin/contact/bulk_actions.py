"""Bulk action on the messages list: mark the chosen messages handled.

Scoped like every bulk action of the project (``editorial.bulk_actions``): ids
outside the user's portals are dropped as if they did not exist.
"""

from django.utils import timezone
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from congtin.editorial.bulk_actions import PortalScopedBulkAction

from .models import ContactMessage, Status


class MarkHandledBulkAction(PortalScopedBulkAction, SnippetBulkAction):
    display_name = "Đánh dấu đã xử lý"
    action_type = "mark_handled"
    aria_label = "Đánh dấu các thư đã chọn là đã xử lý"
    template_name = "contact/bulk_actions/confirm_mark_handled.html"
    action_priority = 20
    models = [ContactMessage]

    def check_perm(self, message):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", message
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        user = kwargs["self"].request.user
        updated = ContactMessage.objects.filter(
            pk__in=[message.pk for message in objects]
        ).exclude(status=Status.HANDLED)
        count = updated.update(
            status=Status.HANDLED, handled_by=user, handled_at=timezone.now()
        )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Đã đánh dấu {num_parent_objects} thư liên hệ là đã xử lý."
