# fuzz.mk: the `fuzz` target, included by the Makefile.
## fuzz: run each cargo-fuzz target for FUZZ_SECONDS seconds (default 60), one
##       after the other in one process (one core). Needs `cargo install cargo-fuzz`;
##       stable Rust does, its -Z flags allowed by RUSTC_BOOTSTRAP=1. Crashes land
##       in fuzz/artifacts/<target>/, the corpus grows in fuzz/corpus/<target>/
##       from the committed seeds in fuzz/seeds/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := warc_reader decode extract_html transform

.PHONY: fuzz
fuzz:
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		mkdir -p corpus/$$target && \
		RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run --sanitizer none --debug-assertions $$target corpus/$$target seeds/$$target -- \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 || exit 1; \
	done
