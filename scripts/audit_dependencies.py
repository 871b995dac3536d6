"""Known vulnerabilities of the installed packages.

    .venv/bin/python scripts/audit_dependencies.py
    VULNERABILITY_DB=/path/to/osv .venv/bin/python scripts/audit_dependencies.py

Audits the environment of the Python that runs it (the project's own package,
installed editable, is left out), ignoring the findings listed in
security/accepted-vulnerabilities.txt. Exit status 1 when a finding is not
accepted, when that file is malformed, or when one of its review dates has passed.

Where the data comes from, first that applies:
- VULNERABILITY_DB set: an OSV database on disk (a copy of the PyPA advisory
  database, or OSV's PyPI/all.zip), for networks that reach neither PyPI nor OSV;
- PyPI serves per-release JSON: pip-audit with PyPI's data, every package;
- PyPI serves only the project JSON (a mirror or a proxy): each project's
  vulnerabilities of its newest release, which audits every package installed at
  its newest release and lists the others as not audited.

When PyPI cannot be asked (no network, PyPI down), nothing was checked: with
CI=true that fails, so no CI run passes unaudited; on a developer's machine it is
a warning and the status stays 0, so working offline is possible. When no package
could be audited the check says that nothing was checked, without failing
(docs/testing.md, "Known vulnerabilities").
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "security" / "accepted-vulnerabilities.txt"
PYPI = "https://pypi.org/pypi"
PYPI_PROBE = f"{PYPI}/pip/json"
# A release that exists for good: answered only where PyPI serves per-release JSON.
PER_RELEASE_PROBE = f"{PYPI}/pip/24.0/json"
# A database older than this is still used, with a warning.
STALE_AFTER_DAYS = 31
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


@dataclasses.dataclass
class Finding:
    name: str
    version: str
    id: str
    aliases: list[str]
    fixed: list[str]

    def accepted(self, ignored) -> bool:
        return self.id in ignored or any(alias in ignored for alias in self.aliases)


@dataclasses.dataclass
class Audit:
    source: str
    audited: int = 0
    not_audited: dict[str, str] = dataclasses.field(default_factory=dict)
    findings: list[Finding] = dataclasses.field(default_factory=list)


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


def installed_packages() -> dict[str, str]:
    """Canonical name -> version of every installed distribution, the editable
    ones (the project itself) left out as pip-audit --skip-editable does."""
    packages = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name:
            continue
        direct = dist.read_text("direct_url.json")
        if direct and json.loads(direct).get("dir_info", {}).get("editable"):
            continue
        packages[canonicalize_name(name)] = dist.version
    return packages


def get_json(url: str, timeout: float = 20):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def per_release_json_answers() -> bool:
    try:
        get_json(PER_RELEASE_PROBE, timeout=10)
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return True


def from_pip_audit(report: dict) -> Audit:
    audit = Audit("pip-audit, PyPI")
    for dep in report["dependencies"]:
        if "skip_reason" in dep:
            audit.not_audited[dep["name"]] = dep["skip_reason"]
            continue
        audit.audited += 1
        for vuln in dep.get("vulns", []):
            audit.findings.append(
                Finding(
                    dep["name"],
                    dep["version"],
                    vuln["id"],
                    vuln.get("aliases") or [],
                    vuln.get("fix_versions") or [],
                )
            )
    return audit


def same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def newest_release_audit(packages: dict[str, str]) -> Audit:
    """PyPI's project JSON lists the vulnerabilities of the project's newest
    release only: exact for a package installed at that release, silent for any
    other, which is listed as not audited rather than passed."""
    audit = Audit("PyPI, newest releases")

    def project(name):
        try:
            return name, get_json(f"{PYPI}/{name}/json"), None
        except (urllib.error.URLError, OSError, ValueError) as error:
            return name, None, str(error)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(project, sorted(packages)))
    for name, data, error in answers:
        version = packages[name]
        if data is None:
            audit.not_audited[name] = f"PyPI did not answer ({error})"
            continue
        newest = data["info"]["version"]
        if not same_version(version, newest):
            audit.not_audited[name] = (
                f"{version} installed; PyPI gives data for its newest release "
                f"{newest} only"
            )
            continue
        audit.audited += 1
        for vuln in data.get("vulnerabilities") or []:
            if vuln.get("withdrawn"):
                continue
            audit.findings.append(
                Finding(
                    name,
                    version,
                    vuln["id"],
                    vuln.get("aliases") or [],
                    vuln.get("fixed_in") or [],
                )
            )
    return audit


def osv_records(database: Path, names: set[str]):
    """The OSV records of `database` (a folder of .json/.yaml files, as the PyPA
    advisory database, or a .zip of .json files, as OSV's PyPI/all.zip) that
    mention one of `names`; the rest are not parsed."""

    def wanted(text: str) -> bool:
        lowered = text.lower()
        return any(name in lowered for name in names)

    def parse(filename: str, text: str):
        if filename.endswith(".json"):
            return json.loads(text)
        import yaml  # only for the PyPA database's YAML files

        return yaml.safe_load(text)

    if database.is_file():
        with zipfile.ZipFile(database) as archive:
            for member in archive.namelist():
                if member.endswith((".json", ".yaml", ".yml")):
                    text = io.TextIOWrapper(archive.open(member), "utf-8").read()
                    if wanted(text):
                        yield parse(member, text)
        return
    for path in sorted(database.rglob("*")):
        if path.suffix in (".json", ".yaml", ".yml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if wanted(text):
                yield parse(path.name, text)


def osv_version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def osv_affects(affected: dict, version: str) -> bool:
    """OSV's rule for one `affected` entry: listed in `versions`, or inside an
    ECOSYSTEM range [introduced, fixed) or [introduced, last_affected]."""
    if version in (affected.get("versions") or []):
        return True
    current = osv_version(version)
    if current is None:
        return False
    for span in affected.get("ranges") or []:
        if span.get("type") != "ECOSYSTEM":
            continue
        introduced = None
        for event in span.get("events") or []:
            if "introduced" in event:
                value = str(event["introduced"])
                introduced = Version("0") if value == "0" else osv_version(value)
            elif introduced is not None and "fixed" in event:
                fixed = osv_version(str(event["fixed"]))
                if fixed is not None and introduced <= current < fixed:
                    return True
                introduced = None
            elif introduced is not None and "last_affected" in event:
                last = osv_version(str(event["last_affected"]))
                if last is not None and introduced <= current <= last:
                    return True
                introduced = None
        if introduced is not None and current >= introduced:
            return True
    return False


def fixed_versions(affected: dict) -> list[str]:
    return [
        str(event["fixed"])
        for span in affected.get("ranges") or []
        if span.get("type") == "ECOSYSTEM"
        for event in span.get("events") or []
        if "fixed" in event
    ]


def offline_audit(
    database: Path, packages: dict[str, str], today: datetime.date | None = None
) -> Audit:
    audit = Audit(f"OSV database {database}", audited=len(packages))
    newest = ""
    for record in osv_records(database, set(packages)):
        if not isinstance(record, dict) or record.get("withdrawn"):
            continue
        newest = max(newest, str(record.get("modified", "")))
        for affected in record.get("affected") or []:
            package = affected.get("package") or {}
            if package.get("ecosystem") != "PyPI":
                continue
            name = canonicalize_name(package.get("name", ""))
            if name in packages and osv_affects(affected, packages[name]):
                audit.findings.append(
                    Finding(
                        name,
                        packages[name],
                        record["id"],
                        record.get("aliases") or [],
                        fixed_versions(affected),
                    )
                )
    if not newest:
        audit.not_audited["*"] = "the database holds no record for these packages"
        audit.audited = 0
        return audit
    age = (today or datetime.date.today()) - datetime.date.fromisoformat(newest[:10])
    if age.days > STALE_AFTER_DAYS:
        print(
            f"WARNING: the vulnerability database's newest record is of {newest[:10]} "
            f"({age.days} days old): vulnerabilities published since are not known "
            "to it. Copy a newer one (docs/testing.md)."
        )
    return audit


def collect(ignored: list[str]) -> Audit | int:
    """The audit of the installed packages, or the exit status when it could not
    be made at all."""
    database = os.environ.get("VULNERABILITY_DB")
    if database:
        path = Path(database)
        if not path.exists():
            print(
                f"Known-vulnerability check: VULNERABILITY_DB={database} does not exist."
            )
            return 1
        return offline_audit(path, installed_packages())
    reason = pypi_answers()
    if reason:
        return unreachable(reason)
    if per_release_json_answers():
        report = run_pip_audit(ignored)
        if report is None:
            return unreachable("pip-audit wrote no report")
        return from_pip_audit(report)
    return newest_release_audit(installed_packages())


def main() -> int:
    try:
        ignored = accepted_ids()
    except Refused as refusal:
        print(f"Known-vulnerability check: {refusal}")
        return 1
    audit = collect(ignored)
    if isinstance(audit, int):
        return audit
    findings = [finding for finding in audit.findings if not finding.accepted(ignored)]
    for finding in findings:
        fixed = ", ".join(finding.fixed) or "no fixed release"
        aliases = ", ".join(finding.aliases)
        print(
            f"{finding.name} {finding.version}: {finding.id}"
            + (f" ({aliases})" if aliases else "")
            + f"; fixed in {fixed}"
        )
    if audit.not_audited and not audit.audited:
        # PyPI answers, but with no data for any package (a mirror that serves
        # neither per-release JSON nor the newest releases installed here).
        first = next(iter(audit.not_audited.values()))
        print(
            "WARNING: Known-vulnerability check: nothing was checked: no "
            f"vulnerability data for any of the {len(audit.not_audited)} packages "
            f"({first})."
        )
        return 0
    if audit.not_audited:
        print(
            f"WARNING: no vulnerability data for {len(audit.not_audited)} of "
            f"{audit.audited + len(audit.not_audited)} packages, which were not "
            "audited:"
        )
        for name, why in sorted(audit.not_audited.items()):
            print(f"  {name}: {why}")
    accepted = f", {len(ignored)} accepted" if ignored else ""
    if findings:
        print(
            f"Known-vulnerability check ({audit.source}): {len(findings)} finding(s) "
            f"in {audit.audited} audited packages{accepted}. Upgrade within "
            "pyproject.toml's ranges, or accept each in "
            f"{ACCEPTED.relative_to(ROOT)} with a reason and a review date."
        )
        return 1
    print(
        f"Known-vulnerability check ({audit.source}): no finding in {audit.audited} "
        f"audited packages{accepted}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
