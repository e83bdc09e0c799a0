"""Lambda helpers: clients, unique names, zip packaging (with file modes kept), the Swift echo
binary, payload decoding, log polling and an error assertion — for tests written against what
real AWS Lambda does."""

from __future__ import annotations

import base64
import io
import json
import os
import time
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import ACCESS_KEY, REGION, REPO_ROOT, SECRET_KEY

ACCOUNT = "000000000000"
# Brume accepts any well-formed role ARN (no IAM).
ROLE = f"arn:aws:iam::{ACCOUNT}:role/e2e-lambda"
PY = "python3.12"
NODE = "nodejs20.x"
PROVIDED = "provided.al2023"
ECHO_SWIFT = Path(os.environ.get("BRUME_ECHO_SWIFT") or REPO_ROOT / ".build" / "debug" / "echo-swift")


def unique_function(prefix: str = "fn") -> str:
    return f"e2e-{prefix}-{uuid.uuid4().hex[:12]}"


def function_arn(name: str, qualifier: str | None = None) -> str:
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    return f"{arn}:{qualifier}" if qualifier else arn


def make_client(service: str, endpoint: str, *, read_timeout: int = 60, validate: bool = True, **kwargs):
    """A boto3 client with retries off so every error (and every throttle) surfaces as sent;
    `validate=False` turns botocore's client-side parameter checks off, so out-of-range values
    reach the server."""
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=read_timeout,
                 max_pool_connections=32, parameter_validation=validate)
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, aws_access_key_id=kwargs.pop("access_key", ACCESS_KEY),
        aws_secret_access_key=kwargs.pop("secret_key", SECRET_KEY), region_name=REGION, config=cfg, **kwargs)


def make_lambda_client(endpoint: str, **kwargs):
    return make_client("lambda", endpoint, **kwargs)


# --- packaging -----------------------------------------------------------------------------------

def zip_files(files: dict[str, str | bytes], executable: tuple[str, ...] = ()) -> bytes:
    """A zip of `files` (name → text or bytes); names in `executable` get mode 0755, the rest 0644,
    stored in the zip's external attributes as a Unix zip tool stores them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = (0o100755 if name in executable else 0o100644) << 16
            info.create_system = 3  # Unix, so the mode bits are meaningful
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def py_zip(source: str, module: str = "app") -> bytes:
    return zip_files({f"{module}.py": source})


def echo_swift_zip() -> bytes:
    if not ECHO_SWIFT.exists():
        pytest.fail(f"the Swift echo function is not at {ECHO_SWIFT}; run `swift build --product echo-swift` "
                    "or set BRUME_ECHO_SWIFT")
    return zip_files({"bootstrap": ECHO_SWIFT.read_bytes()}, executable=("bootstrap",))


# --- invoking ------------------------------------------------------------------------------------

def payload_of(response) -> object:
    """The decoded JSON payload of an Invoke response (None for an empty one)."""
    body = response["Payload"].read()
    return json.loads(body) if body else None


def invoke(client, name: str, event=None, **kwargs):
    """RequestResponse invoke; returns (response, decoded payload)."""
    raw = json.dumps({} if event is None else event) if not isinstance(event, (bytes, str)) else event
    response = client.invoke(FunctionName=name, Payload=raw, **kwargs)
    return response, payload_of(response)


def tail_of(response) -> str:
    """The decoded X-Amz-Log-Result (LogType=Tail) of an Invoke response."""
    return base64.b64decode(response["LogResult"]).decode()


@contextmanager
def lambda_error(code: str, status: int, message: str | None = None, *, contains: str | None = None):
    """Expect a ClientError with Error.Code `code`, HTTP `status` and (optionally) the exact
    `message` or a message containing `contains`."""
    with pytest.raises(ClientError) as info:
        yield info
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert response["Error"]["Message"] == message, response
    if contains is not None:
        assert contains in response["Error"]["Message"], response


def delete_function_quietly(client, name: str) -> None:
    try:
        client.delete_function(FunctionName=name)
    except ClientError:
        pass


def wait_until(condition, timeout: float = 5.0, interval: float = 0.05):
    """Poll `condition` until it returns something truthy (returned) or the deadline passes
    (then its last value is returned)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


# --- logs ----------------------------------------------------------------------------------------

def log_messages(logs, name: str) -> list[str]:
    """Every message in /aws/lambda/<name> (all streams, in time order), [] if no group yet."""
    found, token = [], None
    try:
        while True:
            page = logs.filter_log_events(logGroupName=f"/aws/lambda/{name}", **({"nextToken": token} if token else {}))
            found.extend(page["events"])
            token = page.get("nextToken")
            if not token:
                break
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return []
        raise
    return [e["message"] for e in sorted(found, key=lambda e: (e["timestamp"], e["ingestionTime"]))]


def wait_for_log(logs, name: str, predicate, timeout: float = 5.0) -> list[str]:
    """The function's log messages once `predicate(messages)` holds (asserted)."""
    messages = wait_until(lambda: (lambda m: m if predicate(m) else None)(log_messages(logs, name)), timeout)
    assert messages, f"log of {name} never matched within {timeout}s:\n" + "\n".join(log_messages(logs, name))
    return messages


# --- SQS -----------------------------------------------------------------------------------------

def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def receive(sqs, url: str, expected: int, timeout: float = 10.0, **kwargs) -> list[dict]:
    """Receive (and delete) messages until `expected` arrived or the deadline passed."""
    got: list[dict] = []
    deadline = time.monotonic() + timeout
    while len(got) < expected and time.monotonic() < deadline:
        wait = max(0, min(1, int(deadline - time.monotonic())))
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait,
                                       MessageAttributeNames=["All"], **kwargs).get("Messages", [])
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        got.extend(messages)
    return got
