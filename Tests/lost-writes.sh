#!/usr/bin/env bash
# More simulated power losses than the test suite's 1,000: ./Tests/lost-writes.sh [CRASHES] [SEED]
# Runs LostWriteDurabilityTests (Tests/GatewayTests) with ILLGATE_LOST_WRITE_CRASHES and a seed of its own, and
# prints the test's summary line: power losses, messages confirmed OK, missing (must be 0), sectors thrown away.
set -euo pipefail
cd "$(dirname "$0")/.."
crashes="${1:-10000}"
seed="${2:-$RANDOM$RANDOM}"
echo "lost-write test: $crashes power losses, seed $seed"
ILLGATE_LOST_WRITE_CRASHES="$crashes" ILLGATE_LOST_WRITE_SEED="$seed" \
    swift test --disable-xctest --filter LostWriteDurabilityTests 2>&1 | grep -E "lost-write test|passed|failed|error|issue" | tail -20
