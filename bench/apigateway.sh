#!/usr/bin/env bash
# Brume API Gateway benchmark, measured in one run against one stack: MOCK integration requests/s
# with wrk beside Brume's raw S3 GET, a Lambda proxy call's p50/p99 overhead over a direct Invoke
# of the same function, and throttling accuracy (rateLimit 100 for 10 s against rate x time + burst).
# Builds brume in release mode, then runs bench/apigateway_bench.py with the given options.
#   BENCH_NO_BUILD=1    skip the build (pass --brume-bin, or .build/ is searched)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# Options: bench/apigateway.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

args=()
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "apigateway.sh: building brume (release) in $scratch" >&2
  (cd "$repo" && swift build -c release --scratch-path "$scratch" --product brume >&2)
  args=(--brume-bin "$scratch/release/brume")
fi
exec "$py" "$here/apigateway_bench.py" "${args[@]}" "$@"
