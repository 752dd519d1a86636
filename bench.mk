# Benchmark targets, included from the Makefile (uses its BIN, PYTHON and SHARED).

.PHONY: bench bench-micro bench-memory

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


## bench-micro: divan micro-benchmarks of each stage's hot function (benches/stages.rs);
##              FILTER=regex runs only the matching ones, e.g. FILTER=extract
FILTER ?=
bench-micro:
	$(CARGO) bench --locked --bench stages -- $(FILTER)

## bench-memory: peak RSS of `newsmill build` on ~200 MB and ~2 GB per-record-gzip WARCs of the
##               corpus pages (built once into bench/work); fails above 300 MB or if RSS grows
##               with the input. MEMORY_SIZES=MB,MB sets the input sizes
MEMORY_SIZES ?= 200,2000
bench-memory: release
	$(PYTHON) benches/memory.py $(BIN) $(SHARED) bench/work --sizes $(MEMORY_SIZES)
