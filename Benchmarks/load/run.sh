#!/usr/bin/env bash
# End-to-end durable throughput of `illgate serve` on loopback (Benchmarks/README.md, "Durable throughput").
#
# Builds the daemon and the TCP load generator in release mode, then for each load run starts a fresh daemon
# (a copy of config/illgate.toml whose database, admin token and log are in a new temporary directory, so
# ./data is never touched), drives it, samples its peak RSS, checks the database, and stops it:
#   - HTTP: wrk with Benchmarks/load/loan-request.lua (a unique request id per request), 2 threads;
#   - TCP:  TCPLoad (Benchmarks/Sources/TCPLoad) in length mode, 2 threads.
# Every request is a new ISO 18626 request that the daemon commits (SQLite WAL, synchronous=FULL) before
# answering. A table of the figures is printed at the end.
#
# Two references are measured in the same run, and the ratios printed beside them:
#   - BareRoute (Benchmarks/Sources/BareRoute): a bare Hummingbird route that parses the same body with libxml2
#     and answers a fixed confirmation, driven by the same wrk script at the same connection counts;
#   - GatewayCommit --single-row-commits: a bare loop of single-row durable SQLite commits (WAL, FULL), the
#     bound for one connection, which waits for each commit.
#
# Environment (all optional):
#   DURATION=25              seconds per run
#   HTTP_CONNECTIONS="1 32 64"   wrk connection counts (empty: no HTTP runs)
#   TCP_CONNECTIONS="1 32 64"    TCPLoad connection counts (empty: no TCP runs)
#   THREADS=2                load generator threads
#   LOG_LEVEL=warning        the daemon's logging.level (info writes one line per message)
#   BUILD=1                  0 skips both release builds
#   ILLGATE=<repo>/.build/release/illgate   the daemon binary
#   TCPLOAD=<repo>/Benchmarks/.build/release/TCPLoad
#   REFERENCES=1             0 skips the two reference measurements
#   BARE_PORT=18690          loopback port for BareRoute
#   WORK_DIR=$(mktemp -d)    where the runs' directories go; must be on the disk being measured, not tmpfs
#   KEEP=0                   1 keeps WORK_DIR (databases and daemon logs) afterwards
#   HTTP_PORT=18626 TCP_PORT=18627 ADMIN_PORT=18680   loopback ports for the daemon
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${DURATION:-25}
HTTP_CONNECTIONS=${HTTP_CONNECTIONS-1 32 64}
TCP_CONNECTIONS=${TCP_CONNECTIONS-1 32 64}
THREADS=${THREADS:-2}
LOG_LEVEL=${LOG_LEVEL:-warning}
BUILD=${BUILD:-1}
ILLGATE=${ILLGATE:-$REPO/.build/release/illgate}
TCPLOAD=${TCPLOAD:-$REPO/Benchmarks/.build/release/TCPLoad}
BAREROUTE=$REPO/Benchmarks/.build/release/BareRoute
GATEWAYCOMMIT=$REPO/Benchmarks/.build/release/GatewayCommit
REFERENCES=${REFERENCES:-1}
BARE_PORT=${BARE_PORT:-18690}
HTTP_PORT=${HTTP_PORT:-18626}
TCP_PORT=${TCP_PORT:-18627}
ADMIN_PORT=${ADMIN_PORT:-18680}
KEEP=${KEEP:-0}
TEMPLATE=$REPO/config/examples/loan-request.xml
LUA=$REPO/Benchmarks/load/loan-request.lua

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
[[ -f $TEMPLATE ]] || die "missing $TEMPLATE"

if [[ $BUILD == 1 ]]; then
    say "== building the daemon (release)"
    (cd "$REPO" && swift build -c release --product illgate) >&2 || die "the release build of illgate failed"
    say "== building TCPLoad, BareRoute and GatewayCommit (release)"
    for product in TCPLoad BareRoute GatewayCommit; do
        (cd "$REPO/Benchmarks" && swift build -c release --product "$product") >&2 || die "the release build of $product failed"
    done
fi
[[ -x $ILLGATE ]] || die "no daemon binary at $ILLGATE"
[[ -x $TCPLOAD || -z $TCP_CONNECTIONS ]] || die "no TCPLoad binary at $TCPLOAD"

WORK_DIR=${WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/illgate-load.XXXXXX")}
mkdir -p "$WORK_DIR"
FS_TYPE=$(stat -f -c %T "$WORK_DIR")
[[ $FS_TYPE == tmpfs || $FS_TYPE == ramfs ]] && say "WARNING: $WORK_DIR is on $FS_TYPE: fsync is free there, durability is not measured"

for port in "$HTTP_PORT" "$TCP_PORT" "$ADMIN_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "127.0.0.1:$port is already in use; set HTTP_PORT, TCP_PORT and ADMIN_PORT to free ports"
    fi
done

DAEMON_PID=
BARE_PID=
cleanup() {
    if [[ -n $DAEMON_PID ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    if [[ -n $BARE_PID ]] && kill -0 "$BARE_PID" 2>/dev/null; then
        kill -TERM "$BARE_PID" 2>/dev/null || true
        wait "$BARE_PID" 2>/dev/null || true
    fi
    if [[ $KEEP != 1 ]]; then rm -rf "$WORK_DIR"; else say "kept $WORK_DIR"; fi
}
trap cleanup EXIT

# Writes the run's configuration: the quick-start file with the database, admin token, listeners and log
# level replaced. Every replacement is checked, so a change to the quick-start file cannot go unnoticed.
write_config() {
    local dir=$1
    sed -e "s#^path = \"data/illgate.sqlite\"#path = \"$dir/illgate.sqlite\"#" \
        -e "s#^token_file = \"data/admin.token\"#token_file = \"$dir/admin.token\"#" \
        -e "s#^listen = \"127.0.0.1:18626\"#listen = \"127.0.0.1:$HTTP_PORT\"#" \
        -e "s#^listen = \"127.0.0.1:18627\"#listen = \"127.0.0.1:$TCP_PORT\"#" \
        -e "s#^listen = \"127.0.0.1:18680\"#listen = \"127.0.0.1:$ADMIN_PORT\"#" \
        -e "s#^level = \"[a-z]*\"#level = \"$LOG_LEVEL\"#" \
        -e "s#^duplicate_hours = 24 .*#duplicate_hours = 0#" \
        -e "s#^max_open_loans_per_peer = 10#max_open_loans_per_peer = 0#" \
        "$REPO/config/illgate.toml" >"$dir/illgate.toml"
    # Every request is the same book with a new id: the policy's duplicate red flag and the per-peer loan
    # quota are switched off, so each one is decided WillSupply against the example holdings (imported
    # below) and its answer goes to the outbox, as a real stream of different requests would.
    for expected in "path = \"$dir/illgate.sqlite\"" "token_file = \"$dir/admin.token\"" \
        "listen = \"127.0.0.1:$HTTP_PORT\"" "listen = \"127.0.0.1:$TCP_PORT\"" \
        "listen = \"127.0.0.1:$ADMIN_PORT\"" "level = \"$LOG_LEVEL\"" "duplicate_hours = 0" "max_open_loans_per_peer = 0"; do
        grep -qxF "$expected" "$dir/illgate.toml" || die "could not set '$expected' in the copy of config/illgate.toml"
    done
    "$ILLGATE" holdings import --config "$dir/illgate.toml" "$REPO/config/examples/holdings.csv" >&2 || die "could not import the example holdings"
}

start_daemon() {
    local dir=$1
    write_config "$dir"
    # Start in the run's directory, so that any relative path lands there. The environment overrides win
    # over the file; clear them so that the file decides.
    (cd "$dir" && exec env -u ILLGATE_HTTP_LISTEN -u ILLGATE_TCP_LISTEN -u ILLGATE_ADMIN_LISTEN -u ILLGATE_DATABASE \
        -u ILLGATE_LOG_LEVEL -u ILLGATE_LOG_FORMAT -u ILLGATE_CONFIG \
        "$ILLGATE" serve --config "$dir/illgate.toml" >"$dir/daemon.log" 2>&1) &
    DAEMON_PID=$!
    for _ in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$TCP_PORT") 2>/dev/null; then
            return 0
        fi
        kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$dir/daemon.log" >&2; die "the daemon exited at start-up"; }
        sleep 0.1
    done
    die "the daemon did not start listening within 30 s (log: $dir/daemon.log)"
}

# Prints "VmHWM_kB VmRSS_kB cpu_seconds" of the daemon.
sample_daemon() {
    local hwm rss ticks
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON_PID/status")
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON_PID/status")
    # utime + stime (fields 14 and 15; the command name in field 2 has no spaces here).
    ticks=$(awk '{print $14 + $15}' "/proc/$DAEMON_PID/stat")
    echo "$hwm $rss $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}')"
}

stop_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=
}

# Extracts key=value from a RESULT line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

ROWS=()
run_one() {
    local transport=$1 connections=$2
    local name="$transport-c$connections"
    local dir="$WORK_DIR/$name"
    mkdir -p "$dir"
    start_daemon "$dir"
    local tag="$name-$$-$(date +%s)"
    local before_cpu load output result
    before_cpu=$(sample_daemon | awk '{print $3}')
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    say ""
    local threads=$(( connections < THREADS ? connections : THREADS ))
    say "== $name: $connections connection(s), $threads thread(s), ${DURATION}s, log level $LOG_LEVEL, load average before: $load"
    if [[ $transport == http ]]; then
        output=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$LUA" \
            "http://127.0.0.1:$HTTP_PORT/iso18626" -- "$TEMPLATE" "$tag")
    else
        output=$("$TCPLOAD" --port "$TCP_PORT" --connections "$connections" --threads "$threads" \
            --duration "$DURATION" --template "$TEMPLATE" --tag "$tag")
    fi
    say "$output"
    result=$(grep '^RESULT ' <<<"$output" | tail -1)
    local hwm rss cpu
    read -r hwm rss cpu < <(sample_daemon)
    local cpu_used
    cpu_used=$(awk -v a="$cpu" -v b="$before_cpu" -v d="$DURATION" 'BEGIN {printf "%.0f", (a - b) / d * 100}')
    stop_daemon
    local stored
    stored=$(sqlite3 "$dir/illgate.sqlite" "SELECT count(*) FROM ill_transaction" 2>/dev/null || echo "?")
    say "daemon: peak RSS (VmHWM) $((hwm / 1024)) MiB, RSS at end $((rss / 1024)) MiB, CPU ${cpu_used}% of one core; transactions stored: $stored"
    if grep -qE 'level=(error|critical)' "$dir/daemon.log"; then
        say "daemon log has errors:"; grep -E 'level=(error|critical)' "$dir/daemon.log" | head -5 >&2
    fi
    ROWS+=("$(printf '| %-4s | %3s | %9s | %7s | %7s | %7s | %6s | %6s | %8s | %5s | %9s | %s |' \
        "$transport" "$connections" "$(field "$result" rps)" "$(field "$result" p50_ms)" "$(field "$result" p99_ms)" \
        "$(field "$result" max_ms)" "$(field "$result" non_ok)" "$(field "$result" errors)" \
        "$((hwm / 1024))" "$cpu_used" "$stored" "$load")")
}

say "illgate load run: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $ILLGATE, work dir $WORK_DIR ($FS_TYPE)"
for c in $HTTP_CONNECTIONS; do run_one http "$c"; done
for c in $TCP_CONNECTIONS; do run_one tcp "$c"; done

declare -A ILLGATE_RPS=()
for row in "${ROWS[@]}"; do
    read -r via conns rps < <(awk -F'|' '{gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); print $2, $3, $4}' <<<"$row")
    ILLGATE_RPS["$via-$conns"]=$rps
done

REFERENCE_LINES=()
if [[ $REFERENCES == 1 ]]; then
    [[ -x $BAREROUTE && -x $GATEWAYCOMMIT ]] || die "no BareRoute or GatewayCommit binary (build them, or REFERENCES=0)"
    "$BAREROUTE" --port "$BARE_PORT" >"$WORK_DIR/bare-route.log" 2>&1 &
    BARE_PID=$!
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$BARE_PORT") 2>/dev/null && break; sleep 0.1; done
    for c in $HTTP_CONNECTIONS; do
        threads=$(( c < THREADS ? c : THREADS ))
        say ""
        say "== reference: bare Hummingbird route + libxml2 parse, $c connection(s), ${DURATION}s"
        output=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --latency -s "$LUA" "http://127.0.0.1:$BARE_PORT/iso18626" -- "$TEMPLATE" "bare-$c")
        say "$output"
        bare=$(field "$(grep '^RESULT ' <<<"$output" | tail -1)" rps)
        ours=${ILLGATE_RPS["http-$c"]:-}
        ratio=$(awk -v a="$ours" -v b="$bare" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "?" }')
        REFERENCE_LINES+=("| http $c conns | bare route $bare req/s | illgate $ours req/s | ratio $ratio |")
    done
    kill -TERM "$BARE_PID" 2>/dev/null || true
    wait "$BARE_PID" 2>/dev/null || true
    BARE_PID=
    say ""
    say "== reference: single-row durable SQLite commits, ${DURATION}s"
    output=$("$GATEWAYCOMMIT" --single-row-commits --duration "$DURATION" --directory "$WORK_DIR")
    say "$output"
    commits=$(field "$(grep '^RESULT ' <<<"$output" | tail -1)" rps)
    for via in http tcp; do
        ours=${ILLGATE_RPS["$via-1"]:-}
        [[ -n $ours ]] || continue
        ratio=$(awk -v a="$ours" -v b="$commits" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
        REFERENCE_LINES+=("| $via 1 conn | bare single-row commits $commits/s | illgate $ours req/s | ratio $ratio |")
    done
fi
for c in $TCP_CONNECTIONS; do
    http=${ILLGATE_RPS["http-$c"]:-}
    tcp=${ILLGATE_RPS["tcp-$c"]:-}
    [[ -n $http && -n $tcp ]] || continue
    REFERENCE_LINES+=("| tcp vs http, $c conns | http $http req/s | tcp $tcp req/s | tcp/http $(awk -v a="$tcp" -v b="$http" 'BEGIN { printf "%.2f", a / b }') |")
done

echo ""
echo "Durable throughput, $DURATION s per run, $THREADS load threads, log level $LOG_LEVEL, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo "| via  | conns | requests/s | p50 ms | p99 ms | max ms | non-OK | errors | peak RSS MiB | daemon CPU % | stored | load avg before |"
echo "| ---- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for row in "${ROWS[@]}"; do echo "$row"; done
if [[ ${#REFERENCE_LINES[@]} -gt 0 ]]; then
    echo ""
    echo "Ratios to references measured in this run"
    echo "| run | reference | illgate | ratio |"
    echo "| --- | --- | --- | --- |"
    for line in "${REFERENCE_LINES[@]}"; do echo "$line"; done
fi
