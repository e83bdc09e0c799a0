"""A live `brume up` for the fuzzer, started as Tests/e2e/harness.py starts one.

The binary is copied to a temporary folder first: other work rebuilds `.build/debug/brume` while a
long campaign runs, and a campaign must keep one binary from start to end.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_BIN = Path(os.environ.get("BRUME_BIN", REPO_ROOT / ".build" / "debug" / "brume"))

CONFIG = """version: 1
stack: protocolfuzz
region: us-east-1
account: "000000000000"
edge: {{ host: 127.0.0.1, port: {port} }}
auth: {auth}
credentials: {{ test: test }}
services:
  s3: {{}}
  sqs: {{}}
  stepfunctions: {{}}
  logs: {{}}
  lambda: {{}}
  events: {{}}
  iam: {{}}
  sts: {{}}
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_copy(binary: Path, folder: Path) -> Path:
    """A copy of `binary` that rebuilds cannot replace under a running campaign."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "brume"
    shutil.copy2(binary, target)
    return target


class Stack:
    """One `brume up` process on a free port with its own data directory."""

    def __init__(self, binary: Path, workdir: Path, auth: str):
        self.binary = binary
        self.workdir = workdir
        self.auth = auth
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.starts = 0
        self.stderr_path = workdir / "brume.stderr"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        self.port = free_port()
        data_dir = Path(tempfile.mkdtemp(prefix=f"data{self.starts}-", dir=self.workdir))
        config = self.workdir / f"brume{self.starts}.yml"
        config.write_text(CONFIG.format(port=self.port, auth=self.auth))
        self.stderr_path = self.workdir / f"brume{self.starts}.stderr"
        args = [str(self.binary), "up", "--config", str(config), "--host", "127.0.0.1", "--port", str(self.port),
                "--data-dir", str(data_dir)]
        with open(self.workdir / f"brume{self.starts}.stdout", "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=self.workdir)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"brume exited with {self.process.returncode}: {self.output_tail()}")
            if self.healthy(timeout=1):
                return
            time.sleep(0.1)
        raise RuntimeError(f"brume did not become healthy: {self.output_tail()}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self, timeout: float = 5) -> bool:
        session = requests.Session()
        session.trust_env = False
        try:
            return session.get(f"{self.endpoint}/_brume/health", timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    def output_tail(self, size: int = 4000) -> str:
        parts = []
        for path in (self.workdir / f"brume{self.starts}.stdout", self.stderr_path):
            if path.exists():
                parts.append(path.read_bytes()[-size:].decode("utf-8", "replace"))
        return "\n".join(parts)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
