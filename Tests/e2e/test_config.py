"""Starting Brume: the ready line, service detection, config validation, ports, auth modes."""

import json
import signal
import socket
import time

import pytest

from harness import EXTERNAL_ENDPOINT, free_port, http, render_config
from s3helpers import s3_error, status_of, unique_bucket

needs_own_process = pytest.mark.skipif(bool(EXTERNAL_ENDPOINT), reason="needs a brume process started by the suite")


def contains_string(value, needle) -> bool:
    """Whether `needle` appears as a string anywhere in a decoded JSON value."""
    if isinstance(value, str):
        return value == needle
    if isinstance(value, dict):
        return any(contains_string(k, needle) or contains_string(v, needle) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_string(v, needle) for v in value)
    return False


def expect_startup_failure(server, *needles, timeout=15.0):
    """The process must exit non-zero on its own, name its config file, and mention every needle
    outside that file name (the temp path contains the test name, which could match by accident)."""
    code = server.wait_exit(timeout)
    if code is None:
        server.kill()
        pytest.fail(f"brume kept running instead of failing:\n{server.output()}")
    output = server.output()
    assert code != 0, output
    rest = output.replace(str(server.config_path), "").replace(str(server.config_path.parent), "")
    for needle in needles:
        assert str(needle) in rest, f"{needle!r} not in output:\n{output}"
    return output


# --- service detection ---------------------------------------------------------------------------

@needs_own_process
def test_ready_line_is_printed(brume):
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "Brume ready" not in brume.stdout():
        time.sleep(0.1)
    assert any(line.startswith("Brume ready") for line in brume.stdout().splitlines()), brume.output()


def test_health_reports_version_and_running_s3(brume):
    response = http().get(f"{brume.endpoint}/_brume/health")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["version"], str) and body["version"]
    assert body["services"]["s3"] == "running"


def test_resources_lists_buckets(brume, s3, bucket):
    response = http().get(f"{brume.endpoint}/_brume/resources")
    assert response.status_code == 200
    body = response.json()
    assert contains_string(body, bucket), json.dumps(body)[:2000]
    assert contains_string(body, "preexisting"), json.dumps(body)[:2000]


# --- config validation -----------------------------------------------------------------------------

@needs_own_process
def test_unknown_top_level_key_fails_naming_file_and_key(brume_factory):
    port = free_port()
    server = brume_factory(config_text=render_config(port) + "surprise_key: 1\n", port=port, wait=False)
    output = expect_startup_failure(server, "surprise_key")
    assert server.config_path.name in output


@needs_own_process
def test_non_numeric_port_fails_naming_the_key(brume_factory):
    port = free_port()
    text = render_config(port).replace(f"port: {port}", 'port: "not-a-port"')
    server = brume_factory(config_text=text, port=port, wait=False)
    output = expect_startup_failure(server, "edge.port")
    assert server.config_path.name in output


@needs_own_process
def test_unknown_auth_mode_fails_naming_the_key(brume_factory):
    port = free_port()
    server = brume_factory(config_text=render_config(port, auth="sometimes"), port=port, wait=False)
    output = expect_startup_failure(server, "auth")
    assert server.config_path.name in output


@needs_own_process
def test_busy_port_is_a_clear_error(brume_factory):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        port = blocker.getsockname()[1]
        server = brume_factory(port=port, wait=False)
        expect_startup_failure(server, port)


@needs_own_process
def test_sigint_shuts_down_cleanly(brume_factory):
    server = brume_factory()
    server.process.send_signal(signal.SIGINT)
    assert server.wait_exit() == 0, server.output()


# --- strict auth -----------------------------------------------------------------------------------

@pytest.fixture
def strict(brume_factory):
    return brume_factory(auth="strict")


@needs_own_process
def test_strict_auth_accepts_correct_signature(strict):
    client = strict.client()
    name = unique_bucket("strict")
    assert status_of(client.create_bucket(Bucket=name)) == 200
    client.put_object(Bucket=name, Key="k", Body=b"signed")
    assert client.get_object(Bucket=name, Key="k")["Body"].read() == b"signed"


@needs_own_process
def test_strict_auth_rejects_wrong_secret(strict):
    with s3_error("SignatureDoesNotMatch", 403):
        strict.client(secret_key="wrong-secret").list_buckets()


@needs_own_process
def test_strict_auth_rejects_unknown_access_key(strict):
    with s3_error("InvalidAccessKeyId", 403):
        strict.client(access_key="AKIAUNKNOWN000000000", secret_key="test").list_buckets()


@needs_own_process
def test_strict_auth_rejects_unsigned_request(strict):
    response = http().get(f"{strict.endpoint}/")
    assert response.status_code == 403
    assert "<Code>AccessDenied</Code>" in response.text


@needs_own_process
def test_strict_auth_rejects_a_signature_from_twenty_minutes_ago(strict, monkeypatch):
    import datetime as dt

    import botocore.auth

    skewed = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=20)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: skewed)
    with s3_error("RequestTimeTooSkewed", 403):
        strict.client().list_buckets()


def test_expected_bucket_owner_must_match(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", ExpectedBucketOwner="000000000000")
    with s3_error("AccessDenied", 403):
        s3.get_object(Bucket=bucket, Key="k", ExpectedBucketOwner="111122223333")
