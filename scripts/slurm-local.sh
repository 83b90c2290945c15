#!/usr/bin/env bash
# A real Slurm run on this machine (`make slurm-check`; not part of CI).
#
# Installs slurm-wlm and munge from Debian when missing, starts a one-node cluster
# (munged, slurmctld, slurmd; configuration, state and logs under runs/slurm-local/),
# submits examples/sweeps/slurm-check.json as a job array of shards — the script of
# docs/sweeps.md, "A Slurm job array" — merges the shards in a job that depends on the
# array, runs the same sweep unsharded, and checks that the merged table.csv equals the
# unsharded one with the timing column (wallSeconds) aside, and that fits.json is equal.
# Stops the daemons it started. Needs root (apt-get, daemons). Exit 0 only when equal.
#
#   scripts/slurm-local.sh [SHARDS]      (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARDS=${1:-4}
SPEC=$ROOT/examples/sweeps/slurm-check.json
ESCAPE=${ESCAPE:-$ROOT/.build/release/escape}
WORK=$ROOT/runs/slurm-local

say() { echo "slurm-local: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { say "run as root: it installs packages and starts the Slurm daemons"; exit 2; }
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || { say "SHARDS: given '$SHARDS'; allowed: a positive integer"; exit 2; }
[ -x "$ESCAPE" ] || { say "no escape binary at $ESCAPE: run 'make build' first (or set ESCAPE)"; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm and munge (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
if pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; then
    say "a slurmctld or slurmd already runs on this machine; stop it first (this script starts its own)"
    exit 2
fi

rm -rf "$WORK"
mkdir -p "$WORK"/{state,spool,log,run,shards}
export SLURM_CONF=$WORK/slurm.conf

# munge: Debian's package writes /etc/munge/munge.key; the daemon runs as user munge.
[ -s /etc/munge/munge.key ] || { mungekey --create --keyfile=/etc/munge/munge.key; chown munge:munge /etc/munge/munge.key; chmod 600 /etc/munge/munge.key; }
started_munge=no
if ! munge -n >/dev/null 2>&1; then
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    su -s /bin/sh munge -c /usr/sbin/munged
    started_munge=yes
fi
munge -n | unmunge >/dev/null

NODE=$(hostname -s)
CPUS=$(nproc)
MEMORY=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 / 2 ))
cat > "$SLURM_CONF" <<CONF
# One-node cluster for scripts/slurm-local.sh. linuxproc process tracking and no task
# plugin: containers rarely give slurmd the cgroups it would otherwise need.
ClusterName=escape-local
SlurmctldHost=$NODE
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$NODE CPUs=$CPUS RealMemory=$MEMORY State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF

stop_daemons() {
    scontrol shutdown >/dev/null 2>&1 || true
    for pid in "$WORK"/run/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
    if [ "$started_munge" = yes ]; then pkill -x munged 2>/dev/null || true; fi
}
trap stop_daemons EXIT

slurmctld
slurmd
for _ in $(seq 60); do
    sinfo --noheader --format=%t 2>/dev/null | grep -qx idle && break
    sleep 0.5
done
sinfo --noheader --format=%t | grep -qx idle || { say "the node did not come up; see $WORK/log"; exit 1; }
say "cluster up: node $NODE, $CPUS CPUs"
sinfo

# The job script of docs/sweeps.md, one shard per array task.
cat > "$WORK/shard.sbatch" <<JOB
#!/bin/bash
#SBATCH --job-name=escape-sweep
#SBATCH --array=0-$((SHARDS - 1))
#SBATCH --cpus-per-task=1
#SBATCH --output=$WORK/log/%x-%a.out
"$ESCAPE" sweep "$SPEC" --out "$WORK/shards/shard-\$SLURM_ARRAY_TASK_ID" \\
    --shard "\$SLURM_ARRAY_TASK_ID/$SHARDS" --threads "\$SLURM_CPUS_PER_TASK" --resume
JOB
start=$SECONDS
array=$(sbatch --parsable "$WORK/shard.sbatch")
say "submitted job array $array ($SHARDS shards)"
sbatch --wait --dependency=afterok:"$array" --job-name=escape-merge --output="$WORK/log/merge.out" \
    --wrap "\"$ESCAPE\" merge $WORK/shards/shard-* --out $WORK/merged"
say "shards and merge done in $((SECONDS - start)) s: $WORK/merged"
sacct_line=$(scontrol show job "$array" 2>/dev/null | grep -c JobState=COMPLETED || true)
say "array tasks COMPLETED: $sacct_line of $SHARDS"

start=$SECONDS
"$ESCAPE" sweep "$SPEC" --out "$WORK/unsharded" --threads "$CPUS" >/dev/null 2>&1
say "unsharded run: $((SECONDS - start)) s"

# table.csv without its timing column: wallSeconds is the last one (checked), and a
# label holds quoted commas, so the last field of each line is what goes.
without_timing() {
    head -n 1 "$1" | grep -q ',wallSeconds$' || { say "$1: the last column is not wallSeconds"; exit 1; }
    sed 's/,[^,]*$//' "$1"
}
without_timing "$WORK/merged/table.csv" > "$WORK/merged.csv"
without_timing "$WORK/unsharded/table.csv" > "$WORK/unsharded.csv"
rows=$(( $(wc -l < "$WORK/unsharded.csv") - 1 ))
if cmp -s "$WORK/merged.csv" "$WORK/unsharded.csv" && cmp -s "$WORK/merged/fits.json" "$WORK/unsharded/fits.json"; then
    say "passed: the merged table of $SHARDS Slurm shards equals the unsharded table ($rows rows; wallSeconds aside) and fits.json is identical"
else
    say "FAILED: merged and unsharded differ:"
    diff "$WORK/merged.csv" "$WORK/unsharded.csv" | head -20 >&2 || true
    diff "$WORK/merged/fits.json" "$WORK/unsharded/fits.json" | head -20 >&2 || true
    exit 1
fi
