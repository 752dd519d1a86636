#!/usr/bin/env bash
# `make slurm-test`: a real Slurm run of newsmill shards on this one machine, checked against a
# single-machine run of the same inputs.
#   1. install Slurm and munge from Debian packages if missing; start munged, slurmctld, slurmd
#   2. sbatch --array=0-(N-1) of `newsmill build INPUTS --shard auto/N`, wait for it (squeue)
#   3. resubmit shard 0: a finished shard must be a no-op (dataset folder byte-identical)
#   4. newsmill commit; newsmill build INPUTS unsharded; compare_datasets.py the two
#   5. print a report; the daemons are stopped on exit whatever happened
# Environment: NEWSMILL (binary), PYTHON (with duckdb), SHARED (corpus folder, optional),
# SLURM_DIR (scratch, default out/slurm), SHARDS (default 4).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NEWSMILL=${NEWSMILL:-target/release/newsmill}
PYTHON=${PYTHON:-.venv/bin/python}
SHARED=${SHARED:-../shared}
SLURM_DIR=${SLURM_DIR:-out/slurm}
SHARDS=${SHARDS:-4}
export PATH=/usr/sbin:/sbin:$PATH

[[ -x $NEWSMILL ]] || { echo "no newsmill binary at $NEWSMILL" >&2; exit 2; }
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || { echo "SHARDS must be a positive integer, not '$SHARDS'" >&2; exit 2; }
NEWSMILL=$(cd "$(dirname "$NEWSMILL")" && pwd)/$(basename "$NEWSMILL")

# The corpus dev pages and WARCs when the shared corpus is there, else the repo's own sample data.
if [[ -d $SHARED/corpus ]]; then
    inputs=("$SHARED/corpus/aeb-dev/html" "$SHARED/corpus/wcxb-articles-dev/html" "$SHARED/corpus/warc")
else
    inputs=(data)
fi

"$here/cluster.sh" install
trap '"$here/cluster.sh" stop "$SLURM_DIR"' EXIT
trap 'exit 130' INT TERM
"$here/cluster.sh" stop "$SLURM_DIR"   # daemons a killed earlier run left behind
"$here/cluster.sh" start "$SLURM_DIR"
export SLURM_CONF=$(cd "$SLURM_DIR" && pwd)/slurm.conf

sharded=$SLURM_DIR/dataset single=$SLURM_DIR/single logs=$SLURM_DIR/logs
rm -rf "$sharded" "$single" "$logs"
mkdir -p "$logs"

# Tasks of JOB as the job-completion log records them, one line each.
finished_tasks() { grep -F " ArrayJobId=$1 " "$SLURM_DIR/jobcomp.log" 2>/dev/null || true; }

# Submit an array of shards and wait for it; the exit code says whether every task completed.
# (sbatch --wait polls with growing sleeps and returned ~15 s late here; squeue each second does not.)
submit_and_wait() {  # submit_and_wait ARRAY_SPEC TASK_COUNT -> prints the job id
    local job
    job=$(sbatch --parsable --array="$1" --chdir="$PWD" --output="$logs/shard_%A_%a.out" \
        "$here/shard-job.sh" "$NEWSMILL" "$SHARDS" "$sharded" "${inputs[@]}")
    job=${job%%;*}
    echo "$job"
    while [[ -n $(squeue -h -j "$job" 2>/dev/null) ]]; do sleep 1; done
    # slurmctld logs a task's completion as it leaves the queue: give the log a moment.
    for _ in $(seq 20); do (($(finished_tasks "$job" | wc -l) >= $2)) && break; sleep 0.5; done
    (($(finished_tasks "$job" | grep -c ' JobState=COMPLETED .*ExitCode=0:0') == $2))
}
echo "== submitting $SHARDS shards over: ${inputs[*]}"
started=$(date +%s)
job_rc=0
job=$(submit_and_wait "0-$((SHARDS - 1))" "$SHARDS") || job_rc=$?
wall=$(($(date +%s) - started))

# Per-task state and elapsed time: sacct when accounting storage is configured, else the
# job-completion log that slurm.conf.in asks slurmctld to write.
task_report() {  # task_report JOB
    if sacct -j "$1" -n -X -o JobID,State,Elapsed,ExitCode 2>/dev/null | grep -q .; then
        sacct -j "$1" -X -o JobID,State,Elapsed,ExitCode
        return
    fi
    printf '%-12s %-10s %8s %s\n' TASK STATE ELAPSED EXIT
    local line key value
    while read -r line; do
        local -A f=()
        for pair in $line; do key=${pair%%=*} value=${pair#*=}; f[$key]=$value; done
        local secs=$(($(date -d "${f[EndTime]}" +%s) - $(date -d "${f[StartTime]}" +%s)))
        printf '%-12s %-10s %7ss %s\n' "$1_${f[ArrayTaskId]}" "${f[JobState]}" "$secs" "${f[ExitCode]}"
    done < <(finished_tasks "$1") | sort -t_ -k2,2n
}
tasks=$(task_report "$job")
echo "$tasks"
if ((job_rc != 0)); then
    echo "array job $job: not every task completed; task logs follow" >&2
    tail -n 20 "$logs"/shard_*.out >&2 || true
    exit 1
fi

# A finished shard run again must change nothing.
tree_digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
before=$(tree_digest "$sharded")
rerun_ok=yes
rerun=$(submit_and_wait 0 1) || rerun_ok=no
after=$(tree_digest "$sharded")
noop=FAIL
[[ $rerun_ok == yes && $before == "$after" ]] && noop=PASS
echo "rerun of shard 0 (job $rerun, completed: $rerun_ok): dataset folder unchanged: $noop"

echo "== newsmill commit $sharded"
"$NEWSMILL" commit "$sharded"

echo "== unsharded run into $single"
"$NEWSMILL" build "${inputs[@]}" --out "$single" --progress never >"$SLURM_DIR/single.log" 2>&1 \
    || { cat "$SLURM_DIR/single.log" >&2; exit 1; }

echo "== comparing $sharded with $single"
compare_rc=0
"$PYTHON" "$here/compare_datasets.py" "$sharded" "$single" | tee "$SLURM_DIR/compare.txt" || compare_rc=$?

verdict=PASS
((compare_rc == 0)) && [[ $noop == PASS ]] || verdict=FAIL
counts=$("$PYTHON" -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]
print(", ".join(f"{k} {v}" for k, v in c.items() if isinstance(v, int)))' "$sharded/_manifest.json")
cat <<REPORT

== slurm-test report
Slurm        $(sinfo -V) on $(hostname -s), $(nproc) CPUs, partition $(sinfo -h -o %P)
inputs       ${inputs[*]}
array job    $job: $SHARDS shards, ${wall}s from submission to the last task done
$tasks
rerun        shard 0 as job $rerun: no-op $noop
committed    $counts
comparison   $(tail -n 1 "$SLURM_DIR/compare.txt") (sharded vs single run)
slurm-test   $verdict
REPORT
[[ $verdict == PASS ]]
