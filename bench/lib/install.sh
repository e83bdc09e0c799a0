# Shared by bench/*.sh: install what a benchmark needs when it is missing. Source it after
# defining `note` and `py`.

install_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    note "installing wrk with apt-get ..."
    if apt-get update -qq && apt-get install -y -qq wrk >/dev/null; then return 0; fi
  fi
  note "wrk is not installed; the wrk rows will be skipped."
  note "install it with: apt-get update && apt-get install -y wrk   (as root)"
}

install_python_deps() {
  "$py" -c 'import boto3, moto.server' 2>/dev/null && return 0
  note "installing boto3 and moto[server] with pip ..."
  "$py" -m pip install -q boto3 'moto[server]' \
    || note "pip install failed; run: $py -m pip install boto3 'moto[server]'"
}

# The body of a benchmark that needs only boto3 and a release brume: installs, builds, then
# runs bench/<name>_bench.py with --brume-bin and the caller's arguments. Needs `here`, `repo`,
# `py` and `scratch` defined.
run_release_bench() {
  local name="$1"
  shift
  if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
    install_python_deps
  fi
  local args=()
  if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    note "building brume (release) in $scratch"
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product brume >&2)
    args=(--brume-bin "$scratch/release/brume")
  fi
  exec "$py" "$here/${name}_bench.py" "${args[@]}" "$@"
}
