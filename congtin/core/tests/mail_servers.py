"""Real SMTP servers on loopback, and the real task worker, for the mail tests.

- ``DeliveringServer``: aiosmtpd, keeps every message it accepts.
- ``RefusingServer``: aiosmtpd, answers 554 to every message.
- ``HangingServer``: accepts TCP connections and never says a word, like a mail
  server that has hung; counts the connections. ``bench/submissions_load.py`` uses
  it too (``start()`` / ``close()`` outside a ``with``).

``queue_settings(settings, server)`` points delivery at a server through Django's
SMTP backend and puts tasks in the database; ``run_worker`` then runs the worker of
django-tasks-db (``manage.py db_worker --batch``) inside the test.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Keep:
    def __init__(self):
        self.messages = []
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        message = email.message_from_bytes(envelope.content, policy=email.policy.SMTP)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


class _Refuse(_Keep):
    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        return "554 5.7.1 Transaction failed"


class _AioServer:
    handler_class = _Keep

    def __init__(self):
        self.handler = self.handler_class()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        """[(envelope sender, envelope recipients, email.message.EmailMessage)]"""
        return self.handler.messages

    @property
    def attempts(self) -> int:
        return self.handler.attempts


class DeliveringServer(_AioServer):
    handler_class = _Keep


class RefusingServer(_AioServer):
    handler_class = _Refuse


class HangingServer:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._held = []
        self._stop = threading.Event()

    def _serve(self):
        self.sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)  # open and silent until the test ends

    def start(self) -> HangingServer:
        self.sock.listen(16)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self._held:
            conn.close()
        self.sock.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


def queue_settings(settings, server, timeout: float = 1.0):
    """Tasks in the database; the worker delivers over SMTP to ``server``."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_DELIVERY_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout


def run_worker(monkeypatch) -> None:
    """Run django-tasks-db's worker until no task is due, as ``db_worker --batch``.

    The worker closes stale connections between tasks; inside a test that would
    close the connection holding the test's transaction, so only that is left out.
    Its signal handlers are not installed either (they belong to pytest here).
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()


def task_rows(**filters):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(**filters)
