# Slurm targets, included from the Makefile (uses its BIN, VENV and SHARED).

SLURM_DIR ?= out/slurm
SHARDS ?= 4

.PHONY: slurm-test slurm-smoke slurm-down

## slurm-test: install Slurm + munge (Debian packages, as root) if missing, start a one-node
##             cluster under $(SLURM_DIR), run newsmill as a $(SHARDS)-task job array, commit,
##             and check the dataset row for row against an unsharded run; daemons stop at the end
slurm-test: release venv
	NEWSMILL=$(BIN) PYTHON=$(VENV)/bin/python SHARED=$(SHARED) SLURM_DIR=$(SLURM_DIR) SHARDS=$(SHARDS) \
		tests/slurm/slurm_test.sh

## slurm-smoke: the same cluster running a 4-task array of `hostname` (no newsmill needed)
slurm-smoke:
	tests/slurm/cluster.sh smoke $(SLURM_DIR)

## slurm-down: stop daemons a killed slurm-test left running
slurm-down:
	tests/slurm/cluster.sh stop $(SLURM_DIR)
