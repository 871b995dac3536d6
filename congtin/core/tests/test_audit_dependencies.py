"""scripts/audit_dependencies.py: the acknowledgement file, findings, an
unreachable PyPI, PyPI's newest-release data and an OSV database on disk (PyPI and
pip-audit are stood in for; the OSV records are real files read by the script)."""

import datetime
import json
import runpy
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
audit = runpy.run_path(str(ROOT / "scripts" / "audit_dependencies.py"))
TODAY = datetime.date(2026, 12, 7)


def write(tmp_path, text):
    path = tmp_path / "accepted.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_committed_file_is_valid():
    assert isinstance(audit["accepted_ids"](), list)


def test_accepted_ids_need_a_reason_and_a_review_date_not_yet_passed(tmp_path):
    accepted_ids, refused = audit["accepted_ids"], audit["Refused"]
    path = write(
        tmp_path,
        "# comment\n\nPYSEC-2024-1  2027-01-31  Not reachable: no XML-RPC here.\n"
        "GHSA-abcd-efgh-ijkl 2026-12-07 Reviewed today.\n",
    )
    assert accepted_ids(path, TODAY) == ["PYSEC-2024-1", "GHSA-abcd-efgh-ijkl"]
    for bad in (
        "PYSEC-2024-1\n",  # no date, no reason
        "PYSEC-2024-1  2027-01-31\n",  # no reason
        "PYSEC-2024-1  2027-02-30  Impossible date.\n",
    ):
        with pytest.raises(refused, match="expected|no such date"):
            accepted_ids(write(tmp_path, bad), TODAY)
    with pytest.raises(refused, match="reviewed by 2026-12-06"):
        accepted_ids(write(tmp_path, "CVE-2026-1  2026-12-06  Old.\n"), TODAY)


def run_main(monkeypatch, capsys, report, reachable=True, ci=False):
    main = audit["main"]
    glob = main.__globals__
    monkeypatch.setitem(glob, "accepted_ids", lambda: ["PYSEC-2024-1"])
    monkeypatch.setitem(
        glob, "pypi_answers", lambda: None if reachable else "no route to host"
    )
    monkeypatch.setitem(glob, "per_release_json_answers", lambda: True)
    monkeypatch.delenv("VULNERABILITY_DB", raising=False)
    seen = {}

    def fake_pip_audit(ignored):
        seen["ignored"] = ignored
        return report

    monkeypatch.setitem(glob, "run_pip_audit", fake_pip_audit)
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    status = main()
    return status, capsys.readouterr().out, seen


def test_a_finding_fails_and_accepted_ones_are_ignored(monkeypatch, capsys):
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.1", "vulns": []},
            {
                "name": "pillow",
                "version": "10.4.0",
                "vulns": [
                    {"id": "GHSA-x", "fix_versions": ["11.0.0"], "aliases": ["CVE-1"]}
                ],
            },
        ]
    }
    status, out, seen = run_main(monkeypatch, capsys, report)
    assert status == 1
    assert seen["ignored"] == ["PYSEC-2024-1"]
    assert "pillow 10.4.0: GHSA-x (CVE-1); fixed in 11.0.0" in out
    report["dependencies"].pop()
    status, out, _ = run_main(monkeypatch, capsys, report)
    assert status == 0
    assert "no finding in 1 audited packages, 1 accepted" in out


def test_unreachable_pypi_fails_only_under_ci(monkeypatch, capsys):
    status, out, _ = run_main(monkeypatch, capsys, None, reachable=False)
    assert status == 0
    assert out.startswith("WARNING:") and "nothing was checked" in out
    status, out, _ = run_main(monkeypatch, capsys, None, reachable=False, ci=True)
    assert status == 1
    assert "may not be skipped" in out
    # pip-audit itself could not finish: the same.
    status, out, _ = run_main(monkeypatch, capsys, None, ci=True)
    assert status == 1


def test_no_data_for_any_package_says_nothing_was_checked(monkeypatch, capsys):
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI"}
    status, out, _ = run_main(monkeypatch, capsys, {"dependencies": [skipped]})
    assert status == 0
    assert "nothing was checked" in out


DJANGO_ADVISORY = """\
id: PYSEC-2099-1
modified: 2026-11-20T10:00:00Z
aliases:
- CVE-2099-1
affected:
- package:
    ecosystem: PyPI
    name: Django
  ranges:
  - type: GIT
    repo: https://github.com/django/django
    events:
    - introduced: "0"
    - fixed: 0123abcd
  - type: ECOSYSTEM
    events:
    - introduced: "4.2"
    - fixed: 4.2.30
    - introduced: "5.2"
    - fixed: 5.2.21
"""


def osv_json(record_id, name, events, **extra):
    return json.dumps(
        {
            "id": record_id,
            "modified": "2026-11-30T00:00:00Z",
            "affected": [
                {
                    "package": {"ecosystem": "PyPI", "name": name},
                    "ranges": [{"type": "ECOSYSTEM", "events": events}],
                }
            ],
            **extra,
        }
    )


def test_osv_ranges_follow_the_osv_rules():
    affects = audit["osv_affects"]
    spans = {
        "ranges": [
            {
                "type": "ECOSYSTEM",
                "events": [
                    {"introduced": "0"},
                    {"fixed": "1.2"},
                    {"introduced": "2.0"},
                    {"last_affected": "2.1.3"},
                    {"introduced": "3.0"},
                ],
            }
        ]
    }
    for version, expected in [
        ("0.9", True),
        ("1.2", False),
        ("1.9", False),
        ("2.0", True),
        ("2.1.3", True),
        ("2.1.4", False),
        ("3.5", True),  # no end: every later release
        ("not a version", False),
    ]:
        assert affects(spans, version) is expected, version
    assert affects({"versions": ["1.0.post1"]}, "1.0.post1")
    assert not affects(
        {"ranges": [{"type": "GIT", "events": [{"introduced": "0"}]}]}, "1.0"
    )


def test_an_osv_database_on_disk_finds_what_pypi_cannot_say(tmp_path, capsys):
    offline = audit["offline_audit"]
    folder = tmp_path / "vulns"
    (folder / "django").mkdir(parents=True)
    (folder / "django" / "PYSEC-2099-1.yaml").write_text(DJANGO_ADVISORY)
    (folder / "pillow").mkdir()
    (folder / "pillow" / "GHSA-old.json").write_text(
        osv_json("GHSA-old", "pillow", [{"introduced": "0"}], withdrawn="2026-01-01")
    )
    (folder / "other").mkdir()
    (folder / "other" / "X-1.json").write_text(
        osv_json("X-1", "other-package", [{"introduced": "0"}])
    )
    packages = {"django": "5.2.20", "pillow": "11.0.0"}
    found = offline(folder, packages, today=TODAY)
    assert found.audited == 2
    assert [(f.name, f.id, f.aliases, f.fixed) for f in found.findings] == [
        ("django", "PYSEC-2099-1", ["CVE-2099-1"], ["4.2.30", "5.2.21"])
    ]
    assert "WARNING" not in capsys.readouterr().out
    assert offline(folder, {"django": "5.2.21"}, today=TODAY).findings == []
    # OSV's PyPI/all.zip: the same records as JSON in one archive.
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "PYSEC-2099-2.json",
            osv_json(
                "PYSEC-2099-2", "Pillow", [{"introduced": "10.0"}, {"fixed": "11.1"}]
            ),
        )
    found = offline(archive, packages, today=datetime.date(2027, 6, 1))
    assert [(f.name, f.id) for f in found.findings] == [("pillow", "PYSEC-2099-2")]
    assert "183 days old" in capsys.readouterr().out
    # A database that says nothing of these packages has audited nothing.
    assert offline(folder / "other", packages, today=TODAY).audited == 0


def test_the_database_is_chosen_by_the_environment(monkeypatch, capsys, tmp_path):
    main = audit["main"]
    glob = main.__globals__
    (tmp_path / "PYSEC-2099-1.yaml").write_text(DJANGO_ADVISORY)
    monkeypatch.setitem(glob, "installed_packages", lambda: {"django": "5.2.3"})
    monkeypatch.setitem(glob, "accepted_ids", lambda: [])
    monkeypatch.setenv("VULNERABILITY_DB", str(tmp_path))
    assert main() == 1
    out = capsys.readouterr().out
    assert "django 5.2.3: PYSEC-2099-1 (CVE-2099-1); fixed in 4.2.30, 5.2.21" in out
    # Accepted by an alias, as pip-audit --ignore-vuln does.
    monkeypatch.setitem(glob, "accepted_ids", lambda: ["CVE-2099-1"])
    assert main() == 0
    assert "no finding in 1 audited packages, 1 accepted" in capsys.readouterr().out
    monkeypatch.setenv("VULNERABILITY_DB", str(tmp_path / "missing"))
    assert main() == 1
    assert "does not exist" in capsys.readouterr().out


def test_pypi_newest_release_data_audits_only_packages_at_that_release(
    monkeypatch, capsys
):
    main = audit["main"]
    glob = main.__globals__
    projects = {
        "django": {"info": {"version": "6.1.3"}, "vulnerabilities": []},
        "pillow": {
            "info": {"version": "11.0.0"},
            "vulnerabilities": [
                {
                    "id": "GHSA-p",
                    "aliases": ["CVE-9"],
                    "fixed_in": [],
                    "withdrawn": None,
                },
                {"id": "GHSA-w", "aliases": [], "fixed_in": [], "withdrawn": "2026"},
            ],
        },
        "python-dateutil": {"info": {"version": "2.9.0.post0"}, "vulnerabilities": []},
    }

    def fetch(url, timeout=20):
        name = url.rsplit("/", 2)[-2]
        if name not in projects:
            raise OSError("404")
        return projects[name]

    installed = {
        "django": "5.2.20",
        "pillow": "11.0.0",
        "python-dateutil": "2.9.0.post0",
        "private-package": "1.0",
    }
    monkeypatch.delenv("VULNERABILITY_DB", raising=False)
    monkeypatch.setitem(glob, "accepted_ids", lambda: [])
    monkeypatch.setitem(glob, "pypi_answers", lambda: None)
    monkeypatch.setitem(glob, "per_release_json_answers", lambda: False)
    monkeypatch.setitem(glob, "installed_packages", lambda: installed)
    monkeypatch.setitem(glob, "get_json", fetch)
    monkeypatch.setitem(
        glob, "run_pip_audit", lambda ignored: pytest.fail("no per-release JSON")
    )
    assert main() == 1
    out = capsys.readouterr().out
    assert "pillow 11.0.0: GHSA-p (CVE-9); fixed in no fixed release" in out
    assert "GHSA-w" not in out
    assert "no vulnerability data for 2 of 4 packages" in out
    assert (
        "django: 5.2.20 installed; PyPI gives data for its newest release 6.1.3" in out
    )
    assert "private-package: PyPI did not answer" in out
    assert "1 finding(s) in 2 audited packages" in out
