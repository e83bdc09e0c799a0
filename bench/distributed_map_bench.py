#!/usr/bin/env python3
"""Distributed Map over a large CSV in S3: wall time, items/s and Brume's peak memory, beside
a baseline measured in the same run (the same object read with one streaming GetObject and
parsed by Python's csv module: the floor for touching every row once).

Usage: python3 bench/distributed_map_bench.py [--rows N] [--batch N] [--quick] [--brume-bin PATH]
No targets are asserted; figures are printed. The issue's goals are printed beside them:
peak RSS under 300 MiB and no item lost.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from lib import procinfo, runner, servers  # noqa: E402
from lib.runner import log  # noqa: E402

CONFIG = servers.BRUME_CONFIG.replace("s3: {}", "s3: {}\n  stepfunctions: {}")
ROLE = "arn:aws:iam::000000000000:role/bench"
MIB = 1024 * 1024


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brume-bin", help="brume binary (default: .build/release/brume, else .build/debug/brume)")
    p.add_argument("--quick", action="store_true", help="100,000 rows instead of 1,000,000")
    p.add_argument("--rows", type=int, help="CSV rows (default 1,000,000; quick 100,000)")
    p.add_argument("--batch", type=int, default=1000, help="MaxItemsPerBatch (default 1000)")
    p.add_argument("--concurrency", type=int, default=0, help="MaxConcurrency (default 0: AWS's 10,000)")
    p.add_argument("--ready-timeout", type=float, default=30.0)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    return p.parse_args(argv)


def client(service: str, endpoint: str):
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1",
        config=Config(retries={"total_max_attempts": 1}, read_timeout=900, max_pool_connections=4))


def write_csv(path: Path, rows: int) -> int:
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "customer", "amount", "note"])
        for i in range(rows):
            out.writerow([i, f"customer-{i % 9973}", f"{(i * 37) % 10000 / 100:.2f}", "plain" if i % 7 else "quoted, with comma"])
    return path.stat().st_size


class PeakSampler:
    """Samples the server's RSS every 20 ms; also reads the kernel's own high-water mark."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, procinfo.tree_rss_bytes(self.pid))
            time.sleep(0.02)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def machine_definition(bucket: str, key: str, batch: int, concurrency: int, writer: bool) -> str:
    fan = {
        "Type": "Map", "End": True, "MaxConcurrency": concurrency,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                       "Parameters": {"Bucket": bucket, "Key": key}},
        "ItemBatcher": {"MaxItemsPerBatch": batch},
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Count",
            "States": {"Count": {"Type": "Pass", "Parameters": {"count.$": "States.ArrayLength($.Items)"}, "End": True}},
        },
    }
    if writer:
        fan["ResultWriter"] = {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": bucket, "Prefix": "results"}}
    return json.dumps({"StartAt": "Fan", "States": {"Fan": fan}})


def run_map(sfn, server_pid: int, definition: str, name: str) -> dict:
    machine = sfn.create_state_machine(name=name, definition=definition, roleArn=ROLE)["stateMachineArn"]
    with PeakSampler(server_pid) as sampler:
        start = time.perf_counter()
        arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
        while True:
            described = sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING":
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
    runs = sfn.list_map_runs(executionArn=arn)["mapRuns"]
    counts = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])["itemCounts"] if runs else {}
    return {"status": described["status"], "wall_s": wall, "peak_rss": sampler.peak, "counts": counts,
            "output": described.get("output"), "error": described.get("error"), "cause": described.get("cause")}


def baseline(s3, bucket: str, key: str) -> dict:
    """One streaming GetObject parsed with csv.DictReader: every row touched once, in Python."""
    start = time.perf_counter()
    body = s3.get_object(Bucket=bucket, Key=key)["Body"]
    rows = sum(1 for _ in csv.DictReader(io.TextIOWrapper(body, encoding="utf-8", newline="")))
    return {"wall_s": time.perf_counter() - start, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    binary, message = runner.resolve_brume_bin(args.brume_bin)
    log(message)
    if not binary:
        return 2
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="brume-dmap-bench-") as work:
        data = Path(work) / "rows.csv"
        size = write_csv(data, rows)
        log(f"wrote {rows:,} rows ({size / MIB:.1f} MiB)")
        spec = servers.brume_spec(binary, work, servers.free_port(), CONFIG)
        with servers.running(spec, args.ready_timeout) as server:
            s3, sfn = client("s3", spec.endpoint), client("stepfunctions", spec.endpoint)
            s3.create_bucket(Bucket="bench")
            s3.upload_file(str(data), "bench", "rows.csv")
            idle = procinfo.tree_rss_bytes(server.proc.pid)
            floor = baseline(s3, "bench", "rows.csv")
            plain = run_map(sfn, server.proc.pid, machine_definition("bench", "rows.csv", args.batch, args.concurrency, False), "plain")
            written = run_map(sfn, server.proc.pid, machine_definition("bench", "rows.csv", args.batch, args.concurrency, True), "writer")
            hwm = procinfo._status_kib(server.proc.pid, "VmHWM") * 1024

    counted = sum(item["count"] for item in json.loads(plain["output"] or "[]")) if plain["status"] == "SUCCEEDED" else 0
    lines = [
        f"machine: {runner.cpu_model()}, {os.cpu_count()} cores, load {load_before:.2f} before the run",
        f"dataset: {rows:,} CSV rows, {size / MIB:.1f} MiB, one object; ItemBatcher MaxItemsPerBatch {args.batch}, "
        f"MaxConcurrency {args.concurrency or 'unset (10,000)'}; EXPRESS children, one Pass state counting its batch",
        "",
        f"{'run':<44}{'wall':>10}{'rows/s':>14}{'peak RSS':>12}",
        f"{'baseline: GetObject + Python csv.DictReader':<44}{floor['wall_s']:>9.2f}s{floor['rows'] / floor['wall_s']:>14,.0f}{'-':>12}",
    ]
    for label, result in (("Distributed Map, output = batch counts", plain), ("Distributed Map + ResultWriter to S3", written)):
        lines.append(f"{label:<44}{result['wall_s']:>9.2f}s{rows / result['wall_s']:>14,.0f}{result['peak_rss'] / MIB:>10.0f}MiB")
    lines += [
        "",
        f"brume idle RSS {idle / MIB:.0f} MiB; kernel high-water mark over the whole run {hwm / MIB:.0f} MiB (goal: < 300 MiB)",
        f"items: output counts {counted:,}, map run succeeded {plain['counts'].get('succeeded', 0):,} / "
        f"{written['counts'].get('succeeded', 0):,} of {rows:,} (goal: none lost)",
        f"statuses: {plain['status']} / {written['status']}" + (f" ({plain['error']}: {plain['cause']})" if plain["error"] else ""),
    ]
    print("\n".join(lines))
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "bytes": size, "baseline": floor, "plain": plain, "writer": written,
                                               "high_water_mark": hwm}, default=str, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
