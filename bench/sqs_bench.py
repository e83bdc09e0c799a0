#!/usr/bin/env python3
"""SQS benchmark: Brume vs moto server, measured side by side in one run.

Usage: python3 bench/sqs_bench.py [--quick] [--only brume|baseline] [--brume-bin PATH]
See bench/README.md. Targets are printed next to the figures, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import runner, servers, sqs_phases, wrk  # noqa: E402
from lib.runner import BASELINE, SUBJECT, log  # noqa: E402
from lib.sqs_phases import Settings  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    runner.add_common_args(p)
    p.add_argument("--wrk-duration", type=float, help="seconds per wrk run (default 5, quick 2)")
    p.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--body-bytes", type=int, default=128, help="message body size (default 128, min 32)")
    p.add_argument("--fifo-groups", type=int, default=4, help="message groups in the FIFO run (default 4)")
    p.add_argument("--requests", type=int, help="calls per boto3 send loop (default 2000, quick 200)")
    p.add_argument("--clients", type=int, default=4, help="boto3 threads sharing one client (default 4)")
    p.add_argument("--prefill", type=int, help="messages drained by the consumers (default 5000, quick 1000)")
    p.add_argument("--samples", type=int, help="long-poll round trips measured (default 500, quick 100)")
    return p.parse_args(argv)


def settings_for(args: argparse.Namespace) -> Settings:
    quick = args.quick
    return Settings(
        wrk_duration_s=args.wrk_duration or (2.0 if quick else 5.0),
        wrk_warmup_s=0.0 if quick else 1.0,
        wrk_connections=args.connections,
        wrk_threads=args.threads,
        body_bytes=max(32, args.body_bytes),
        fifo_groups=max(1, args.fifo_groups),
        boto_requests=args.requests or (200 if quick else 2000),
        boto_threads=max(1, args.clients),
        prefill=args.prefill or (1000 if quick else 5000),
        samples=args.samples or (100 if quick else 500),
        phase_max_s=4.0 if quick else 10.0,
        settle_s=0.5 if quick else 1.0,
        ready_timeout_s=args.ready_timeout,
    )


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    if wrk.find_wrk():
        load = (f"raw HTTP load: wrk, {s.wrk_threads} threads, {s.wrk_connections} connections, "
                f"{s.wrk_duration_s:g} s per run")
    else:
        load = (f"raw HTTP load: wrk MISSING ({wrk.INSTALL_HINT}); a Python load generator with "
                f"{s.wrk_connections} connections, {s.wrk_duration_s:g} s per run -- client-bound")
    warm = f", after a {s.wrk_warmup_s:g} s warm-up" if s.wrk_warmup_s else ""
    return "\n".join([
        *preface,
        *runner.machine_lines(load_before),
        f"{load}{warm}; awsJson1.0, one SigV4 header per operation computed once",
        f"messages: {s.body_bytes}-byte bodies; batches of 10; FIFO run over {s.fifo_groups} message groups",
        f"boto3: {s.boto_threads} threads sharing one client, {s.boto_requests} calls per send loop; "
        f"consumers drain {s.prefill:,} pre-filled messages; each loop capped at {s.phase_max_s:g} s",
        f"long poll: {s.samples} messages, one at a time, raw HTTP, consumer waiting in "
        "ReceiveMessage(WaitTimeSeconds=20); latency = send start -> receive return",
        "ratio = brume/moto; 'better' tells which direction wins. Targets are printed, not enforced.",
    ])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    s = settings_for(args)
    plan = runner.plan_sides(args, servers.BRUME_SQS_CONFIG)
    if wrk.find_wrk() is None:
        log(f"wrk not found: raw HTTP rows use a slower Python load generator. Install wrk with: "
            f"{wrk.INSTALL_HINT}")
    if not plan.sides:
        return plan.status or 2
    load_before = os.getloadavg()[0]
    try:
        results, status = runner.run_sides(plan, sqs_phases.PHASES, s.ready_timeout_s, s)
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130

    runner.print_report(results, describe(s, load_before, plan.preface), s, load_before, args.json, sqs_phases.METRICS)
    return status


if __name__ == "__main__":
    sys.exit(main())
