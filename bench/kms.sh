#!/usr/bin/env bash
# Brume KMS benchmark: Encrypt, Decrypt and GenerateDataKey requests per second beside moto's
# server in the same run: installs what is missing (boto3, moto[server]), builds brume in release
# mode, then runs bench/kms_bench.py with the given options.
#   BENCH_NO_INSTALL=1  skip the installs
#   BENCH_NO_BUILD=1    skip the build (pass --brume-bin, or .build/ is searched)
#   BRUME_SCRATCH=DIR   build directory (default /tmp/brume-release)
# Options: bench/kms.sh --help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
py="${PYTHON:-python3}"
scratch="${BRUME_SCRATCH:-/tmp/brume-release}"

note() { echo "kms.sh: $*" >&2; }
# shellcheck source=lib/install.sh
source "$here/lib/install.sh"
run_release_bench kms "$@"
