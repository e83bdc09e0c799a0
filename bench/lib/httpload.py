"""A small threaded HTTP load generator, used when wrk is missing.

Each thread keeps one HTTP/1.1 connection and POSTs bodies back to back for a fixed time.
Python (and its GIL) limits it to a few thousand requests/s on a small machine: figures
from it are client-bound and only comparable with each other, not with wrk's.
"""

from __future__ import annotations

import http.client
import threading
import time
from typing import Callable
from urllib.parse import urlsplit

from .wrk import WrkResult

BodyFn = Callable[[int, int], bytes]  # (thread number, request number) -> body


def run(url: str, *, connections: int, duration_s: float, headers: dict[str, str],
        body: BodyFn, path: str = "/") -> WrkResult:
    parts = urlsplit(url)
    lock = threading.Lock()
    totals = {"requests": 0, "non_2xx": 0, "socket_errors": 0}
    latency_sum = [0.0]
    stop_at = time.perf_counter() + duration_s

    def worker(thread_no: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        done = bad = broken = 0
        spent = 0.0
        seq = 0
        try:
            while time.perf_counter() < stop_at:
                seq += 1
                t0 = time.perf_counter()
                try:
                    conn.request("POST", path, body=body(thread_no, seq), headers=headers)
                    resp = conn.getresponse()
                    resp.read()
                except (OSError, http.client.HTTPException):
                    broken += 1
                    conn.close()  # reconnects on the next request
                    continue
                spent += time.perf_counter() - t0
                done += 1
                bad += not 200 <= resp.status < 400
        finally:
            conn.close()
            with lock:
                totals["requests"] += done
                totals["non_2xx"] += bad
                totals["socket_errors"] += broken
                latency_sum[0] += spent

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n + 1,), daemon=True) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    n = totals["requests"]
    return WrkResult(
        requests=n, seconds=seconds, rps=n / seconds if seconds else 0.0,
        non_2xx=totals["non_2xx"], socket_errors=totals["socket_errors"],
        latency_avg=f"{latency_sum[0] / n * 1000:.2f}ms" if n else "?",
    )
