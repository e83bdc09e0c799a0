"""What the Step Functions benchmark measures: the in-process interpreter (a Swift executable,
no server) and, against one running server, execution latency over raw HTTP."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata

from . import procinfo
from .report import LOWER, HIGHER, Cell, Metric
from .runner import Cells, Phase
from .servers import HOST, RunningServer
from .sqs_phases import percentile
from .statesclient import RawStates

MIB = float(1 << 20)
PASS_STATES = 5  # states in the HTTP benchmark's machines
ROLE_ARN = "arn:aws:iam::123456789012:role/brume-bench"
UNMEASURED = 10  # calls before the measured ones (connection, caches, moto's lazy imports)

METRICS: list[Metric] = [
    Metric("interp_chain_tps", "interpreter: 1,000-state Pass chain", "trans/s", HIGHER, (">=", 1_000_000)),
    Metric("interp_map_tps", "interpreter: inline Map, 10,000 items", "trans/s", HIGHER, (">=", 1_000_000)),
    Metric("ready_ms", "start -> ready (own probe)", "ms", LOWER, ("<", 100), 1),
    Metric("idle_rss_mib", "idle RSS after start (+children)", "MiB", LOWER, ("<", 30), 1),
    Metric("sync_p50_ms", "StartSyncExecution, EXPRESS 5 Pass, p50", "ms", LOWER, ("<", 2), 2),
    Metric("sync_p99_ms", "StartSyncExecution, EXPRESS 5 Pass, p99", "ms", LOWER, None, 2),
    Metric("std_p50_ms", "StartExecution -> SUCCEEDED seen, p50", "ms", LOWER, None, 2),
    Metric("std_p99_ms", "StartExecution -> SUCCEEDED seen, p99", "ms", LOWER, None, 2),
    Metric("std_server_p50_ms", "  (startDate -> stopDate as reported, p50)", "ms", LOWER, None, 0),
    Metric("std_start_p50_ms", "  (StartExecution round trip alone, p50)", "ms", LOWER, None, 2),
    Metric("loaded_rss_mib", "RSS after the load phases", "MiB", LOWER, None, 1),
    Metric("stop_ms", "SIGTERM -> exit", "ms", LOWER, None, 1),
]
INTERP_KEYS = ("interp_chain_tps", "interp_map_tps")
SYNC_KEYS = ("sync_p50_ms", "sync_p99_ms")
STD_KEYS = ("std_p50_ms", "std_p99_ms", "std_server_p50_ms", "std_start_p50_ms")


@dataclass(frozen=True)
class Settings:
    chain_states: int  # Pass states in the interpreter's chain
    map_items: int  # items of the interpreter's inline Map
    interp_runs: int  # measured runs of each interpreter workload (after interp_warmup)
    interp_warmup: int
    sync_samples: int  # StartSyncExecution calls measured
    std_samples: int  # STANDARD executions measured
    phase_max_s: float  # cap on each timed loop
    settle_s: float  # wait between "ready" and the idle RSS sample
    ready_timeout_s: float


# -- in-process interpreter (no server) ---------------------------------------


def interpreter(binary: str, s: Settings) -> Cells:
    """Runs brume-bench-states once per workload (a crash in one keeps the other's figure)."""
    common = ["--chain", str(s.chain_states), "--map-items", str(s.map_items),
              "--runs", str(s.interp_runs), "--warmup", str(s.interp_warmup)]
    return {key: _interp_workload(binary, workload, common, s)
            for key, workload in zip(INTERP_KEYS, ("chain", "map"))}


def _interp_workload(binary: str, workload: str, common: list[str], s: Settings) -> Cell:
    try:
        proc = subprocess.run([binary, "--only", workload, *common], capture_output=True, text=True,
                              timeout=max(60.0, 20 * s.phase_max_s))
    except subprocess.TimeoutExpired:
        return Cell.error(f"{workload} run did not finish within {max(60.0, 20 * s.phase_max_s):g} s")
    line = proc.stdout.strip().splitlines()[-1:] or [""]
    if proc.returncode != 0:
        return Cell.error(f"brume-bench-states --only {workload} exited with "
                          f"{_exit_reason(proc.returncode)}{_crash_site(proc.stderr)}")
    try:
        result = json.loads(line[0])
    except json.JSONDecodeError:
        return Cell.error(f"unreadable output: {line[0][:200]!r}")
    if "error" in result:
        return Cell.error(result["error"][:300])
    return Cell(result["transitions_per_s"],
                note=f"{result['transitions_per_run']:,} transitions per run ({result['events_per_run']:,} "
                     f"history events), {result['runs']} runs, median run {result['median_run_s'] * 1000:.1f} ms")


def _exit_reason(code: int) -> str:
    if code < 0:
        import signal
        try:
            return f"signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"signal {-code}"
    return f"status {code}"


def _crash_site(stderr: str) -> str:
    """The first source location of the crashed thread in a Swift backtrace, if any."""
    lines = stderr.splitlines()
    for i, text in enumerate(lines):
        if "crashed:" in text:
            for frame in lines[i + 1:i + 12]:
                if ".swift:" in frame:
                    return "; crashed in " + frame.split(" in ", 1)[-1].strip()[:220]
    return ""


# -- start-up and memory ------------------------------------------------------


def startup(server: RunningServer, s: Settings) -> Cells:
    cells = {"ready_ms": Cell(server.ready_s * 1000)}
    time.sleep(s.settle_s)
    cells["idle_rss_mib"] = Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)
    if server.spec.name == "moto":
        _moto_execute_state_machines(server)
    return cells


def _moto_execute_state_machines(server: RunningServer) -> None:
    """moto's default Step Functions backend never runs a definition (an execution stays
    RUNNING); its `execute_state_machine` setting switches to the backend that interprets it."""
    import http.client
    conn = http.client.HTTPConnection(HOST, server.spec.port, timeout=10)
    try:
        conn.request("POST", "/moto-api/config", body=json.dumps({"stepfunctions": {"execute_state_machine": True}}),
                     headers={"Content-Type": "application/json"})
        conn.getresponse().read()
    finally:
        conn.close()


def loaded_rss(server: RunningServer, _s: Settings) -> Cells:
    return {"loaded_rss_mib": Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)}


# -- executions over raw HTTP -------------------------------------------------


def pass_chain(count: int) -> str:
    states = {f"P{i}": {"Type": "Pass", "Next": f"P{i + 1}"} for i in range(count - 1)}
    states[f"P{count - 1}"] = {"Type": "Pass", "End": True}
    return json.dumps({"StartAt": "P0", "States": states})


def _create(sfn: RawStates, name: str, kind: str) -> str:
    return sfn.call("CreateStateMachine", {"name": name, "definition": pass_chain(PASS_STATES),
                                           "roleArn": ROLE_ARN, "type": kind})["stateMachineArn"]


def sync_latency(server: RunningServer, s: Settings) -> Cells:
    with RawStates(server.spec.endpoint) as sfn:
        arn = _create(sfn, "bench-express", "EXPRESS")
        try:
            first = sfn.call("StartSyncExecution", {"stateMachineArn": arn, "input": '{"n":0}'})
        except Exception as exc:
            if server.spec.name != "moto":
                raise
            why = (f"moto {_moto_version()} has no StartSyncExecution (its server answers "
                   f"{str(exc).split(':')[0].split('-> ')[-1]})")
            return {"sync_p50_ms": Cell(missing="n/a", note=why), "sync_p99_ms": Cell(missing="n/a")}
        if first.get("status") != "SUCCEEDED":
            raise RuntimeError(f"StartSyncExecution ended {first.get('status')}: {str(first)[:200]}")
        latencies, problem = [], ""
        deadline = time.perf_counter() + s.phase_max_s
        for n in range(UNMEASURED + s.sync_samples):
            if time.perf_counter() >= deadline:
                problem = f"time cap hit: {len(latencies)} of {s.sync_samples} samples"
                break
            body = {"stateMachineArn": arn, "input": json.dumps({"n": n})}
            t0 = time.perf_counter()
            out = sfn.call("StartSyncExecution", body)
            elapsed = time.perf_counter() - t0
            if out.get("status") != "SUCCEEDED":
                raise RuntimeError(f"execution {n} ended {out.get('status')}: {str(out)[:200]}")
            if n >= UNMEASURED:
                latencies.append(elapsed)
    return _latency_cells(latencies, problem, "sync_p50_ms", "sync_p99_ms")


def standard_latency(server: RunningServer, s: Settings) -> Cells:
    """StartExecution, then DescribeExecution back to back until it is no longer RUNNING.

    Each execution gets a new machine (created before the clock starts). moto 5's executing
    backend answers HTTP 500 ("cannot pickle '_thread.RLock'", from a deepcopy) on every
    StartExecution after the first one of its process, so moto gets exactly one sample."""
    one_shot = server.spec.name == "moto"
    skip, total = (0, 1) if one_shot else (UNMEASURED, UNMEASURED + s.std_samples)
    with RawStates(server.spec.endpoint) as sfn:
        latencies, starts, reported, polls, problem = [], [], [], 0, ""
        deadline = time.perf_counter() + s.phase_max_s
        for n in range(total):
            if time.perf_counter() >= deadline:
                problem = f"time cap hit: {len(latencies)} of {s.std_samples} samples"
                break
            # moto names an unnamed execution "None" (so the second one collides): always name it.
            arn = _create(sfn, f"bench-standard-{n}", "STANDARD")
            body = {"stateMachineArn": arn, "name": f"run-{n}", "input": json.dumps({"n": n})}
            t0 = time.perf_counter()
            execution_arn = sfn.call("StartExecution", body)["executionArn"]
            started = time.perf_counter()
            while True:
                described = sfn.call("DescribeExecution", {"executionArn": execution_arn})
                polls += n >= skip
                if described["status"] != "RUNNING":
                    break
                if time.perf_counter() - t0 > 30:
                    raise RuntimeError(f"execution {n} still RUNNING after 30 s")
            done = time.perf_counter()
            if described["status"] != "SUCCEEDED":
                raise RuntimeError(f"execution {n} ended {described['status']}: {str(described)[:200]}")
            if n >= skip:
                latencies.append(done - t0)
                starts.append(started - t0)
                reported.append(float(described["stopDate"]) - float(described["startDate"]))
    cells = _latency_cells(latencies, problem, "std_p50_ms", "std_p99_ms")
    if one_shot:
        cells["std_p50_ms"].note = (f"ONE execution, the first of the process: moto {_moto_version()} answers "
                                    "HTTP 500 to every later StartExecution when it runs definitions "
                                    "(its default backend never runs them: executions stay RUNNING)")
        cells.pop("std_p99_ms", None)
        cells["std_p99_ms"] = Cell(missing="n/a")
    if latencies:
        cells["std_p50_ms"].note = "; ".join(filter(None, (
            cells["std_p50_ms"].note, f"{polls / len(latencies):.2f} DescribeExecution calls per execution")))
        cells["std_server_p50_ms"] = Cell(percentile(reported, 50) * 1000,
                                          note="dates have millisecond resolution")
        cells["std_start_p50_ms"] = Cell(percentile(starts, 50) * 1000)
    return cells


def _latency_cells(latencies: list[float], problem: str, p50: str, p99: str) -> Cells:
    if not latencies:
        return {p50: Cell.error(problem or "no sample"), p99: Cell.error(problem or "no sample")}
    return {p50: Cell(percentile(latencies, 50) * 1000, note=problem),
            p99: Cell(percentile(latencies, 99) * 1000,
                      note=f"max {max(latencies) * 1000:.2f} ms over {len(latencies)} samples")}


def _moto_version() -> str:
    try:
        return metadata.version("moto")
    except metadata.PackageNotFoundError:
        return "?"


PHASES: list[Phase] = [
    Phase("start-up", ("ready_ms", "idle_rss_mib"), startup),
    Phase("StartSyncExecution latency", SYNC_KEYS, sync_latency),
    Phase("STANDARD execution latency", STD_KEYS, standard_latency),
    Phase("memory after load", ("loaded_rss_mib",), loaded_rss),
]
