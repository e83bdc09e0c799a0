"""Metric definitions and the side-by-side table (targets are printed, never asserted)."""

from __future__ import annotations

import json
import operator
from dataclasses import asdict, dataclass

LOWER, HIGHER = "lower", "higher"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    better: str  # LOWER or HIGHER
    target: tuple[str, float] | None = None  # ("<", 100) or (">=", 500)
    digits: int = 0


METRICS: list[Metric] = [
    Metric("ready_ms", "start -> ready (own probe)", "ms", LOWER, ("<", 100), 1),
    Metric("first_s3_ms", "start -> first S3 200 (ListBuckets)", "ms", LOWER, None, 1),
    Metric("idle_rss_mib", "idle RSS after start (+children)", "MiB", LOWER, ("<", 30), 1),
    Metric("wrk_get_rps", "wrk GET 1 KiB", "req/s", HIGHER, (">=", 15000)),
    Metric("wrk_put_rps", "wrk PUT 1 KiB (new key each)", "req/s", HIGHER),
    Metric("boto_put_seq_rps", "boto3 PUT 1 KiB, sequential", "req/s", HIGHER),
    Metric("boto_get_seq_rps", "boto3 GET 1 KiB, sequential", "req/s", HIGHER),
    Metric("boto_put_pool_rps", "boto3 PUT 1 KiB, thread pool", "req/s", HIGHER),
    Metric("boto_get_pool_rps", "boto3 GET 1 KiB, thread pool", "req/s", HIGHER),
    Metric("boto_put_large_mbs", "boto3 PUT 64 MiB", "MB/s", HIGHER, (">=", 500), 1),
    Metric("boto_get_large_mbs", "boto3 GET 64 MiB", "MB/s", HIGHER, (">=", 500), 1),
    Metric("raw_put_large_mbs", "raw HTTP PUT 64 MiB", "MB/s", HIGHER, (">=", 500), 1),
    Metric("raw_get_large_mbs", "raw HTTP GET 64 MiB", "MB/s", HIGHER, (">=", 500), 1),
    Metric("loaded_rss_mib", "RSS after the load phases", "MiB", LOWER, None, 1),
    Metric("stop_ms", "SIGTERM -> exit", "ms", LOWER, None, 1),
]

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclass
class Cell:
    """One measured figure, or the reason there is none."""

    value: float | None = None
    missing: str | None = None  # "skipped", "error", ... shown instead of a value
    note: str = ""  # shown as a numbered footnote

    @classmethod
    def skipped(cls, why: str) -> "Cell":
        return cls(missing="skipped", note=why)

    @classmethod
    def error(cls, why: str) -> "Cell":
        return cls(missing="error", note=why)


Results = dict[str, dict[str, Cell]]  # side -> metric key -> cell


def _fmt(metric: Metric, cell: Cell | None) -> str:
    if cell is None:
        return "-"
    if cell.value is None:
        return cell.missing or "-"
    return f"{cell.value:,.{metric.digits}f}"


def _ratio(metric: Metric, a: Cell | None, b: Cell | None) -> str:
    if not a or not b or a.value is None or b.value is None or b.value == 0:
        return "-"
    return f"{a.value / b.value:,.2f}x"


def _target(metric: Metric) -> str:
    if metric.target is None:
        return ""
    op, value = metric.target
    return f"{op} {value:,.0f} {metric.unit}"


def _meets(metric: Metric, cell: Cell | None) -> str:
    if metric.target is None or cell is None or cell.value is None:
        return ""
    op, value = metric.target
    return "yes" if _OPS[op](cell.value, value) else "NO"


def render(results: Results, subject: str, baseline: str, metrics: list[Metric] | None = None) -> str:
    """metric | subject | baseline | ratio | better | target | subject meets target.
    metrics defaults to the S3 benchmark's METRICS."""
    header = ["metric", "unit", subject, baseline, f"{subject}/{baseline}", "better", "target",
              f"{subject} meets"]
    rows, notes = [], []
    for m in metrics or METRICS:
        a, b = results.get(subject, {}).get(m.key), results.get(baseline, {}).get(m.key)
        cells = [_fmt(m, a), _fmt(m, b)]
        for i, (side, cell) in enumerate(((subject, a), (baseline, b))):
            if cell is not None and cell.note:
                notes.append(f"[{len(notes) + 1}] {side}, {m.label}: {cell.note}")
                cells[i] += f" [{len(notes)}]"
        rows.append([m.label, m.unit, *cells, _ratio(m, a, b), m.better, _target(m), _meets(m, a)])
    return _table(header, rows) + ("\n\n" + "\n".join(notes) if notes else "")


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    numeric = set(range(2, 5))

    def line(row: list[str]) -> str:
        return " | ".join(
            c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))
        ).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *map(line, rows)])


def to_json(results: Results, params: dict) -> str:
    return json.dumps(
        {"params": params,
         "results": {side: {k: asdict(c) for k, c in cells.items()} for side, cells in results.items()}},
        indent=2,
    )
