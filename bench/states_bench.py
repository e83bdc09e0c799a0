#!/usr/bin/env python3
"""Step Functions benchmark: Brume's interpreter in-process, then Brume vs moto server over HTTP.

Usage: python3 bench/states_bench.py [--quick] [--only brume|baseline] [--brume-bin PATH] [--interp-bin PATH]
See bench/README.md. Targets are printed next to the figures, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import runner, servers, states_phases  # noqa: E402
from lib.report import Cell  # noqa: E402
from lib.runner import BASELINE, SUBJECT, log  # noqa: E402
from lib.states_phases import Settings  # noqa: E402

INTERP_PRODUCT = "brume-bench-states"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    runner.add_common_args(p)
    p.add_argument("--interp-bin", help=f"{INTERP_PRODUCT} binary (default: .build/release/{INTERP_PRODUCT}, "
                                        "else .build/debug/...)")
    p.add_argument("--chain", type=int, default=1000, help="Pass states in the interpreter's chain (default 1000)")
    p.add_argument("--map-items", type=int, default=10000, help="items of the interpreter's Map (default 10000)")
    p.add_argument("--interp-runs", type=int, help="measured runs per interpreter workload (default 20, quick 5)")
    p.add_argument("--samples", type=int, help="StartSyncExecution calls measured (default 500, quick 100)")
    p.add_argument("--std-samples", type=int, help="STANDARD executions measured (default 200, quick 50)")
    return p.parse_args(argv)


def settings_for(args: argparse.Namespace) -> Settings:
    quick = args.quick
    return Settings(
        chain_states=max(1, args.chain),
        map_items=max(0, args.map_items),
        interp_runs=max(1, args.interp_runs or (5 if quick else 20)),
        interp_warmup=1 if quick else 2,
        sync_samples=args.samples or (100 if quick else 500),
        std_samples=args.std_samples or (50 if quick else 200),
        phase_max_s=4.0 if quick else 15.0,
        settle_s=0.5 if quick else 1.0,
        ready_timeout_s=args.ready_timeout,
    )


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    return "\n".join([
        *preface,
        *runner.machine_lines(load_before),
        f"interpreter: in-process (no HTTP, no storage), {s.interp_runs} runs after {s.interp_warmup} unmeasured; "
        f"a {s.chain_states:,}-state Pass chain and an inline Map of {s.map_items:,} items (one Pass each); "
        "transitions = states entered",
        f"HTTP: raw awsJson1.0 on one keep-alive connection, one SigV4 header per operation computed once; "
        f"{states_phases.PASS_STATES}-Pass machines; {s.sync_samples} StartSyncExecution calls, "
        f"{s.std_samples} STANDARD executions (each polled with DescribeExecution back to back), "
        f"after {states_phases.UNMEASURED} unmeasured; each loop capped at {s.phase_max_s:g} s",
        "ratio = brume/moto; 'better' tells which direction wins. Targets are printed, not enforced.",
    ])


def interpreter_cells(args: argparse.Namespace, s: Settings, plan: runner.Plan) -> None:
    """Fills the interpreter rows: Brume's from brume-bench-states, the baseline's n/a."""
    keys = states_phases.INTERP_KEYS
    if args.only in (None, "baseline"):
        plan.results.setdefault(BASELINE, {}).update(
            {keys[0]: Cell(missing="n/a", note="moto has no in-process interpreter to run without HTTP; "
                                               "its HTTP figures are below"),
             keys[1]: Cell(missing="n/a")})
    if args.only == "baseline":
        return
    binary, msg = runner.resolve_brume_bin(args.interp_bin, INTERP_PRODUCT)
    log(msg)
    plan.preface += msg.splitlines()
    if binary is None:
        cells = {k: Cell(missing="missing", note=f"no {INTERP_PRODUCT} binary, see above") for k in keys}
    else:
        log(f"== interpreter: {binary}")
        cells = states_phases.interpreter(binary, s)
    plan.results.setdefault(SUBJECT, {}).update(cells)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    s = settings_for(args)
    plan = runner.plan_sides(args, servers.BRUME_STATES_CONFIG)
    load_before = os.getloadavg()[0]
    try:
        interpreter_cells(args, s, plan)
        if not plan.sides and not plan.results:
            return plan.status or 2
        results, status = runner.run_sides(plan, states_phases.PHASES, s.ready_timeout_s, s)
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130

    runner.print_report(results, describe(s, load_before, plan.preface), s, load_before, args.json, states_phases.METRICS)
    return status


if __name__ == "__main__":
    sys.exit(main())
