"""Step Functions helpers: clients, unique names, definition builders, execution pollers and an
error assertion — for tests written against what real AWS Step Functions does."""

from __future__ import annotations

import json
import time
import uuid
from contextlib import contextmanager

import boto3
import pytest
from botocore.config import Config

from harness import ACCESS_KEY, REGION, SECRET_KEY

ACCOUNT = "000000000000"
# Brume accepts role ARNs as given (no IAM); any well-formed role ARN will do.
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/e2e-sfn-role"
OTHER_ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/e2e-sfn-other-role"
TERMINAL = ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")


def unique_name(prefix: str = "sm") -> str:
    return f"e2e-{prefix}-{uuid.uuid4().hex[:12]}"


def make_sfn_client(endpoint: str, *, inject_host_prefix: bool = True, read_timeout: int = 60):
    """A boto3 Step Functions client with retries off so every error surfaces as sent.

    StartSyncExecution is modelled with the host prefix `sync-`, so boto3 would send it to
    `sync-127.0.0.1:<port>` (which does not resolve). Clients meant for that call are created with
    `inject_host_prefix=False`, which keeps the request on the plain endpoint."""
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=read_timeout,
                 max_pool_connections=32, inject_host_prefix=inject_host_prefix)
    return boto3.session.Session().client(
        "stepfunctions", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, region_name=REGION, config=cfg)


def state_machine_arn(name: str) -> str:
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def execution_arn(machine: str, name: str) -> str:
    return f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{machine}:{name}"


# --- definitions ---------------------------------------------------------------------------------

def definition(states: dict, start: str | None = None, **top) -> str:
    """An ASL document (JSON text); `start` defaults to the first state."""
    doc = {"StartAt": start or next(iter(states)), "States": states, **top}
    return json.dumps(doc)


def pass_definition(result=None, **fields) -> str:
    state = {"Type": "Pass", "End": True, **fields}
    if result is not None:
        state["Result"] = result
    return definition({"Only": state})


def chain(*states: tuple[str, dict]) -> str:
    """A linear machine from (name, state) pairs: each state gets `Next` to the following one,
    the last gets `End: true` (unless it is Succeed/Fail)."""
    built = {}
    for i, (name, state) in enumerate(states):
        state = dict(state)
        if state["Type"] not in ("Succeed", "Fail", "Choice"):
            if i + 1 < len(states):
                state.setdefault("Next", states[i + 1][0])
            else:
                state.setdefault("End", True)
        built[name] = state
    return definition(built)


WAIT_FOR_TOKEN = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"


def token_task(queue_url: str, **fields) -> dict:
    """A Task that sends `{"token": <task token>, "input": <state input>}` to an SQS queue and
    waits for SendTaskSuccess/SendTaskFailure."""
    return {"Type": "Task", "Resource": WAIT_FOR_TOKEN,
            "Parameters": {"QueueUrl": queue_url,
                           "MessageBody": {"token.$": "$$.Task.Token", "input.$": "$"}},
            **fields}


def receive_token(sqs, queue_url: str, timeout: float = 10.0) -> tuple[str, dict]:
    """Wait for the next message a waitForTaskToken task sent; delete it and return
    (token, the body's `input`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1, WaitTimeSeconds=1,
                                       VisibilityTimeout=60).get("Messages", [])
        if messages:
            message = messages[0]
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            body = json.loads(message["Body"])
            return body["token"], body.get("input")
    pytest.fail(f"no task-token message arrived on {queue_url} within {timeout}s")


# --- executions ----------------------------------------------------------------------------------

def wait_for_execution(client, arn: str, timeout: float = 10.0) -> dict:
    """Poll DescribeExecution (short sleeps) until the execution leaves RUNNING; returns the
    final description. Fails the test on timeout."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        described = client.describe_execution(executionArn=arn)
        if described["status"] in TERMINAL:
            return described
        if time.monotonic() >= deadline:
            pytest.fail(f"execution {arn} still {described['status']} after {timeout}s")
        time.sleep(delay)
        delay = min(delay * 1.5, 0.3)


def wait_for_status(client, arn: str, status: str, timeout: float = 10.0) -> dict:
    described = wait_for_execution(client, arn, timeout)
    assert described["status"] == status, described
    return described


def run(client, machine_arn: str, input=None, *, name: str | None = None, timeout: float = 10.0) -> dict:
    """StartExecution (input: a Python value, serialized here) and wait for the end."""
    kwargs = {"stateMachineArn": machine_arn}
    if input is not None:
        kwargs["input"] = json.dumps(input)
    if name is not None:
        kwargs["name"] = name
    arn = client.start_execution(**kwargs)["executionArn"]
    return wait_for_execution(client, arn, timeout)


def output_of(described: dict):
    assert described["status"] == "SUCCEEDED", described
    return json.loads(described["output"])


def history(client, arn: str, **kwargs) -> list[dict]:
    """All history events (following nextToken)."""
    events, token = [], None
    while True:
        page = client.get_execution_history(executionArn=arn, **kwargs, **({"nextToken": token} if token else {}))
        events.extend(page["events"])
        token = page.get("nextToken")
        if not token:
            return events


def types_of(events: list[dict]) -> list[str]:
    return [e["type"] for e in events]


def wait_for_event(client, arn: str, event_type: str, timeout: float = 10.0) -> list[dict]:
    """Poll the history until an event of `event_type` appears; returns the history."""
    deadline = time.monotonic() + timeout
    while True:
        events = history(client, arn)
        if event_type in types_of(events):
            return events
        if time.monotonic() >= deadline:
            pytest.fail(f"no {event_type} in {arn} after {timeout}s: {types_of(events)}")
        time.sleep(0.1)


# --- errors and cleanup --------------------------------------------------------------------------

@contextmanager
def sfn_error(client, code: str, status: int = 400):
    """Expect a Step Functions error whose Error.Code is `code` (awsJson1.0: the `__type`
    shape name), with HTTP `status`."""
    from botocore.exceptions import ClientError
    with pytest.raises(ClientError) as info:
        yield info
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response


def delete_machine_quietly(client, arn: str) -> None:
    try:
        client.delete_state_machine(stateMachineArn=arn)
    except Exception:  # noqa: BLE001 - cleanup only
        pass
