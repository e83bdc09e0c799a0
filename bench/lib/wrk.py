"""Run Debian's wrk against a URL and parse its summary."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .report import Cell

PUT_SCRIPT = Path(__file__).with_name("wrk_put.lua")
INSTALL_HINT = "apt-get update && apt-get install -y wrk"


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rps: float
    non_2xx: int
    socket_errors: int
    latency_avg: str

    def problems(self) -> str:
        """'' if clean, else a short description of failed requests."""
        parts = []
        if self.non_2xx:
            parts.append(f"{self.non_2xx} non-2xx/3xx")
        if self.socket_errors:
            parts.append(f"{self.socket_errors} socket errors")
        if not parts:
            return ""
        return f"{', '.join(parts)} of {self.requests} requests"


class WrkError(RuntimeError):
    pass


def find_wrk() -> str | None:
    return shutil.which("wrk")


def run(
    url: str,
    *,
    threads: int,
    connections: int,
    duration_s: float,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
) -> WrkResult:
    binary = find_wrk()
    if binary is None:
        raise WrkError(f"wrk not found; install it with: {INSTALL_HINT}")
    argv = [
        binary,
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(duration_s))}s",
        "--timeout", "5s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    if script is not None:
        argv += ["-s", str(script)]
    argv.append(url)
    if script_args:
        argv += ["--", *script_args]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=duration_s + 30)
    if done.returncode != 0:
        raise WrkError(f"wrk exited {done.returncode}: {done.stderr.strip() or done.stdout.strip()}")
    return parse(done.stdout)


_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)\b", re.M)
_RPS = re.compile(r"^Requests/sec:\s*([\d.]+)", re.M)
_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s*(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_LATENCY = re.compile(r"^\s*Latency\s+(\S+)", re.M)
_UNIT_S = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def parse(output: str) -> WrkResult:
    total, rps = _TOTAL.search(output), _RPS.search(output)
    if not total or not rps:
        raise WrkError(f"could not parse wrk output:\n{output}")
    socket = _SOCKET.search(output)
    non2xx = _NON2XX.search(output)
    latency = _LATENCY.search(output)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * _UNIT_S[total.group(3)],
        rps=float(rps.group(1)),
        non_2xx=int(non2xx.group(1)) if non2xx else 0,
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
        latency_avg=latency.group(1) if latency else "?",
    )


def to_cell(result: WrkResult, scale: float = 1.0, note: str = "") -> Cell:
    """Successful responses per second (times scale, e.g. messages per request); failures as a note."""
    good = result.requests - result.non_2xx
    if good <= 0:
        return Cell.error(result.problems() or "no requests completed")
    # Count successful responses only, so errors can't inflate the figure.
    notes = "; ".join(n for n in (result.problems(), note) if n)
    return Cell(good / result.seconds * scale, note=notes)
