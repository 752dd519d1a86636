# newsmill — the two commands of a fresh machine are `make dataset` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
BIN := target/release/newsmill
DATASET := out/dataset
SHARED ?= ../shared

.PHONY: all help release install dataset test test-rust test-dataset lint venv eval clean

all: release

## help: this list: every target with what it does (from the `## target:` comments of the
##       Makefile and of bench.mk, fuzz.mk and slurm.mk)
help:
	@sed -n 's/^## \{0,1\}//p' $(MAKEFILE_LIST)

## release: the release binary, target/release/newsmill
release:
	$(CARGO) build --release --locked

## install: put newsmill on PATH: `cargo install` of this checkout into ~/.cargo/bin (or
##          PREFIX/bin with PREFIX=...), reusing the release build of target/
install:
	$(CARGO) install --path . --locked $(if $(PREFIX),--root $(PREFIX))

## dataset: build the release binary and turn data/ into out/dataset
dataset: release
	$(BIN) build data/ --out $(DATASET) --overwrite

## test: every Rust test (the S3 one against moto from .venv, required here), then the
##       DuckDB/pandas check of a freshly built dataset. The tests build with the release
##       profile, so they reuse the dependencies `make dataset` compiled instead of
##       compiling them all again for the debug profile.
test: test-rust test-dataset

test-rust: venv
	NEWSMILL_REQUIRE_S3_TEST=1 $(CARGO) test --release --locked

test-dataset: dataset venv
	$(VENV)/bin/python tests/check_dataset.py $(DATASET)

## lint: the tree is rustfmt-clean and clippy-clean with warnings as errors
lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

## venv: Python packages for the DuckDB/pandas checks, the scorers and the local S3 server
##       of tests/s3.rs (moto's S3 service and its Flask server only: `moto[server]` would
##       add every other AWS service's dependencies), in .venv; redone when this Makefile
##       changes
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check duckdb pandas pyarrow 'moto[s3]' flask flask-cors
	touch $@

## eval: score extraction and quotes on the corpus dev sets (skips when ../shared is absent);
##       WORST=N lists the N worst pages of each extraction set
WORST ?= 0
eval: release venv
	$(VENV)/bin/python tests/eval.py $(BIN) $(SHARED) out/eval --worst $(WORST)

## clean: cargo clean, and remove out/, .venv and .venv-bench
clean:
	$(CARGO) clean
	rm -rf out $(VENV) $(BENCH_VENV)
include bench.mk
include fuzz.mk
include slurm.mk
