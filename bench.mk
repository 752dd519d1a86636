# Benchmark targets, included from the Makefile.

.PHONY: bench-micro bench-memory

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
