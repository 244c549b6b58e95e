# Trellis: `make demo` runs it, `make test` checks it. Both create what they need (.tools with uv, .venv from uv.lock).
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1

.PHONY: demo serve test test-postgres test-browser lint install openapi bench-install clean messages

# uv lives in its own environment: `uv sync` removes whatever is not in the lock, uv included.
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

install: $(VENV)/.synced

# The demo's emails (invitations, password resets, reminders) land as files in var/mail/, not in the terminal;
# the logins come last, once the server listens and the worker runs.
demo: install
	$(BIN)/trellis migrate --noinput
	$(BIN)/trellis collectstatic --noinput --verbosity 0
	$(BIN)/trellis demo-seed --no-logins
	@trap 'kill 0' EXIT; \
	  export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH=var/mail; \
	  $(BIN)/trellis worker --no-startup-delay --verbosity 0 & \
	  $(BIN)/trellis runserver --noreload 127.0.0.1:8000 & \
	  $(BIN)/trellis demo-seed --logins-when-ready 127.0.0.1:8000 && \
	  echo "Emails the demo sends are files in var/mail/. Ctrl-C stops the server and the worker." && wait

# Production: gunicorn with workers behind your HTTPS proxy (docs/deploy.md). Needs SECRET_KEY and friends set.
serve: install
	$(BIN)/trellis migrate --noinput
	$(BIN)/trellis serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy trellis

# The suite runs on every core (pytest-xdist); each test file stays on one worker (--dist loadfile).
PYTEST_PARALLEL ?= -n auto --dist loadfile

test: lint
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The suite again against PostgreSQL (DATABASE_URL must point at a server; .ci/run sets it).
test-postgres: install
	$(BIN)/pytest $(PYTEST_PARALLEL) --create-db -m "not browser"

test-browser: install
	$(BIN)/pytest --create-db -m browser

# benchmarks/matching.py compares with mentor-match, which only the bench group installs.
bench-install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet --group bench

openapi: install
	$(BIN)/trellis export-openapi

clean:
	rm -rf .venv .tools var

# Translation catalogues (needs GNU gettext: apt-get install gettext): each app's messages into its
# locale/<de|pt_BR|es>/LC_MESSAGES/django.po, then compiled to .mo (both committed). `make messages APP=goals` for one app.
APP ?= *
messages: install
	@for app in trellis/$(APP)/; do \
	  [ -f $$app/apps.py ] || continue; \
	  mkdir -p $$app/locale; \
	  (cd $$app && DJANGO_SETTINGS_MODULE=trellis.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/python -P -m django \
	    makemessages -l de -l pt_BR -l es --no-obsolete --add-location file --ignore 'tests/*' --ignore 'migrations/*' \
	    --verbosity 0 && DJANGO_SETTINGS_MODULE=trellis.settings PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/python -P -m django \
	    compilemessages --verbosity 0); \
	  rmdir $$app/locale 2>/dev/null || true; \
	done
