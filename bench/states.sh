#!/usr/bin/env bash
# Brume Step Functions benchmark: installs what is missing (boto3 for botocore's SigV4,
# moto[server]), builds the release binaries (brume and the in-process interpreter benchmark
# brume-bench-states), then runs bench/states_bench.py with the given options.
#   BENCH_NO_INSTALL=1  skip the pip installs
#   BENCH_NO_BUILD=1    skip the builds (pass --brume-bin / --interp-bin, or use .build/)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# Options: bench/states.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

note() { echo "states.sh: $*" >&2; }
# shellcheck source=lib/install.sh
source "$here/lib/install.sh"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  install_python_deps
fi

bins=()
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  for product in brume brume-bench-states; do
    note "swift build -c release --scratch-path $scratch --product $product ..."
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product "$product" >&2)
  done
  bins=(--brume-bin "$scratch/release/brume" --interp-bin "$scratch/release/brume-bench-states")
fi
exec "$py" "$here/states_bench.py" "${bins[@]}" "$@"
