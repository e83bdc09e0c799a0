#!/usr/bin/env bash
# Brume S3 benchmark: installs what is missing (wrk, boto3, moto[server]), then
# runs bench/s3_bench.py with the given options. Set BENCH_NO_INSTALL=1 to skip
# the installs. Options: bench/s3.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${PYTHON:-python3}"

note() { echo "s3.sh: $*" >&2; }
# shellcheck source=lib/install.sh
source "$here/lib/install.sh"

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  install_wrk
  install_python_deps
fi
exec "$py" "$here/s3_bench.py" "$@"
