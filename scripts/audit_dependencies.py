"""Known vulnerabilities of the installed packages: pip-audit against PyPI.

    .venv/bin/python scripts/audit_dependencies.py

Audits the environment of the Python that runs it (the project's own package,
installed editable, is left out) with PyPI's vulnerability data, ignoring the
findings listed in security/accepted-vulnerabilities.txt. Exit status 1 when a
finding is not accepted, when that file is malformed, or when one of its review
dates has passed.

When PyPI cannot be asked (no network, PyPI down), nothing was checked: with
CI=true that fails, so no CI run passes unaudited; on a developer's machine it is
a warning and the status stays 0, so working offline is possible. Packages PyPI
gives no data for are listed as not audited, and when it gives data for none the
check says that nothing was checked, without failing (docs/testing.md, "Known
vulnerabilities").
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "security" / "accepted-vulnerabilities.txt"
PYPI_PROBE = "https://pypi.org/pypi/pip/json"
LINE = re.compile(
    r"^(?P<id>[A-Za-z][\w.-]*-[\w.-]+)\s+(?P<date>\d{4}-\d{2}-\d{2})\s+\S"
)


class Refused(Exception):
    """The audit cannot pass: the message says why."""


def accepted_ids(path: Path = ACCEPTED, today: datetime.date | None = None):
    """The ids of security/accepted-vulnerabilities.txt; Refused when a line is not
    `id date reason` or a review date has passed."""
    today = today or datetime.date.today()
    ids = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            raise Refused(
                f"{path.name}:{number}: expected '<id> <YYYY-MM-DD> <reason>', "
                f"got {line!r}"
            )
        try:
            review_by = datetime.date.fromisoformat(match["date"])
        except ValueError:
            raise Refused(
                f"{path.name}:{number}: no such date {match['date']}"
            ) from None
        if review_by < today:
            raise Refused(
                f"{path.name}:{number}: the acceptance of {match['id']} was to be "
                f"reviewed by {review_by}: look at it again, then move the date or "
                "remove the line"
            )
        ids.append(match["id"])
    return ids


def unreachable(reason: str) -> int:
    message = (
        "Known-vulnerability check: PyPI could not be asked, so nothing was "
        f"checked ({reason})."
    )
    if os.environ.get("CI") == "true":
        print(message + " Failing: with CI=true the audit may not be skipped.")
        return 1
    print("WARNING: " + message + " Run it again when online.")
    return 0


def pypi_answers(timeout: float = 10) -> str | None:
    """None when PyPI's JSON API answers, else why not."""
    try:
        with urllib.request.urlopen(PYPI_PROBE, timeout=timeout) as response:
            response.read(1)
    except (urllib.error.URLError, OSError) as error:
        return f"{PYPI_PROBE}: {error}"
    return None


def run_pip_audit(ignored: list[str]) -> dict | None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            sys.executable,
            "-m",
            "pip_audit",
            "--vulnerability-service",
            "pypi",
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--desc",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
        ]
        for vuln in ignored:
            command += ["--ignore-vuln", vuln]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if not report.exists() or not report.read_text().strip():
            sys.stderr.write(result.stderr[-2000:])
            return None
        return json.loads(report.read_text())


def main() -> int:
    try:
        ignored = accepted_ids()
    except Refused as refusal:
        print(f"Known-vulnerability check: {refusal}")
        return 1
    reason = pypi_answers()
    if reason:
        return unreachable(reason)
    report = run_pip_audit(ignored)
    if report is None:
        return unreachable("pip-audit wrote no report")
    dependencies = report["dependencies"]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    findings = [
        (dep, vuln)
        for dep in dependencies
        if "skip_reason" not in dep
        for vuln in dep.get("vulns", [])
    ]
    audited = len(dependencies) - len(skipped)
    for dep, vuln in findings:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
        aliases = ", ".join(vuln.get("aliases") or [])
        print(
            f"{dep['name']} {dep['version']}: {vuln['id']}"
            + (f" ({aliases})" if aliases else "")
            + f"; fixed in {fixed}"
        )
    if skipped and not audited:
        # PyPI answers, but not its per-release JSON (/pypi/<name>/<version>/json),
        # as behind a mirror that serves only the project pages.
        print(
            f"WARNING: Known-vulnerability check: nothing was checked: PyPI gave no "
            f"vulnerability data for any of the {len(skipped)} packages "
            f"({skipped[0]['skip_reason']})."
        )
        return 0
    if skipped:
        names = ", ".join(sorted(dep["name"] for dep in skipped))
        print(
            f"WARNING: PyPI gave no vulnerability data for {len(skipped)} of "
            f"{len(dependencies)} packages, which were not audited: {names}"
        )
    accepted = f", {len(ignored)} accepted" if ignored else ""
    if findings:
        print(
            f"Known-vulnerability check: {len(findings)} finding(s) in {audited} "
            f"audited packages{accepted}. Upgrade within pyproject.toml's ranges, "
            f"or accept each in {ACCEPTED.relative_to(ROOT)} with a reason and a "
            "review date."
        )
        return 1
    print(
        f"Known-vulnerability check: no finding in {audited} audited packages"
        f"{accepted}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
