# Catalyse: the commands of the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= 2
export HOST PORT

.PHONY: install run serve worker test lint format assets messages clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Development: SQLite under var/, demo content, a task worker beside the web server.
run: install
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_territories
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Catalyse : http://$(HOST):$(PORT)/"
	@trap 'kill 0' INT TERM EXIT; \
	  DEBUG=1 $(PY) manage.py db_worker --queue-name '*' & \
	  DEBUG=1 $(PY) manage.py runserver --noreload $(HOST):$(PORT)

# Production: gunicorn, DEBUG off, static files by whitenoise. Needs SECRET_KEY.
serve: install
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY doit être défini pour make serve (voir README)."; exit 1; }
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn catalyse.wsgi:application --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
	  --access-logfile - --forwarded-allow-ips '*'

# A task worker (run as many as needed, on any machine that reaches the database).
worker: install
	$(PY) manage.py db_worker --queue-name '*'

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-vendor the pinned front-end libraries (needs Node.js and npm).
assets:
	bash scripts/vendor_assets.sh

# Extract and compile French/English messages (needs gettext).
messages: install
	$(PY) manage.py makemessages -l en -l fr -i '.venv/*' -i 'node_modules/*'
	$(PY) scripts/po_fr_plurals.py catalyse/locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages -i '.venv' -i 'node_modules'

clean:
	rm -rf var/static .pytest_cache .mypy_cache .ruff_cache
