"""What a client does with a form's challenge (congtin.core.challenge), for tests.

``solve(html)`` does what the ALTCHA widget does in a browser: reads the challenge
embedded in the page and pays the proof of work; ``wait_token(html)`` is the time
lock a browser without JavaScript posts back.
"""

import json

import altcha
from bs4 import BeautifulSoup


def _soup(html):
    if hasattr(html, "content"):
        html = html.content.decode()
    return BeautifulSoup(html, "html.parser")


def challenge_of(html) -> dict:
    widget = _soup(html).find("altcha-widget")
    assert widget is not None, "the page has no challenge widget"
    return json.loads(widget["challenge"])


def solve(html) -> str:
    """The base64 payload the widget would post for the page's challenge."""
    challenge = altcha.Challenge.from_dict(challenge_of(html))
    solution = altcha.solve_challenge(challenge, timeout=60)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


def wait_token(html) -> str:
    return _soup(html).find("input", attrs={"name": "challenge_wait"})["value"]


def light(settings):
    """A cheap proof of work, so a test solving several stays fast."""
    settings.PUBLIC_FORMS_POW_COST = 1000
    settings.PUBLIC_FORMS_POW_ATTEMPTS = 30
