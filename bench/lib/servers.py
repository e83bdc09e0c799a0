"""Start, probe and stop the servers under test (loopback only)."""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

HOST = "127.0.0.1"
DUMMY_SIGV4 = (
    "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, "
    "SignedHeaders=host, Signature=" + "0" * 64
)

BRUME_CONFIG = textwrap.dedent(
    """\
    version: 1
    edge: { host: 127.0.0.1, port: 4566 }
    services:
      s3: {}
    """
)
BRUME_SQS_CONFIG = BRUME_CONFIG.replace("s3: {}", "sqs: {}")
BRUME_STATES_CONFIG = BRUME_CONFIG.replace("s3: {}", "stepfunctions: {}")
BRUME_NOTIFY_CONFIG = BRUME_CONFIG.replace("s3: {}", "s3: {}\n  sqs: {}")


class StartError(RuntimeError):
    """The server exited or never answered its readiness probe."""


@dataclass
class ServerSpec:
    name: str
    argv: list[str]
    port: int
    probe_path: str  # GET this; the first 200 means "ready"
    cwd: str
    env: dict[str, str] = field(default_factory=dict)
    # Extra headers for the unsigned raw-HTTP/wrk requests (see moto_spec).
    raw_headers: dict[str, str] = field(default_factory=dict)

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"


@dataclass
class RunningServer:
    spec: ServerSpec
    proc: subprocess.Popen
    log_path: Path
    started_at: float  # perf_counter() just before spawning
    ready_s: float = 0.0
    stop_s: float | None = None

    def log_tail(self, lines: int = 15) -> str:
        return _tail(self.log_path, lines)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def brume_spec(binary: str, workdir: str, port: int, config_text: str = BRUME_CONFIG) -> ServerSpec:
    config = Path(workdir) / "brume.yaml"
    config.write_text(config_text)
    argv = [binary, "up", "--config", str(config), "--port", str(port), "--ephemeral"]
    return ServerSpec("brume", argv, port, "/_brume/health", workdir)


def moto_spec(workdir: str, port: int) -> ServerSpec:
    # Same entry point as the `moto_server` script, minus any shell shim in front
    # of it (pyenv's adds ~100 ms that is not moto's own start-up cost).
    argv = [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)]
    # moto has no health route; /moto-api/data.json is its cheapest own endpoint.
    # moto treats a request without Authorization as anonymous and answers 403 on
    # existing private objects; it does not verify signatures, so a syntactically
    # valid SigV4 header with a dummy signature makes it serve the request.
    return ServerSpec("moto", argv, port, "/moto-api/data.json", workdir,
                      raw_headers={"Authorization": DUMMY_SIGV4})


def probe_status(port: int, path: str, timeout_s: float = 2.0,
                 headers: dict[str, str] | None = None) -> int | None:
    """HTTP status of GET path, or None if the connection failed."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout_s)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def _die_with_parent() -> None:
    """Child-side: get SIGTERM if the benchmark itself dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def _spawn(spec: ServerSpec, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, **spec.env}
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            spec.argv,
            cwd=spec.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us; we stop it ourselves
            preexec_fn=_die_with_parent,
        )


def _wait_ready(server: RunningServer, timeout_s: float) -> float:
    spec, t0 = server.spec, server.started_at
    deadline = t0 + timeout_s
    while time.perf_counter() < deadline:
        if server.proc.poll() is not None:
            raise StartError(
                f"{spec.name} exited with code {server.proc.returncode} before it was ready"
            )
        if probe_status(spec.port, spec.probe_path) == 200:
            return time.perf_counter() - t0
        time.sleep(0.002)
    raise StartError(f"{spec.name} gave no 200 on {spec.probe_path} within {timeout_s:.0f} s")


def stop(server: RunningServer, grace_s: float = 5.0) -> None:
    """SIGTERM the server's process group; SIGKILL it after grace_s."""
    proc = server.proc
    if proc.poll() is not None:
        return
    t0 = time.perf_counter()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace_s)
        server.stop_s = time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=grace_s)


@contextlib.contextmanager
def running(spec: ServerSpec, ready_timeout_s: float) -> Iterator[RunningServer]:
    """Start spec, wait for its probe, yield it, and always stop it."""
    log_path = Path(spec.cwd) / f"{spec.name}.log"
    t0 = time.perf_counter()
    proc = _spawn(spec, log_path)
    server = RunningServer(spec, proc, log_path, t0)
    try:
        try:
            server.ready_s = _wait_ready(server, ready_timeout_s)
        except StartError as err:
            raise StartError(f"{err}\n--- last lines of its output ---\n{server.log_tail()}") from None
        yield server
    finally:
        stop(server)


def _tail(path: Path, lines: int) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no output captured)"
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"
