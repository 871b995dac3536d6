"""The rate limit holds across app servers sharing one Redis."""

import os

import pytest
from django.test import RequestFactory

from congtin.conftest import port_open, require
from congtin.core import public_forms

REDIS = "redis://127.0.0.1:6379/15"


@pytest.mark.redis
def test_rate_limit_counts_across_two_cache_clients(settings):
    require(port_open("127.0.0.1", 6379), "Redis")
    from django_redis.cache import RedisCache

    options = {"CLIENT_CLASS": "django_redis.client.DefaultClient"}
    # Two cache objects with their own connection pools: two app servers. The prefix
    # is this run's own: the SQLite and PostgreSQL runs share the Redis server.
    prefix = f"congtin-qa-test-{os.getpid()}"
    server_a = RedisCache(REDIS, {"OPTIONS": options, "KEY_PREFIX": prefix})
    server_b = RedisCache(REDIS, {"OPTIONS": options, "KEY_PREFIX": prefix})
    server_a.delete_pattern("*")
    settings.PUBLIC_FORMS_IP_LIMIT = 3
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 100
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    try:
        public_forms.consume(request, "questions.ask", cache=server_a)
        public_forms.consume(request, "questions.ask", cache=server_b)
        public_forms.consume(request, "questions.ask", cache=server_a)
        with pytest.raises(public_forms.RateLimited):
            public_forms.consume(request, "questions.ask", cache=server_b)
        assert public_forms.submissions_from_ip(request, "questions.ask", server_a) == 4
    finally:
        server_a.delete_pattern("*")
