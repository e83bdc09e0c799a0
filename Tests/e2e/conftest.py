"""Fixtures that start a live `brume up` and hand tests boto3 clients pointed at it.

See harness.py for the environment variables (BRUME_BIN, BRUME_E2E_ENDPOINT).
"""

from __future__ import annotations

import os
import socket
import subprocess
from urllib.parse import urlsplit

import pytest

from harness import ACCESS_KEY, EXTERNAL_ENDPOINT, REGION, SECRET_KEY, Brume, launch
from logshelpers import delete_group_quietly, make_logs_client, unique_group
from s3helpers import empty_and_delete_bucket, unique_bucket
from sfnhelpers import ROLE_ARN, delete_machine_quietly, make_sfn_client, unique_name
from sqshelpers import delete_queue_quietly, make_sqs_client, unique_queue


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def brume(tmp_path_factory) -> Brume:
    """The shared server most tests talk to (or the external endpoint)."""
    if EXTERNAL_ENDPOINT:
        yield Brume(endpoint=EXTERNAL_ENDPOINT, port=urlsplit(EXTERNAL_ENDPOINT).port or 80)
        return
    server = launch(tmp_path_factory.mktemp("brume-session"), name="session")
    yield server
    server.terminate()


@pytest.fixture
def brume_factory(tmp_path):
    """Start extra servers (own config, data dir, auth); all are stopped after the test."""
    if EXTERNAL_ENDPOINT:
        pytest.skip("starts its own brume process; not possible with BRUME_E2E_ENDPOINT")
    started: list[Brume] = []

    def start(**kwargs) -> Brume:
        kwargs.setdefault("name", f"brume{len(started)}")
        server = launch(tmp_path, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.kill()


@pytest.fixture(scope="session")
def s3(brume):
    """Path-style boto3 client on the shared server."""
    return brume.client()


@pytest.fixture
def bucket(s3):
    """A fresh, empty bucket, removed after the test."""
    name = unique_bucket()
    s3.create_bucket(Bucket=name)
    yield name
    empty_and_delete_bucket(s3, name)


@pytest.fixture
def resolve_localhost(monkeypatch):
    """Make `*.localhost` resolve to 127.0.0.1 inside this process (glibc does not do it)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".localhost"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def aws(brume, cli_env):
    """Runs `aws <args> --endpoint-url <brume> --output json` and checks it succeeded (unless check=False)."""
    def run(*args, check=True):
        result = subprocess.run(["aws", *args, "--endpoint-url", brume.endpoint, "--output", "json"],
                                env=cli_env, capture_output=True, text=True, timeout=120)
        if check:
            assert result.returncode == 0, f"aws {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result
    return run


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory) -> dict:
    """Environment for `aws` subprocesses: test credentials, no user config, no proxies."""
    home = tmp_path_factory.mktemp("aws-home")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("AWS_", "HTTP_PROXY", "HTTPS_PROXY"))}
    env.update({
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
        "AWS_PAGER": "",
        "NO_PROXY": "127.0.0.1,localhost",
    })
    return env


# --- SQS ---------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sqs(brume):
    """boto3 SQS client (JSON protocol) on the shared server."""
    return make_sqs_client(brume.endpoint)


@pytest.fixture
def make_queue(sqs):
    """Create uniquely named queues (`make_queue(prefix, fifo=False, **attributes)`); all are
    deleted after the test. Returns the queue URL."""
    created: list[str] = []

    def create(prefix: str = "q", *, fifo: bool = False, tags: dict | None = None, **attributes) -> str:
        attrs = {k: str(v) for k, v in attributes.items()}
        if fifo:
            attrs.setdefault("FifoQueue", "true")
        kwargs = {"QueueName": unique_queue(prefix, fifo=fifo), "Attributes": attrs}
        if tags:
            kwargs["tags"] = tags
        url = sqs.create_queue(**kwargs)["QueueUrl"]
        created.append(url)
        return url

    yield create
    for url in created:
        delete_queue_quietly(sqs, url)


@pytest.fixture
def queue(make_queue):
    """A fresh standard queue's URL (default attributes), deleted after the test."""
    return make_queue("std")


@pytest.fixture
def fifo_queue(make_queue):
    """A fresh FIFO queue's URL (no content-based deduplication), deleted after the test."""
    return make_queue("fifo", fifo=True)


# --- Step Functions ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sfn(brume):
    """boto3 Step Functions client on the shared server."""
    return make_sfn_client(brume.endpoint)


@pytest.fixture(scope="session")
def sfn_sync(brume):
    """Step Functions client for StartSyncExecution. botocore's model gives that operation the
    host prefix `sync-` (real AWS serves it on sync-states.<region>.amazonaws.com); against a local
    endpoint that would become `sync-127.0.0.1`, so host-prefix injection is turned off."""
    return make_sfn_client(brume.endpoint, inject_host_prefix=False)


@pytest.fixture
def make_state_machine(sfn):
    """Create uniquely named state machines (`make_state_machine(definition, type="STANDARD",
    prefix="sm", **kwargs)` → ARN); all are deleted after the test."""
    created: list[str] = []

    def create(definition: str, *, type: str = "STANDARD", prefix: str = "sm", name: str | None = None,
               **kwargs) -> str:
        arn = sfn.create_state_machine(name=name or unique_name(prefix), definition=definition,
                                       roleArn=kwargs.pop("roleArn", ROLE_ARN), type=type,
                                       **kwargs)["stateMachineArn"]
        created.append(arn)
        return arn

    yield create
    for arn in created:
        delete_machine_quietly(sfn, arn)


# --- CloudWatch Logs -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def logs(brume):
    """boto3 CloudWatch Logs client on the shared server."""
    return make_logs_client(brume.endpoint)


@pytest.fixture
def make_log_group(logs):
    """Create uniquely named log groups (`make_log_group(prefix="g", streams=(), **kwargs)` → name),
    with the given streams; all are deleted after the test."""
    created: list[str] = []

    def create(prefix: str = "g", *, streams: tuple[str, ...] = (), name: str | None = None, **kwargs) -> str:
        group = name or unique_group(prefix)
        logs.create_log_group(logGroupName=group, **kwargs)
        created.append(group)
        for stream in streams:
            logs.create_log_stream(logGroupName=group, logStreamName=stream)
        return group

    yield create
    for group in created:
        delete_group_quietly(logs, group)


# --- Lambda ----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def lam(brume):
    """boto3 Lambda client on the shared server."""
    from lambdahelpers import make_lambda_client
    return make_lambda_client(brume.endpoint)


@pytest.fixture
def make_function(lam):
    """Create uniquely named functions (`make_function(source=None, *, zip=None, runtime="python3.12",
    handler="app.handler", prefix="fn", **kwargs)` → name); `source` is the Python module app.py.
    All are deleted after the test."""
    from lambdahelpers import PY, ROLE, delete_function_quietly, py_zip, unique_function
    created: list[str] = []

    def create(source: str | None = None, *, zip: bytes | None = None, runtime: str = PY, handler: str = "app.handler",
               prefix: str = "fn", name: str | None = None, **kwargs) -> str:
        function = name or unique_function(prefix)
        code = zip if zip is not None else py_zip(source or "def handler(event, context):\n    return event\n")
        lam.create_function(FunctionName=function, Runtime=runtime, Handler=handler, Role=kwargs.pop("Role", ROLE),
                            Code={"ZipFile": code}, **kwargs)
        created.append(function)
        return function

    yield create
    for function in created:
        delete_function_quietly(lam, function)
