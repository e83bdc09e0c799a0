#!/usr/bin/env bash
# Brume EventBridge benchmark: PutEvents → rule → SQS latency and PutEvents throughput, beside a
# baseline measured in the same run through the same edge (SQS SendMessage → ReceiveMessage).
# Builds brume in release mode, then runs bench/events_bench.py with the given options.
#   BENCH_NO_BUILD=1    skip the build (pass --brume-bin, or .build/ is searched)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# Options: bench/events.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

args=()
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "events.sh: building brume (release) in $scratch" >&2
  (cd "$repo" && swift build -c release --scratch-path "$scratch" --product brume >&2)
  args=(--brume-bin "$scratch/release/brume")
fi
exec "$py" "$here/events_bench.py" "${args[@]}" "$@"
