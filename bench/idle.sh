#!/usr/bin/env bash
# Brume idle benchmark: the CPU the reference stack (plus a watched Python function and an SQS
# event source mapping) burns while nothing happens, and SIGTERM -> exit, idle and with invokes
# in flight, beside moto's server and `python3 -m http.server` measured in the same run.
# Builds brume in release mode, then runs bench/idle_bench.py with the given options.
#   BENCH_NO_BUILD=1    skip the build (pass --brume-bin, or .build/ is searched)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# Options: bench/idle.sh --help   (--before-bin PATH adds a column for another build)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

if ! "$py" -c 'import boto3, moto' 2>/dev/null; then
  echo "idle.sh: installing boto3 and moto[server] with pip ..." >&2
  "$py" -m pip install -q boto3 'moto[server]' || echo "idle.sh: pip install failed; the moto column will be missing" >&2
fi
args=()
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "idle.sh: building brume (release) in $scratch" >&2
  (cd "$repo" && swift build -c release --scratch-path "$scratch" --product brume >&2)
  args=(--brume-bin "$scratch/release/brume")
fi
exec "$py" "$here/idle_bench.py" "${args[@]}" "$@"
