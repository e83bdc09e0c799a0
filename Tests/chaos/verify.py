"""After the kills: every acknowledged write is checked against the settled stack."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field

from ledger import Ledger, make_client
from workload import Resources

TERMINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}


@dataclass
class Findings:
    """What the checks found; `lost` counts acknowledged writes that are missing or changed."""

    lost: dict[str, int] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=dict)
    execution_statuses: dict[str, int] = field(default_factory=dict)
    corrupt_databases: list[str] = field(default_factory=list)
    databases_checked: int = 0

    def lose(self, kind: str, detail: str) -> None:
        self.lost[kind] = self.lost.get(kind, 0) + 1
        if len(self.details) < 50:
            self.details.append(f"{kind}: {detail}")

    def writes_lost(self) -> int:
        return sum(self.lost.values())


def check_objects(endpoint: str, ledger: Ledger, findings: Findings) -> None:
    """Every acknowledged object reads back byte for byte (SHA-256 of what was sent)."""
    s3 = make_client("s3", endpoint)
    for key, stored in sorted(ledger.objects.items()):
        try:
            answer = s3.get_object(Bucket=stored.bucket, Key=key)
            body = answer["Body"].read()
        except Exception as error:  # noqa: BLE001 - any failure to read it back is a loss
            findings.lose("s3", f"{key}: {type(error).__name__}: {error}")
            continue
        if len(body) != stored.size or hashlib.sha256(body).hexdigest() != stored.sha256:
            findings.lose("s3", f"{key}: {len(body)} bytes read back, {stored.size} acknowledged, content differs")
        elif answer["ETag"] != stored.etag:
            findings.lose("s3", f"{key}: ETag {answer['ETag']}, acknowledged {stored.etag}")


def drain(sqs, url: str, expected: int, *, timeout: float, **kwargs) -> list[dict]:
    """Receive and delete until `expected` messages came and two polls in a row were empty (or
    `timeout` passes); messages in the order they were received."""
    seen: list[dict] = []
    empties = 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not (len(seen) >= expected and empties >= 2):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                       VisibilityTimeout=600, **kwargs).get("Messages", [])
        empties = 0 if messages else empties + 1
        if messages:
            seen.extend(messages)
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return seen


def check_standard_queue(endpoint: str, resources: Resources, ledger: Ledger, findings: Findings,
                         timeout: float) -> None:
    """Every acknowledged message is delivered at least once, with the id its send returned."""
    sqs = make_client("sqs", endpoint)
    received = drain(sqs, resources.standard_queue, len(ledger.standard_messages), timeout=timeout)
    ids: dict[str, set[str]] = {}
    for message in received:
        ids.setdefault(message["Body"], set()).add(message["MessageId"])
    findings.duplicates["sqs standard"] = len(received) - len(ids)
    for body, message_id in ledger.standard_messages.items():
        if body not in ids:
            findings.lose("sqs standard", f"{body[:40]} ({message_id}) never delivered")
        elif message_id not in ids[body]:
            findings.lose("sqs standard", f"{body[:40]} delivered as {ids[body]}, acknowledged as {message_id}")


def check_fifo_queue(endpoint: str, resources: Resources, ledger: Ledger, findings: Findings,
                     timeout: float) -> None:
    """Per group: every acknowledged message arrives, in the order sent, and no deduplication id
    is delivered twice."""
    sqs = make_client("sqs", endpoint)
    expected = sum(len(v) for v in ledger.fifo_messages.values())
    received = drain(sqs, resources.fifo_queue, expected, timeout=timeout,
                     MessageSystemAttributeNames=["MessageGroupId", "MessageDeduplicationId"])
    per_group: dict[str, list[int]] = {}
    for message in received:
        group = message["Attributes"]["MessageGroupId"]
        dedup = message["Attributes"].get("MessageDeduplicationId", message["Body"])
        if dedup != message["Body"]:
            findings.lose("sqs fifo", f"body {message['Body']} came with deduplication id {dedup}")
        per_group.setdefault(group, []).append(int(message["Body"].rsplit("-", 1)[1]))
    duplicates = 0
    for group, seqs in per_group.items():
        duplicates += len(seqs) - len(set(seqs))
        if seqs != sorted(set(seqs)):
            findings.lose("sqs fifo order", f"group {group} delivered out of order or twice: "
                                            f"{_first_disorder(seqs)}")
    findings.duplicates["sqs fifo (same deduplication id)"] = duplicates
    for group, acknowledged in ledger.fifo_messages.items():
        delivered = set(per_group.get(group, []))
        for seq, message_id in acknowledged:
            if seq not in delivered:
                findings.lose("sqs fifo", f"{group}-{seq:06d} ({message_id}) never delivered")


def _first_disorder(seqs: list[int]) -> str:
    for index in range(1, len(seqs)):
        if seqs[index] <= seqs[index - 1]:
            return f"{seqs[max(0, index - 3):index + 3]} at position {index}"
    return "?"


def execution_statuses(endpoint: str, machine_arn: str) -> dict[str, str]:
    sfn = make_client("stepfunctions", endpoint)
    statuses = {}
    for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=machine_arn):
        for execution in page["executions"]:
            statuses[execution["executionArn"]] = execution["status"]
    return statuses


def check_executions(endpoint: str, resources: Resources, ledger: Ledger, findings: Findings,
                     timeout: float) -> None:
    """Every acknowledged execution ends, and ends SUCCEEDED, even one the stack died under
    before its first state."""
    deadline = time.monotonic() + timeout
    while True:
        statuses = execution_statuses(endpoint, resources.machine_arn)
        running = [arn for arn in ledger.executions if statuses.get(arn) not in TERMINAL]
        if not running or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    counts: dict[str, int] = {}
    sfn = make_client("stepfunctions", endpoint)
    for arn in ledger.executions:
        status = statuses.get(arn, "MISSING")
        counts[status] = counts.get(status, 0) + 1
        if status == "SUCCEEDED":
            continue
        detail = ""
        if status != "MISSING":
            described = sfn.describe_execution(executionArn=arn)
            detail = f" error={described.get('error')} cause={str(described.get('cause'))[:120]}"
        findings.lose("sfn executions", f"{arn.rsplit(':', 1)[1]} is {status}{detail}")
    findings.execution_statuses = counts


def check_events(endpoint: str, resources: Resources, ledger: Ledger, findings: Findings, timeout: float) -> None:
    """Every acknowledged event reaches the queue its rule targets, with the id PutEvents gave."""
    sqs = make_client("sqs", endpoint)
    received = drain(sqs, resources.events_queue, len(ledger.events), timeout=timeout)
    delivered: dict[str, set[str]] = {}
    for message in received:
        event = json.loads(message["Body"])
        delivered.setdefault(event["detail"]["id"], set()).add(event["id"])
    findings.duplicates["eventbridge"] = len(received) - len(delivered)
    for detail_id, event_id in ledger.events.items():
        if event_id not in delivered.get(detail_id, set()):
            findings.lose("eventbridge", f"{detail_id} ({event_id}) never delivered")
