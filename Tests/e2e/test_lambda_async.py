"""Event invokes: they run in the background, are retried (one and two minutes later, divided by
the stack's time_scale), end in a dead-letter queue or on-success/on-failure destinations with
AWS's record, and survive `kill -9`."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from harness import free_port, render_config
from lambdahelpers import (
    PY, ROLE, function_arn, make_lambda_client, py_zip, queue_arn, receive, unique_function, wait_for_log,
)
from logshelpers import make_logs_client
from sqshelpers import make_sqs_client, unique_queue

# Sends one message per attempt (request id, time, payload) to the queue named in ATTEMPTS_QUEUE,
# then fails when the event says so.
RECORDER = """
import json, os, time, boto3
sqs = boto3.client("sqs")
def handler(event, context):
    url = sqs.get_queue_url(QueueName=os.environ["ATTEMPTS_QUEUE"])["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"requestId": context.aws_request_id, "at": time.time(), "event": event}))
    if event.get("fail"):
        raise RuntimeError("attempt failed: " + event["fail"])
    return {"done": event}
"""


def with_time_scale(port: int, scale: int) -> str:
    text = render_config(port)
    assert "stack: e2e\n" in text
    return text.replace("stack: e2e\n", f"stack: e2e\ntime_scale: {scale}\n")


class Stack:
    """A started server with Lambda and SQS clients and helpers for this file's tests."""

    def __init__(self, server):
        self.server = server
        self.lam = make_lambda_client(server.endpoint)
        self.sqs = make_sqs_client(server.endpoint)

    def queue(self, prefix: str) -> tuple[str, str]:
        name = unique_queue(prefix)
        return self.sqs.create_queue(QueueName=name)["QueueUrl"], queue_arn(name)

    def recorder(self, attempts_queue_url: str, **kwargs) -> str:
        name = unique_function("async")
        self.lam.create_function(
            FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(RECORDER)}, Timeout=30,
            Environment={"Variables": {"ATTEMPTS_QUEUE": attempts_queue_url.rsplit("/", 1)[1]}}, **kwargs)
        return name

    def event(self, name: str, payload: dict) -> str:
        response = self.lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps(payload).encode())
        assert response["StatusCode"] == 202
        return response["ResponseMetadata"]["RequestId"]


@pytest.fixture
def fast(brume_factory):
    """A stack whose waits run 600 times faster: retries come after 0.1 s and 0.2 s."""
    port = free_port()
    return Stack(brume_factory(config_text=with_time_scale(port, 600), port=port, name="fast"))


@pytest.fixture
def shared(brume):
    return Stack(brume)


def attempts(stack: Stack, url: str, expected: int, timeout: float = 10.0) -> list[dict]:
    got = [json.loads(m["Body"]) for m in receive(stack.sqs, url, expected, timeout=timeout)]
    return sorted(got, key=lambda a: a["at"])


# --- shared stack (no retries needed) ------------------------------------------------------------------

def test_event_invoke_runs_in_the_background(shared):
    attempts_url, _ = shared.queue("attempts")
    name = shared.recorder(attempts_url)
    try:
        rid = shared.event(name, {"hello": "world"})
        [attempt] = attempts(shared, attempts_url, 1, timeout=10)
        assert attempt["requestId"] == rid
        assert attempt["event"] == {"hello": "world"}
        # Nothing more arrives: a success is not retried.
        assert receive(shared.sqs, attempts_url, 1, timeout=1) == []
    finally:
        shared.lam.delete_function(FunctionName=name)
        shared.sqs.delete_queue(QueueUrl=attempts_url)


def test_on_success_destination_gets_the_record(shared):
    attempts_url, _ = shared.queue("attempts")
    success_url, success_arn = shared.queue("success")
    name = shared.recorder(attempts_url)
    try:
        shared.lam.put_function_event_invoke_config(FunctionName=name,
                                                    DestinationConfig={"OnSuccess": {"Destination": success_arn}})
        rid = shared.event(name, {"ok": 1})
        [message] = receive(shared.sqs, success_url, 1, timeout=10)
        record = json.loads(message["Body"])
        assert record["version"] == "1.0"
        assert record["timestamp"]
        context = record["requestContext"]
        assert context["requestId"] == rid
        assert context["functionArn"] == function_arn(name, "$LATEST")
        assert context["condition"] == "Success"
        assert context["approximateInvokeCount"] == 1
        assert record["requestPayload"] == {"ok": 1}
        assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST"}
        assert record["responsePayload"] == {"done": {"ok": 1}}
    finally:
        shared.lam.delete_function(FunctionName=name)
        for url in (attempts_url, success_url):
            shared.sqs.delete_queue(QueueUrl=url)


def test_event_bus_destination_gets_lambdas_event(shared):
    # An EventBridge bus as OnSuccess: Lambda puts the record on it with source `lambda` and the
    # detail type "Lambda Function Invocation Result - Success"; a rule sends it on to a queue.
    from lambdahelpers import make_client
    events = make_client("events", shared.server.endpoint)
    attempts_url, _ = shared.queue("attempts")
    routed_url, routed_arn = shared.queue("routed")
    name = shared.recorder(attempts_url)
    rule = f"lambda-results-{name[-8:]}"
    bus = "arn:aws:events:us-east-1:000000000000:event-bus/default"
    try:
        events.put_rule(Name=rule, EventPattern=json.dumps({
            "source": ["lambda"], "detail-type": ["Lambda Function Invocation Result - Success"],
            "detail": {"requestContext": {"functionArn": [{"prefix": function_arn(name)}]}}}))
        events.put_targets(Rule=rule, Targets=[{"Id": "queue", "Arn": routed_arn}])
        shared.lam.put_function_event_invoke_config(FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": bus}})
        assert shared.lam.get_function_event_invoke_config(FunctionName=name)["DestinationConfig"]["OnSuccess"] == {"Destination": bus}
        rid = shared.event(name, {"ok": 2})
        [message] = receive(shared.sqs, routed_url, 1, timeout=10)
        event = json.loads(message["Body"])
        assert event["source"] == "lambda" and event["detail-type"] == "Lambda Function Invocation Result - Success"
        assert event["resources"] == [bus, function_arn(name, "$LATEST")]
        assert event["detail"]["requestContext"]["requestId"] == rid and event["detail"]["responsePayload"] == {"done": {"ok": 2}}
    finally:
        events.remove_targets(Rule=rule, Ids=["queue"])
        events.delete_rule(Name=rule)
        shared.lam.delete_function(FunctionName=name)
        for url in (attempts_url, routed_url):
            shared.sqs.delete_queue(QueueUrl=url)


def test_dead_letter_queues_cannot_be_event_buses(shared):
    from botocore.exceptions import ClientError
    with pytest.raises(ClientError) as info:
        shared.lam.create_function(FunctionName=unique_function("dlq-bus"), Runtime=PY, Handler="app.handler", Role=ROLE,
                                   Code={"ZipFile": py_zip(RECORDER)},
                                   DeadLetterConfig={"TargetArn": "arn:aws:events:us-east-1:000000000000:event-bus/default"})
    assert info.value.response["Error"]["Code"] == "InvalidParameterValueException"


# --- fast stack (time_scale 600) ---------------------------------------------------------------------------

def test_retries_then_dead_letter_queue(fast):
    attempts_url, _ = fast.queue("attempts")
    dlq_url, dlq_arn = fast.queue("dlq")
    name = fast.recorder(attempts_url, DeadLetterConfig={"TargetArn": dlq_arn})
    assert fast.lam.get_function_configuration(FunctionName=name)["DeadLetterConfig"] == {"TargetArn": dlq_arn}
    fast.lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2)

    rid = fast.event(name, {"fail": "always", "n": 7})
    [dead] = receive(fast.sqs, dlq_url, 1, timeout=15)
    assert json.loads(dead["Body"]) == {"fail": "always", "n": 7}
    attributes = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attributes == {"RequestID": rid, "ErrorCode": "200", "ErrorMessage": "attempt failed: always"}
    assert all(v["DataType"] == "String" for v in dead["MessageAttributes"].values())

    tries = attempts(fast, attempts_url, 3, timeout=5)
    assert len(tries) == 3, tries
    assert {t["requestId"] for t in tries} == {rid}
    # One minute, then two minutes, divided by 600.
    first_gap, second_gap = tries[1]["at"] - tries[0]["at"], tries[2]["at"] - tries[1]["at"]
    assert 0.08 <= first_gap < 2.0, tries
    assert 0.18 <= second_gap < 2.0, tries
    assert receive(fast.sqs, attempts_url, 1, timeout=0.5) == []


def test_no_retries_goes_straight_to_the_dead_letter_queue(fast):
    attempts_url, _ = fast.queue("attempts")
    dlq_url, dlq_arn = fast.queue("dlq")
    name = fast.recorder(attempts_url, DeadLetterConfig={"TargetArn": dlq_arn})
    fast.lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    rid = fast.event(name, {"fail": "once"})
    [dead] = receive(fast.sqs, dlq_url, 1, timeout=10)
    assert dead["MessageAttributes"]["RequestID"]["StringValue"] == rid
    assert len(attempts(fast, attempts_url, 2, timeout=1)) == 1


def test_on_failure_destination_after_retries(fast):
    attempts_url, _ = fast.queue("attempts")
    failure_url, failure_arn = fast.queue("failure")
    name = fast.recorder(attempts_url)
    fast.lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=1,
                                              DestinationConfig={"OnFailure": {"Destination": failure_arn}})
    rid = fast.event(name, {"fail": "twice"})
    [message] = receive(fast.sqs, failure_url, 1, timeout=10)
    record = json.loads(message["Body"])
    assert record["version"] == "1.0"
    assert record["requestContext"]["requestId"] == rid
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 2
    assert record["requestContext"]["functionArn"] == function_arn(name, "$LATEST")
    assert record["requestPayload"] == {"fail": "twice"}
    assert record["responseContext"]["statusCode"] == 200
    assert record["responseContext"]["functionError"] == "Unhandled"
    assert record["responsePayload"]["errorType"] == "RuntimeError"
    assert record["responsePayload"]["errorMessage"] == "attempt failed: twice"
    assert len(attempts(fast, attempts_url, 2, timeout=3)) == 2


def test_throttled_event_too_old_goes_to_on_failure(fast):
    attempts_url, _ = fast.queue("attempts")
    failure_url, failure_arn = fast.queue("failure")
    name = fast.recorder(attempts_url)
    fast.lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    fast.lam.put_function_event_invoke_config(FunctionName=name, MaximumEventAgeInSeconds=60,
                                              DestinationConfig={"OnFailure": {"Destination": failure_arn}})
    rid = fast.event(name, {"never": "runs"})
    [message] = receive(fast.sqs, failure_url, 1, timeout=10)
    record = json.loads(message["Body"])
    assert record["requestContext"]["requestId"] == rid
    assert record["requestContext"]["condition"] == "EventAgeExceeded"
    assert record["requestPayload"] == {"never": "runs"}
    assert receive(fast.sqs, attempts_url, 1, timeout=0.3) == []


# --- durability ----------------------------------------------------------------------------------------------

def test_pending_retry_survives_kill_9(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    port = free_port()
    # time_scale 30: the retry comes 2 s after the first attempt, time enough to kill the server.
    config = with_time_scale(port, 30)
    first = Stack(brume_factory(config_text=config, port=port, data_dir=data_dir, name="before"))
    attempts_url, _ = first.queue("attempts")
    dlq_url, dlq_arn = first.queue("dlq")
    name = first.recorder(attempts_url, DeadLetterConfig={"TargetArn": dlq_arn})
    first.lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=1)
    rid = first.event(name, {"fail": "across a restart"})
    [attempt] = attempts(first, attempts_url, 1, timeout=10)
    assert attempt["requestId"] == rid
    # The attempt's REPORT line is logged once Brume has the failure (and has scheduled the retry).
    wait_for_log(make_logs_client(first.server.endpoint), name,
                 lambda m: any(x.startswith(f"REPORT RequestId: {rid}") for x in m), timeout=5)

    os.kill(first.server.process.pid, signal.SIGKILL)
    first.server.process.wait(timeout=10)

    second = Stack(brume_factory(config_text=config, port=port, data_dir=data_dir, name="after"))
    [dead] = receive(second.sqs, dlq_url, 1, timeout=15)
    assert json.loads(dead["Body"]) == {"fail": "across a restart"}
    assert dead["MessageAttributes"]["RequestID"]["StringValue"] == rid
    [retry] = attempts(second, attempts_url, 1, timeout=5)
    assert retry["requestId"] == rid
    assert retry["at"] - attempt["at"] >= 1.5


SLOW = """
import json, os, time, boto3
sqs = boto3.client("sqs")
def handler(event, context):
    url = sqs.get_queue_url(QueueName=os.environ["ATTEMPTS_QUEUE"])["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"requestId": context.aws_request_id, "at": time.time(), "event": "start", "pid": os.getpid()}))
    time.sleep(event["sleep"])
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"requestId": context.aws_request_id, "at": time.time(), "event": "done", "pid": os.getpid()}))
"""


def test_accepted_event_survives_kill_9(brume_factory, tmp_path):
    """An Event invoke whose attempt is still running when the server dies runs again after the restart."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    port = free_port()
    config = render_config(port)
    first = Stack(brume_factory(config_text=config, port=port, data_dir=data_dir, name="before"))
    attempts_url, _ = first.queue("attempts")
    name = unique_function("slow")
    first.lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(SLOW)},
                              Timeout=30, Environment={"Variables": {"ATTEMPTS_QUEUE": attempts_url.rsplit("/", 1)[1]}})
    rid = first.event(name, {"sleep": 1.5})
    [started] = attempts(first, attempts_url, 1, timeout=10)
    assert started["requestId"] == rid and started["event"] == "start"
    os.kill(first.server.process.pid, signal.SIGKILL)
    first.server.process.wait(timeout=10)

    second = Stack(brume_factory(config_text=config, port=port, data_dir=data_dir, name="after"))
    # The killed server's instance may still finish on its own (it was orphaned mid-attempt); what
    # counts is a new attempt, by a new instance, started and finished after the restart.
    deadline = time.monotonic() + 15
    seen = []

    def rerun_done():
        return any(a["event"] == "done" and a["pid"] != started["pid"] for a in seen)

    while time.monotonic() < deadline and not rerun_done():
        seen += attempts(second, attempts_url, 1, timeout=1)
    assert rerun_done(), seen
    assert {a["requestId"] for a in seen} == {rid}
