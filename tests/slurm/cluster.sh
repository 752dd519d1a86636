#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for tests: no systemd, no cgroups, all state in one folder.
#   cluster.sh install      apt-get the Debian packages if a daemon is missing (needs root)
#   cluster.sh start DIR    write DIR/slurm.conf, start munged, slurmctld and slurmd, wait for an idle node
#   cluster.sh stop DIR     stop the daemons started from DIR (by their pid files)
#   cluster.sh smoke DIR    start, run a 4-task array of `hostname`, stop: is Slurm usable here?
# Clients find the cluster through SLURM_CONF=DIR/slurm.conf. Ports 16817/16818 (SLURMCTLD_PORT,
# SLURMD_PORT) stay clear of a system Slurm on the default 6817/6818.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGES=(slurmctld slurmd slurm-client munge)

install_packages() {
    local tool missing=0
    for tool in slurmctld slurmd sbatch munged; do
        command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || missing=1
    done
    ((missing)) || return 0
    echo "installing ${PACKAGES[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
}

# Pid from a pid file, if that process is still alive.
live_pid() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
    local dir=$1 host cpus
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    host=$(hostname -s)
    cpus=$(nproc)
    export PATH=/usr/sbin:/sbin:$PATH

    # A fresh controller state: a job left over from an earlier run must not be restarted.
    rm -rf "$dir/state" "$dir/spool" "$dir/munge" "$dir/jobcomp.log"
    mkdir -p "$dir/state" "$dir/spool" "$dir/logs"
    install -d -m 0755 "$dir/munge"
    : >"$dir/plugstack.conf"
    sed -e "s|@DIR@|$dir|g" -e "s|@HOST@|$host|g" -e "s|@CPUS@|$cpus|g" \
        -e "s|@CTLD_PORT@|${SLURMCTLD_PORT:-16817}|g" -e "s|@SLURMD_PORT@|${SLURMD_PORT:-16818}|g" \
        "$here/slurm.conf.in" >"$dir/slurm.conf"
    export SLURM_CONF=$dir/slurm.conf

    # munged wants its key closed to others but its socket folder open (clients must reach the socket).
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 0400 "$dir/munge/munge.key"
    munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
        --seed-file="$dir/munge/munged.seed"
    munge -n --socket="$dir/munge/munge.socket" | unmunge --socket="$dir/munge/munge.socket" >/dev/null

    slurmctld -f "$dir/slurm.conf"
    slurmd -f "$dir/slurm.conf" -N "$host"

    local waited=0 state=""
    while ((waited < 60)); do
        state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
        [[ $state == idle ]] && break
        sleep 1
        waited=$((waited + 1))
    done
    if [[ $state != idle ]]; then
        echo "slurm node $host is '${state:-unreachable}' after ${waited}s; logs follow" >&2
        tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
        return 1
    fi
    echo "slurm up: node $host idle with $cpus CPUs after ${waited}s (SLURM_CONF=$dir/slurm.conf)"
}

stop() {
    local dir=$1 file pid jobs
    [[ -d $dir ]] || return 0
    # slurmstepd and the job's processes outlive slurmd: cancel what still runs first.
    if live_pid "$dir/slurmctld.pid" >/dev/null; then
        export SLURM_CONF=$dir/slurm.conf
        jobs=$(squeue -h -o %A 2>/dev/null | sort -u || true)
        if [[ -n $jobs ]]; then
            scancel $jobs || true
            for _ in $(seq 30); do [[ -z $(squeue -h 2>/dev/null) ]] && break; sleep 0.5; done
        fi
    fi
    for file in slurmd.pid slurmctld.pid munge/munged.pid; do
        pid=$(live_pid "$dir/$file") || continue
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    done
    return 0
}

smoke() {
    local dir=$1 job
    trap "stop '$dir'" EXIT
    trap 'exit 130' INT TERM
    start "$dir"
    job=$(sbatch --parsable --wait --array=0-3 --output="$dir/logs/smoke_%A_%a.out" \
        --wrap 'echo "task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID ran on $(hostname -s) at $(date +%T)"; sleep 2')
    cat "$dir"/logs/smoke_"${job%%;*}"_*.out
    grep -F " ArrayJobId=${job%%;*} " "$dir/jobcomp.log" | grep -c " JobState=COMPLETED " | grep -qx 4
    echo "slurm smoke test: array job ${job%%;*} ran 4 of 4 tasks"
}

# The daemons run as root (SlurmdUser=root) and the packages come from apt-get.
if (($(id -u) != 0)); then
    echo "tests/slurm/cluster.sh runs a Slurm cluster as root; run it as root" >&2
    exit 2
fi

case ${1:-} in
    install) install_packages ;;
    start) start "${2:?cluster.sh start DIR}" ;;
    stop) stop "${2:?cluster.sh stop DIR}" ;;
    smoke) install_packages; smoke "${2:?cluster.sh smoke DIR}" ;;
    *) echo "usage: $0 install | start DIR | stop DIR | smoke DIR" >&2; exit 2 ;;
esac
