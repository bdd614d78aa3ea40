#!/usr/bin/env bash
# Runs illgate's libFuzzer targets: ./run.sh TARGET SECONDS, or ./run.sh all SECONDS (each target in turn).
# TARGET is one of: decoder tcp-framer configuration holdings-csv gateway (or its executable's name).
#
# Builds this package with `--sanitize fuzzer --sanitize address` (the root package and every dependency
# included, into .build/ here), then runs the target for SECONDS on its corpus in .work/TARGET/corpus,
# seeded from Seeds/TARGET and the ISO 18626 dictionary. A crash, a leak, an input slower than 1 s or more
# than 2 GB of memory stops the run; the input is saved as .work/TARGET/crash-*|leak-*|timeout-*|oom-*.
# The exit status is libFuzzer's (0: nothing found). Set FUZZ_JOBS to run several processes of one target.
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: $0 {decoder|tcp-framer|configuration|holdings-csv|gateway|all} SECONDS" >&2; exit 64; }
[[ $# -eq 2 && "$2" =~ ^[0-9]+$ ]] || usage

executable() {
    case "$1" in
        decoder|FuzzDecoder) echo FuzzDecoder ;;
        tcp-framer|FuzzTCPFramer) echo FuzzTCPFramer ;;
        configuration|FuzzConfiguration) echo FuzzConfiguration ;;
        holdings-csv|FuzzHoldingsCSV) echo FuzzHoldingsCSV ;;
        gateway|FuzzGateway) echo FuzzGateway ;;
        *) usage ;;
    esac
}

# Not `--sanitize fuzzer`: SwiftPM then links libFuzzer's own `main` into every executable, the build tool
# that embeds the schemas included, which already has one. Instead everything is built with AddressSanitizer
# and libFuzzer's coverage instrumentation, and libFuzzer comes from compiler-rt's fuzzer_no_main archive
# (unused by the other executables), started by each target's main.swift. lld: gold cannot link the sanitizer
# runtimes into Swift executables ("internal error in format_file_lineno").
toolchain="$(dirname "$(readlink -f "$(command -v swift)")")/.."
libfuzzer="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-"$(uname -m)".a 2>/dev/null | head -1)"
[[ -n "$libfuzzer" ]] || { echo "libclang_rt.fuzzer_no_main not found under $toolchain/lib/clang" >&2; exit 69; }

build() {
    swift build --sanitize address \
        -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
        -Xswiftc -use-ld=lld -Xlinker "$libfuzzer" -Xlinker -lstdc++ "$@"
}

run_one() {
    local name seconds work status
    name="$(executable "$1")"
    seconds="$2"
    work=".work/$name"
    mkdir -p "$work/corpus"
    build --product "$name"
    echo "== $name for ${seconds}s"
    # Swift's own backtracer would catch the trap before libFuzzer can save the input.
    status=0
    # Leaks count, except the known ones of dependencies listed in lsan-suppressions.txt.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
        LSAN_OPTIONS="suppressions=$PWD/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        ".build/debug/$name" "$work/corpus" "Seeds/$name" \
        -dict=iso18626.dict -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" \
        ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} || status=$?
    echo "== $name: exit $status, corpus $(find "$work/corpus" -type f | wc -l) inputs"
    return "$status"
}

if [[ "$1" == all ]]; then
    build
    failed=0
    for target in decoder tcp-framer configuration holdings-csv gateway; do
        run_one "$target" "$2" || failed=1
    done
    exit "$failed"
fi
run_one "$1" "$2"
