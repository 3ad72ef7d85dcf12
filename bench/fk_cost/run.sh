#!/bin/bash
# What a foreign key costs on an insert path (docs/development.md, "Allowed values"):
# interleaved A/B pgbench runs, without and with the FK, in a scratch database.
#   createdb fkbench && psql -d fkbench -f setup.sql && ./run.sh "postgresql://.../fkbench" ins 1 8 5
#   (then: ./run.sh URL bills 1 5 5 for the 1,000-row bill inserts)
# Prints: clients round variant tps.
set -euo pipefail
URL=$1; SCRIPT=${2:-ins}; C=${3:-1}; ROUNDS=${4:-8}; SECS=${5:-5}
export PGOPTIONS="-c synchronous_commit=off"   # measure the insert, not the WAL flush
cd "$(dirname "$0")"
for r in $(seq 1 "$ROUNDS"); do
  for v in nofk fk; do
    tps=$(pgbench -n -M prepared -c "$C" -j "$C" -T "$SECS" -f "${SCRIPT}_$v.sql" "$URL" 2>/dev/null | awk '/^tps/ {print $3}')
    echo "$C $r $v $tps"
  done
done
