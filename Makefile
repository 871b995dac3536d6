# congtin: `make run` to see the demo, `make test` to run every test, `make dev` to
# work on it (runserver, DEBUG on).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PORT

.PHONY: run dev setup static install install-test migrate demo test test-sqlite test-postgres lint typecheck bench manual clean

# setuptools too: the release that venv puts in (65.5 on Python 3.11) has known
# vulnerabilities (docs/testing.md, "Known vulnerabilities").
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Compiled message catalogues are built, not committed (*.mo in .gitignore).
# --ignore '.*' keeps compilemessages out of the virtualenv's packages.
# locale/upstream/ holds the Vietnamese catalogue of Wagtail and the other packages
# of the admin (docs/translation.md); msgfmt compiles each file on its own.
MESSAGES := $(patsubst %.po,%.mo,$(shell find locale -name '*.po'))

%.mo: %.po
	msgfmt --check -o $@ $<

install: $(VENV)/.installed $(MESSAGES)

install-test: $(VENV)/.installed-test $(MESSAGES)

migrate: install
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo --port $(PORT)

setup: demo

# `make run` serves with the demo server settings (production's, with the demo's
# defaults: congtin/settings/demo_server.py); every command it runs, migrate and
# load_demo included, uses them. `make dev` keeps manage.py's default, dev.py.
DEMO_SETTINGS := congtin.settings.demo_server
run: export DJANGO_SETTINGS_MODULE := $(DEMO_SETTINGS)

# WhiteNoise serves what collectstatic gathered (hashed, compressed); gathered again
# only when a static file or the installed packages changed.
STATIC_SOURCES := $(shell find static congtin -path '*/static/*' -type f 2>/dev/null)
staticfiles/staticfiles.json: $(VENV)/.installed $(STATIC_SOURCES)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(PY) manage.py collectstatic --noinput -v 0
	touch $@

static: staticfiles/staticfiles.json

define ADDRESSES
	@echo ""
	@echo "  Cổng thông tin điện tử thành phố Hải Phòng: http://$(HOST):$(PORT)/"
	@echo "  Cổng thành phần quận Lê Chân:              http://lechan.localhost:$(PORT)/"
	@echo "  Trang quản trị: http://$(HOST):$(PORT)/admin/"
	@echo "  Tài khoản: admin   Mật khẩu: $${DEMO_ADMIN_PASSWORD:-haiphong-demo-2022}"
	@echo "  Theo vai trò (cùng mật khẩu): lechan.phongvien, lechan.bientap, lechan.truongban,"
	@echo "  haiphong.phongvien, haiphong.bientap, haiphong.truongban, quantri"
	@$(PY) manage.py demo_logins
	@echo ""
endef

# The web server (2 workers), the task worker and the scheduler, stopped together
# by Ctrl+C or SIGTERM (scripts/serve_demo.sh).
run: setup static
	$(ADDRESSES)
	VENV=$(VENV) HOST=$(HOST) PORT=$(PORT) exec bash scripts/serve_demo.sh

# For developers: Django's runserver (reloads on change, DEBUG on, dev.py), with the
# same scheduler and task worker as `make run`.
dev: setup
	$(ADDRESSES)
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	$(PY) manage.py db_worker --queue-name default,mail --no-reload -v 0 & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null; wait $$scheduler $$worker' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test
	bash scripts/test.sh

lint: install-test
	$(VENV)/bin/ruff check congtin bench

# mypy with django-stubs over the project's code (settings in pyproject.toml).
typecheck: install-test
	$(VENV)/bin/mypy congtin

# The bench drives the pages with wrk and sets nginx (the yardstick) and Varnish
# beside them: Debian's packages, installed when missing (as .ci/run does).
BENCH_TOOLS := wrk nginx varnishd
bench: install-test
	@missing=""; for tool in $(BENCH_TOOLS); do \
	    command -v $$tool >/dev/null 2>&1 || test -x /usr/sbin/$$tool || missing="$$missing $$tool"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "Installing from Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx varnish >/dev/null; \
	fi
	$(PY) bench/pages.py

# The editorial board's manual: its screenshots and PDF, taken from the demo in
# Chromium (scripts/manual_screenshots.py, docs/manual.md). Run it when a screen
# changes and commit what it writes under congtin/workspace/static/workspace/manual/.
manual: install-test
	$(PY) scripts/manual_screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles var
	rm -f $(MESSAGES)
