#!/usr/bin/env python3
"""Latency under load: p50/p99 of single calls on an idle stack, then under 64 concurrent connections.

Usage: python3 bench/load_bench.py [--brume-bin PATH] [--seconds S] [--connections N] [--long-polls N]

One stack (S3, SQS, Step Functions, CloudWatch Logs) on loopback. A probe thread times each
operation below, one call at a time: first with nothing else running (the baseline, measured in
the same run), then while N other connections (default 64) keep the stack busy:
  - `--long-polls` of them (default 20) long-poll one queue that never gets a message, so a slow
    queue sits beside the probe's own queue;
  - the rest loop over S3 PutObject/GetObject of 1 KiB, SQS SendMessage/ReceiveMessage (and
    DeleteMessage), StartExecution of a one-state machine and PutLogEvents.
Every load connection is its own boto3 client and socket. Rows report the probe's p50, p99 and
worst call; a stall (a service waiting behind another's slow work) shows as a p99 or a worst far
above the idle figures. The whole run is bounded: about 10 s of start-up, 2 x --seconds of
probing, and 20 s for the long polls to drain. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import servers  # noqa: E402
from lib.runner import resolve_brume_bin  # noqa: E402

CONFIG = """version: 1
edge: { host: 127.0.0.1, port: PORT }
services: { s3: {}, sqs: {}, stepfunctions: {}, logs: {} }
"""
ROLE = "arn:aws:iam::000000000000:role/bench"
PASS_MACHINE = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
BODY = b"x" * 1024


def client(service: str, endpoint: str, read_timeout: int = 60):
    """A client with one pooled connection and no retries, so every call is one request."""
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}, max_pool_connections=1, read_timeout=read_timeout,
                      s3={"addressing_style": "path"}))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


class Stack:
    """The resources every phase uses, and one client per service for the probe."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.s3, self.sqs = client("s3", endpoint), client("sqs", endpoint)
        self.sfn, self.logs = client("stepfunctions", endpoint), client("logs", endpoint)
        self.s3.create_bucket(Bucket="bench-load")
        self.s3.put_object(Bucket="bench-load", Key="probe", Body=BODY)
        self.fast_queue = self.sqs.create_queue(QueueName="bench-fast")["QueueUrl"]
        self.work_queue = self.sqs.create_queue(QueueName="bench-work")["QueueUrl"]
        self.slow_queue = self.sqs.create_queue(QueueName="bench-slow")["QueueUrl"]
        self.machine = self.sfn.create_state_machine(name="bench-pass", definition=PASS_MACHINE, roleArn=ROLE)["stateMachineArn"]
        self.logs.create_log_group(logGroupName="bench")
        self.logs.create_log_stream(logGroupName="bench", logStreamName="probe")
        self.logs.create_log_stream(logGroupName="bench", logStreamName="load")

    def probes(self):
        """(label, call) for every timed operation, each one request."""
        counter = iter(range(10**9))
        return [
            ("S3 PutObject 1 KiB", lambda: self.s3.put_object(Bucket="bench-load", Key=f"p{next(counter)}", Body=BODY)),
            ("S3 GetObject 1 KiB", lambda: self.s3.get_object(Bucket="bench-load", Key="probe")["Body"].read()),
            ("SQS SendMessage (beside the long polls)", lambda: self.sqs.send_message(QueueUrl=self.fast_queue, MessageBody="m")),
            ("SQS ReceiveMessage (a message waiting)", lambda: self.sqs.receive_message(QueueUrl=self.fast_queue, WaitTimeSeconds=0)),
            ("Step Functions StartExecution", lambda: self.sfn.start_execution(stateMachineArn=self.machine)),
            ("Logs PutLogEvents (1 event)", lambda: self.logs.put_log_events(
                logGroupName="bench", logStreamName="probe",
                logEvents=[{"timestamp": int(time.time() * 1000), "message": "probe"}])),
        ]


def probe(stack: Stack, seconds: float) -> dict[str, list[float]]:
    """Milliseconds per call, cycling over the operations for `seconds`."""
    samples: dict[str, list[float]] = {}
    probes = stack.probes()
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        for label, call in probes:
            start = time.perf_counter()
            call()
            samples.setdefault(label, []).append((time.perf_counter() - start) * 1000)
    return samples


class Load:
    """`connections` connections keeping the stack busy until stopped, from worker processes.

    The load runs in other processes than the probe (Python threads share one interpreter lock,
    which would time the lock, not the stack), at a lower CPU priority, so the probe and the
    stack get the CPU first and the rows show the stack's own waiting.
    """

    def __init__(self, endpoint: str, stack: "Stack", connections: int, long_polls: int, processes: int = 4):
        self.stop = multiprocessing.Event()
        self.calls = multiprocessing.Value("q", 0)
        self.errors = multiprocessing.Value("q", 0)
        roles = ["long-poll"] * min(long_polls, connections)
        mixed = ["s3", "sqs", "states", "logs"]
        roles += [mixed[i % len(mixed)] for i in range(connections - len(roles))]
        self.roles = roles
        targets = {"fast": stack.fast_queue, "work": stack.work_queue, "slow": stack.slow_queue, "machine": stack.machine}
        shares = [roles[i::processes] for i in range(processes)]
        self.workers = [multiprocessing.Process(target=load_worker, args=(endpoint, targets, share, i, self.stop, self.calls, self.errors),
                                                daemon=True) for i, share in enumerate(shares) if share]

    def start(self):
        for w in self.workers:
            w.start()

    def finish(self, timeout: float):
        self.stop.set()
        deadline = time.monotonic() + timeout
        for w in self.workers:
            w.join(max(0.0, deadline - time.monotonic()))
            if w.is_alive():
                w.kill()


def load_worker(endpoint, targets, roles, worker, stop, calls, errors):
    """One load process: a thread (and a client, so a connection) per role, until `stop`."""
    os.nice(10)

    def count(failed: bool = False):
        with calls.get_lock():
            calls.value += 1
        if failed:
            with errors.get_lock():
                errors.value += 1

    def run(role: str, index: int):
        service = {"long-poll": "sqs", "s3": "s3", "sqs": "sqs", "states": "stepfunctions", "logs": "logs"}[role]
        c = client(service, endpoint)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                if role == "long-poll":
                    c.receive_message(QueueUrl=targets["slow"], WaitTimeSeconds=20)
                elif role == "s3":
                    key = f"load-{worker}-{index}-{n % 50}"
                    c.put_object(Bucket="bench-load", Key=key, Body=BODY)
                    count()
                    c.get_object(Bucket="bench-load", Key=key)["Body"].read()
                elif role == "sqs":
                    c.send_message(QueueUrl=targets["work"], MessageBody="w")
                    count()
                    for m in c.receive_message(QueueUrl=targets["work"], WaitTimeSeconds=1).get("Messages", []):
                        c.delete_message(QueueUrl=targets["work"], ReceiptHandle=m["ReceiptHandle"])
                elif role == "states":
                    c.start_execution(stateMachineArn=targets["machine"])
                else:
                    c.put_log_events(logGroupName="bench", logStreamName="load",
                                     logEvents=[{"timestamp": int(time.time() * 1000), "message": "load " * 20}])
                count()
            except Exception:  # noqa: BLE001 - every failure is counted and shown
                count(failed=True)

    threads = [threading.Thread(target=run, args=(role, i), daemon=True) for i, role in enumerate(roles)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brume-bin", help="the brume binary (default: .build/release/brume, else .build/debug/brume)")
    parser.add_argument("--seconds", type=float, default=20.0, help="probing time per phase (default 20)")
    parser.add_argument("--connections", type=int, default=64, help="load connections (default 64)")
    parser.add_argument("--long-polls", type=int, default=20, help="of which long-poll an empty queue (default 20)")
    args = parser.parse_args()
    args.brume_bin, message = resolve_brume_bin(args.brume_bin)
    if args.brume_bin is None:
        raise SystemExit(message)
    if "debug" in args.brume_bin:
        print("note: a debug build; figures are not representative of a release build", file=sys.stderr)

    port = servers.free_port()
    workdir = Path(tempfile.mkdtemp(prefix="brume-load-bench-"))
    spec = servers.brume_spec(args.brume_bin, str(workdir), port, CONFIG.replace("PORT", str(port)))
    endpoint = spec.endpoint
    began = time.monotonic()
    try:
        with servers.running(spec, ready_timeout_s=30) as server:
            process = server.proc
            stack = Stack(endpoint)
            probe(stack, 1.0)  # warm-up: connections opened, first-call paths taken
            idle = probe(stack, args.seconds)
            load = Load(endpoint, stack, args.connections, args.long_polls)
            load.start()
            time.sleep(2.0)  # every load connection open and busy
            calls_before = load.calls.value
            loaded_start = time.monotonic()
            loaded = probe(stack, args.seconds)
            loaded_seconds = time.monotonic() - loaded_start
            load_rate = (load.calls.value - calls_before) / loaded_seconds
            alive = process.poll() is None
            load.finish(timeout=25.0)

            cpus = os.cpu_count()
            long_polls = load.roles.count("long-poll")
            print(f"brume: {args.brume_bin}")
            print(f"machine: {cpus} CPUs shared by the stack, the load ({len(load.workers)} processes at nice 10) and the probe")
            print(f"load: {args.connections} connections, {long_polls} long-polling an empty queue, the rest mixed "
                  f"S3/SQS/Step Functions/Logs; {load_rate:,.0f} load calls/s while probing")
            print(f"probe: one call at a time for {args.seconds:g} s per phase; the idle phase is the baseline")
            print()
            header = f"{'operation':<42} {'idle p50':>9} {'idle p99':>9} {'load p50':>9} {'load p99':>9} {'load max':>9} {'p99 x':>6}"
            print(header)
            print("-" * len(header))
            for label, _ in stack.probes():
                a, b = idle.get(label, [0.0]), loaded.get(label, [0.0])
                ratio = percentile(b, 99) / percentile(a, 99) if percentile(a, 99) else float("nan")
                print(f"{label:<42} {percentile(a, 50):>9.2f} {percentile(a, 99):>9.2f} {percentile(b, 50):>9.2f} "
                      f"{percentile(b, 99):>9.2f} {max(b):>9.2f} {ratio:>6.1f}")
            print("(milliseconds; samples per row: idle "
                  f"{min(len(v) for v in idle.values())}+, load {min(len(v) for v in loaded.values())}+)")
            print(f"load errors: {load.errors.value} of {load.calls.value} calls; process up after load: {'yes' if alive and process.poll() is None else 'NO'}")
            print(f"run time: {time.monotonic() - began:.0f} s")
            return 0 if alive else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
