#!/usr/bin/env python3
"""Lambda benchmark: cold starts (Swift, Python, Node), warm Invoke latency next to a local HTTP
baseline, and invokes/s with concurrent callers, against one Brume.

Usage: python3 bench/lambda_bench.py [--quick] [--brume-bin PATH] [--function-bin PATH]
See bench/README.md. Targets are printed next to the figures, never asserted. There is no peer
emulator column: LocalStack's and moto's Lambda need Docker, which does not run on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import lambda_phases, runner, servers, wrk  # noqa: E402
from lib.lambda_phases import COLD_TARGETS, PYTHON, SWIFT, WARM, WARM_OVERHEAD_TARGET_MS, Settings  # noqa: E402
from lib.report import Cell, Results  # noqa: E402
from lib.runner import BASELINE, SUBJECT, log  # noqa: E402

FUNCTION_PRODUCT = "echo-swift"
BRUME_LAMBDA_CONFIG = servers.BRUME_CONFIG.replace("s3: {}", "lambda: {}\n  logs: {}")
NO_PEER = ("no peer figure: LocalStack's and moto's Lambda run functions in Docker, which does not run "
           "on this machine; the local HTTP baseline rows are the reference instead")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brume-bin", help="brume binary (default: .build/release/brume, else .build/debug/brume)")
    p.add_argument("--function-bin", help=f"{FUNCTION_PRODUCT} binary, deployed as the Swift function's bootstrap "
                                          f"(default: .build/release/{FUNCTION_PRODUCT}, else .build/debug/...)")
    p.add_argument("--quick", action="store_true", help="short smoke run (figures are rough)")
    p.add_argument("--ready-timeout", type=float, default=30.0, help="seconds to wait for readiness")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    p.add_argument("--cold-rounds", type=int, help="cold starts per runtime (default 15, quick 5)")
    p.add_argument("--samples", type=int, help="warm calls measured per target (default 3000, quick 500)")
    p.add_argument("--callers", type=int, default=8, help="concurrent callers of the throughput runs (default 8)")
    p.add_argument("--wrk-duration", type=float, help="seconds per throughput run (default 5, quick 2)")
    p.add_argument("--payload", default='{"message":"hello from the Brume benchmark"}',
                   help="JSON event of every invoke")
    p.add_argument("--keep-path", action="store_true",
                   help="start Brume with PATH as is (by default the real python3's folder goes first, "
                        "so a version manager's shim, e.g. pyenv's, is not part of the Python cold start)")
    return p.parse_args(argv)


def settings_for(args: argparse.Namespace, swift_bin: str | None) -> Settings:
    quick = args.quick
    return Settings(
        swift_bin=swift_bin,
        payload=args.payload,
        cold_rounds=max(1, args.cold_rounds or (5 if quick else 15)),
        warm_samples=max(10, args.samples or (500 if quick else 3000)),
        warm_blocks=5,
        tail_samples=50 if quick else 200,
        callers=max(1, args.callers),
        wrk_threads=2,
        wrk_duration_s=args.wrk_duration or (2.0 if quick else 5.0),
        wrk_warmup_s=1.0,
        phase_max_s=30.0 if quick else 90.0,
        settle_s=0.5 if quick else 1.0,
        ready_timeout_s=args.ready_timeout,
    )


def interpreter_lines(keep_path: bool) -> tuple[str | None, list[str]]:
    """(PATH to give Brume or None, header lines naming the interpreters functions run on)."""
    lines, path = [], None
    python = shutil.which("python3")
    real = _run(["python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"]) if python else None
    version = _run(["python3", "--version"]) if python else None
    if not python:
        lines.append("python3: NOT FOUND on PATH -- the Python rows will be errors")
    else:
        shim = real and os.path.dirname(os.path.realpath(python)) != os.path.dirname(real)
        lines.append(f"python functions run on the host's python3 ({version}, {real}) for every python3.x runtime")
        if shim and not keep_path:
            path = os.path.dirname(real) + os.pathsep + os.environ.get("PATH", "")
            lines.append(f"  PATH's python3 is a shim ({python}): Brume gets {os.path.dirname(real)} first on its "
                         "PATH, so the shim's own start-up is not measured (--keep-path measures it)")
        elif shim:
            lines.append(f"  --keep-path: functions start through the shim {python} (its start-up is included)")
    node = shutil.which("node")
    lines.append(f"node functions run on {node} ({_run(['node', '--version'])})" if node
                 else "node: NOT FOUND on PATH -- the Node rows are skipped")
    return path, lines


def _run(argv: list[str]) -> str | None:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def describe(s: Settings, load_before: float, preface: list[str]) -> str:
    if wrk.find_wrk():
        load = f"wrk -t{s.wrk_threads} -c{s.callers}, lib/wrk_post.lua"
    else:
        load = f"a Python load generator with {s.callers} connections (wrk MISSING: {wrk.INSTALL_HINT}) -- client-bound"
    return "\n".join([
        *preface,
        *runner.machine_lines(load_before),
        "Brume config: services lambda + logs (function output is shipped to CloudWatch Logs, as in a normal stack)",
        "client: raw http.client keep-alive (not boto3), one SigV4 header per path computed once with botocore; "
        f"event {len(s.payload)} bytes",
        f"cold start: {s.cold_rounds} per runtime, runtimes in turn; the first right after CreateFunction, then "
        "after UpdateFunctionConfiguration with a new env var (retires the instance) and a 100 ms pause; "
        "Invoke latency = request sent -> response read; Init Duration = REPORT line (LogType Tail): "
        "spawn -> the runtime's first `next`",
        f"warm: {s.warm_samples} sequential calls per target after {lambda_phases.UNMEASURED} unmeasured, in "
        f"{s.warm_blocks} alternating blocks (baseline, Python, Swift); baseline = lib/echo_server.py, a minimal "
        "Python HTTP/1.1 server echoing the body, same client and headers; overhead = Invoke - baseline at the "
        f"same percentile; REPORT Duration from {s.tail_samples} extra invokes with LogType Tail",
        f"throughput: {load}, {s.callers} connections, {s.wrk_duration_s:g} s per run after a "
        f"{s.wrk_warmup_s:g} s warm-up (Brume starts up to {s.callers} instances per function)",
        f"moto column: {NO_PEER}",
        "Targets are printed, not enforced.",
    ])


def targets_summary(results: Results) -> str:
    cells = results.get(SUBJECT, {})

    def verdict(key: str, limit: float, label: str) -> str:
        cell = cells.get(key)
        if cell is None or cell.value is None:
            return f"  {label}: no figure"
        return f"  {label}: {'met' if cell.value < limit else 'NOT met'} ({cell.value:.3g} ms)"

    lines = ["targets (printed, never asserted):"]
    for rt in (SWIFT, PYTHON):
        lines.append(verdict(f"cold_{rt.key}_p50_ms", COLD_TARGETS[rt.key],
                             f"{rt.label.split(' (')[0]} cold start p50 < {COLD_TARGETS[rt.key]} ms"))
    for rt in WARM:
        lines.append(verdict(f"over_{rt.key}_p50_ms", WARM_OVERHEAD_TARGET_MS,
                             f"warm Invoke overhead p50 < {WARM_OVERHEAD_TARGET_MS} ms, "
                             f"{rt.label.split(' (')[0]} function"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = runner.Plan()
    brume, msg = runner.resolve_brume_bin(args.brume_bin)
    log(msg)
    plan.preface += msg.splitlines()
    swift_bin, fmsg = runner.resolve_brume_bin(args.function_bin, FUNCTION_PRODUCT)
    log(fmsg)
    plan.preface += fmsg.splitlines()
    s = settings_for(args, swift_bin)
    path, lines = interpreter_lines(args.keep_path)
    plan.preface += lines
    plan.results[BASELINE] = {m.key: Cell(missing="n/a") for m in lambda_phases.METRICS if m.key != "stop_ms"}
    plan.results[BASELINE]["ready_ms"] = Cell(missing="n/a", note=NO_PEER)
    if brume is None:
        plan.results[SUBJECT] = {"ready_ms": Cell(missing="missing", note="no brume binary, see above")}
        plan.status = 2
    else:
        def spec(workdir: str, port: int) -> servers.ServerSpec:
            made = servers.brume_spec(brume, workdir, port, BRUME_LAMBDA_CONFIG)
            if path:
                made.env["PATH"] = path
            return made
        plan.sides.append((SUBJECT, spec))
    load_before = os.getloadavg()[0]
    try:
        results, status = runner.run_sides(plan, lambda_phases.PHASES, s.ready_timeout_s, s)
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        return 130

    runner.print_report(results, describe(s, load_before, plan.preface), s, load_before, args.json,
                        lambda_phases.METRICS)
    print()
    print(targets_summary(results))
    return status


if __name__ == "__main__":
    sys.exit(main())
