"""SIGTERM stops the stack cleanly: requests in flight are answered, the exit code is 0, and
everything acknowledged is there after a restart on the same data directory.

Only functional properties are checked here; how fast it stops is measured by bench/idle.sh."""

from __future__ import annotations

import json
import signal
import threading
import time

import pytest

from harness import free_port, render_config
from lambdahelpers import make_client, py_zip, unique_function
from s3helpers import unique_bucket

ROLE = "arn:aws:iam::000000000000:role/e2e-shutdown"
# Answers after `sleep` seconds, so an invoke can be in flight when SIGTERM comes.
SLOW = """
import time
def handler(event, context):
    time.sleep(float(event.get("sleep", 0)))
    return {"echo": event.get("value")}
"""


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def wait_until_active(lam, name: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if lam.get_function(FunctionName=name)["Configuration"]["State"] == "Active":
            return
        time.sleep(0.05)
    pytest.fail(f"{name} did not become Active")


def test_idle_stack_exits_0_on_sigterm(brume_factory, data_dir):
    server = brume_factory(data_dir=data_dir)
    server.process.send_signal(signal.SIGTERM)
    assert server.wait_exit(timeout=30) == 0, server.output()


def test_sigterm_answers_requests_in_flight_and_keeps_every_write(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    s3, sqs = first.client(), make_client("sqs", first.endpoint)
    lam = make_client("lambda", first.endpoint, read_timeout=120)

    bucket = unique_bucket("shutdown")
    s3.create_bucket(Bucket=bucket)
    body = bytes(range(256)) * 1024
    s3.put_object(Bucket=bucket, Key="kept.bin", Body=body)
    queue_url = sqs.create_queue(QueueName=f"shutdown-{int(time.time() * 1000)}")["QueueUrl"]
    sqs.send_message(QueueUrl=queue_url, MessageBody="acknowledged before SIGTERM")
    name = unique_function("shutdown")
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"ZipFile": py_zip(SLOW)}, Timeout=30)
    wait_until_active(lam, name)
    # A warm instance first, so the invoke below is in flight well before SIGTERM.
    assert json.loads(lam.invoke(FunctionName=name, Payload=b'{"value": 0}')["Payload"].read()) == {"echo": 0}

    answers: list[dict] = []
    failures: list[BaseException] = []

    def call() -> None:
        try:
            answer = lam.invoke(FunctionName=name, Payload=json.dumps({"sleep": 2, "value": 1}).encode())
            answers.append({"status": answer["StatusCode"], "error": answer.get("FunctionError"),
                            "payload": json.loads(answer["Payload"].read())})
        except BaseException as error:  # noqa: BLE001 -- reported by the assertion below
            failures.append(error)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.5)  # the invoke is running its two-second handler now
    first.process.send_signal(signal.SIGTERM)
    caller.join(timeout=60)
    assert first.wait_exit(timeout=60) == 0, first.output()
    assert not failures, failures
    assert answers == [{"status": 200, "error": None, "payload": {"echo": 1}}]

    second = brume_factory(data_dir=data_dir, port=first.port)
    s3, sqs = second.client(), make_client("sqs", second.endpoint)
    lam = make_client("lambda", second.endpoint)
    assert s3.get_object(Bucket=bucket, Key="kept.bin")["Body"].read() == body
    received = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=5).get("Messages", [])
    assert [m["Body"] for m in received] == ["acknowledged before SIGTERM"]
    assert lam.get_function(FunctionName=name)["Configuration"]["FunctionName"] == name
    assert second.terminate() == 0


def test_sigterm_with_declared_function_and_event_source_exits_0(brume_factory, data_dir, tmp_path):
    """A stack whose function folder is watched and whose mapping long-polls SQS still stops at once."""
    code = tmp_path / "consumer"
    code.mkdir()
    (code / "app.py").write_text("def handler(event, context):\n    return len(event['Records'])\n")
    port = free_port()
    config = render_config(port) + (
        "  functions:\n"
        "    - name: shutdown-consumer\n"
        f"      code: {code}\n"
        "      runtime: python3.12\n"
        "      handler: app.handler\n"
        "      event_sources:\n"
        "        - queue: declared-work\n"
    )
    server = brume_factory(data_dir=data_dir, port=port, config_text=config)
    sqs = make_client("sqs", server.endpoint)
    url = sqs.get_queue_url(QueueName="declared-work")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="consumed")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        if attributes == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the event source mapping did not consume the message")
    server.process.send_signal(signal.SIGTERM)
    assert server.wait_exit(timeout=30) == 0, server.output()
