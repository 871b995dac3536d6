"""scripts/audit_dependencies.py: the acknowledgement file, findings and an
unreachable PyPI (no network here: pip-audit and PyPI are stood in for)."""

import datetime
import runpy
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
