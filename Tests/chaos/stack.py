"""One `brume up` process that the chaos run kills with SIGKILL and starts again on the same port
and the same data directory, and the SQLite integrity check of that directory.

Environment: BRUME_BIN, the brume executable (default: <repo>/.build/debug/brume).
"""

from __future__ import annotations

import collections
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
BRUME_BIN = Path(os.environ.get("BRUME_BIN", REPO_ROOT / ".build" / "debug" / "brume"))
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
SQLITE_HEADER = b"SQLite format 3\x00"

# The services the workload touches; Events delivers to SQS through the edge, as AWS does.
CONFIG_TEMPLATE = """\
version: 1
stack: chaos
region: us-east-1
account: "000000000000"
edge: {{ host: 127.0.0.1, port: {port} }}
auth: relaxed
credentials: {{ test: test }}
services:
  s3: {{}}
  sqs: {{}}
  stepfunctions: {{}}
  events: {{}}
"""


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChaosStack:
    """`brume up` on 127.0.0.1:`port` over `data_dir`, started again after every kill.

    Output of every incarnation is appended to `workdir/brume.log`, so a failure can be traced
    to the incarnation that caused it.
    """

    def __init__(self, workdir: Path, *, port: int | None = None, binary: Path = BRUME_BIN):
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.binary = snapshot(binary, workdir)
        self.config_path = workdir / "chaos.yml"
        self.config_path.write_text(CONFIG_TEMPLATE.format(port=self.port))
        self.log_path = workdir / "brume.log"
        self.process: subprocess.Popen | None = None
        self.incarnations = 0
        self.session = requests.Session()
        self.session.trust_env = False

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> float:
        """Starts an incarnation and waits until it is healthy; returns the seconds that took.

        A start that fails (the binary is being relinked by a concurrent build, the port is still
        held for a moment) is tried again a few times before giving up.
        """
        began = time.monotonic()
        failures = []
        for _ in range(5):
            self.incarnations += 1
            with open(self.log_path, "ab") as log:
                log.write(f"\n=== incarnation {self.incarnations} ===\n".encode())
                log.flush()
                self.process = subprocess.Popen(
                    [str(self.binary), "up", "--config", str(self.config_path), "--host", "127.0.0.1",
                     "--port", str(self.port), "--data-dir", str(self.data_dir)],
                    stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=self.workdir)
            problem = self._wait_ready()
            if problem is None:
                return time.monotonic() - began
            failures.append(problem)
            self.kill()
            time.sleep(1.0)
        raise RuntimeError(f"brume did not start: {failures}; see {self.log_path}:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL, and wait for the process to be gone (its data-directory lock with it)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)

    def terminate(self) -> int | None:
        """SIGTERM; the exit code, or None when it had to be killed."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _wait_ready(self) -> str | None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return f"exited with {self.process.returncode}"
            try:
                if self.session.get(f"{self.endpoint}/_brume/health", timeout=1).status_code == 200:
                    return None
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return f"not healthy within {START_TIMEOUT}s"

    def logged_errors(self) -> collections.Counter:
        """Error lines every incarnation logged, with request ids and times cut off so that
        repeats count together."""
        counts: collections.Counter = collections.Counter()
        if self.log_path.exists():
            for line in self.log_path.read_text(errors="replace").splitlines():
                if " error " in line or " critical " in line or "Fatal error" in line:
                    counts[line.split("] ", 1)[-1][:200]] += 1
        return counts

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def snapshot(binary: Path, workdir: Path) -> Path:
    """A private copy of `binary` for the whole run, so that a rebuild in the middle of it
    (another build relinking .build/debug/brume) neither fails a restart nor mixes versions."""
    if not binary.exists():
        raise RuntimeError(f"brume binary not found at {binary}; run `swift build` or set BRUME_BIN")
    copy = workdir / "brume"
    for _ in range(10):
        shutil.copy2(binary, copy)
        if subprocess.run([str(copy), "--version"], capture_output=True).returncode == 0:
            return copy
        time.sleep(3)  # caught mid-link
    raise RuntimeError(f"{binary} does not run (`--version` fails)")


def sqlite_files(folder: Path) -> list[Path]:
    """Every SQLite database under `folder`, recognised by its header rather than its name."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.endswith(("-wal", "-shm", "-journal")):
            continue
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                found.append(path)
    return found


def integrity_check(path: Path) -> str:
    """`PRAGMA integrity_check` of one database ("ok" when sound), run with its WAL applied."""
    connection = sqlite3.connect(str(path), timeout=30)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(str(row[0]) for row in rows)
