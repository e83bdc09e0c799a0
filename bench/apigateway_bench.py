#!/usr/bin/env python3
"""API Gateway data-plane figures, each beside a baseline measured in the same run on the same stack.

Usage: python3 bench/apigateway_bench.py [--brume-bin PATH] [--seconds S] [--samples N] [--quick]

Rows:
  MOCK req/s       wrk against a MOCK method (request template, integration response template) beside
                   wrk against a raw S3 GET of a 1 KiB object, same connections and duration
  Lambda proxy     p50/p99 of N sequential GETs of an AWS_PROXY method on one keep-alive connection,
                   beside N direct Invoke calls of the same (warm) function; the difference is the
                   gateway's overhead
  throttling       a usage plan with rateLimit 100 and burstLimit 100, hammered by wrk with the key
                   for 10 s: accepted calls against rate x elapsed + burst
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from lib import wrk  # noqa: E402

CONFIG = """version: 1
edge: { host: 127.0.0.1, port: PORT }
services: { s3: {}, lambda: {}, apigateway: {} }
"""
ROLE = "arn:aws:iam::000000000000:role/bench"
FUNCTION = """
def handler(event, context):
    return {"statusCode": 200, "body": "ok"}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(service: str, endpoint: str):
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"}))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def timed(port: int, method: str, path: str, samples: int, body: bytes = b"") -> list[float]:
    """Milliseconds per call on one keep-alive connection, after 20 unmeasured calls."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    results = []
    for i in range(samples + 20):
        start = time.perf_counter()
        connection.request(method, path, body=body)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status}")
        if i >= 20:
            results.append(elapsed)
    connection.close()
    return results


def build_api(apigw, lam_function: str) -> tuple[str, str]:
    """An API with GET /mock (MOCK), GET /proxy (AWS_PROXY) and GET /metered (MOCK, key required)."""
    api = apigw.create_rest_api(name="bench")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    arn = f"arn:aws:lambda:us-east-1:000000000000:function:{lam_function}"
    for part, integration, keyed in [
        ("mock", {"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}}, False),
        ("proxy", {"type": "AWS_PROXY", "integrationHttpMethod": "POST",
                   "uri": f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"}, False),
        ("metered", {"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}}, True),
    ]:
        resource = apigw.create_resource(restApiId=api, parentId=root, pathPart=part)["id"]
        apigw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE", apiKeyRequired=keyed)
        apigw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", **integration)
        if integration["type"] == "MOCK":
            apigw.put_method_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200")
            apigw.put_integration_response(restApiId=api, resourceId=resource, httpMethod="GET", statusCode="200", selectionPattern="",
                                           responseTemplates={"application/json": '{"ok": true, "id": "$context.requestId"}'})
    apigw.create_deployment(restApiId=api, stageName="bench")
    plan = apigw.create_usage_plan(name="bench", apiStages=[{"apiId": api, "stage": "bench"}],
                                   throttle={"rateLimit": 100.0, "burstLimit": 100})["id"]
    key = apigw.create_api_key(name="bench", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
    return api, key["value"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brume-bin", default=str(REPO / ".build" / "release" / "brume"))
    parser.add_argument("--seconds", type=float, default=5.0, help="wrk duration of the req/s rows")
    parser.add_argument("--samples", type=int, default=500, help="sequential calls per latency row")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="2 s wrk runs, 100 samples")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.samples = 2.0, 100
    if wrk.find_wrk() is None:
        print(f"wrk is missing: {wrk.INSTALL_HINT}", file=sys.stderr)
        return 2
    if "debug" in args.brume_bin:
        print("WARNING: debug build -- its figures are NOT representative; build with -c release", file=sys.stderr)

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="brume-apigateway-bench-"))
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
        s3, lam, apigw = client("s3", endpoint), client("lambda", endpoint), client("apigateway", endpoint)
        s3.create_bucket(Bucket="bench")
        s3.put_object(Bucket="bench", Key="one-kib", Body=b"x" * 1024)
        package = io.BytesIO()
        with zipfile.ZipFile(package, "w") as archive:
            archive.writestr("app.py", FUNCTION)
        lam.create_function(FunctionName="bench-proxy", Runtime="python3.12", Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": package.getvalue()})
        api, key = build_api(apigw, "bench-proxy")
        base = f"/_aws/execute-api/{api}/bench"

        options = {"threads": 2, "connections": args.connections, "duration_s": args.seconds}
        mock = wrk.run(f"{endpoint}{base}/mock", **options)
        raw = wrk.run(f"{endpoint}/bench/one-kib", **options)

        invoke_path = "/2015-03-31/functions/bench-proxy/invocations"
        direct = timed(port, "POST", invoke_path, args.samples, body=b"{}")
        proxied = timed(port, "GET", f"{base}/proxy", args.samples)

        # The bucket starts full, so the expected count is rate x elapsed + burst.
        throttle_seconds = 10
        throttled = wrk.run(f"{endpoint}{base}/metered", threads=2, connections=args.connections, duration_s=throttle_seconds,
                            headers={"x-api-key": key})
        accepted = throttled.requests - throttled.non_2xx
        expected = 100 * throttled.seconds + 100

        print(f"wrk: 2 threads, {args.connections} connections, {args.seconds:g} s; latency: {args.samples} sequential calls "
              "on one keep-alive connection after 20 unmeasured")
        print(f"{'metric':<52} {'API Gateway':>14} {'baseline':>14} {'ratio':>7}")
        print(f"{'req/s: MOCK method / raw S3 GET 1 KiB':<52} {wrk.to_cell(mock).value:>14,.0f} {wrk.to_cell(raw).value:>14,.0f} "
              f"{wrk.to_cell(mock).value / wrk.to_cell(raw).value:>7.2f}")
        for label, p in (("Lambda proxy GET / direct Invoke, p50 (ms)", 50), ("Lambda proxy GET / direct Invoke, p99 (ms)", 99)):
            a, b = percentile(proxied, p), percentile(direct, p)
            print(f"{label:<52} {a:>14.2f} {b:>14.2f} {a / b:>7.2f}   overhead {a - b:+.2f} ms")
        error = (accepted - expected) / expected * 100
        print(f"{'throttling: accepted in ' + format(throttled.seconds, '.2f') + ' s at rateLimit 100, burst 100':<52} "
              f"{accepted:>14,} {expected:>14,.0f} {'':>7}   {error:+.2f} % (target within +/-2 %)")
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
