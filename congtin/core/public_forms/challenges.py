"""The challenge a form carries after a few submissions from one IP."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django import forms

from .config import setting
from .ratelimits import submissions_from_ip


@dataclass
class RequiredChallenge:
    """A challenge is due on this form: for whom (the request) and which form."""

    request: object
    scope: str


def challenge_required(request, scope: str) -> RequiredChallenge | None:
    """A :class:`RequiredChallenge` (true) once this IP made
    ``PUBLIC_FORMS_CHALLENGE_AFTER`` submissions for ``scope``, else None; pass it
    to the form as ``require_challenge``."""
    after = setting("PUBLIC_FORMS_CHALLENGE_AFTER")
    if after is not None and submissions_from_ip(request, scope) >= after:
        return RequiredChallenge(request, scope)
    return None


class ChallengeWidget(forms.Widget):
    """The ALTCHA widget with its challenge, and the time lock explained for
    readers without JavaScript; the widget posts its own hidden input."""

    template_name = "core/widgets/challenge.html"

    def __init__(self, challenge: dict, wait: int, attrs=None):
        super().__init__(attrs)
        self.challenge, self.wait = challenge, wait

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"]["challenge_json"] = json.dumps(
            self.challenge, separators=(",", ":")
        )
        context["widget"]["wait"] = self.wait
        return context

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, ""))


class ChallengeMixin:
    """Adds the challenge of :mod:`congtin.core.challenge` when built with
    ``require_challenge=challenge_required(request, scope)``.

    Two fields: ``altcha`` (the widget; the browser's proof of work) and
    ``challenge_wait`` (hidden; the time lock for readers without JavaScript). The
    challenge is checked only once every other field is valid, so a form refused
    for another reason spends nothing; a refused challenge is an error on
    ``altcha``, the page shown again carries a new challenge, and the reader's
    time lock keeps counting from the first page while it is still good.
    """

    challenge_field = "altcha"
    wait_field = "challenge_wait"

    def __init__(self, *args, require_challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        if require_challenge is True:
            raise TypeError(
                "Pass the value of challenge_required(request, scope) as "
                "require_challenge: the challenge is bound to the request."
            )
        self.challenge_active = bool(require_challenge)
        if not self.challenge_active:
            return
        # Imported here: congtin.core.challenge builds on this module.
        from congtin.core import challenge

        self._required = require_challenge
        request, scope = require_challenge.request, require_challenge.scope
        self.fields[self.challenge_field] = forms.CharField(
            label="Kiểm tra chống gửi tự động",
            required=False,
            help_text="Khi bạn bấm nút gửi, trình duyệt tự làm một phép tính nhỏ "
            "(khoảng một giây) để chứng tỏ người gửi không phải chương trình tự "
            "động; bạn không phải làm gì thêm.",
            widget=ChallengeWidget(
                challenge.new_pow_challenge(scope), challenge.wait_seconds()
            ),
        )
        self.fields[self.wait_field] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound:
            self.initial[self.wait_field] = challenge.new_wait_token(request, scope)
            return
        self._submitted_proof = str(self.data.get(self.challenge_field, ""))
        self._submitted_token = str(self.data.get(self.wait_field, ""))
        self._had_challenge = (
            self.challenge_field in self.data or self.wait_field in self.data
        )
        # The page shown after this request keeps the reader's time lock while it
        # is good, so their wait counts from the first page they were given.
        self.data = self.data.copy()
        if not challenge.reusable_wait_token(self._submitted_token, request, scope):
            self.data[self.wait_field] = challenge.new_wait_token(request, scope)

    def _post_clean(self):
        super()._post_clean()
        if not self.challenge_active or not self.is_bound or self._errors:
            return
        from congtin.core import challenge

        request, scope = self._required.request, self._required.scope
        if not self._had_challenge:
            # The page had no challenge: it became due since (others at this
            # address sent forms meanwhile). The page shown again has one.
            self.add_error(self.challenge_field, challenge.newly_required_message())
            return
        if self._submitted_proof:
            message = challenge.check_pow(self._submitted_proof, scope)
        else:
            message = challenge.check_wait_token(
                self._submitted_token, request, scope
            ).message
        if message is None:
            # Spent: a page shown again (a refusal after this) needs a new token.
            self.data[self.wait_field] = challenge.new_wait_token(request, scope)
            return
        self.add_error(self.challenge_field, message)
