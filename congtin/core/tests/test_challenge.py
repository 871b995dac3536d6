"""congtin.core.challenge: proof of work and time lock on their own."""

import base64
import json

import altcha
import pytest
import time_machine
from django.test import RequestFactory

from congtin.core import challenge

pytestmark = pytest.mark.django_db

SCOPE = "test.form"


@pytest.fixture(autouse=True)
def light(settings):
    settings.PUBLIC_FORMS_POW_COST = 1000
    settings.PUBLIC_FORMS_POW_ATTEMPTS = 30


def solved(data: dict) -> tuple[altcha.Challenge, str]:
    issued = altcha.Challenge.from_dict(data)
    solution = altcha.solve_challenge(issued)
    return issued, altcha.Payload(issued, solution).to_base64()


def b64(value) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


def test_a_solution_is_accepted_once():
    issued, payload = solved(challenge.new_pow_challenge(SCOPE))
    assert issued.parameters.algorithm == "PBKDF2/SHA-256"
    assert challenge.check_pow(payload, SCOPE) is None
    assert challenge.check_pow(payload, SCOPE) == challenge.ALREADY_USED


def test_made_up_or_altered_solutions_are_refused(settings):
    data = challenge.new_pow_challenge(SCOPE)
    issued, payload = solved(data)
    good = json.loads(base64.b64decode(payload))
    wrong_counter = {**good, "solution": {**good["solution"], "counter": 3}}
    easier = json.loads(json.dumps(good))
    easier["challenge"]["parameters"]["cost"] = 1
    made_up = [
        "",
        "x" * 10,
        "bm90IGpzb24=",  # "not json"
        b64([1, 2, 3]),
        b64({"challenge": None, "solution": None, "test": True}),  # widget test mode
        b64(wrong_counter),
        b64(easier),  # parameters changed: the signature no longer matches
        "A" * (challenge.MAX_PAYLOAD_CHARS + 1),
    ]
    for value in made_up:
        assert challenge.check_pow(value, SCOPE) == challenge.POW_INVALID, value
    # Another form's challenge does not open this one.
    assert challenge.check_pow(payload, "other.form") == challenge.POW_INVALID
    # Signed with another secret: not ours.
    settings.SECRET_KEY = "another-secret"
    assert challenge.check_pow(payload, SCOPE) == challenge.POW_INVALID


def test_an_old_challenge_has_expired():
    with time_machine.travel("2026-12-01 08:00:00+07:00", tick=False) as traveller:
        _, payload = solved(challenge.new_pow_challenge(SCOPE))
        traveller.shift(challenge.MAX_AGE + 1)
        assert challenge.check_pow(payload, SCOPE) == challenge.POW_EXPIRED


def test_time_lock_opens_after_the_wait_for_the_same_address_once(settings):
    settings.PUBLIC_FORMS_CHALLENGE_WAIT = 20
    reader = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    elsewhere = RequestFactory().post("/", REMOTE_ADDR="192.0.2.11")
    with time_machine.travel("2026-12-01 08:00:00+07:00", tick=False) as traveller:
        token = challenge.new_wait_token(reader, SCOPE)
        traveller.shift(5)
        early = challenge.check_wait_token(token, reader, SCOPE)
        assert early.keep and "chờ thêm 15 giây" in early.message
        assert challenge.reusable_wait_token(token, reader, SCOPE)
        traveller.shift(15)
        assert challenge.check_wait_token(token, elsewhere, SCOPE).message
        assert challenge.check_wait_token(token, reader, "other.form").message
        assert challenge.check_wait_token(token + "x", reader, SCOPE).message
        assert challenge.check_wait_token(token, reader, SCOPE).message is None
        assert not challenge.reusable_wait_token(token, reader, SCOPE)
        again = challenge.check_wait_token(token, reader, SCOPE)
        assert again.message == challenge.ALREADY_USED and not again.keep
        later = challenge.new_wait_token(reader, SCOPE)
        traveller.shift(challenge.MAX_AGE + 1)
        assert "đã hết hạn" in challenge.check_wait_token(later, reader, SCOPE).message
