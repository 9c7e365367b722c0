# Two commands: `make demo` and `make test`. Both set up .venv on a fresh machine.
# `make test` runs the linter, the formatter's check and the type checker before the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres,ray]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/kronika build examples --db demo.db
	$(BIN)/kronika stats --db demo.db
	$(BIN)/kronika entity --db demo.db Łukaszenko
	$(BIN)/kronika search --db demo.db Łukaszence
	$(BIN)/kronika quotes --db demo.db --speaker Cichanouska
	$(BIN)/kronika timeline --db demo.db Białoruś
	$(BIN)/kronika members --db demo.db WNP --as-of 2024-03
	$(BIN)/kronika relations --db demo.db Białoruś
	$(BIN)/kronika events --db demo.db --entity Łukaszenko
	$(BIN)/kronika analyze examples/02_eaeu_astana.txt examples/04_sondaz_ukraina_ue.txt
	@echo
	@echo "Browse it: $(BIN)/kronika serve --db demo.db   (then open http://127.0.0.1:8000/)"

CHECKED := src tests benchmarks training scripts

test: $(STAMP)
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy
	$(BIN)/python -m pytest
	# the Ray engine's tests start a local Ray with 2 CPUs: apart, so the default suite stays fast
	$(BIN)/python -m pytest -m ray

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
