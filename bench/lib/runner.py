"""Shared driver of the bench scripts: options, which sides run, running phases, header lines.

A bench script (s3_bench.py, sqs_bench.py, states_bench.py) supplies its Brume config, its phases and its
metric list; this module picks the binaries, starts each side in turn, runs every phase
against it (a failed phase becomes error cells, never an exception) and stops it.
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

from . import servers
from . import report
from .report import Cell, Results

REPO = Path(__file__).resolve().parent.parent.parent
SUBJECT, BASELINE = "brume", "moto"

Cells = dict[str, Cell]
SpecFactory = Callable[[str, int], servers.ServerSpec]  # (workdir, port) -> spec


@dataclass(frozen=True)
class Phase:
    name: str
    keys: tuple[str, ...]  # the cells it fills, used to report a failure
    run: Callable[..., Cells]  # run(server, *phase_args)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def add_common_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--brume-bin", help="brume binary (default: .build/release/brume, else .build/debug/brume)")
    p.add_argument("--only", choices=("brume", "baseline"), help="benchmark one side only")
    p.add_argument("--quick", action="store_true", help="short smoke run (figures are rough)")
    p.add_argument("--ready-timeout", type=float, default=30.0, help="seconds to wait for readiness")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")


def resolve_brume_bin(explicit: str | None, product: str = "brume") -> tuple[str | None, str]:
    """(binary or None, message saying which one is used or what is missing). `product` is
    the executable to look for under .build/ (brume, or a benchmark's own executable)."""
    if explicit:
        path = Path(explicit)
        if path.is_file() and os.access(path, os.X_OK):
            return str(path), f"{product} binary: {path}"
        return None, f"{product} binary not found or not executable: {path}"
    for flavour in ("release", "debug"):
        path = REPO / ".build" / flavour / product
        if path.is_file() and os.access(path, os.X_OK):
            msg = f"{product} binary: {path}"
            if flavour == "debug":
                msg += "\nWARNING: debug build -- its figures are NOT representative; build with -c release"
            return str(path), msg
    return None, (f"{product} binary not found (no .build/release/{product} or .build/debug/{product}): "
                  f"build it with `swift build -c release --product {product}` or pass its path")


@dataclass
class Plan:
    sides: list[tuple[str, SpecFactory]] = field(default_factory=list)
    results: Results = field(default_factory=dict)  # pre-filled for sides that can't run
    preface: list[str] = field(default_factory=list)  # repeated above the table
    status: int = 0


def plan_sides(args: argparse.Namespace, brume_config: str, first_key: str = "ready_ms") -> Plan:
    """The sides to run; a side that can't run gets a 'missing' cell under first_key."""
    plan = Plan()
    if args.only in (None, "brume"):
        binary, msg = resolve_brume_bin(args.brume_bin)
        log(msg)
        plan.preface += msg.splitlines()
        if binary is None:
            plan.results[SUBJECT] = {first_key: Cell(missing="missing", note="no brume binary, see above")}
            plan.status = 2
        else:
            plan.sides.append((SUBJECT, lambda d, port: servers.brume_spec(binary, d, port, brume_config)))
    if args.only in (None, "baseline"):
        if importlib.util.find_spec("moto") is None:
            log("moto not installed: pip install 'moto[server]' (or run the bench/*.sh wrapper, which installs it)")
            plan.results[BASELINE] = {first_key: Cell(missing="missing", note="moto not installed")}
            plan.status = 2
        else:
            plan.sides.append((BASELINE, servers.moto_spec))
    return plan


def bench_side(name: str, make_spec: SpecFactory, phases: list[Phase], ready_timeout_s: float,
               *phase_args) -> Cells:
    """Start one server, run every phase against it, stop it; never raises for a failed phase."""
    cells: Cells = {}
    with tempfile.TemporaryDirectory(prefix=f"brume-bench-{name}-") as workdir:
        spec = make_spec(workdir, servers.free_port())
        log(f"== {name}: {' '.join(spec.argv)}")
        try:
            with servers.running(spec, ready_timeout_s) as server:
                for phase in phases:
                    cells.update(_run_phase(phase, server, phase_args))
            stopped = server.stop_s
            cells["stop_ms"] = (Cell(stopped * 1000) if stopped is not None
                                else Cell.error("did not exit within 5 s of SIGTERM; killed"))
        except servers.StartError as err:
            log(f"!! {name} did not start: {err}")
            cells["ready_ms"] = Cell.error(str(err).splitlines()[0])
    return cells


def _run_phase(phase: Phase, server: servers.RunningServer, phase_args: tuple) -> Cells:
    if server.proc.poll() is not None:
        why = f"server exited (code {server.proc.returncode}); last output:\n{server.log_tail(5)}"
        return {k: Cell.error(why) for k in phase.keys}
    log(f"   {phase.name} ...")
    try:
        return phase.run(server, *phase_args)
    except Exception as exc:  # one broken phase must not hide the others
        why = f"{type(exc).__name__}: {exc}"
        log(f"!! {phase.name} failed: {why}")
        return {k: Cell.error(why[:300]) for k in phase.keys}


def run_sides(plan: Plan, phases: list[Phase], ready_timeout_s: float, *phase_args) -> tuple[Results, int]:
    """Run every planned side in turn: (results, exit status). Ctrl-C and SIGTERM raise
    KeyboardInterrupt after the running server was stopped."""
    # Both signals unwind through `finally`, which stops the servers. SIGINT is
    # set explicitly because a shell starts background jobs with it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    results, status = plan.results, plan.status
    for name, make_spec in plan.sides:
        # Cells the bench script filled before (e.g. figures measured without a server) stay.
        results[name] = {**results.get(name, {}), **bench_side(name, make_spec, phases, ready_timeout_s, *phase_args)}
        if results[name].get("ready_ms", Cell()).value is None:
            status = 2
    return results, status


def _raise_interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def machine_lines(load_before: float) -> list[str]:
    """Header lines: CPUs and the load average around the run."""
    return [
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, {platform.system()} {platform.release()}; "
        "server and load generators share these CPUs",
        f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
        " -- other work on the machine makes the figures noisy",
    ]


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def print_report(results: Results, description: str, settings, load_before: float, json_path: str | None,
                 metrics=None) -> None:
    """Prints the run's description and the side-by-side table; writes the JSON when asked."""
    print()
    print(description)
    print()
    print(report.render(results, SUBJECT, BASELINE, metrics))
    if json_path:
        Path(json_path).write_text(report.to_json(results, {**asdict(settings), "load_before": load_before}) + "\n")
        log(f"results written to {json_path}")
