"""Production settings come from the environment and refuse to run without a key."""

import os
import subprocess
import sys

import pytest

from congtin.conftest import port_open, require

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from django.core.cache import cache; "
    "cache.set('congtin-probe', 'Hải Phòng', 30); "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'name': s.DATABASES['default']['NAME'], 'hosts': s.ALLOWED_HOSTS, "
    "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, "
    "'routers': s.DATABASE_ROUTERS, 'backup_dir': s.BACKUP_DIR, "
    "'probe': cache.get('congtin-probe')}))"
)


def run_production(env_extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE="congtin.settings.production", **env_extra)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key():
    result = run_production({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_to_start_without_database_url():
    result = run_production({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_production_does_not_install_the_demo():
    # load_demo makes an administrator with a known password.
    probe = (
        "import django; django.setup(); from django.apps import apps; "
        "from django.core.management import get_commands; "
        "print(apps.is_installed('congtin.demo'), 'load_demo' in get_commands())"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="congtin.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portal:pw@db.internal:5432/congtin",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_reads_database_hosts_and_redis_from_environment():
    require(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    import json

    result = run_production(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "haiphong.gov.vn, lechan.haiphong.gov.vn",
            "DATABASE_URL": "postgres://portal:pw@db.internal:5432/congtin",
            "DATABASE_REPLICA_URL": "postgres://portal:pw@replica.internal:5432/congtin",
            "REDIS_URL": "redis://127.0.0.1:6379/14",
            "BACKUP_DIR": "/srv/congtin/backups",
        }
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config == {
        "db": "django.db.backends.postgresql",
        "name": "congtin",
        "hosts": ["haiphong.gov.vn", "lechan.haiphong.gov.vn"],
        "cache": "django_redis.cache.RedisCache",
        "debug": False,
        "routers": ["congtin.core.db_routers.ReplicaRouter"],
        "backup_dir": "/srv/congtin/backups",
        # The value went through the real Redis server and back.
        "probe": "Hải Phòng",
    }


def test_an_sqlite_database_writes_ahead_and_the_api_limit_is_read(tmp_path):
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA synchronous').fetchone()[0], settings.API_RATE_LIMIT)"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_REPLICA_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="congtin.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        API_RATE_LIMIT="50",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    # synchronous=1 is NORMAL.
    assert result.stdout.split() == ["wal", "1", "50"]
    env["API_RATE_LIMIT"] = "nhiều"
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "API_RATE_LIMIT must be a whole number of requests" in result.stderr


@pytest.mark.django_db
def test_replica_router_keeps_editors_and_writes_on_primary(rf):
    from congtin.core.db_routers import PublicReadsMiddleware, ReplicaRouter

    router = ReplicaRouter()
    seen = {}

    def view(request):
        seen[request.path] = router.db_for_read(None)
        return None

    middleware = PublicReadsMiddleware(view)
    middleware(rf.get("/tin-tuc/"))
    middleware(rf.get("/admin/pages/"))
    editor = rf.get("/tin-tuc/")
    editor.COOKIES["sessionid"] = "abc"
    middleware(editor)
    post = rf.post("/hoi-dap/")
    middleware(post)
    assert seen["/tin-tuc/"] == "default"  # last call (the editor) wins the key
    assert seen["/admin/pages/"] == "default"
    assert seen["/hoi-dap/"] == "default"
    middleware(rf.get("/tin-tuc/"))
    assert seen["/tin-tuc/"] == "replica"
    assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) == "default"  # outside a request


@pytest.mark.django_db
def test_just_after_a_change_readers_use_the_primary(rf, settings):
    """The page cache keeps what the first reader after a publish gets: it must not
    come from a replica that has not replayed the publish yet."""
    from congtin.core.db_routers import PublicReadsMiddleware, ReplicaRouter
    from congtin.pagecache import store

    settings.REPLICA_LAG_SECONDS = 5
    store.shared_cache().clear()
    router = ReplicaRouter()
    seen = []
    middleware = PublicReadsMiddleware(
        lambda request: seen.append(router.db_for_read(None))
    )
    middleware(rf.get("/tin-tuc/"))
    store.move_version_on()
    middleware(rf.get("/tin-tuc/"))
    store.shared_cache().delete(store.RECENT_CHANGE_KEY)  # the lag has passed
    middleware(rf.get("/tin-tuc/"))
    assert seen == ["replica", "default", "replica"]


def test_frontend_cache_urls_name_the_caches_wagtail_purges():
    # Reading the settings module is enough (no django.setup): a tenth of a second.
    code = (
        "import json; from congtin.settings import production as s; "
        "print(json.dumps(getattr(s, 'WAGTAILFRONTENDCACHE', None)))"
    )

    def read(urls):
        env = {k: v for k, v in os.environ.items() if k != "FRONTEND_CACHE_URLS"}
        env.update(
            SECRET_KEY="x" * 50,
            DATABASE_URL="postgres://portal:pw@db.internal:5432/congtin",
        )
        if urls is not None:
            env["FRONTEND_CACHE_URLS"] = urls
        return subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True
        )

    import json

    result = read("http://10.0.0.5:6081, http://10.0.0.6:6081,")
    assert result.returncode == 0, result.stderr
    http_backend = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    assert json.loads(result.stdout) == {
        "cache1": {"BACKEND": http_backend, "LOCATION": "http://10.0.0.5:6081"},
        "cache2": {"BACKEND": http_backend, "LOCATION": "http://10.0.0.6:6081"},
    }
    # Unset: no cache to purge, and Wagtail's purge task does nothing.
    result = read(None)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) is None
    # An address without its scheme would make every purge fail in the worker.
    result = read("10.0.0.5:6081")
    assert result.returncode != 0
    assert "FRONTEND_CACHE_URLS takes comma-separated cache addresses" in result.stderr
