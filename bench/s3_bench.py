#!/usr/bin/env python3
"""S3 benchmark: Brume vs moto server, measured side by side in one run.

Usage: python3 bench/s3_bench.py [--quick] [--only brume|baseline] [--brume-bin PATH]
See bench/README.md. Targets are printed next to the figures, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import phases, runner, servers, wrk  # noqa: E402
from lib.phases import LARGE, Settings  # noqa: E402
from lib.runner import BASELINE, SUBJECT, log  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    runner.add_common_args(p)
    p.add_argument("--wrk-duration", type=float, help="seconds per wrk run (default 5, quick 2)")
    p.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--requests", type=int, help="boto3 sequential requests (default 2000, quick 200)")
    p.add_argument("--pool-workers", type=int, default=8, help="boto3 thread-pool size (default 8)")
    p.add_argument("--large-iterations", type=int, help="64 MiB PUTs and GETs each (default 5, quick 2)")
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


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    wrk_state = "" if wrk.find_wrk() else f" (wrk missing: {wrk.INSTALL_HINT})"
    return "\n".join([
        *preface,
        *runner.machine_lines(load_before),
        f"wrk: {s.wrk_threads} threads, {s.wrk_connections} connections, {s.wrk_duration_s:g} s per run "
        f"(GET after a {s.wrk_warmup_s:g} s warm-up){wrk_state}",
        f"boto3: {s.seq_requests} sequential requests; {s.pool_requests} over {s.pool_workers} threads "
        f"sharing one client; each loop capped at {s.phase_max_s:g} s",
        f"64 MiB objects: {s.large_iterations} PUTs then {s.large_iterations} GETs per client; "
        "MB = 10^6 bytes",
        "ratio = brume/moto; 'better' tells which direction wins. Targets are printed, not enforced.",
    ])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    s = settings_for(args)
    plan = runner.plan_sides(args, servers.BRUME_CONFIG)
    if wrk.find_wrk() is None:
        log(f"wrk not found: wrk rows are skipped. Install it with: {wrk.INSTALL_HINT}")
    if not plan.sides:
        return plan.status or 2
    load_before = os.getloadavg()[0]
    payload = os.urandom(LARGE)
    try:
        results, status = runner.run_sides(plan, phases.PHASES, s.ready_timeout_s, s, payload)
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130

    runner.print_report(results, describe(s, load_before, plan.preface), s, load_before, args.json)
    return status


if __name__ == "__main__":
    sys.exit(main())
