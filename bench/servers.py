"""Processes the page bench starts and stops: the app server, nginx, Varnish.

Each runs in its own process group on 127.0.0.1 and is stopped with it; nothing is
left behind in the system's own directories (nginx and varnishd write only under
the bench's temporary directory).
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class BenchError(Exception):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, host="localhost", timeout=10) -> tuple[int, bytes, dict]:
    """One GET, redirects not followed: (status, body, headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def find_program(name: str, *candidates: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    return None


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return sorted(int(child) for child in path.read_text().split())
    except OSError:
        return []


class Process:
    """A program in its own process group, its output in ``log``."""

    name = "process"

    def __init__(self, command: list[str], log: Path, env=None, cwd=ROOT):
        self.command = command
        self.log = log
        self.env = env
        self.cwd = cwd
        self.popen: subprocess.Popen | None = None

    def start(self):
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def wait_http(self, port, path="/", host="localhost", timeout=60, ok=(200,)):
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.popen is not None and self.popen.poll() is not None:
                raise BenchError(
                    f"{self.name} exited early with status {self.popen.returncode}:\n"
                    + self.tail()
                )
            try:
                status, _, _ = get(port, path, host=host, timeout=5)
                if status in ok:
                    return
                last = f"HTTP {status}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.2)
        raise BenchError(f"{self.name} did not answer on {port}{path}: {last}")

    def tail(self, size=4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM, timeout=35):
        if self.popen is None or self.popen.poll() is not None:
            return
        try:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)
        except ProcessLookupError:
            pass


class AppServer(Process):
    """The web server as `make run` starts it: granian through ``congtin.serve``
    (application preloaded), ``workers`` workers of one thread each."""

    name = "app server"

    def __init__(self, port, env, log: Path, tmp: Path, workers=2):
        self.port = port
        self.workers_count = workers
        command = [
            sys.executable,
            "-m",
            "congtin.serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "1",
            "--log-level",
            "warning",
        ]
        super().__init__(command, log, env=env)

    def workers(self) -> list[int]:
        return children(self.pid)

    def ready(self):
        self.wait_http(self.port)
        deadline = time.monotonic() + 20
        while len(self.workers()) < self.workers_count:
            if time.monotonic() > deadline:
                raise BenchError(f"expected {self.workers_count} workers")
            time.sleep(0.1)
        return self


NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""


class Nginx(Process):
    """Debian's nginx serving the files under ``root``, as the yardstick."""

    name = "nginx"

    def __init__(self, port, root: Path, tmp: Path, workers=2):
        program = find_program("nginx", "/usr/sbin/nginx")
        if program is None:
            raise BenchError("nginx is not installed (apt-get install -y nginx)")
        tmp.mkdir(parents=True, exist_ok=True)
        # Started as root, nginx's workers run as nobody: they must reach the files.
        for path in [root, *root.parents]:
            if path == Path("/"):
                break
            path.chmod(path.stat().st_mode | 0o711)
        for item in root.iterdir():
            item.chmod(item.stat().st_mode | 0o644)
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(workers=workers, tmp=tmp, port=port, root=root)
        )
        self.port = port
        super().__init__([program, "-c", str(conf), "-p", str(tmp)], tmp / "nginx.log")

    def workers(self) -> list[int]:
        return children(self.pid)


# Varnish's per-request log records (varnishd -x vsl lists them).
VSL_REQUEST_TAGS = (
    "Begin",
    "End",
    "Link",
    "ReqStart",
    "ReqMethod",
    "ReqURL",
    "ReqProtocol",
    "ReqHeader",
    "ReqUnset",
    "RespProtocol",
    "RespStatus",
    "RespReason",
    "RespHeader",
    "RespUnset",
    "VCL_call",
    "VCL_return",
    "VCL_use",
    "Timestamp",
    "ReqAcct",
    "Hit",
    "Storage",
    "Filters",
    "Length",
    "SessOpen",
    "SessClose",
)


class Varnish(Process):
    """Debian's varnishd with the project's VCL (deploy/varnish/congtin.vcl) in front
    of one app server: the VCL's backend is pointed at it."""

    name = "varnish"

    def __init__(self, port, backend_port, tmp: Path, vcl_source: Path):
        program = find_program("varnishd", "/usr/sbin/varnishd")
        if program is None:
            raise BenchError("varnishd is not installed (apt-get install -y varnish)")
        tmp.mkdir(parents=True, exist_ok=True)
        vcl = tmp / "bench.vcl"
        vcl.write_text(point_vcl_at(vcl_source.read_text(), backend_port))
        self.port = port
        command = [
            program,
            "-F",
            "-n",
            str(tmp / "work"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
            "-T",
            "none",
            "-p",
            "thread_pools=1",
            "-p",
            "thread_pool_min=20",
            # The yardstick nginx keeps no access log (access_log off): Varnish's
            # own log in shared memory is masked to the same, no request records.
            "-p",
            "vsl_mask=" + ",".join(f"-{tag}" for tag in VSL_REQUEST_TAGS),
        ]
        super().__init__(command, tmp / "varnish.log")


def point_vcl_at(vcl: str, port: int) -> str:
    """The VCL with its backends' host and port set to 127.0.0.1:``port``."""
    import re

    vcl = re.sub(r'(\.host\s*=\s*)"[^"]*"', r'\1"127.0.0.1"', vcl)
    return re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{port}"', vcl)
