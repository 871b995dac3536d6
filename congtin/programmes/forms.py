"""Admin forms: a decision or approving document is one of the portal's own.

The page chooser shows every portal's documents; a document of another portal would
link readers to a page that portal's staff may change or withdraw at any time.
"""

from congtin.core.forms import PortalPageForm
from congtin.portals.sites import portal_site_id

OTHER_PORTAL = "Chỉ chọn văn bản đăng trên cổng này."


class SamePortalDocumentsForm(PortalPageForm):
    def _portal_id(self) -> int | None:
        parent = getattr(self, "parent_page", None)
        return portal_site_id(parent) if parent is not None else None

    def _foreign(self, document) -> bool:
        portal_id = self._portal_id()
        return (
            document is not None
            and portal_id is not None
            and portal_site_id(document) != portal_id
        )

    def clean(self):
        cleaned = super().clean()
        if self._foreign(cleaned.get("approval_document")):
            self.add_error("approval_document", OTHER_PORTAL)
        return cleaned

    def is_valid(self):
        # The inline rows are cleaned after the page's own fields (ClusterForm), so
        # their documents are checked here rather than in clean().
        valid = super().is_valid()
        decisions = self.formsets.get("decisions")
        for form in getattr(decisions, "forms", []):
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("DELETE") and self._foreign(data.get("legal_document")):
                form.add_error("legal_document", OTHER_PORTAL)
                valid = False
        return valid
