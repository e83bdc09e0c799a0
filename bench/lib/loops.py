"""Bounded timing loops: N operations or a time limit, whichever comes first."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from .report import Cell

Op = Callable[[int], object]


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    first_error: str | None = None

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def problems(self) -> str:
        if not self.errors:
            return ""
        return f"{self.errors} of {self.ok + self.errors} failed, first: {self.first_error}"


def _run(op: Op, indices: range, deadline: float, tally: Tally, lock: threading.Lock,
         stop: threading.Event) -> None:
    for i in indices:
        if stop.is_set() or time.perf_counter() >= deadline:
            return
        try:
            op(i)
            ok, err = 1, None
        except Exception as exc:  # a failed request is counted, not fatal
            ok, err = 0, f"{type(exc).__name__}: {exc}"
        with lock:
            tally.ok += ok
            if err is not None:
                tally.errors += 1
                tally.first_error = tally.first_error or err[:200]


def sequential(op: Op, n: int, max_s: float) -> Tally:
    """op(0..n-1) one after another, stopping early after max_s."""
    return pooled(op, n, 1, max_s)


def pooled(op: Op, n: int, workers: int, max_s: float) -> Tally:
    """op(0..n-1) split over `workers` threads, stopping early after max_s."""
    tally, lock, stop = Tally(), threading.Lock(), threading.Event()
    t0 = time.perf_counter()
    deadline = t0 + max_s
    if workers <= 1:
        _run(op, range(n), deadline, tally, lock, stop)
    else:
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            futures = [pool.submit(_run, op, range(w, n, workers), deadline, tally, lock, stop)
                       for w in range(workers)]
            for future in futures:
                future.result()
        except BaseException:  # Ctrl-C: let workers finish their current request only
            stop.set()
            raise
        finally:
            pool.shutdown(wait=True)
    tally.seconds = time.perf_counter() - t0
    return tally


def rate_cell(tally: Tally, planned: int, scale: float = 1.0) -> Cell:
    """tally.per_second * scale, with failures and a hit time cap as its note."""
    if tally.ok == 0:
        return Cell.error(tally.problems() or "no operation completed")
    notes = [tally.problems()] if tally.errors else []
    if tally.ok + tally.errors < planned:
        notes.append(f"time cap hit: {tally.ok + tally.errors} of {planned} ops in {tally.seconds:.1f} s")
    return Cell(tally.per_second * scale, note="; ".join(notes))
