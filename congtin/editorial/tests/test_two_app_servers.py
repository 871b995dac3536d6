"""Two app servers sharing PostgreSQL and Redis behave as one installation.

Two gunicorn processes (one sync worker each) on loopback with production
settings, over a PostgreSQL database of their own (a copy of the full demo) and
one Redis database, and two ``run_scheduler`` processes over the same database:

a) an article published through the admin on A is on B's pages within 1 s;
b) a session made by logging in on A is a session on B;
c) a citizens' form counts submissions across both: the limit trips at the
   same total as on one server;
d) a scheduled article is published once although two schedulers run; killing
   the leader lets the standby take over.

One set of processes for the whole check, which is one test with a sub-test
per point (pytest-xdist may hand tests of one module to different workers, and
each would start its own). The database is a copy of the PostgreSQL run's own
full demo (``CREATE DATABASE ... TEMPLATE``, a fraction of a second) instead of
``migrate`` + ``load_demo`` (about 40 CPU seconds), so the test runs in the
PostgreSQL run of ``make test`` only. The four processes are forked from one
Python that has loaded Django, Wagtail and the project with their settings
(``preloaded.py``), so that is done once instead of four times: about 8 CPU
seconds for the processes instead of 17 to 19 (``-s`` prints the figure).
"""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection

from congtin.conftest import FULL_DEMO, demo_database, port_open, require
from congtin.demo.authenticator import DemoAuthenticator
from congtin.test_databases import copy_database, drop_database

from .admin_actions import PASSWORD, article_form, news_section

ROOT = Path(__file__).resolve().parents[3]
REDIS_DB = 12  # flushed before and after; the bench uses 13, other tests 14, 15
HOST = "localhost"  # the city portal of the demo
VISIBLE_WITHIN = 1.0  # seconds from a publish on A to B's pages
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
STANDBY = "Một bộ lập lịch khác đang chạy"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="copies the PostgreSQL run's demo: runs in the PostgreSQL run",
    ),
]

# Production settings, and only what a copy of the test database needs.
SETTINGS_MODULE = """
from congtin.settings.production import *  # noqa: F401,F403

# The copy holds the test settings' password hashes.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Served without collectstatic: static files are not what this is about.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Only the count of submissions here (the challenge has tests of its own), and
# a small limit: fewer posts to reach it.
PUBLIC_FORMS_CHALLENGE_AFTER = 1000
PUBLIC_FORMS_IP_LIMIT = 3
"""
IP_LIMIT = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Launcher:
    """One Python that has loaded Django and the project with the processes'
    settings, and forks each process from there (``preloaded.py``): each would
    otherwise spend two to three CPU seconds loading them."""

    def __init__(self, env, tmp: Path):
        self.log = tmp / "launcher.log"
        with self.log.open("wb") as out:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "congtin.editorial.tests.preloaded"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=out,
                text=True,
                start_new_session=True,
            )

    def start(self, log: Path, argv: list[str]) -> int:
        """Fork a process running ``argv``, its output in ``log``; its pid."""
        assert self.popen.stdin and self.popen.stdout
        self.popen.stdin.write(f"{log}\t{json.dumps(argv)}\n")
        self.popen.stdin.flush()
        answer = self.popen.stdout.readline()
        if not answer.strip().isdigit():
            raise AssertionError(f"the launcher failed:\n{self.log.read_text()}")
        return int(answer)

    def close(self) -> None:
        """Once its processes have stopped: it waits for them, then exits."""
        assert self.popen.stdin
        self.popen.stdin.close()
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=10)


class Process:
    """A process of the installation, its output in a file."""

    STOP = signal.SIGTERM

    def __init__(self, name, argv, launcher: Launcher, tmp: Path):
        self.name = name
        self.log = tmp / f"{name}.log"
        self.log.write_bytes(b"")
        # In a session of its own (its pid is its process group's).
        self.pid = launcher.start(self.log, argv)

    def exited(self) -> bool:
        # The launcher waits for its children only when it ends, so an ended
        # child stays a zombie until then.
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except FileNotFoundError:
            return True
        return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 30, or_else: str = "") -> float:
        """Seconds until ``text`` (or ``or_else``) appears in the output."""
        began = time.monotonic()
        while text not in self.output() and not (or_else and or_else in self.output()):
            if self.exited():
                raise AssertionError(f"{self.name} exited:\n{self.output()}")
            if time.monotonic() - began > timeout:
                raise AssertionError(f"{self.name}: no {text!r}:\n{self.output()}")
            time.sleep(0.05)
        return time.monotonic() - began

    def send(self, sig=None) -> None:
        if not self.exited():
            os.kill(self.pid, sig or self.STOP)

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self.exited():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def stop(self, sig=None) -> None:
        """Stop (with ``sig``) and wait; a process that hangs is killed."""
        if not self.exited():
            self.send(sig)
            if not self.wait(timeout=15):
                os.killpg(self.pid, signal.SIGKILL)
                self.wait(timeout=10)


class Server(Process):
    # gunicorn's quick shutdown: nothing is left to finish.
    STOP = signal.SIGINT

    def __init__(self, name, launcher, tmp):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        super().__init__(
            name,
            [
                "gunicorn",
                "congtin.wsgi:application",
                "--workers=1",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--timeout=30",
                "--log-level=warning",
                f"--worker-tmp-dir={tmp}",
            ],
            launcher,
            tmp,
        )

    def url(self, path: str) -> str:
        return self.base + path

    def wait_ready(self, timeout=60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited():
                raise AssertionError(f"{self.name} exited:\n{self.output()}")
            try:
                # The socket is open before the worker has loaded the app.
                if get(self.url("/robots.txt"), timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{self.name} did not answer:\n{self.output()}")


def get(url, session=None, **kwargs):
    return (session or requests).get(
        url, headers={"Host": HOST}, allow_redirects=False, **kwargs
    )


def post(session, url, data):
    data = {**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(url, data=data, headers={"Host": HOST}, allow_redirects=False)


class Installation:
    def __init__(self, database: str, tmp: Path):
        self.database = database
        self.tmp = tmp
        (tmp / "twoservers_settings.py").write_text(SETTINGS_MODULE)
        (tmp / "static").mkdir()
        self.env = {
            **{
                key: value
                for key, value in os.environ.items()
                if key
                not in {"DATABASE_REPLICA_URL", "MEDIA_STORAGE", "GUNICORN_CMD_ARGS"}
            },
            "DJANGO_SETTINGS_MODULE": "twoservers_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "SECRET_KEY": "two-app-servers-test-key-" + "x" * 40,
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DATABASE_URL": self.url,
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "SECURE_COOKIES": "false",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "STATIC_ROOT": str(tmp / "static"),
            "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
        self.processes: list[Process] = []
        self._launcher: Launcher | None = None

    @property
    def launcher(self) -> Launcher:
        if self._launcher is None:
            self._launcher = Launcher(self.env, self.tmp)
        return self._launcher

    @property
    def url(self) -> str:
        params = connection.settings_dict
        user = params.get("USER") or "postgres"
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
        host = params.get("HOST") or "127.0.0.1"
        port = params.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{self.database}"

    def server(self, name) -> Server:
        server = Server(name, self.launcher, self.tmp)
        self.processes.append(server)
        return server

    def scheduler(self, name) -> Process:
        # A round every second instead of every minute, so the test waits less.
        command = ["manage.py", "run_scheduler", "--interval", "1"]
        process = Process(name, command, self.launcher, self.tmp)
        self.processes.append(process)
        return process

    def query(self, sql, params=()):
        with psycopg.connect(self.url, autocommit=True) as db:
            return db.execute(sql, params).fetchall()


def redis_flush():
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


@pytest.fixture
def installation(full_demo, tmp_path):
    require(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    name = f"{connection.settings_dict['NAME']}_two_servers"
    copy_database(demo_database(FULL_DEMO), name)
    redis_flush()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    site = Installation(name, tmp_path)
    try:
        yield site
    finally:
        for process in site.processes:  # all at once, then wait for each
            process.send()
        for process in site.processes:
            process.stop()
        if site._launcher is not None:
            site._launcher.close()
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            "\nthe processes' CPU time: "
            f"{cpu.ru_utime - cpu_before.ru_utime:.1f} s user, "
            f"{cpu.ru_stime - cpu_before.ru_stime:.1f} s system"
        )
        redis_flush()
        drop_database(name)


def admin_session(server: Server) -> requests.Session:
    """Logged in to the admin on ``server`` as the demo's administrator."""
    session = requests.Session()
    assert get(server.url("/admin/login/"), session).status_code == 200
    response = post(
        session,
        server.url("/admin/login/"),
        {"username": "admin", "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302, response.text[:2000]
    # The administrator's second factor, typed from the demo's authenticator.
    verify = "/admin/xac-thuc-hai-buoc/"
    assert response.headers["Location"] == "/admin/"
    assert get(server.url("/admin/"), session).status_code == 302
    response = post(
        session,
        server.url(verify),
        {"code": DemoAuthenticator().code("admin"), "next": "/admin/"},
    )
    assert response.status_code == 302, response.text[:2000]
    assert response.headers["Location"] == "/admin/"
    return session


def path_of(page) -> str:
    return page.get_url_parts()[2]


def now_field() -> str:
    return datetime.now(LOCAL).strftime("%d/%m/%Y %H:%M")


def publish(session, server, section, moment=None, **fields) -> requests.Response:
    """Add an article to ``section`` through the admin and press "Publish" (with
    a go-live ``moment``: Wagtail schedules it)."""
    data = article_form(date=now_field(), **fields)
    if moment is not None:
        data["go_live_at"] = moment.astimezone(LOCAL).strftime("%d/%m/%Y %H:%M:%S")
    data["action-publish"] = "action"
    response = post(
        session, server.url(f"/admin/pages/add/news/articlepage/{section.pk}/"), data
    )
    assert response.status_code == 302, response.text[:3000]
    return response


def schedule(site, session, server, section, title, seconds) -> int:
    """Publish a new article through the admin with a go-live time ``seconds``
    ahead (to the second: the Vietnamese input formats accept seconds); its id."""
    go_live = datetime.now(LOCAL) + timedelta(seconds=seconds)
    publish(session, server, section, go_live, title=title)
    rows = site.query(
        "SELECT p.id, p.live, r.approved_go_live_at IS NOT NULL"
        " FROM wagtailcore_page p JOIN wagtailcore_revision r"
        " ON r.id = p.latest_revision_id WHERE p.title = %s",
        [title],
    )
    assert [row[1:] for row in rows] == [(False, True)], f"not scheduled: {rows}"
    return rows[0][0]


def seconds_until(server: Server, path: str, text: str, timeout=10.0):
    """How long after now an anonymous request for ``path`` on ``server`` is first
    answered with ``text``: (when that request was sent, when it was answered).

    The first figure is the delay of the change reaching B, which the bound
    applies to; the second adds B's time to render the page, which on a busy
    machine (the test suite's) says more about the machine."""
    began = time.monotonic()
    while True:
        sent = time.monotonic()
        if text in get(server.url(path)).text:
            return sent - began, time.monotonic() - began
        if sent - began > timeout:
            raise AssertionError(f"{text!r} not on {server.name} {path}")
        time.sleep(0.02)


def test_two_app_servers_act_as_one(installation, subtests):
    site = installation
    # All four start together, as after a reboot of both hosts.
    schedulers = [site.scheduler("scheduler-1"), site.scheduler("scheduler-2")]
    a, b = site.server("server-a"), site.server("server-b")
    a.wait_ready()
    b.wait_ready()
    section = news_section(HOST)
    editor = admin_session(a)
    run = uuid.uuid4().hex[:6]

    # (d), begun now: the article goes live while (a) to (c) run (a few
    # seconds ahead, so that a slow request on a busy machine still schedules).
    scheduled = schedule(site, editor, a, section, f"Tin hẹn giờ {run}", 6)

    with subtests.test("a publish on A is on B's pages within 1 s"):
        title = f"Bão số 3 đổ bộ {run}"
        assert title not in get(b.url("/")).text
        # B keeps its home page in the page cache: the publish must reach it.
        assert get(b.url("/")).headers["X-Page-Cache"] == "hit"
        publish(editor, a, section, title=title)
        delay, answered = seconds_until(b, "/", title)
        print(
            f"\npublish on A -> B's home page: {delay:.2f} s (answered {answered:.2f} s)"
        )
        assert delay < VISIBLE_WITHIN

        (page_id, slug), *_ = site.query(
            "SELECT id, slug FROM wagtailcore_page WHERE title = %s", [title]
        )
        path = f"{path_of(section)}{slug}/"
        assert title in get(b.url(path)).text
        assert get(b.url(path)).headers["X-Page-Cache"] == "hit"
        edited = f"Bão số 3 đã tan {run}"
        response = post(
            editor,
            a.url(f"/admin/pages/{page_id}/edit/"),
            {
                **article_form(title=edited, slug=slug, date=now_field()),
                "action-publish": "action",
            },
        )
        assert response.status_code == 302, response.text[:3000]
        delay, answered = seconds_until(b, path, edited)
        print(
            f"edit on A -> B's article page: {delay:.2f} s (answered {answered:.2f} s)"
        )
        assert delay < VISIBLE_WITHIN

    with subtests.test("a session made on A is a session on B"):
        on_b = requests.Session()
        on_b.cookies.set("sessionid", editor.cookies["sessionid"])
        assert get(b.url("/admin/"), on_b).status_code == 200
        # The same request without it is sent to the login page.
        response = get(b.url("/admin/"))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")

    with subtests.test("a form's limit counts submissions on A and B together"):
        from wagtail.models import Site

        from congtin.questions.models import QuestionIndexPage, Topic

        portal = Site.objects.get(hostname=HOST)
        index = QuestionIndexPage.for_site(portal)
        ask = f"{path_of(index)}gui-cau-hoi/"
        citizen = requests.Session()  # one address, 127.0.0.1, as seen by both
        assert get(a.url(ask), citizen).status_code == 200
        limit = IP_LIMIT
        statuses = []
        for n in range(limit + 2):
            server = (a, b)[n % 2]
            data = {
                "name": "Nguyễn Văn An",
                "email": f"an{n}.{run}@example.com",  # the per-address limit only
                "phone": "",
                "address": "Số 1 phố Tô Hiệu, Lê Chân",
                "site": str(portal.pk),
                "topic": str(Topic.objects.first().pk),
                "title": f"Hỏi về thủ tục số {n}",
                "text": "Xin hỏi thủ tục đăng ký khai sinh cần giấy tờ gì?",
                "website": "",
            }
            statuses.append(post(citizen, server.url(ask), data).status_code)
        # Counted apart, each server would take `limit` and the last two pass.
        assert statuses == [302] * limit + [429, 429], statuses

    with subtests.test("two schedulers publish once; the standby takes over"):
        for scheduler in schedulers:
            scheduler.wait_for("Bộ lập lịch đã chạy", timeout=60, or_else=STANDBY)
        first, second = sorted(schedulers, key=lambda s: STANDBY in s.output())

        def publications(page):
            return site.query(
                "SELECT action FROM wagtailcore_pagelogentry"
                " WHERE page_id = %s"
                " AND action IN ('wagtail.publish', 'wagtail.publish.scheduled')",
                [page],
            )

        first.wait_for("đã đăng 1 trang", timeout=20)
        assert site.query(
            "SELECT live FROM wagtailcore_page WHERE id = %s", [scheduled]
        ) == [(True,)]
        # The schedulers' rounds fall on the same second boundaries: without
        # the lock both would publish it.
        assert publications(scheduled) == [("wagtail.publish.scheduled",)]
        standby = second.output()
        assert standby.count(STANDBY) == 1
        assert f"tiến trình {first.pid}" in standby
        assert "Lịch xuất bản" not in standby

        first.stop(signal.SIGKILL)  # no chance to hand over
        took = second.wait_for("Lịch xuất bản: đã đăng", timeout=15)
        print(f"standby took over in {took:.1f} s")
        later = schedule(site, editor, a, section, f"Tin hẹn giờ thứ hai {run}", 4)
        second.wait_for("đã đăng 1 trang", timeout=20)
        assert publications(later) == [("wagtail.publish.scheduled",)]
        assert "Bộ lập lịch đã chạy" in second.output()
