#!/usr/bin/env bash
# One task of a Slurm job array: newsmill builds the shard whose index Slurm gives it.
#   sbatch --array=0-$((N-1)) tests/slurm/shard-job.sh NEWSMILL N OUT INPUT...
# `--shard auto/N` reads the index from SLURM_ARRAY_TASK_ID; a rerun of a finished shard is a no-op,
# so a failed array can simply be resubmitted. `newsmill commit OUT` publishes once all N are done.
#SBATCH --job-name=newsmill-shard
#SBATCH --cpus-per-task=1
set -euo pipefail
newsmill=$1 shards=$2 out=$3
shift 3
echo "task ${SLURM_ARRAY_TASK_ID:-?} of array job ${SLURM_ARRAY_JOB_ID:-?} on $(hostname -s)"
exec "$newsmill" build "$@" --out "$out" --shard "auto/$shards" \
    --threads "${SLURM_CPUS_PER_TASK:-1}" --progress never
