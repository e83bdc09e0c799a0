#!/usr/bin/env bash
# Brume Lambda benchmark: installs what is missing (wrk, and boto3 for botocore's SigV4), builds
# the release binaries (brume, and echo-swift: the Swift function deployed as a provided.al2023
# bootstrap), then runs bench/lambda_bench.py with the given options.
#   BENCH_NO_INSTALL=1  skip the installs
#   BENCH_NO_BUILD=1    skip the builds (pass --brume-bin / --function-bin, or use .build/)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# No peer emulator runs: LocalStack's and moto's Lambda need Docker. Options: bench/lambda.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

note() { echo "lambda.sh: $*" >&2; }
# shellcheck source=lib/install.sh
source "$here/lib/install.sh"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  install_wrk
  if ! "$py" -c 'import botocore' 2>/dev/null; then
    note "installing boto3 with pip (botocore signs the requests) ..."
    "$py" -m pip install -q boto3 || note "pip install failed; requests get a dummy signature instead"
  fi
  command -v node >/dev/null || note "node is not installed: the Node cold-start rows will be skipped"
fi

bins=()
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  # One product at a time: the build is the heaviest thing on a small machine.
  for product in brume echo-swift; do
    note "swift build -c release --scratch-path $scratch --product $product ..."
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product "$product" >&2)
  done
  bins=(--brume-bin "$scratch/release/brume" --function-bin "$scratch/release/echo-swift")
fi
exec "$py" "$here/lambda_bench.py" "${bins[@]}" "$@"
