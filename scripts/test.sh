#!/usr/bin/env bash
# Runs the whole suite on SQLite, then again on PostgreSQL; the browser tests run in
# the PostgreSQL run only (in the SQLite run when there is no PostgreSQL run): what
# they add to the other tests is what a person sees, the same on either database
# (docs/testing.md).
# With CI=true nothing may be skipped: a missing PostgreSQL, Redis, Chromium or
# Varnish (varnishd) fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/congtin}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/15}"

# The static checks and the two runs are independent (each run has its own test
# databases), so they all run side by side on the machine's cores; the output of the
# checks and of the PostgreSQL run is shown when they end.
checks() {
    # makemigrations runs Django's system checks first (what `manage.py check` runs),
    # so one Django start does both.
    $PY manage.py makemigrations --check --dry-run --settings=congtin.settings.test >/dev/null
    .venv/bin/ruff check congtin bench
    .venv/bin/ruff format --check --quiet congtin bench
    .venv/bin/mypy congtin
    # Known vulnerabilities of the installed packages (PyPI's data, or an OSV
    # database named by VULNERABILITY_DB), less those accepted in
    # security/accepted-vulnerabilities.txt. No data source in reach fails with
    # CI=true and only warns otherwise (docs/testing.md).
    $PY scripts/audit_dependencies.py
}
checks_log="$(mktemp -t congtin-checks.XXXXXX)"
checks >"$checks_log" 2>&1 &
checks_pid=$!

pg_available() {
    $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg
url = sys.argv[1]
try:
    psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL unreachable: {exc}")
    sys.exit(1)
PYEOF
}

pg_pid=""
sqlite_only=()
pg_log="$(mktemp -t congtin-pg-tests.XXXXXX)"
if pg_available; then
    # Two workers per run (pytest-xdist, each with its own test database copied from
    # one migrated template): the PostgreSQL run waits on the server for a good part of
    # its time, and the SQLite run would otherwise go on alone once it has ended.
    DATABASE_URL="$PG_URL" $PY -m pytest -p no:cacheprovider -n "${PG_WORKERS:-2}" "$@" >"$pg_log" 2>&1 &
    pg_pid=$!
    sqlite_only=(-m "not browser")
elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is required when CI=true" >&2
    exit 1
else
    echo "PostgreSQL not reachable: PostgreSQL run skipped (it never is with CI=true)."
fi

echo "== Test suite on SQLite"
sqlite_rc=0
# (A -m given to this script comes after, and replaces, "not browser".)
$PY -m pytest -n "${SQLITE_WORKERS:-2}" "${sqlite_only[@]}" "$@" || sqlite_rc=$?

pg_rc=0
if [ -n "$pg_pid" ]; then
    wait "$pg_pid" || pg_rc=$?
    echo "== Test suite on PostgreSQL"
    cat "$pg_log"
fi
rm -f "$pg_log"
checks_rc=0
wait "$checks_pid" || checks_rc=$?
echo "== Checks (makemigrations and system checks, ruff, mypy, known vulnerabilities)"
cat "$checks_log"
rm -f "$checks_log"
if [ "$sqlite_rc" -ne 0 ] || [ "$pg_rc" -ne 0 ] || [ "$checks_rc" -ne 0 ]; then
    echo "Failed (SQLite: $sqlite_rc, PostgreSQL: $pg_rc, checks: $checks_rc)" >&2
    exit 1
fi
