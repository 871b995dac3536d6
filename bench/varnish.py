"""Run Debian's varnishd with deploy/varnish/congtin.vcl in front of one app server.

For the benchmarks (``from varnish import running_varnish``) and to try the edge cache
by hand in front of a running server (``make run``):

    .venv/bin/python bench/varnish.py --backend 127.0.0.1:8000 --port 6081

then ``curl -sI -H 'Host: localhost' http://127.0.0.1:6081/`` twice: ``X-Cache: MISS``
then ``HIT`` once the app marks its pages shared (``Cache-Control: s-maxage``).
Ctrl+C stops it. The command line it runs is printed; it is the one
docs/deployment.md describes, with a throw-away working directory and no privilege
drop (``-j none``), so it runs from a checkout as any user.

Needs ``apt-get install varnish``; exit status 2 without it.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "congtin.vcl"


def varnishd_path() -> str | None:
    """Debian installs varnishd in /usr/sbin, which a user's PATH may lack."""
    found = shutil.which("varnishd")
    if found:
        return found
    return "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None


def vcl_for(host: str, port: int) -> str:
    """The deployed VCL with its one app server at ``host:port``."""
    vcl, count = re.subn(
        r'^(backend app1 \{\s*\.host = )"[^"]*";(\s*\.port = )"[^"]*";',
        rf'\1"{host}";\2"{port}";',
        VCL.read_text(encoding="utf-8"),
        flags=re.M,
    )
    if count != 1:
        raise RuntimeError(f"{VCL} no longer declares `backend app1`")
    return vcl


def varnishd_command(
    varnishd: str, workdir: Path, vcl: Path, port: int, storage: str
) -> list[str]:
    return [
        varnishd,
        "-F",
        "-j",
        "none",
        "-n",
        str(workdir / "instance"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-s",
        f"malloc,{storage}",
    ]


def _wait_listening(process: subprocess.Popen, port: int, log: Path, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd stopped:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"varnishd did not listen on {port} within {timeout}s"
                ) from None
            time.sleep(0.05)


@contextmanager
def running_varnish(
    backend_host: str, backend_port: int, port: int, storage: str = "256m"
) -> Iterator[subprocess.Popen]:
    """varnishd on 127.0.0.1:``port`` in front of the app server, until the block ends.

    Raises RuntimeError when varnishd is missing or does not start (its log says why).
    """
    varnishd = varnishd_path()
    if varnishd is None:
        raise RuntimeError("varnishd is not installed (apt-get install varnish)")
    with tempfile.TemporaryDirectory(prefix="congtin-varnish-") as tmp:
        workdir = Path(tmp)
        vcl = workdir / "congtin.vcl"
        vcl.write_text(vcl_for(backend_host, backend_port), encoding="utf-8")
        log = workdir / "varnishd.log"
        command = varnishd_command(varnishd, workdir, vcl, port, storage)
        print("[varnish] " + shlex.join(command), flush=True)
        with log.open("w") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_listening(process, port, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--backend", default="127.0.0.1:8000", help="the app server (127.0.0.1:8000)"
    )
    parser.add_argument("--port", type=int, default=6081, help="listen on (6081)")
    parser.add_argument("--storage", default="256m", help="cache size (256m)")
    args = parser.parse_args(argv)
    if varnishd_path() is None:
        print("varnishd is not installed: apt-get install varnish", file=sys.stderr)
        return 2
    host, _, backend_port = args.backend.rpartition(":")
    with running_varnish(host, int(backend_port), args.port, args.storage) as process:
        print(f"[varnish] http://127.0.0.1:{args.port}/ -> {args.backend}", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
        try:
            process.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
