#!/usr/bin/env bash
# Runs the whole suite on SQLite, then again on PostgreSQL.
# With CI=true nothing may be skipped: a missing PostgreSQL, Redis or Chromium fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/congtin}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/15}"

$PY manage.py makemigrations --check --dry-run --settings=congtin.settings.test >/dev/null
$PY manage.py check --settings=congtin.settings.test
.venv/bin/ruff check congtin bench

echo "== Test suite on SQLite"
$PY -m pytest "$@"

if $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg
url = sys.argv[1]
try:
    psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL unreachable: {exc}")
    sys.exit(1)
PYEOF
then
    echo "== Test suite on PostgreSQL"
    DATABASE_URL="$PG_URL" $PY -m pytest -m "not browser" "$@"
elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is required when CI=true" >&2
    exit 1
else
    echo "PostgreSQL not reachable: PostgreSQL run skipped (it never is with CI=true)."
fi
