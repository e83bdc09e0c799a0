#!/usr/bin/env python3
"""S3 benchmark: Brume vs moto server, measured side by side in one run.

Usage: python3 bench/s3_bench.py [--quick] [--only brume|baseline] [--brume-bin PATH]
See bench/README.md. Targets are printed next to the figures, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import signal
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import phases, report, servers, wrk  # noqa: E402
from lib.phases import LARGE, Settings  # noqa: E402
from lib.report import Cell  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SUBJECT, BASELINE = "brume", "moto"

SpecFactory = Callable[[str, int], servers.ServerSpec]  # (workdir, port) -> spec


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brume-bin", help="brume binary (default: .build/release/brume, else .build/debug/brume)")
    p.add_argument("--only", choices=("brume", "baseline"), help="benchmark one side only")
    p.add_argument("--quick", action="store_true", help="short smoke run (figures are rough)")
    p.add_argument("--wrk-duration", type=float, help="seconds per wrk run (default 5, quick 2)")
    p.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--requests", type=int, help="boto3 sequential requests (default 2000, quick 200)")
    p.add_argument("--pool-workers", type=int, default=8, help="boto3 thread-pool size (default 8)")
    p.add_argument("--large-iterations", type=int, help="64 MiB PUTs and GETs each (default 5, quick 2)")
    p.add_argument("--ready-timeout", type=float, default=30.0, help="seconds to wait for readiness")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    return p.parse_args(argv)


def settings_for(args: argparse.Namespace) -> Settings:
    quick = args.quick
    seq = args.requests or (200 if quick else 2000)
    return Settings(
        wrk_duration_s=args.wrk_duration or (2.0 if quick else 5.0),
        wrk_warmup_s=1.0,
        wrk_connections=args.connections,
        wrk_threads=args.threads,
        seq_requests=seq,
        pool_requests=2 * seq,
        pool_workers=args.pool_workers,
        large_iterations=args.large_iterations or (2 if quick else 5),
        phase_max_s=8.0 if quick else 30.0,
        settle_s=0.5 if quick else 1.0,
        ready_timeout_s=args.ready_timeout,
    )


def resolve_brume_bin(explicit: str | None) -> tuple[str | None, str]:
    """(binary or None, message saying which one is used or what is missing)."""
    if explicit:
        path = Path(explicit)
        if path.is_file() and os.access(path, os.X_OK):
            return str(path), f"brume binary: {path}"
        return None, f"brume binary not found or not executable: {path}"
    for flavour in ("release", "debug"):
        path = REPO / ".build" / flavour / "brume"
        if path.is_file() and os.access(path, os.X_OK):
            msg = f"brume binary: {path}"
            if flavour == "debug":
                msg += "\nWARNING: debug build -- its figures are NOT representative; build with -c release"
            return str(path), msg
    return None, ("brume binary not found (no .build/release/brume or .build/debug/brume): "
                  "build it with `swift build -c release` or pass --brume-bin PATH")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench_side(name: str, make_spec: SpecFactory, s: Settings, payload: bytes) -> dict[str, Cell]:
    """Start one server, run every phase against it, stop it; never raises for a failed phase."""
    cells: dict[str, Cell] = {}
    with tempfile.TemporaryDirectory(prefix=f"brume-bench-{name}-") as workdir:
        spec = make_spec(workdir, servers.free_port())
        log(f"== {name}: {' '.join(spec.argv)}")
        try:
            with servers.running(spec, s.ready_timeout_s) as server:
                for phase in phases.PHASES:
                    cells.update(_run_phase(phase, server, s, payload))
            stopped = server.stop_s
            cells["stop_ms"] = (Cell(stopped * 1000) if stopped is not None
                                else Cell.error("did not exit within 5 s of SIGTERM; killed"))
        except servers.StartError as err:
            log(f"!! {name} did not start: {err}")
            cells["ready_ms"] = Cell.error(str(err).splitlines()[0])
    return cells


def _run_phase(phase: phases.Phase, server: servers.RunningServer, s: Settings,
               payload: bytes) -> dict[str, Cell]:
    if server.proc.poll() is not None:
        why = f"server exited (code {server.proc.returncode}); last output:\n{server.log_tail(5)}"
        return {k: Cell.error(why) for k in phase.keys}
    log(f"   {phase.name} ...")
    try:
        return phase.run(server, s, payload)
    except Exception as exc:  # one broken phase must not hide the others
        why = f"{type(exc).__name__}: {exc}"
        log(f"!! {phase.name} failed: {why}")
        return {k: Cell.error(why[:300]) for k in phase.keys}


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    cpu = _cpu_model()
    load_after = os.getloadavg()[0]
    wrk_state = "" if wrk.find_wrk() else f" (wrk missing: {wrk.INSTALL_HINT})"
    return "\n".join([
        *preface,
        f"machine: {os.cpu_count()} CPUs, {cpu}, {platform.system()} {platform.release()}; "
        "server and load generators share these CPUs",
        f"load average (1 min): {load_before:.2f} before, {load_after:.2f} after"
        " -- other work on the machine makes the figures noisy",
        f"wrk: {s.wrk_threads} threads, {s.wrk_connections} connections, {s.wrk_duration_s:g} s per run "
        f"(GET after a {s.wrk_warmup_s:g} s warm-up){wrk_state}",
        f"boto3: {s.seq_requests} sequential requests; {s.pool_requests} over {s.pool_workers} threads "
        f"sharing one client; each loop capped at {s.phase_max_s:g} s",
        f"64 MiB objects: {s.large_iterations} PUTs then {s.large_iterations} GETs per client; "
        "MB = 10^6 bytes",
        "ratio = brume/moto; 'better' tells which direction wins. Targets are printed, not enforced.",
    ])


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _raise_interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@dataclass
class Plan:
    sides: list[tuple[str, SpecFactory]] = field(default_factory=list)
    results: report.Results = field(default_factory=dict)  # pre-filled for sides that can't run
    preface: list[str] = field(default_factory=list)  # repeated above the table
    status: int = 0


def plan_sides(args: argparse.Namespace) -> Plan:
    plan = Plan()
    if args.only in (None, "brume"):
        binary, msg = resolve_brume_bin(args.brume_bin)
        log(msg)
        plan.preface += msg.splitlines()
        if binary is None:
            plan.results[SUBJECT] = {"ready_ms": Cell(missing="missing", note="no brume binary, see above")}
            plan.status = 2
        else:
            plan.sides.append((SUBJECT, lambda d, port: servers.brume_spec(binary, d, port)))
    if args.only in (None, "baseline"):
        if importlib.util.find_spec("moto") is None:
            log("moto not installed: pip install 'moto[server]' (or run bench/s3.sh, which installs it)")
            plan.results[BASELINE] = {"ready_ms": Cell(missing="missing", note="moto not installed")}
            plan.status = 2
        else:
            plan.sides.append((BASELINE, servers.moto_spec))
    if wrk.find_wrk() is None:
        log(f"wrk not found: wrk rows are skipped. Install it with: {wrk.INSTALL_HINT}")
    return plan


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    s = settings_for(args)
    # Both signals unwind through `finally`, which stops the servers. SIGINT is
    # set explicitly because a shell starts background jobs with it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    plan = plan_sides(args)
    if not plan.sides:
        return plan.status or 2
    results, status = plan.results, plan.status
    load_before = os.getloadavg()[0]
    payload = os.urandom(LARGE)
    try:
        for name, make_spec in plan.sides:
            results[name] = bench_side(name, make_spec, s, payload)
            if results[name].get("ready_ms", Cell()).value is None:
                status = 2
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130

    print()
    print(describe(s, load_before, plan.preface))
    print()
    print(report.render(results, SUBJECT, BASELINE))
    if args.json:
        Path(args.json).write_text(report.to_json(results, {**asdict(s), "load_before": load_before}) + "\n")
        log(f"results written to {args.json}")
    return status


if __name__ == "__main__":
    sys.exit(main())
