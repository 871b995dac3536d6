"""Content-Security-Policy: one policy for the public pages, a looser one for the admin.

django-csp writes the header (``CONTENT_SECURITY_POLICY`` or, in report-only mode,
``CONTENT_SECURITY_POLICY_REPORT_ONLY``, both from ``settings/base.py``). Public
pages are kept whole in shared caches (congtin/pagecache, Varnish) and sent to every
reader as they were stored, so their policy names sources and hashes, never a
per-request nonce. The admin is never cached, but Wagtail's own templates write
inline scripts and styles that carry no nonce: under ``CSP_ADMIN_PREFIXES`` the
directives of ``CSP_ADMIN_DIRECTIVES`` replace the public ones (docs/security.md).
"""

import base64
import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def inline_hash(text: str) -> str:
    """The CSP source that allows one inline ``<style>`` or ``<script>`` whose
    content is exactly ``text``."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's directives under the admin's paths.

    Below ``PageCacheMiddleware`` in MIDDLEWARE: a stored page keeps the header it
    was rendered with, and every hit sends it again."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_path(request.path_info):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
