#!/usr/bin/env bash
# Brume latency under load: p50/p99 of single S3, SQS, Step Functions and Logs calls on an idle
# stack (the baseline, same run) and under 64 concurrent connections, 20 of them long-polling one
# queue. Loopback only; about 80 s. Runs bench/load_bench.py with the given options.
#   --brume-bin PATH   the binary (default .build/release/brume, else .build/debug/brume)
# Options: bench/load.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python3}"
exec "$py" "$here/load_bench.py" "$@"
