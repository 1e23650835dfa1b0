#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL (Debian's `postgresql` package) listening on 127.0.0.1, with
# PGHOST/PGPORT/PGUSER/PGDATABASE set for it; the cluster is stopped and deleted afterwards.
#   bash bench/with-postgres.sh npm run bench:interp
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/escript-pg.XXXXXX)
port=${BENCH_PGPORT:-54329}
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_owner "$bin/initdb" -D "$dir/data" -A trust -U bench >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
PGHOST=127.0.0.1 PGPORT=$port PGUSER=bench PGDATABASE=postgres "$@"
