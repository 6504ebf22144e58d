#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: a fresh cluster in a temp dir, on a free port, with fsync off.
#
#   scripts/throwaway-pg.sh start [DIR]   prints two lines: the connection URL, then the cluster's dir
#   scripts/throwaway-pg.sh stop DIR      stops the server and deletes DIR
#
# Finds initdb/pg_ctl in /usr/lib/postgresql/*/bin (Debian's postgresql package) or on PATH. As root it
# runs them as the postgres user, because PostgreSQL refuses to run as root.
set -euo pipefail

die() {
  echo "throwaway-pg: $*" >&2
  exit 1
}

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bin dir port attempt
  bin=$(find_bin) || die "PostgreSQL not found: install the Debian package 'postgresql' (needs initdb and pg_ctl)"
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' user to run the server as"
  fi
  dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/kw-pg.XXXXXX")}
  mkdir -p "$dir"
  chmod 700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$dir/initdb.log")"
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      echo "postgres://postgres@127.0.0.1:$port/postgres"
      echo "$dir"
      return 0
    fi
  done
  die "pg_ctl could not start the server: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
}

stop() {
  local dir=${1:-}
  [[ -n "$dir" && -d "$dir/data" ]] || die "usage: $0 stop DIR (a dir printed by '$0 start')"
  local bin
  bin=$(find_bin) || die "PostgreSQL not found"
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start [DIR] | stop DIR" ;;
esac
