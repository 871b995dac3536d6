"""Rate limits behind nginx: each citizen has their own allowance, and a header the
client writes itself changes nothing.

Every request reaches the app from nginx on 127.0.0.1, as in docs/deployment.md;
nginx appends the address it saw to X-Forwarded-For (or sets X-Real-IP).
"""

import pytest
from bs4 import BeautifulSoup

from congtin.questions.models import Question

from .conftest import ASK_URL, shared_portals, valid_data

NGINX = "127.0.0.1"
ATTACKER, CITIZEN = "198.51.100.66", "203.0.113.20"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    for name in ("CLIENT_IP_HEADER", "PUBLIC_FORMS_TRUST_X_FORWARDED_FOR"):
        if hasattr(settings, name):
            delattr(settings, name)


def via_nginx(address, forged=""):
    """The request headers nginx sends for a client at ``address`` who wrote
    ``forged`` as its own X-Forwarded-For ($proxy_add_x_forwarded_for)."""
    forwarded = f"{forged}, {address}" if forged else address
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": forwarded}


@shared_portals
def test_forged_forwarded_for_does_not_escape_the_tracking_limit(
    portals, lechan_client
):
    question = Question.objects.create(
        site=portals.lechan, name="A", phone="0912345678", title="T", text="x"
    )
    own = f"/hoi-dap/theo-doi/{question.tracking_code}/"
    statuses = [
        lechan_client.get(
            "/hoi-dap/theo-doi/HD-2222-2222/",
            **via_nginx(ATTACKER, forged=f"10.{n}.0.1"),
        ).status_code
        for n in range(40)
    ]
    # The default allowance is 20 unknown codes, whatever the attacker forges.
    assert statuses == [404] * 20 + [429] * 20
    # A citizen behind the same nginx still follows their own question.
    assert lechan_client.get(own, **via_nginx(CITIZEN)).status_code == 200
    assert lechan_client.get(own, **via_nginx(ATTACKER, "10.99.0.1")).status_code == (
        429
    )


@shared_portals
def test_without_a_proxy_forged_headers_change_nothing(
    portals, lechan_client, settings
):
    del settings.CLIENT_IP_PROXY_COUNT
    settings.PUBLIC_FORMS_IP_LIMIT = 1
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    sent = [
        lechan_client.post(
            ASK_URL,
            valid_data(portals, email=f"x{n}@example.com"),
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.{n}.0.1",
            HTTP_X_REAL_IP=f"10.{n}.0.2",
        ).status_code
        for n in range(3)
    ]
    assert sent == [302, 429, 429]


@shared_portals
def test_legacy_switch_no_longer_trusts_the_first_entry(
    portals, lechan_client, settings
):
    del settings.CLIENT_IP_PROXY_COUNT
    settings.PUBLIC_FORMS_TRUST_X_FORWARDED_FOR = True
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 3
    statuses = [
        lechan_client.get(
            "/hoi-dap/theo-doi/HD-2222-2222/", **via_nginx(ATTACKER, f"10.{n}.0.1")
        ).status_code
        for n in range(5)
    ]
    assert statuses == [404, 404, 404, 429, 429]


@shared_portals
def test_x_real_ip_set_by_nginx(portals, lechan_client, settings):
    del settings.CLIENT_IP_PROXY_COUNT
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 2

    def lookup(address, forged):
        # nginx overwrites X-Real-IP; the client's X-Forwarded-For goes through.
        return lechan_client.get(
            "/hoi-dap/theo-doi/HD-2222-2222/",
            REMOTE_ADDR=NGINX,
            HTTP_X_REAL_IP=address,
            HTTP_X_FORWARDED_FOR=forged,
        ).status_code

    assert [lookup(ATTACKER, f"10.{n}.0.1") for n in range(3)] == [404, 404, 429]
    assert lookup(CITIZEN, "10.0.0.1") == 404


@shared_portals
def test_question_limits_count_each_citizen_behind_the_proxy(
    portals, lechan_client, settings
):
    settings.PUBLIC_FORMS_IP_LIMIT = 2
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None

    def ask(n, address, forged=""):
        data = valid_data(portals, email=f"nguoi{n}@example.com")
        return lechan_client.post(ASK_URL, data, **via_nginx(address, forged))

    sent = [ask(n, ATTACKER, forged=f"10.{n}.0.1").status_code for n in range(4)]
    assert sent == [302, 302, 429, 429]
    # Another citizen behind the same nginx has their own allowance.
    assert [ask(n, CITIZEN).status_code for n in (10, 11, 12)] == [302, 302, 429]
    assert Question.objects.count() == 4


@shared_portals
def test_challenge_is_asked_only_of_the_citizen_who_sent_a_lot(
    portals, lechan_client, settings
):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    data = valid_data(portals)
    assert lechan_client.post(ASK_URL, data, **via_nginx(ATTACKER)).status_code == 302

    def asks_challenge(address, forged=""):
        page = lechan_client.get(ASK_URL, **via_nginx(address, forged))
        soup = BeautifulSoup(page.content, "html.parser")
        return soup.find("altcha-widget") is not None

    assert asks_challenge(ATTACKER, forged="10.1.2.3")
    assert not asks_challenge(CITIZEN)
