"""What is measured against one running server; each phase returns metric cells."""

from __future__ import annotations

import time
from dataclasses import dataclass

from . import loops, procinfo, wrk
from .loops import rate_cell as _rate_cell
from .report import Cell
from .runner import Cells, Phase
from .s3client import RawHttp, boto3_client, have_boto3
from .servers import RunningServer, probe_status

SMALL = 1024
LARGE = 64 << 20
MIB = float(1 << 20)


@dataclass(frozen=True)
class Settings:
    wrk_duration_s: float
    wrk_warmup_s: float
    wrk_connections: int
    wrk_threads: int
    seq_requests: int
    pool_requests: int
    pool_workers: int
    large_iterations: int
    phase_max_s: float  # cap on each timed loop
    settle_s: float  # wait between "ready" and the idle RSS sample
    ready_timeout_s: float


# -- start-up and memory ------------------------------------------------------


def startup(server: RunningServer, s: Settings, _payload: bytes) -> Cells:
    cells = {"ready_ms": Cell(server.ready_s * 1000), "first_s3_ms": _first_s3(server, s)}
    time.sleep(s.settle_s)
    cells["idle_rss_mib"] = Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)
    return cells


def _first_s3(server: RunningServer, s: Settings) -> Cell:
    """Spawn -> first 200 from ListBuckets (GET /), asked as soon as the server is ready."""
    spec = server.spec
    deadline = time.perf_counter() + s.ready_timeout_s
    status = None
    while status is None and time.perf_counter() < deadline:
        status = probe_status(spec.port, "/", s.ready_timeout_s, spec.raw_headers)
        if status is None:
            time.sleep(0.002)
    if status == 200:
        return Cell((time.perf_counter() - server.started_at) * 1000)
    return Cell.error(f"GET / (ListBuckets) answered {status or 'nothing'}")


def loaded_rss(server: RunningServer, _s: Settings, _payload: bytes) -> Cells:
    return {"loaded_rss_mib": Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)}


# -- wrk: 1 KiB over raw HTTP --------------------------------------------------


def wrk_small(server: RunningServer, s: Settings, _payload: bytes) -> Cells:
    if wrk.find_wrk() is None:
        why = f"wrk not installed ({wrk.INSTALL_HINT})"
        return {"wrk_get_rps": Cell.skipped(why), "wrk_put_rps": Cell.skipped(why)}
    bucket, key = "bench-wrk", "small-get"
    with RawHttp(server.spec.endpoint, server.spec.raw_headers) as http:
        http.put(f"/{bucket}", b"")
        http.put(f"/{bucket}/{key}", b"g" * SMALL)
    options = dict(threads=s.wrk_threads, connections=s.wrk_connections,
                   headers=server.spec.raw_headers)
    get_url = f"{server.spec.endpoint}/{bucket}/{key}"
    if s.wrk_warmup_s > 0:
        wrk.run(get_url, duration_s=s.wrk_warmup_s, **options)
    get = wrk.run(get_url, duration_s=s.wrk_duration_s, **options)
    put = wrk.run(server.spec.endpoint, duration_s=s.wrk_duration_s, script=wrk.PUT_SCRIPT,
                  script_args=(f"/{bucket}/put-",), **options)
    return {"wrk_get_rps": _wrk_cell(get), "wrk_put_rps": _wrk_cell(put)}


_wrk_cell = wrk.to_cell


# -- boto3: 1 KiB, signed -------------------------------------------------------


def boto_small(server: RunningServer, s: Settings, _payload: bytes) -> Cells:
    if not have_boto3():
        why = "boto3 not installed (pip install boto3)"
        return {k: Cell.skipped(why) for k in BOTO_SMALL_KEYS}
    client = boto3_client(server.spec.endpoint, pool_size=s.pool_workers)
    bucket, body = "bench-boto", b"s" * SMALL
    client.create_bucket(Bucket=bucket)
    client.put_object(Bucket=bucket, Key="small-get", Body=body)

    def put(prefix: str) -> loops.Op:
        return lambda i: client.put_object(Bucket=bucket, Key=f"{prefix}-{i}", Body=body)

    def get(_i: int) -> None:
        if len(client.get_object(Bucket=bucket, Key="small-get")["Body"].read()) != SMALL:
            raise ValueError("short body")

    loops.sequential(get, 20, s.phase_max_s)  # warm the connection and botocore's caches
    n, pn, w, cap = s.seq_requests, s.pool_requests, s.pool_workers, s.phase_max_s
    return {
        "boto_put_seq_rps": _rate_cell(loops.sequential(put("seq"), n, cap), n),
        "boto_get_seq_rps": _rate_cell(loops.sequential(get, n, cap), n),
        "boto_put_pool_rps": _rate_cell(loops.pooled(put("pool"), pn, w, cap), pn),
        "boto_get_pool_rps": _rate_cell(loops.pooled(get, pn, w, cap), pn),
    }


BOTO_SMALL_KEYS = ("boto_put_seq_rps", "boto_get_seq_rps", "boto_put_pool_rps", "boto_get_pool_rps")


# -- 64 MiB objects -------------------------------------------------------------


def boto_large(server: RunningServer, s: Settings, payload: bytes) -> Cells:
    if not have_boto3():
        why = "boto3 not installed (pip install boto3)"
        return {"boto_put_large_mbs": Cell.skipped(why), "boto_get_large_mbs": Cell.skipped(why)}
    client = boto3_client(server.spec.endpoint)
    bucket, key = "bench-large", "big"
    client.create_bucket(Bucket=bucket)

    def put(_i: int) -> None:
        client.put_object(Bucket=bucket, Key=key, Body=payload)

    def get(_i: int) -> None:
        if len(client.get_object(Bucket=bucket, Key=key)["Body"].read()) != len(payload):
            raise ValueError("short body")

    return _large_cells("boto", put, get, len(payload), s)


def raw_large(server: RunningServer, s: Settings, payload: bytes) -> Cells:
    bucket, key = "bench-raw", "big"
    buf = bytearray(len(payload) + 1)
    with RawHttp(server.spec.endpoint, server.spec.raw_headers) as http:
        http.put(f"/{bucket}", b"")

        def put(_i: int) -> None:
            http.put(f"/{bucket}/{key}", payload)

        def get(_i: int) -> None:
            if http.get_into(f"/{bucket}/{key}", buf) != len(payload):
                raise ValueError("short body")

        return _large_cells("raw", put, get, len(payload), s)


def _large_cells(prefix: str, put: loops.Op, get: loops.Op, size: int, s: Settings) -> Cells:
    n, mb = s.large_iterations, size / 1e6
    put_tally = loops.sequential(put, n, s.phase_max_s)
    get_tally = loops.sequential(get, n, s.phase_max_s)
    return {
        f"{prefix}_put_large_mbs": _rate_cell(put_tally, n, mb),
        f"{prefix}_get_large_mbs": _rate_cell(get_tally, n, mb),
    }


PHASES: list[Phase] = [
    Phase("start-up", ("ready_ms", "first_s3_ms", "idle_rss_mib"), startup),
    Phase("wrk 1 KiB", ("wrk_get_rps", "wrk_put_rps"), wrk_small),
    Phase("boto3 1 KiB", BOTO_SMALL_KEYS, boto_small),
    Phase("boto3 64 MiB", ("boto_put_large_mbs", "boto_get_large_mbs"), boto_large),
    Phase("raw HTTP 64 MiB", ("raw_put_large_mbs", "raw_get_large_mbs"), raw_large),
    Phase("memory after load", ("loaded_rss_mib",), loaded_rss),
]
