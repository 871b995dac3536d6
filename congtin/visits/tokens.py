"""Signed markers that a cached page carries for its beacon.

A page carries its id and a short keyed hash of it; the search page carries the
text searched, whether anything was found and the portal, with a hash of the
three. The same for every reader, so the page stays cacheable; and the beacon
endpoint counts only what the site itself wrote into a page, so a script cannot
fill the tables with made-up pages or made-up searches, only repeat real ones
(which it could do by loading the pages themselves).
"""

import hmac

from django.utils.crypto import salted_hmac

_SALT = "congtin.visits"
#: 16 hex digits (64 bits): enough against guessing, short in every page.
KEY_LENGTH = 16


def _key(value: str) -> str:
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:KEY_LENGTH]


def page_key(page_id: int) -> str:
    return _key(f"p|{page_id}")


def search_key(site_id: int, found: bool, query: str) -> str:
    return _key(f"s|{site_id}|{int(found)}|{query}")


def valid(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())
