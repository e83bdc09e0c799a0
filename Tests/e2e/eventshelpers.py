"""EventBridge helpers: clients, unique names, and waiting for the messages rules deliver."""

from __future__ import annotations

import json
import time
import uuid

from lambdahelpers import make_client

ACCOUNT = "000000000000"
REGION = "us-east-1"


def make_events_client(endpoint: str, **kwargs):
    return make_client("events", endpoint, **kwargs)


def unique_rule(prefix: str = "rule") -> str:
    return f"e2e-{prefix}-{uuid.uuid4().hex[:10]}"


def rule_arn(name: str, bus: str = "default") -> str:
    path = name if bus == "default" else f"{bus}/{name}"
    return f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{path}"


def queue_arn(url: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{url.rsplit('/', 1)[-1]}"


def receive_messages(sqs, url: str, count: int, timeout: float = 15.0, **kwargs) -> list[dict]:
    """At least `count` messages (deleted as they are read), or fewer after `timeout`."""
    deadline = time.monotonic() + timeout
    messages: list[dict] = []
    while len(messages) < count and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MaxNumberOfMessages=10, **kwargs).get("Messages", []):
            messages.append(message)
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return messages


def receive_bodies(sqs, url: str, count: int, timeout: float = 15.0) -> list:
    return [json.loads(message["Body"]) for message in receive_messages(sqs, url, count, timeout)]


def entry(detail: dict | None = None, source: str = "e2e.app", detail_type: str = "Thing Happened", **extra) -> dict:
    return {"Source": source, "DetailType": detail_type, "Detail": json.dumps(detail or {}), **extra}
