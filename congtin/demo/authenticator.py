"""The demo accounts' authenticator app, for scripts and browser tests.

Importable before Django is set up (scripts/manual_screenshots.py drives a server
in another process): the secret comes from the username (``demo_key``) and the
code from ``django_otp.oath.totp``. The server takes each time step's code once
per account, so a second sign-in within the same 30 seconds is given the next
step's code, which the server accepts too (one step of tolerance).
"""

import hashlib
import time

from django_otp.oath import totp

SALT = "congtin-demo-second-factor:"
STEP = 30


def demo_key(username: str) -> str:
    """A fixed 20-byte secret for ``username``, hex as django-otp keeps it."""
    return hashlib.sha1((SALT + username).encode()).hexdigest()


class DemoAuthenticator:
    """Hands out each account's codes as its app would, never one twice."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def code(self, username: str) -> str:
        while True:
            now = int(time.time()) // STEP
            step = max(now, self.used.get(username, -1) + 1)
            if step <= now + 1:
                break
            time.sleep(1)
        self.used[username] = step
        return f"{totp(bytes.fromhex(demo_key(username)), drift=step - now):06d}"
