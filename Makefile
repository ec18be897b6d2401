VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run run-intervals test test-all fuzz app bench lint clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[app,test,dev]"
	$(PY) -c "from roster.solver.search import dp; dp.warm()"  # compile the dynamic program once
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/roster solve scenarios/callcenter_95598.yaml --out out --time-limit 60 --quiet

run-intervals: $(STAMP)
	$(VENV)/bin/roster solve scenarios/callcenter_95598_intervals.yaml --out out/intervals --time-limit 90 --quiet

test: $(STAMP)
	$(PY) -m pytest -q -m "not slow" -n 2

test-all: $(STAMP)
	$(PY) -m pytest -q -n 2

FUZZ_EXAMPLES ?= 3000

fuzz: $(STAMP)
	ROSTER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/io/test_fuzz_inputs.py

app: $(STAMP)
	$(VENV)/bin/streamlit run app_streamlit.py

lint: $(STAMP)
	$(VENV)/bin/ruff check roster tests
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) out
