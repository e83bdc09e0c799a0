"""What the Lambda benchmark measures against one running Brume: cold starts per runtime, warm
Invoke latency next to a minimal local HTTP echo server, and invokes/s with concurrent callers.

Nothing here compares with a peer emulator: LocalStack's and moto's Lambda run functions in
Docker, which does not run on this machine (see bench/README.md)."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import httpload, procinfo, servers, wrk
from .lambdaclient import RawLambda, duration_ms, init_duration_ms, invoke_path, zip_of
from .report import HIGHER, LOWER, Cell, Metric
from .runner import Cells, Phase, log
from .servers import HOST, RunningServer
from .sqs_phases import percentile

MIB = float(1 << 20)
ECHO_SERVER = Path(__file__).with_name("echo_server.py")
WRK_SCRIPT = Path(__file__).with_name("wrk_post.lua")
UNMEASURED = 50  # warm calls per target before the measured ones

PYTHON_HANDLER = "def handler(event, context):\n    return event\n"
NODE_HANDLER = "export const handler = async (event) => event;\n"


@dataclass(frozen=True)
class Runtime:
    key: str  # swift, python, node
    label: str
    function: str  # function name in Brume
    runtime: str
    handler: str | None


SWIFT = Runtime("swift", "Swift (echo-swift, provided.al2023)", "bench-swift", "provided.al2023", "bootstrap")
PYTHON = Runtime("python", "Python (python3.12)", "bench-python", "python3.12", "handler.handler")
NODE = Runtime("node", "Node (nodejs20.x, ESM)", "bench-node", "nodejs20.x", "index.handler")
RUNTIMES = (SWIFT, PYTHON, NODE)
WARM = (PYTHON, SWIFT)  # functions of the warm latency and throughput phases

COLD_TARGETS = {"swift": 50, "python": 150}
WARM_OVERHEAD_TARGET_MS = 1


def _metrics() -> list[Metric]:
    out = [
        Metric("ready_ms", "start -> ready (own probe)", "ms", LOWER, ("<", 100), 1),
        Metric("idle_rss_mib", "idle RSS after start (+children)", "MiB", LOWER, ("<", 30), 1),
    ]
    for rt in RUNTIMES:
        target = ("<", COLD_TARGETS[rt.key]) if rt.key in COLD_TARGETS else None
        out += [
            Metric(f"cold_{rt.key}_p50_ms", f"cold start {rt.label}, Invoke p50", "ms", LOWER, target, 1),
            Metric(f"cold_{rt.key}_p90_ms", "  Invoke p90", "ms", LOWER, None, 1),
            Metric(f"cold_{rt.key}_init_p50_ms", "  Init Duration (REPORT), p50", "ms", LOWER, None, 1),
        ]
    out += [
        Metric("warm_base_p50_ms", "warm: local HTTP echo baseline, p50", "ms", LOWER, None, 3),
        Metric("warm_base_p99_ms", "warm: local HTTP echo baseline, p99", "ms", LOWER, None, 3),
        Metric("warm_config_p50_ms", "warm: Brume GetFunctionConfiguration, p50", "ms", LOWER, None, 3),
    ]
    for rt in WARM:
        name = rt.label.split(" (")[0]
        out += [
            Metric(f"warm_{rt.key}_p50_ms", f"warm Invoke {name}, p50", "ms", LOWER, None, 3),
            Metric(f"warm_{rt.key}_p99_ms", f"warm Invoke {name}, p99", "ms", LOWER, None, 3),
            Metric(f"over_{rt.key}_p50_ms", "  overhead over baseline, p50", "ms", LOWER,
                   ("<", WARM_OVERHEAD_TARGET_MS), 3),
            Metric(f"over_{rt.key}_p99_ms", "  overhead over baseline, p99", "ms", LOWER, None, 3),
            Metric(f"dur_{rt.key}_p50_ms", "  of which REPORT Duration, p50", "ms", LOWER, None, 3),
        ]
    out += [Metric("tput_base_rps", "8 callers: local HTTP echo baseline", "req/s", HIGHER)]
    for rt in WARM:
        out.append(Metric(f"tput_{rt.key}_rps", f"8 callers: Invoke {rt.label.split(' (')[0]}", "inv/s", HIGHER))
    out += [
        Metric("loaded_rss_mib", "RSS after load (+function processes)", "MiB", LOWER, None, 1),
        Metric("stop_ms", "SIGTERM -> exit", "ms", LOWER, None, 1),
    ]
    return out


METRICS = _metrics()
COLD_KEYS = tuple(m.key for m in METRICS if m.key.startswith("cold_"))
WARM_KEYS = tuple(m.key for m in METRICS if m.key.split("_")[0] in ("warm", "over", "dur"))
TPUT_KEYS = tuple(m.key for m in METRICS if m.key.startswith("tput_"))


@dataclass(frozen=True)
class Settings:
    swift_bin: str | None  # echo-swift binary, deployed as `bootstrap`
    payload: str  # the JSON event of every invoke (and the baseline's request body)
    cold_rounds: int  # cold starts per runtime
    warm_samples: int  # measured calls per target (baseline, each function)
    warm_blocks: int  # the samples are taken in this many alternating blocks
    tail_samples: int  # extra warm invokes with LogType Tail, for the REPORT Duration
    callers: int  # concurrent callers of the throughput runs
    wrk_threads: int
    wrk_duration_s: float
    wrk_warmup_s: float
    phase_max_s: float  # cap on each timed loop
    settle_s: float
    ready_timeout_s: float


# -- start-up and memory ------------------------------------------------------


def startup(server: RunningServer, s: Settings) -> Cells:
    cells = {"ready_ms": Cell(server.ready_s * 1000)}
    time.sleep(s.settle_s)
    cells["idle_rss_mib"] = Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)
    return cells


def loaded_rss(server: RunningServer, _s: Settings) -> Cells:
    instances = len(procinfo.descendants(server.proc.pid)) - 1  # the list includes brume itself
    return {"loaded_rss_mib": Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB,
                                   note=f"brume and its {instances} child processes (warm function instances)")}


# -- functions ----------------------------------------------------------------


def _code(rt: Runtime, s: Settings) -> bytes:
    if rt is SWIFT:
        return zip_of({"bootstrap": Path(s.swift_bin).read_bytes()}, executable=("bootstrap",))
    if rt is PYTHON:
        return zip_of({"handler.py": PYTHON_HANDLER})
    return zip_of({"index.mjs": NODE_HANDLER})


def _available(s: Settings) -> tuple[list[Runtime], Cells]:
    """Runtimes that can run here, and 'missing' cells for the others."""
    runtimes, cells = [], {}
    for rt in RUNTIMES:
        why = None
        if rt is SWIFT and not s.swift_bin:
            why = "no echo-swift binary (build it with `swift build -c release --product echo-swift`)"
        elif rt is NODE and not _which("node"):
            why = "node is not installed"
        if why:
            keys = [k for k in (*COLD_KEYS, *WARM_KEYS, *TPUT_KEYS) if f"_{rt.key}_" in k]
            for i, key in enumerate(keys):
                cells[key] = Cell(missing="missing", note=why if i == 0 else "")
        else:
            runtimes.append(rt)
    return runtimes, cells


def _which(program: str) -> str | None:
    import shutil
    return shutil.which(program)


def _ensure(lam: RawLambda, rt: Runtime, s: Settings) -> None:
    lam.delete_function(rt.function)
    lam.create_function(rt.function, rt.runtime, rt.handler, _code(rt, s))


# -- cold starts --------------------------------------------------------------


def cold_starts(server: RunningServer, s: Settings) -> Cells:
    """Round 0: the first invoke after CreateFunction. Later rounds: UpdateFunctionConfiguration
    with a new environment variable (which retires the warm instance), a short pause so the old
    process is gone, then the timed invoke. Runtimes take turns within each round."""
    runtimes, cells = _available(s)
    payload = s.payload.encode()
    latency: dict[str, list[float]] = {rt.key: [] for rt in runtimes}
    init: dict[str, list[float]] = {rt.key: [] for rt in runtimes}
    warm_hits: dict[str, int] = {rt.key: 0 for rt in runtimes}
    problem = ""
    deadline = time.perf_counter() + s.phase_max_s
    with RawLambda(server.spec.endpoint) as lam:
        for rnd in range(s.cold_rounds):
            if time.perf_counter() >= deadline:
                problem = f"time cap hit after {rnd} of {s.cold_rounds} rounds"
                break
            for rt in runtimes:
                if rnd == 0:
                    _ensure(lam, rt, s)
                else:
                    lam.set_environment(rt.function, {"BENCH_ROUND": str(rnd)})
                time.sleep(0.1)  # the retired process exits; its teardown is not measured
                t0 = time.perf_counter()
                _data, tail = lam.invoke(rt.function, payload, tail=True)
                elapsed = time.perf_counter() - t0
                init_ms = init_duration_ms(tail)
                if init_ms is None:
                    warm_hits[rt.key] += 1  # a warm instance answered: not a cold start
                    continue
                latency[rt.key].append(elapsed)
                init[rt.key].append(init_ms / 1000)
    for rt in runtimes:
        lat, ini = latency[rt.key], init[rt.key]
        if not lat:
            for suffix in ("p50_ms", "p90_ms", "init_p50_ms"):
                cells[f"cold_{rt.key}_{suffix}"] = Cell.error(problem or "no cold start observed")
            continue
        notes = [f"{len(lat)} cold starts (the first right after CreateFunction)"]
        if warm_hits[rt.key]:
            notes.append(f"{warm_hits[rt.key]} invokes had no Init Duration (warm instance) and were dropped")
        if problem:
            notes.append(problem)
        cells[f"cold_{rt.key}_p50_ms"] = Cell(percentile(lat, 50) * 1000, note="; ".join(notes))
        cells[f"cold_{rt.key}_p90_ms"] = Cell(percentile(lat, 90) * 1000,
                                              note=f"min {min(lat) * 1000:.1f}, max {max(lat) * 1000:.1f} ms")
        cells[f"cold_{rt.key}_init_p50_ms"] = Cell(percentile(ini, 50) * 1000,
                                                   note=f"p90 {percentile(ini, 90) * 1000:.1f} ms")
    return cells


# -- the baseline server ------------------------------------------------------


@contextmanager
def echo_server() -> Iterator[int]:
    """Starts lib/echo_server.py on a free port; yields the port; always stops it."""
    port = servers.free_port()
    proc = subprocess.Popen([sys.executable, str(ECHO_SERVER), str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=servers._die_with_parent)
    try:
        if proc.stdout.readline().strip() != b"ready":
            raise RuntimeError(f"the echo baseline server did not start (exit {proc.poll()})")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- warm latency -------------------------------------------------------------


class _Target:
    """One keep-alive connection posting the same request; `once()` returns its latency in s."""

    def __init__(self, port: int, path: str, headers: dict[str, str], body: bytes, is_lambda: bool,
                 method: str = "POST"):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.path, self.headers, self.body, self.is_lambda = path, headers, body, is_lambda
        self.method = method
        self.latencies: list[float] = []

    def once(self) -> float:
        t0 = time.perf_counter()
        self.conn.request(self.method, self.path, body=self.body, headers=self.headers)
        resp = self.conn.getresponse()
        data = resp.read()
        elapsed = time.perf_counter() - t0
        if resp.status != 200 or (self.is_lambda and resp.getheader("X-Amz-Function-Error")):
            raise RuntimeError(f"{self.method} {self.path} -> HTTP {resp.status}: {data[:200]!r}")
        return elapsed


def warm_latency(server: RunningServer, s: Settings) -> Cells:
    """Sequential calls on one keep-alive http.client connection per target, SigV4 header
    computed once. The baseline and the functions take turns in `warm_blocks` blocks, so a
    burst of other work on the machine hits them alike."""
    runtimes, cells = _available(s)
    cells = {k: v for k, v in cells.items() if k in WARM_KEYS}
    warm = [rt for rt in WARM if rt in runtimes]
    body = s.payload.encode()
    with RawLambda(server.spec.endpoint) as lam, echo_server() as echo_port:
        for rt in warm:
            if not _exists(lam, rt):
                _ensure(lam, rt, s)
        # The baseline gets the same headers as an Invoke (same request size, same client work).
        some_headers = lam.headers_for("POST", invoke_path(PYTHON.function), body)
        targets = {"base": _Target(echo_port, "/2015-03-31/functions/echo/invocations", some_headers, body, False)}
        for rt in warm:
            path = invoke_path(rt.function)
            targets[rt.key] = _Target(server.spec.port, path, lam.headers_for("POST", path, body), body, True)
        # Brume's edge and Lambda routing alone: an API call that starts no process.
        config_path = f"/2015-03-31/functions/{PYTHON.function}/configuration"
        targets["config"] = _Target(server.spec.port, config_path, lam.headers_for("GET", config_path), b"",
                                    False, "GET")
        for target in targets.values():
            for _ in range(UNMEASURED):
                target.once()
        per_block = max(1, s.warm_samples // s.warm_blocks)
        deadline = time.perf_counter() + s.phase_max_s
        problem = ""
        for block in range(s.warm_blocks):
            if time.perf_counter() >= deadline:
                problem = f"time cap hit after {block} of {s.warm_blocks} blocks"
                break
            for target in targets.values():
                target.latencies += [target.once() for _ in range(per_block)]
        # The REPORT line's Duration, from a separate run with LogType Tail (which costs a
        # little more: base64 of the log tail), so the measured invokes above stay plain.
        durations: dict[str, list[float]] = {rt.key: [] for rt in warm}
        for rt in warm:
            for _ in range(s.tail_samples):
                _data, tail = lam.invoke(rt.function, body, tail=True)
                d = duration_ms(tail)
                if d is not None:
                    durations[rt.key].append(d / 1000)
        for target in targets.values():
            target.conn.close()

    base = targets["base"].latencies
    b50, b99 = percentile(base, 50), percentile(base, 99)
    cells["warm_base_p50_ms"] = Cell(b50 * 1000, note="; ".join(filter(None, (
        f"{len(base)} calls; lib/echo_server.py (Python, one thread per connection) echoing the body", problem))))
    cells["warm_base_p99_ms"] = Cell(b99 * 1000)
    for rt in warm:
        lat = targets[rt.key].latencies
        p50, p99 = percentile(lat, 50), percentile(lat, 99)
        cells[f"warm_{rt.key}_p50_ms"] = Cell(p50 * 1000, note=f"{len(lat)} calls")
        cells[f"warm_{rt.key}_p99_ms"] = Cell(p99 * 1000, note=f"max {max(lat) * 1000:.2f} ms")
        cells[f"over_{rt.key}_p50_ms"] = Cell((p50 - b50) * 1000)
        cells[f"over_{rt.key}_p99_ms"] = Cell((p99 - b99) * 1000)
        if durations[rt.key]:
            d50 = percentile(durations[rt.key], 50)
            cells[f"dur_{rt.key}_p50_ms"] = Cell(
                d50 * 1000, note=f"{len(durations[rt.key])} invokes with LogType Tail; Duration = the runtime's "
                                 f"`next` answered -> its response received; the rest of the overhead, "
                                 f"{(p50 - b50 - d50) * 1000:.3f} ms at p50, is Brume's Invoke path outside it")
        else:
            cells[f"dur_{rt.key}_p50_ms"] = Cell.error("no REPORT Duration in the log tails")
    config = targets["config"].latencies
    cells["warm_config_p50_ms"] = Cell(percentile(config, 50) * 1000, note=(
        f"{len(config)} calls; the same client, edge and Lambda routing (function lookup included), no process"))
    return cells


def _exists(lam: RawLambda, rt: Runtime) -> bool:
    status, _resp, _data = lam.request("GET", f"/2015-03-31/functions/{rt.function}")
    return status == 200


# -- throughput ---------------------------------------------------------------


def throughput(server: RunningServer, s: Settings) -> Cells:
    """`callers` connections posting back to back: wrk (lib/wrk_post.lua), or lib/httpload.py
    without wrk. A warm-up run first lets Brume start the instances the callers need."""
    runtimes, cells = _available(s)
    cells = {k: v for k, v in cells.items() if k in TPUT_KEYS}
    warm = [rt for rt in WARM if rt in runtimes]
    body = s.payload.encode()
    with RawLambda(server.spec.endpoint) as lam, echo_server() as echo_port:
        for rt in warm:
            if not _exists(lam, rt):
                _ensure(lam, rt, s)
        runs = [("tput_base_rps", echo_port, "/2015-03-31/functions/echo/invocations",
                 lam.headers_for("POST", invoke_path(PYTHON.function), body))]
        for rt in warm:
            path = invoke_path(rt.function)
            runs.append((f"tput_{rt.key}_rps", server.spec.port, path, lam.headers_for("POST", path, body)))
        for key, port, path, headers in runs:
            if s.wrk_warmup_s:
                _load(port, path, headers, body, s, s.wrk_warmup_s)
            result = _load(port, path, headers, body, s, s.wrk_duration_s)
            note = "" if wrk.find_wrk() else "Python load generator (wrk missing): client-bound"
            cells[key] = wrk.to_cell(result, note=note)
        # wrk counts HTTP statuses only: make sure the functions still answer without error.
        for rt in warm:
            lam.invoke(rt.function, body)
    return cells


def _load(port: int, path: str, headers: dict[str, str], body: bytes, s: Settings, seconds: float):
    url = f"http://{HOST}:{port}{path}"
    if wrk.find_wrk():
        hdrs = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        return wrk.run(url, threads=s.wrk_threads, connections=s.callers, duration_s=seconds,
                       script=WRK_SCRIPT, script_args=(body.decode(),), headers=hdrs)
    return httpload.run(f"http://{HOST}:{port}", connections=s.callers, duration_s=seconds,
                        headers=headers, body=lambda _t, _n: body, path=path)


PHASES: list[Phase] = [
    Phase("start-up", ("ready_ms", "idle_rss_mib"), startup),
    Phase("cold starts", COLD_KEYS, cold_starts),
    Phase("warm Invoke latency", WARM_KEYS, warm_latency),
    Phase("invokes/s with concurrent callers", TPUT_KEYS, throughput),
    Phase("memory after load", ("loaded_rss_mib",), loaded_rss),
]
