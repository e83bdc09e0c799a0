#!/usr/bin/env python3
"""EventBridge delivery latency and PutEvents throughput, beside an SQS baseline from the same run.

Usage: python3 bench/events_bench.py [--brume-bin PATH] [--samples N] [--seconds S] [--threads T]

Rows:
  baseline  SQS SendMessage → long-poll ReceiveMessage, through the same edge
  events    PutEvents (1 entry) → rule → SQS target → long-poll ReceiveMessage
  PutEvents throughput: entries/s with batches of 10 from T threads (each batch committed to the
  outbox before its answer), and SendMessageBatch of 10 as the baseline.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parent.parent
CONFIG = """version: 1
edge: { host: 127.0.0.1, port: PORT }
services: { sqs: {}, events: {} }
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(service: str, endpoint: str):
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}, max_pool_connections=64))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def latency(send, sqs, url: str, samples: int) -> list[float]:
    """Milliseconds from just before `send(marker)` to the message being received."""
    results = []
    for i in range(samples + 5):
        marker = f"m{i}-{time.monotonic_ns()}"
        start = time.perf_counter()
        send(marker)
        while True:
            messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5, MaxNumberOfMessages=1).get("Messages", [])
            if messages and marker in messages[0]["Body"]:
                elapsed = (time.perf_counter() - start) * 1000
                sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
                break
            for message in messages:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if i >= 5:
            results.append(elapsed)
    return results


def throughput(call, threads: int, seconds: float) -> float:
    """Calls per second of `call()` from `threads` threads, each call counted as 10 entries."""
    count = [0] * threads
    stop = time.monotonic() + seconds

    def work(index: int):
        while time.monotonic() < stop:
            call()
            count[index] += 10

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    start = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(count) / (time.monotonic() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brume-bin", default=str(REPO / ".build" / "release" / "brume"))
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="brume-events-bench-"))
    (workdir / "stack.yml").write_text(CONFIG.replace("PORT", str(port)))
    process = subprocess.Popen([args.brume_bin, "up", "--config", str(workdir / "stack.yml"), "--data-dir", str(workdir / "data")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    print("brume did not start", file=sys.stderr)
                    return 1
                time.sleep(0.05)
        sqs, events = client("sqs", endpoint), client("events", endpoint)
        baseline_url = sqs.create_queue(QueueName="bench-baseline")["QueueUrl"]
        target_url = sqs.create_queue(QueueName="bench-target")["QueueUrl"]
        sink_url = sqs.create_queue(QueueName="bench-sink")["QueueUrl"]
        events.put_rule(Name="bench-latency", EventPattern=json.dumps({"source": ["bench.latency"]}))
        events.put_targets(Rule="bench-latency", Targets=[{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:000000000000:bench-target"}])
        events.put_rule(Name="bench-load", EventPattern=json.dumps({"source": ["bench.load"]}))
        events.put_targets(Rule="bench-load", Targets=[{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:000000000000:bench-sink"}])

        base = latency(lambda m: sqs.send_message(QueueUrl=baseline_url, MessageBody=json.dumps({"marker": m})), sqs, baseline_url, args.samples)
        routed = latency(lambda m: events.put_events(Entries=[{"Source": "bench.latency", "DetailType": "t", "Detail": json.dumps({"marker": m})}]),
                         sqs, target_url, args.samples)
        batch = [{"Source": "bench.load", "DetailType": "t", "Detail": json.dumps({"n": i, "pad": "x" * 100})} for i in range(10)]
        put_rate = throughput(lambda: events.put_events(Entries=batch), args.threads, args.seconds)
        messages = [{"Id": str(i), "MessageBody": json.dumps({"n": i, "pad": "x" * 100})} for i in range(10)]
        send_rate = throughput(lambda: sqs.send_message_batch(QueueUrl=baseline_url, Entries=messages), args.threads, args.seconds)

        print(f"{args.samples} latency samples after 5 unmeasured; throughput: {args.threads} boto3 threads for {args.seconds:g} s")
        print(f"{'metric':<48} {'EventBridge':>14} {'SQS baseline':>14} {'ratio':>7}")
        for label, p in (("delivery latency p50 (ms)", 50), ("delivery latency p99 (ms)", 99)):
            a, b = percentile(routed, p), percentile(base, p)
            print(f"{label:<48} {a:>14.2f} {b:>14.2f} {a / b:>7.2f}")
        print(f"{'entries/s, batches of 10 (PutEvents / SendMessageBatch)':<48} {put_rate:>14,.0f} {send_rate:>14,.0f} {put_rate / send_rate:>7.2f}")
        return 0
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
