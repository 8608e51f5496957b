# Two commands for a newcomer: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= 4

.PHONY: run test venv bench clean dictionary

$(STAMP): requirements.txt requirements-nodeps.txt constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	@touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/snakemake --cores $(CORES)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) results/vocabulary/vocabulary.json
	$(BIN)/python -m curation.bench

dictionary: $(STAMP)
	$(BIN)/python -m schemas.dictionary

clean:
	rm -rf results .snakemake
