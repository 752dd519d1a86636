# newsmill — the two commands of a fresh machine are `make dataset` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
BIN := target/release/newsmill
DATASET := out/dataset
SHARED ?= ../shared

.PHONY: all release dataset test test-rust test-dataset lint venv eval bench clean

all: release

release:
	$(CARGO) build --release --locked

## dataset: build the release binary and turn data/ into out/dataset
dataset: release
	$(BIN) build data/ --out $(DATASET) --overwrite

## test: every Rust test (the S3 one against moto from .venv, required here), then the
##       DuckDB/pandas check of a freshly built dataset
test: test-rust test-dataset

test-rust: venv
	NEWSMILL_REQUIRE_S3_TEST=1 $(CARGO) test --locked

test-dataset: dataset venv
	$(VENV)/bin/python tests/check_dataset.py $(DATASET)

## lint: the tree is rustfmt-clean and clippy-clean with warnings as errors
lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

## venv: Python packages for the DuckDB/pandas checks, the scorers and the local S3 server
##       of tests/s3.rs (moto), in .venv; redone when this Makefile changes
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check duckdb pandas pyarrow 'moto[server]'
	touch $@

## eval: score extraction and quotes on the corpus dev sets (skips when ../shared is absent);
##       WORST=N lists the N worst pages of each extraction set
WORST ?= 0
eval: release venv
	$(VENV)/bin/python tests/eval.py $(BIN) $(SHARED) out/eval --worst $(WORST)

## bench: newsmill beside resiliparse and trafilatura on the corpus pages (one core), stage
##        times, 1-vs-2-thread scaling on a large WARC, then bench-memory (bench.mk); peers are
##        installed into .venv-bench
BENCH_VENV := .venv-bench
ROUNDS ?= 5
REPEAT ?= 4
bench: release $(BENCH_VENV)/.installed
	$(PYTHON) benches/compare.py $(BIN) $(SHARED) out/bench $(BENCH_VENV)/bin/python --rounds $(ROUNDS) --repeat $(REPEAT)
	$(MAKE) --no-print-directory bench-memory

$(BENCH_VENV)/.installed:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check resiliparse trafilatura lxml_html_clean
	touch $@

clean:
	$(CARGO) clean
	rm -rf out $(VENV) $(BENCH_VENV)
include bench.mk
include fuzz.mk
include slurm.mk
