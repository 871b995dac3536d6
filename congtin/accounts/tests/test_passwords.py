"""Password rules, with Django's Vietnamese messages, and no reuse."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    get_password_validators,
    validate_password,
)
from django.core.exceptions import ValidationError

from congtin.accounts import security_log
from congtin.accounts.models import PasswordHistory, SecurityLogEntry
from congtin.demo.management.commands.load_demo import DEMO_ADMIN_PASSWORD

from .helpers import PASSWORD, account, browser, change_password

pytestmark = pytest.mark.django_db

REUSED = (
    "Mật khẩu này trùng với một trong 5 mật khẩu gần nhất của tài khoản. "
    "Hãy chọn mật khẩu khác."
)


def refusals(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_short_common_similar_and_numeric_passwords_are_refused_in_vietnamese():
    user = account("nguyenvanthanh", first_name="Thành", last_name="Nguyễn Văn")
    assert refusals("Ngan-2031", user) == [
        "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 12 ký tự."
    ]
    assert "Mật khẩu này quá phổ biến." in refusals("password1234", user)
    assert refusals("nguyenvanthanh1", user) == [
        "Mật khẩu quá giống với tên đăng nhập."
    ]
    assert "Mật khẩu này hoàn toàn là số." in refusals("203120312031", user)
    assert refusals("Hoa-sua-no-muon-2031", user) == []


def test_the_last_five_passwords_are_refused_and_the_sixth_is_allowed():
    user = account("bientap.lechan", is_superuser=True)
    passwords = [PASSWORD] + [f"Mua-xuan-den-roi-{n}" for n in range(1, 6)]
    for new in passwords[1:]:
        assert refusals(new, user) == []
        user.set_password(new)
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5
    for used in passwords[1:]:
        assert refusals(used, user) == [REUSED]
    # Six passwords back: allowed again. Through the admin's account page, the
    # refusal is shown and the change recorded with the address.
    client = browser()
    client.force_login(user)
    current = passwords[-1]
    response = change_password(client, current, passwords[2])
    assert response.status_code == 200
    assert REUSED in response.content.decode()
    assert change_password(client, current, PASSWORD).status_code == 302
    changes = SecurityLogEntry.objects.filter(action=security_log.PASSWORD_CHANGE)
    assert changes.count() == 6
    assert changes.latest("timestamp").ip_address == "198.51.100.7"
    assert changes.latest("timestamp").user == user


def test_an_account_without_history_cannot_set_its_current_password_again():
    user = account("bientap.lechan")
    assert refusals(PASSWORD, user) == [REUSED]


def test_the_demo_accounts_passwords_follow_the_rules(demo):
    # The demo accounts are created without the rules; their password must
    # still pass them (the history aside: it is their current password).
    rules = [
        validator
        for validator in get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)
        if type(validator).__name__ != "PasswordHistoryValidator"
    ]
    users = get_user_model().objects.all()
    assert users.count() > 5
    for user in users:
        assert user.check_password(DEMO_ADMIN_PASSWORD), user.username
        validate_password(DEMO_ADMIN_PASSWORD, user, password_validators=rules)
