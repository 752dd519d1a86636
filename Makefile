# newsmill — the two commands of a fresh machine are `make dataset` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
BIN := target/release/newsmill
DATASET := out/dataset
SHARED ?= ../shared

.PHONY: all release dataset test test-rust test-dataset venv eval clean

all: release

release:
	$(CARGO) build --release --locked

## dataset: build the release binary and turn data/ into out/dataset
dataset: release
	$(BIN) build data/ --out $(DATASET) --overwrite

## test: every Rust test, then the DuckDB/pandas check of a freshly built dataset
test: test-rust test-dataset

test-rust:
	$(CARGO) test --locked

test-dataset: dataset venv
	$(VENV)/bin/python tests/check_dataset.py $(DATASET)

## venv: Python packages for the DuckDB/pandas checks and the scorers, in .venv
venv: $(VENV)/.installed
$(VENV)/.installed:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check duckdb pandas pyarrow
	touch $@

## eval: score extraction on the corpus dev sets (skips when ../shared is absent)
eval: release venv
	@if [ ! -d $(SHARED)/corpus ]; then echo "eval: $(SHARED)/corpus not found, skipping"; exit 0; fi; \
	for set in aeb-dev wcxb-articles-dev; do \
		rm -rf out/eval/$$set; \
		start=$$(date +%s.%N); \
		$(BIN) build $(SHARED)/corpus/$$set/html --out out/eval/$$set --progress never || exit 1; \
		end=$$(date +%s.%N); \
		pages=$$(ls $(SHARED)/corpus/$$set/html | wc -l); \
		echo "== $$set: $$pages pages, $$(echo "$$pages / ($$end - $$start)" | bc -l | xargs printf '%.0f') pages/s (whole run, all cores)"; \
		$(VENV)/bin/python $(SHARED)/tools/score_extraction.py $(SHARED)/corpus/$$set out/eval/$$set; \
	done

clean:
	$(CARGO) clean
	rm -rf out $(VENV)
