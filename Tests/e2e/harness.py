"""Starting and stopping live `brume up` processes, and clients pointed at them.

Environment:
  BRUME_BIN            the brume executable (default: <repo>/.build/debug/brume)
  BRUME_E2E_ENDPOINT   run against an already-running endpoint instead of starting one; tests
                       that must start their own servers are skipped.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
import requests
from botocore.config import Config

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
BRUME_BIN = Path(os.environ.get("BRUME_BIN", REPO_ROOT / ".build" / "debug" / "brume"))
EXTERNAL_ENDPOINT = os.environ.get("BRUME_E2E_ENDPOINT", "").rstrip("/") or None
STACK_TEMPLATE = HERE / "stack.yml"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0

ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http() -> requests.Session:
    """A requests session that ignores proxy settings from the environment."""
    session = requests.Session()
    session.trust_env = False
    return session


def make_client(endpoint: str, *, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY,
                region: str = REGION, addressing_style: str = "path", **config):
    """A boto3 S3 client for `endpoint`, with retries off so every error surfaces as sent."""
    cfg = Config(
        s3={"addressing_style": addressing_style},
        signature_version="s3v4",
        retries={"total_max_attempts": 1},
        connect_timeout=5,
        read_timeout=60,
        max_pool_connections=32,
        **config,
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name=region,
        config=cfg,
    )


def render_config(port: int, *, auth: str = "relaxed", extra: str = "") -> str:
    """stack.yml with the edge port (and optionally the auth mode) replaced."""
    text = STACK_TEMPLATE.read_text()
    assert "port: 4566" in text and "auth: relaxed" in text
    text = text.replace("port: 4566", f"port: {port}").replace("auth: relaxed", f"auth: {auth}")
    return text + extra


@dataclass
class Brume:
    """A Brume endpoint; `process` is set when this suite started it."""

    endpoint: str
    port: int
    process: subprocess.Popen | None = None
    data_dir: Path | None = None
    config_path: Path | None = None
    stdout_path: Path | None = None
    stderr_path: Path | None = None

    def client(self, **kwargs):
        return make_client(self.endpoint, **kwargs)

    def virtual_client(self, **kwargs):
        """Virtual-hosted style: requests go to `<bucket>.s3.localhost:<port>`.

        `*.localhost` does not resolve through glibc here, so use the `resolve_localhost`
        fixture (which routes those names to 127.0.0.1) together with this client.
        """
        return make_client(f"http://s3.localhost:{self.port}", addressing_style="virtual", **kwargs)

    def output(self) -> str:
        parts = []
        for p in (self.stdout_path, self.stderr_path):
            if p and p.exists():
                parts.append(p.read_text(errors="replace"))
        return "\n".join(parts)

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace") if self.stdout_path else ""

    # --- lifecycle ---------------------------------------------------------------------------

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        session = http()
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"brume exited with {self.process.returncode} before becoming healthy:\n{self.output()}")
            try:
                if session.get(f"{self.endpoint}/_brume/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"brume did not answer /_brume/health within {timeout}s:\n{self.output()}")

    def wait_exit(self, timeout: float = STOP_TIMEOUT) -> int | None:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def terminate(self, timeout: float = STOP_TIMEOUT) -> int | None:
        """SIGTERM, then the exit code (None if it did not exit in time; it is then killed)."""
        if self.process.poll() is not None:
            return self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        code = self.wait_exit(timeout)
        if code is None:
            self.kill()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)


def launch(workdir: Path, *, config_text: str | None = None, port: int | None = None,
           data_dir: Path | None = None, auth: str = "relaxed", wait: bool = True,
           name: str = "brume", command: tuple[str, ...] = ("up",)) -> Brume:
    """Start `brume up` (or another `command`, such as `("serve", "s3")`) with a config written
    into `workdir`. `data_dir=None` means --ephemeral."""
    if not BRUME_BIN.exists():
        pytest.fail(f"brume binary not found at {BRUME_BIN}; run `swift build` or set BRUME_BIN "
                    f"(or BRUME_E2E_ENDPOINT to test a running stack)")
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config_path = workdir / f"{name}.yml"
    config_path.write_text(config_text if config_text is not None else render_config(port, auth=auth))
    args = [str(BRUME_BIN), *command, "--config", str(config_path), "--host", "127.0.0.1", "--port", str(port)]
    args += ["--data-dir", str(data_dir)] if data_dir is not None else ["--ephemeral"]
    stdout_path, stderr_path = workdir / f"{name}.stdout", workdir / f"{name}.stderr"
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        process = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=workdir)
    server = Brume(endpoint=f"http://127.0.0.1:{port}", port=port, process=process, data_dir=data_dir,
                   config_path=config_path, stdout_path=stdout_path, stderr_path=stderr_path)
    if wait:
        try:
            server.wait_ready()
        except RuntimeError as exc:
            server.kill()
            pytest.fail(str(exc))
    return server


def stack_clock(endpoint: str) -> dict:
    """`GET /_brume/clock`: stackTime, realTime (+ EpochSeconds), timeScale, offsetSeconds, waiting."""
    response = http().get(f"{endpoint}/_brume/clock", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def advance_clock(endpoint: str, advance: str | float) -> dict:
    """Moves a stack's clock forward (`"1h30m"` or seconds) through `POST /_brume/clock`; what was
    waiting up to the new time has fired when this returns. Use a stack of your own
    (`brume_factory`): the clock moves for every service and every later test of that stack."""
    body = {"advance": advance} if isinstance(advance, str) else {"advanceSeconds": advance}
    response = http().post(f"{endpoint}/_brume/clock", json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def cli_output(result) -> dict:
    """The JSON an `aws ... --output json` run printed, or {} when it printed nothing."""
    return json.loads(result.stdout) if result.stdout.strip() else {}
