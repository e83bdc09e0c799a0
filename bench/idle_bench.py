#!/usr/bin/env python3
"""Idle benchmark: the CPU an idle stack burns and how long SIGTERM takes to stop it, beside
baselines measured in the same run.

Usage: python3 bench/idle_bench.py [--quick] [--brume-bin PATH] [--before-bin PATH] [--idle-seconds S]

Brume runs the reference stack (this repository's localstack.yml) plus a declared Python function
(watched for hot reload) with an SQS event source mapping on `ingest-alerts`, after one warm-up
invoke and one message through the mapping, so every background piece has started. moto's server
(`python3 -m moto.server`) and `python3 -m http.server` are the baselines. `--before-bin` adds a
column for another brume binary (an older build), measured the same way in the same run.

Figures are printed, never asserted. See bench/README.md ("Idle CPU and SIGTERM -> exit").
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import procinfo, servers  # noqa: E402
from lib.runner import REPO, log, resolve_brume_bin  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
FUNCTION = "idle-bench"
QUEUE = "ingest-alerts"
# Sleeps `sleep` seconds when asked: the in-flight requests SIGTERM must wait for.
HANDLER = textwrap.dedent(
    """\
    import time
    def handler(event, context):
        time.sleep(float(event.get("sleep", 0)))
        return {"ok": True, "records": len(event.get("Records", []))}
    """
)
FUNCTION_CONFIG = textwrap.indent(textwrap.dedent(
    f"""\
    functions:
      - name: {FUNCTION}
        code: ./function
        runtime: python3.12
        handler: app.handler
        timeout: 10
        event_sources:
          - queue: {QUEUE}
            batch_size: 10
    """
), "  ")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brume-bin", help="brume binary (default: .build/release/brume, else .build/debug/brume)")
    p.add_argument("--before-bin", help="another brume binary (say, the build before a change), measured beside it")
    p.add_argument("--quick", action="store_true", help="short smoke run (figures are rough)")
    p.add_argument("--idle-seconds", type=float, help="length of the idle CPU window (default 20, quick 5)")
    p.add_argument("--stops", type=int, help="SIGTERM -> exit rounds per case (default 5, quick 2)")
    p.add_argument("--in-flight", type=int, default=4, help="requests in flight at the busy SIGTERM (default 4)")
    p.add_argument("--request-seconds", type=float, default=1.0, help="how long each in-flight request runs (default 1)")
    p.add_argument("--ready-timeout", type=float, default=30.0, help="seconds to wait for readiness")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    return p.parse_args(argv)


# MARK: process figures

def cpu_seconds(root: int) -> float:
    """utime + stime of root and its live descendants, in seconds (/proc/<pid>/stat fields 14, 15)."""
    total = 0
    for pid in procinfo.descendants(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def idle_cpu_percent(pid: int, seconds: float) -> tuple[float, float]:
    """(percent of one core over the window for the tree, the same for pid alone)."""
    def own(pid: int) -> float:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    tree0, own0, t0 = cpu_seconds(pid), own(pid), time.perf_counter()
    time.sleep(seconds)
    tree1, own1, t1 = cpu_seconds(pid), own(pid), time.perf_counter()
    return 100 * (tree1 - tree0) / (t1 - t0), 100 * (own1 - own0) / (t1 - t0)


def start(spec: servers.ServerSpec, ready_timeout: float) -> servers.RunningServer:
    log_path = Path(spec.cwd) / f"{spec.name}.log"
    t0 = time.perf_counter()
    server = servers.RunningServer(spec, servers._spawn(spec, log_path), log_path, t0)
    try:
        server.ready_s = servers._wait_ready(server, ready_timeout)
    except servers.StartError as error:
        stop_now(server)
        raise servers.StartError(f"{error}\n--- last lines of its output ---\n{server.log_tail()}") from None
    return server


def sigterm_exit_ms(server: servers.RunningServer, grace_s: float = 15.0) -> tuple[float | None, int | None]:
    """(ms from SIGTERM to the process's exit, its exit code); (None, None) when it had to be killed.

    Only the server process is signalled (as a supervisor does): its function instances are its
    own to stop."""
    proc = server.proc
    t0 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        stop_now(server)
        return None, None
    return 1000 * (time.perf_counter() - t0), code


def stop_now(server: servers.RunningServer) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.proc.wait(timeout=5)


# MARK: Brume's stack

def brume_workdir(root: Path, port: int) -> Path:
    """A copy of the reference stack on `port`, with the benchmark's function declared."""
    workdir = Path(tempfile.mkdtemp(prefix="brume-idle-", dir=root))
    text = (REPO / "localstack.yml").read_text()
    assert "port: 4566" in text and "  queues:" in text, "the reference localstack.yml changed shape"
    text = text.replace("port: 4566", f"port: {port}").rstrip("\n") + "\n" + FUNCTION_CONFIG
    (workdir / "localstack.yml").write_text(text)
    (workdir / "function").mkdir()
    (workdir / "function" / "app.py").write_text(HANDLER)
    return workdir


def brume_spec(binary: str, workdir: Path, port: int) -> servers.ServerSpec:
    argv = [binary, "up", "--config", str(workdir / "localstack.yml"), "--port", str(port)]
    return servers.ServerSpec("brume", argv, port, "/_brume/health", str(workdir))


def aws_client(service: str, endpoint: str):
    import boto3
    from botocore.config import Config
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1",
        config=Config(retries={"total_max_attempts": 1}, read_timeout=60, max_pool_connections=32))


def warm_up(endpoint: str) -> None:
    """One invoke (a warm instance), one message through the mapping, consumed."""
    lam, sqs = aws_client("lambda", endpoint), aws_client("sqs", endpoint)
    answer = lam.invoke(FunctionName=FUNCTION, Payload=b"{}")
    if answer.get("FunctionError"):
        raise RuntimeError(f"the warm-up invoke failed: {answer['Payload'].read()!r}")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="warm-up")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        if attributes["ApproximateNumberOfMessages"] == "0" and attributes["ApproximateNumberOfMessagesNotVisible"] == "0":
            return
        time.sleep(0.1)
    raise RuntimeError("the event source mapping did not consume the warm-up message within 30 s")


def brume_side(binary: str, root: Path, args: argparse.Namespace) -> dict:
    """Idle CPU, idle SIGTERM -> exit, and SIGTERM -> exit with requests in flight, on one data directory."""
    port = servers.free_port()
    workdir = brume_workdir(root, port)
    spec = brume_spec(binary, workdir, port)
    figures: dict = {"idle_stop_ms": [], "busy_stop_ms": [], "busy_after_last_ms": [], "exit_codes": [], "notes": []}

    server = start(spec, args.ready_timeout)
    try:
        warm_up(spec.endpoint)
        time.sleep(args.settle)
        figures["idle_cpu_tree"], figures["idle_cpu_own"] = idle_cpu_percent(server.proc.pid, args.idle_seconds)
    except Exception as error:  # noqa: BLE001 -- a failed phase is a note, not a crash
        figures["notes"].append(f"idle phase failed: {error}")
    stopped, code = sigterm_exit_ms(server)
    figures["idle_stop_ms"].append(stopped)
    figures["exit_codes"].append(code)

    for _ in range(args.stops - 1):
        server = start(spec, args.ready_timeout)
        time.sleep(args.settle)
        stopped, code = sigterm_exit_ms(server)
        figures["idle_stop_ms"].append(stopped)
        figures["exit_codes"].append(code)

    for _ in range(args.stops):
        server = start(spec, args.ready_timeout)
        try:
            lam = aws_client("lambda", spec.endpoint)
            lam.invoke(FunctionName=FUNCTION, Payload=b"{}")  # the first instance, so the rest are all in flight
            total, after_last, answered = busy_stop(server, lam, args)
            figures["busy_stop_ms"].append(total)
            figures["busy_after_last_ms"].append(after_last)
            if answered < args.in_flight:
                figures["notes"].append(f"only {answered} of {args.in_flight} in-flight invokes were answered")
        except Exception as error:  # noqa: BLE001
            figures["notes"].append(f"busy stop failed: {error}")
            stop_now(server)
        figures["exit_codes"].append(server.proc.returncode)
    return figures


def busy_stop(server: servers.RunningServer, lam, args: argparse.Namespace) -> tuple[float | None, float | None, int]:
    """SIGTERM while `in_flight` invokes run; (ms to exit, ms from the last answer to the exit, answers)."""
    payload = json.dumps({"sleep": args.request_seconds}).encode()
    answered_at: list[float] = []

    def call() -> bool:
        answer = lam.invoke(FunctionName=FUNCTION, Payload=payload)
        ok = answer["StatusCode"] == 200 and not answer.get("FunctionError")
        answered_at.append(time.perf_counter())
        return ok

    with concurrent.futures.ThreadPoolExecutor(args.in_flight) as pool:
        calls = [pool.submit(call) for _ in range(args.in_flight)]
        # Well inside each request's run time, after every instance has started.
        time.sleep(min(0.5, args.request_seconds / 2))
        stopped, _ = sigterm_exit_ms(server)
        exited = time.perf_counter()
        answered = sum(1 for c in calls if _result(c))
    after_last = 1000 * (exited - max(answered_at)) if answered_at and stopped is not None else None
    return stopped, (max(0.0, after_last) if after_last is not None else None), answered


def _result(future: concurrent.futures.Future) -> bool:
    try:
        return bool(future.result(timeout=30))
    except Exception:  # noqa: BLE001
        return False


# MARK: baselines

def baseline_side(name: str, argv: list[str], probe: str, root: Path, args: argparse.Namespace) -> dict:
    figures: dict = {"idle_stop_ms": [], "notes": []}
    for round_ in range(args.stops):
        port = servers.free_port()
        workdir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root))
        spec = servers.ServerSpec(name, [a.replace("{port}", str(port)) for a in argv], port, probe, str(workdir))
        server = start(spec, args.ready_timeout)
        time.sleep(args.settle)
        if round_ == 0:
            figures["idle_cpu_tree"], figures["idle_cpu_own"] = idle_cpu_percent(server.proc.pid, args.idle_seconds)
        stopped, _ = sigterm_exit_ms(server)
        figures["idle_stop_ms"].append(stopped)
    return figures


# MARK: report

def median(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def row(label: str, unit: str, cells: list[float | None], digits: int) -> str:
    text = [f"{c:,.{digits}f}" if c is not None else "-" for c in cells]
    return f"{label:<44} | {unit:<5} | " + " | ".join(f"{t:>13}" for t in text)


def print_report(sides: dict[str, dict], args: argparse.Namespace) -> None:
    names = list(sides)
    print()
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}; "
          f"idle window {args.idle_seconds:g} s; {args.stops} SIGTERM rounds per case (median shown)")
    print(f"busy stop: {args.in_flight} invokes of {args.request_seconds:g} s each in flight at SIGTERM")
    print()
    print(f"{'metric':<44} | {'unit':<5} | " + " | ".join(f"{n:>13}" for n in names))
    print("-" * 45 + "+-------+" + "+".join(["-" * 15] * len(names)))
    get = lambda key: [sides[n].get(key) for n in names]  # noqa: E731
    print(row("idle CPU (server and its children)", "%core", get("idle_cpu_tree"), 2))
    print(row("idle CPU (server process alone)", "%core", get("idle_cpu_own"), 2))
    print(row("SIGTERM -> exit, idle", "ms", [median(sides[n].get("idle_stop_ms", [])) for n in names], 0))
    print(row("SIGTERM -> exit, requests in flight", "ms", [median(sides[n].get("busy_stop_ms", [])) for n in names], 0))
    print(row("  of which after the last answer", "ms", [median(sides[n].get("busy_after_last_ms", [])) for n in names], 0))
    for name in names:
        codes = sides[name].get("exit_codes")
        if codes is not None:
            print(f"{name}: exit codes after SIGTERM: {codes}")
        for note in sides[name].get("notes", []):
            print(f"{name}: note: {note}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.idle_seconds = args.idle_seconds or (5.0 if args.quick else 20.0)
    args.stops = max(1, args.stops or (2 if args.quick else 5))
    args.settle = 1.0 if args.quick else 2.0
    binary, message = resolve_brume_bin(args.brume_bin)
    log(message)
    if binary is None:
        return 2
    if "/debug/" in binary:
        log("warning: a debug build; its CPU figures are higher than a release build's")
    before = None
    if args.before_bin:
        before, message = resolve_brume_bin(args.before_bin)
        log(message.replace("brume binary", "before binary"))
        if before is None:
            return 2
    python = shutil.which("python3") or sys.executable
    # The function's interpreter first on PATH, so a version manager's shim is not measured.
    real_python = subprocess.run([python, "-c", "import os,sys;print(os.path.realpath(sys.executable))"],
                                 capture_output=True, text=True).stdout.strip()
    if real_python:
        os.environ["PATH"] = os.path.dirname(real_python) + os.pathsep + os.environ.get("PATH", "")

    sides: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="brume-idle-bench-") as root_text:
        root = Path(root_text)
        for name, path in (("brume", binary), ("brume before", before)):
            if path is None:
                continue
            log(f"{name}: reference stack + function + event source mapping ...")
            try:
                sides[name] = brume_side(path, root, args)
            except servers.StartError as error:
                log(f"{name}: {error}")
                return 2
        for name, cmd, probe in (
            ("moto", [sys.executable, "-m", "moto.server", "-H", servers.HOST, "-p", "{port}"], "/moto-api/data.json"),
            ("http.server", [sys.executable, "-m", "http.server", "--bind", servers.HOST, "{port}"], "/"),
        ):
            log(f"{name}: idle ...")
            try:
                sides[name] = baseline_side(name, cmd, probe, root, args)
            except servers.StartError as error:
                log(f"{name}: {error}")
                sides[name] = {"notes": [str(error).splitlines()[0]]}
    print_report(sides, args)
    if args.json:
        Path(args.json).write_text(json.dumps(sides, indent=2))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
