"""client_ip: the address the trusted proxy saw, never one the client wrote itself.

The HTTP tests through the tracking lookup and the question form are in
congtin/questions/tests/test_client_ip_limits.py; these check the rule on its own
and the production settings that configure it.
"""

import logging
import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from congtin.core import public_forms as pf
from congtin.core.public_forms import addresses


@pytest.fixture(autouse=True)
def no_proxy(settings):
    """Each test states its own deployment; none inherits the legacy switch."""
    for name in (
        "CLIENT_IP_PROXY_COUNT",
        "CLIENT_IP_HEADER",
        "PUBLIC_FORMS_TRUST_X_FORWARDED_FOR",
    ):
        if hasattr(settings, name):
            delattr(settings, name)


def request(remote="127.0.0.1", **headers):
    meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **meta)


def test_without_a_proxy_headers_are_ignored():
    forged = request(
        "203.0.113.5", x_forwarded_for="1.1.1.1, 2.2.2.2", x_real_ip="3.3.3.3"
    )
    assert pf.client_ip(forged) == "203.0.113.5"


def test_one_proxy_the_rightmost_entry_is_the_one_nginx_added(settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    # nginx's $proxy_add_x_forwarded_for appends the address it saw to whatever
    # the client sent: only the last entry is nginx's.
    forged = request(x_forwarded_for="1.1.1.1, 10.0.0.9, 198.51.100.7")
    assert pf.client_ip(forged) == "198.51.100.7"
    assert pf.client_ip(request(x_forwarded_for="198.51.100.8")) == "198.51.100.8"
    # Extra spaces, empty entries the client left: nginx's entry is still last.
    assert pf.client_ip(request(x_forwarded_for=" ,1.1.1.1,, 198.51.100.9 ")) == (
        "198.51.100.9"
    )


def test_two_proxies_count_from_the_right(settings):
    settings.CLIENT_IP_PROXY_COUNT = 2
    # client -> CDN (appends the client) -> nginx (appends the CDN) -> app.
    chain = request(x_forwarded_for="6.6.6.6, 198.51.100.7, 192.0.2.50")
    assert pf.client_ip(chain) == "198.51.100.7"
    # Fewer entries than proxies: the CDN was bypassed and every entry was written
    # by a trusted proxy, so the left-most is the best address known.
    assert pf.client_ip(request(x_forwarded_for="198.51.100.9")) == "198.51.100.9"


def test_header_set_by_the_proxy(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    behind = request(x_real_ip="198.51.100.7", x_forwarded_for="1.1.1.1")
    assert pf.client_ip(behind) == "198.51.100.7"
    # The META spelling works too.
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert pf.client_ip(behind) == "198.51.100.7"
    # A header naming a list: the entry the nearest proxy wrote.
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert pf.client_ip(request(x_forwarded_for="1.1.1.1, 198.51.100.3")) == (
        "198.51.100.3"
    )
    # Header missing: the connection's address.
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert pf.client_ip(request("192.0.2.1")) == "192.0.2.1"


def test_addresses_are_validated_and_normalised(settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    cases = {
        "::ffff:198.51.100.7": "198.51.100.7",  # IPv4 in IPv6 clothing: one bucket
        "2001:DB8::0:1": "2001:db8::1",
        "[2001:db8::1]:443": "2001:db8::1",
        "198.51.100.7:51234": "198.51.100.7",
    }
    for sent, expected in cases.items():
        assert pf.client_ip(request(x_forwarded_for=sent)) == expected, sent
    # Whatever is not an address falls back to the connection, never to the text.
    for junk in (
        "unknown",
        "<script>",
        "1.2.3.4.5",
        "999.1.1.1",
        "x" * 10_000,
        "1.1.1.1 2.2.2.2",
        "\x00",
        "١٢٣.١.١.١",  # Arabic-Indic digits
    ):
        assert pf.client_ip(request("192.0.2.1", x_forwarded_for=junk)) == (
            "192.0.2.1"
        ), junk
    assert pf.client_ip(request("not an address")) == ""
    assert pf.client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == ""


def test_never_raises_on_bad_settings(settings):
    req = request("192.0.2.1", x_forwarded_for="198.51.100.7")
    for count in ("abc", -1, None, 1.5, [], "1"):
        settings.CLIENT_IP_PROXY_COUNT = count
        assert pf.client_ip(req) in ("192.0.2.1", "198.51.100.7"), count
    settings.CLIENT_IP_PROXY_COUNT = "1"  # from a settings file written by hand
    assert pf.client_ip(req) == "198.51.100.7"
    del settings.CLIENT_IP_PROXY_COUNT
    for header in (None, 42, "", "Không-Phải-Header"):
        settings.CLIENT_IP_HEADER = header
        assert pf.client_ip(req) == "192.0.2.1", header


def test_legacy_switch_means_one_proxy_never_the_first_entry(settings):
    settings.PUBLIC_FORMS_TRUST_X_FORWARDED_FOR = True
    forged = request(x_forwarded_for="1.1.1.1, 198.51.100.7")
    assert pf.client_ip(forged) == "198.51.100.7"


def test_an_unconfigured_proxy_is_reported_once(caplog):
    addresses._warned_about_proxy = False
    with caplog.at_level(logging.WARNING, logger="congtin.core.public_forms"):
        for n in range(3):
            address = pf.client_ip(request(x_forwarded_for=f"198.51.100.{n}"))
            assert address == "127.0.0.1"
        # A client on the internet who writes the header is no sign of a proxy.
        pf.client_ip(request("203.0.113.5", x_forwarded_for="1.1.1.1"))
    warnings = [r for r in caplog.records if "CLIENT_IP_PROXY_COUNT" in r.message]
    assert len(warnings) == 1


def production_settings(monkeypatch, **env):
    """The production settings module run as a deployment would, with ``env``."""
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:pw@db.internal:5432/congtin")
    for name in ("CLIENT_IP_PROXY_COUNT", "CLIENT_IP_HEADER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("congtin.settings.production", run_name="production")


def test_production_reads_the_proxy_from_the_environment(monkeypatch):
    defaults = production_settings(monkeypatch)
    assert (defaults["CLIENT_IP_PROXY_COUNT"], defaults["CLIENT_IP_HEADER"]) == (0, "")
    configured = production_settings(
        monkeypatch, CLIENT_IP_PROXY_COUNT="2", CLIENT_IP_HEADER=" X-Real-IP "
    )
    assert configured["CLIENT_IP_PROXY_COUNT"] == 2
    assert configured["CLIENT_IP_HEADER"] == "X-Real-IP"
    for wrong in ("một", "-1", "1.5"):
        with pytest.raises(ImproperlyConfigured, match="CLIENT_IP_PROXY_COUNT"):
            production_settings(monkeypatch, CLIENT_IP_PROXY_COUNT=wrong)
