#!/usr/bin/env bash
# `make run`: the demo served as production would serve it. Three processes, started
# and stopped together: the web server, the task worker and the scheduler. Ctrl+C,
# SIGTERM to make or to this script, or any one of them ending stops all three.
set -u
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-congtin.settings.demo_server}"

# Each process in a process group of its own (job control), so that Ctrl+C reaches
# this script only and each process is stopped once, by SIGTERM from stop(): granian's
# workers, given SIGINT by the terminal while their parent stops them, can hang.
set -m
pids=()
stop() {
    trap - INT TERM EXIT
    kill -TERM "${pids[@]}" 2>/dev/null
    wait "${pids[@]}" 2>/dev/null
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# The scheduler publishes and expires scheduled pages on the minute; the task worker
# sends mail (printed on this console) and runs Wagtail's background tasks. The worker
# reports nothing per task (-v 0: the demo queues a hundred index updates that would
# push the logins off the screen); to watch each task, run
# `.venv/bin/python manage.py db_worker` by hand.
"$PY" manage.py run_scheduler &
pids+=($!)
"$PY" manage.py db_worker --queue-name default,mail --no-reload -v 0 &
pids+=($!)
# Two worker processes, as docs/deployment.md starts with, each serving one request
# at a time; errors go to this console, requests are not logged.
"$PY" -m congtin.serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
    --workers 2 --blocking-threads 1 --log-level warning &
pids+=($!)
wait -n
exit $?
