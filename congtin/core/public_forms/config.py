"""Settings of the public forms, read on every call so tests and deployments can change them."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "PUBLIC_FORMS_IP_LIMIT": 10,
    "PUBLIC_FORMS_CONTACT_LIMIT": 5,
    "PUBLIC_FORMS_WINDOW": 3600,
    "PUBLIC_FORMS_CHALLENGE_AFTER": 3,
    # Proof of work (congtin.core.challenge): PBKDF2 iterations per attempt, and
    # the most attempts a browser may need (a third of it at least).
    "PUBLIC_FORMS_POW_COST": 5000,
    "PUBLIC_FORMS_POW_ATTEMPTS": 300,
    # Time lock without JavaScript: seconds between serving the form and accepting it.
    "PUBLIC_FORMS_CHALLENGE_WAIT": 20,
    "PUBLIC_FORMS_CACHE": "default",
    "PUBLIC_FORMS_TRUST_X_FORWARDED_FOR": False,
    "PUBLIC_FORMS_MAX_ATTACHMENT_BYTES": 5 * 1024 * 1024,
    "PUBLIC_FORMS_MAX_ATTACHMENTS": 3,
    # Lookups by a code that does not exist (tracking codes), per IP and window.
    "PUBLIC_FORMS_FAILED_LOOKUP_LIMIT": 20,
}


def setting(name: str):
    """The value of a PUBLIC_FORMS_* setting, or its documented default."""
    return getattr(settings, name, DEFAULTS[name])
