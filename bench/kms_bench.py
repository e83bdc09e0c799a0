#!/usr/bin/env python3
"""KMS Encrypt and Decrypt requests per second, Brume beside moto's server, in one run.

Usage: python3 bench/kms_bench.py [--brume-bin PATH] [--seconds S] [--threads T] [--only brume|moto]

Rows (each server gets one symmetric key and the same load from T boto3 threads for S seconds):
  Encrypt      1 KiB plaintext with a two-pair encryption context
  Decrypt      a ciphertext made once, with its context
  data keys    GenerateDataKey (AES_256)
Brume's keys are real AES-256-GCM keys, sealed at rest, each change committed before the answer;
moto keeps keys in memory. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from lib import servers  # noqa: E402

BRUME_KMS_CONFIG = servers.BRUME_CONFIG.replace("s3: {}", "kms: {}")
CONTEXT = {"tenant": "bench", "purpose": "throughput"}


def kms_client(endpoint: str):
    return boto3.session.Session().client(
        "kms", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}, max_pool_connections=64))


def rate(call, threads: int, seconds: float) -> float:
    """Calls per second of `call()` from `threads` threads."""
    counts = [0] * threads
    stop = time.monotonic() + seconds

    def work(index: int) -> None:
        while time.monotonic() < stop:
            call()
            counts[index] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.monotonic() - start)


def measure(endpoint: str, threads: int, seconds: float) -> dict[str, float]:
    kms = kms_client(endpoint)
    key_id = kms.create_key(Description="bench")["KeyMetadata"]["KeyId"]
    plaintext = os.urandom(1024)
    blob = kms.encrypt(KeyId=key_id, Plaintext=plaintext, EncryptionContext=CONTEXT)["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=CONTEXT)["Plaintext"] == plaintext
    return {
        "Encrypt (1 KiB) req/s": rate(lambda: kms.encrypt(KeyId=key_id, Plaintext=plaintext, EncryptionContext=CONTEXT), threads, seconds),
        "Decrypt (1 KiB) req/s": rate(lambda: kms.decrypt(CiphertextBlob=blob, EncryptionContext=CONTEXT), threads, seconds),
        "GenerateDataKey req/s": rate(lambda: kms.generate_data_key(KeyId=key_id, KeySpec="AES_256"), threads, seconds),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brume-bin", default=str(REPO / ".build" / "release" / "brume"))
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", choices=["brume", "moto"])
    args = parser.parse_args()

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="brume-kms-bench-") as workdir:
        if args.only in (None, "brume"):
            spec = servers.brume_spec(str(Path(args.brume_bin).resolve()), workdir, servers.free_port(), BRUME_KMS_CONFIG)
            with servers.running(spec, ready_timeout_s=30) as server:
                results["brume"] = measure(server.spec.endpoint, args.threads, args.seconds)
        if args.only in (None, "moto"):
            spec = servers.moto_spec(workdir, servers.free_port())
            with servers.running(spec, ready_timeout_s=30) as server:
                results["moto"] = measure(server.spec.endpoint, args.threads, args.seconds)

    print(f"{args.threads} boto3 threads, {args.seconds:g} s per row")
    names = list(results)
    print(f"{'metric':<26}" + "".join(f"{name:>12}" for name in names) + ("  brume/moto" if len(names) == 2 else ""))
    for metric in next(iter(results.values())):
        values = [results[name][metric] for name in names]
        line = f"{metric:<26}" + "".join(f"{value:>12,.0f}" for value in values)
        if len(values) == 2:
            line += f"  {values[0] / values[1]:>10.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
