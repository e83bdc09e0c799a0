#!/usr/bin/env python3
"""S3 event notification latency: Brume vs moto server, measured side by side in one run.

Usage: python3 bench/notifications_bench.py [--quick] [--only brume|baseline] [--brume-bin PATH]
See bench/README.md. No targets are given; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import notification_phases, runner, servers  # noqa: E402
from lib.notification_phases import BLOCKS, GAP_S, JITTER_S, UNMEASURED, Settings  # noqa: E402
from lib.runner import log  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    runner.add_common_args(p)
    p.add_argument("--samples", type=int, help="notifications measured, and PUTs per bucket (default 300, quick 50)")
    p.add_argument("--object-bytes", type=int, default=1024, help="object size (default 1024)")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for one notification (default 10)")
    return p.parse_args(argv)


def settings_for(args: argparse.Namespace) -> Settings:
    return Settings(
        samples=max(1, args.samples or (50 if args.quick else 300)),
        object_bytes=max(0, args.object_bytes),
        phase_max_s=20.0 if args.quick else 60.0,
        wait_s=args.wait,
        ready_timeout_s=args.ready_timeout,
    )


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    return "\n".join([
        *preface,
        *runner.machine_lines(load_before),
        f"one bucket notifies one standard queue of s3:ObjectCreated:*; {s.object_bytes}-byte objects, "
        "PutObject over raw keep-alive HTTP (no boto3), one at a time",
        "consumer: raw awsJson1.0 ReceiveMessage(WaitTimeSeconds=20, MaxNumberOfMessages=10) + DeleteMessage "
        "in its own thread; the record's s3.object.key identifies the PUT",
        f"{s.samples} samples per row after {UNMEASURED} unmeasured; pause before each request: "
        f"{GAP_S * 1000:g} ms + random 0-{JITTER_S * 1000:g} ms in the notification loops, {GAP_S * 1000:g} ms "
        f"in the PutObject-alone loop (alternating buckets in {BLOCKS} blocks, nobody consuming)",
        "percentiles are nearest-rank; ratio = brume/moto. No targets: nothing is asserted.",
    ])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    s = settings_for(args)
    plan = runner.plan_sides(args, servers.BRUME_NOTIFY_CONFIG)
    if not plan.sides:
        return plan.status or 2
    load_before = os.getloadavg()[0]
    try:
        results, status = runner.run_sides(plan, notification_phases.PHASES, s.ready_timeout_s, s)
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130
    runner.print_report(results, describe(s, load_before, plan.preface), s, load_before, args.json,
                        notification_phases.METRICS)
    return status


if __name__ == "__main__":
    sys.exit(main())
