"""Sentinel resources, and a clean client that checks nothing changed them.

Mutated requests name the sentinels most of the time. Between checks the campaign notes whether
any request that could change a sentinel succeeded; if none did, the sentinels must look exactly
as they were created. When one did, the state is legitimately different, so the check is skipped
and a fresh generation of sentinels (new names) replaces the old one.
"""

from __future__ import annotations

import hashlib

import boto3
from botocore.config import Config

from shapes import PASS_DEFINITION, Sentinels
from wire import ACCESS_KEY, REGION, SECRET_KEY

OBJECT_BODY = b"sentinel object body\n" * 10
QUEUE_MESSAGES = 3


def clean_client(service: str, endpoint: str):
    config = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30,
                    s3={"addressing_style": "path"})
    return boto3.session.Session().client(service, endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
                                          aws_secret_access_key=SECRET_KEY, region_name=REGION, config=config)


class SentinelKeeper:
    """Creates a generation of sentinels and compares them with what a clean client sees."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.generation = 0
        self.names = Sentinels()
        self.checks = 0
        self.skipped = 0
        self._clients: dict[str, object] = {}

    def client(self, service: str):
        if service not in self._clients:
            self._clients[service] = clean_client(service, self.endpoint)
        return self._clients[service]

    def reset_clients(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._clients.clear()

    def create(self) -> Sentinels:
        """A new generation of sentinel resources, returned as the names to aim requests at."""
        self.generation += 1
        g = self.generation
        names = Sentinels(bucket=f"fuzz-sentinel-{g}", key=f"sentinel/object-{g}.txt", queue=f"fuzz-sentinel-{g}",
                          state_machine=f"fuzz-sentinel-{g}", log_group=f"/fuzz/sentinel-{g}")
        s3 = self.client("s3")
        s3.create_bucket(Bucket=names.bucket)
        s3.put_object(Bucket=names.bucket, Key=names.key, Body=OBJECT_BODY)
        sqs = self.client("sqs")
        names.queue_url = sqs.create_queue(QueueName=names.queue)["QueueUrl"]
        for i in range(QUEUE_MESSAGES):
            sqs.send_message(QueueUrl=names.queue_url, MessageBody=f"sentinel {i}")
        sfn = self.client("stepfunctions")
        names.state_machine_arn = sfn.create_state_machine(
            name=names.state_machine, definition=PASS_DEFINITION,
            roleArn=f"arn:aws:iam::{names.account}:role/fuzz")["stateMachineArn"]
        self.client("logs").create_log_group(logGroupName=names.log_group)
        # Mutate the shared object in place, so generators holding it aim at the new generation.
        for field_name, value in vars(names).items():
            setattr(self.names, field_name, value)
        return self.names

    def mentions(self, raw_bytes: bytes) -> set[str]:
        """The sentinels (object, queue, machine, log-group) a request names."""
        n = self.names
        named = {"object": n.key, "queue": n.queue, "machine": n.state_machine, "log-group": n.log_group}
        return {resource for resource, name in named.items() if name.encode() in raw_bytes}

    def differences(self, skip: set[str] = frozenset()) -> list[str]:
        """What a clean client sees changed in the sentinels not in `skip`; empty when intact."""
        self.checks += 1
        n = self.names
        found = []
        if "object" not in skip:
            found += self._object_differences()
        if "queue" not in skip:
            found += self._queue_differences()
        if "machine" not in skip:
            found += self._machine_differences()
        if "log-group" not in skip:
            found += self._log_group_differences()
        return found

    def _object_differences(self) -> list[str]:
        n, found = self.names, []
        try:
            obj = self.client("s3").get_object(Bucket=n.bucket, Key=n.key)
            body = obj["Body"].read()
            if body != OBJECT_BODY:
                found.append(f"object body changed (md5 {hashlib.md5(body).hexdigest()})")
        except Exception as exc:  # noqa: BLE001 - any failure is a finding to report
            found.append(f"object unreadable: {exc}")
        return found

    def _queue_differences(self) -> list[str]:
        n, found = self.names, []
        try:
            attrs = self.client("sqs").get_queue_attributes(QueueUrl=n.queue_url, AttributeNames=["All"])["Attributes"]
            total = sum(int(attrs.get(a, 0)) for a in ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                                                       "ApproximateNumberOfMessagesDelayed"))
            if total != QUEUE_MESSAGES:
                found.append(f"queue holds {total} messages, not {QUEUE_MESSAGES}")
            if attrs.get("VisibilityTimeout") != "30" or attrs.get("DelaySeconds") != "0":
                found.append(f"queue attributes changed: {attrs}")
        except Exception as exc:  # noqa: BLE001
            found.append(f"queue unreadable: {exc}")
        return found

    def _machine_differences(self) -> list[str]:
        n, found = self.names, []
        try:
            machine = self.client("stepfunctions").describe_state_machine(stateMachineArn=n.state_machine_arn)
            if machine["definition"] != PASS_DEFINITION or not machine["roleArn"].endswith(":role/fuzz"):
                found.append("state machine changed")
        except Exception as exc:  # noqa: BLE001
            found.append(f"state machine unreadable: {exc}")
        return found

    def _log_group_differences(self) -> list[str]:
        n, found = self.names, []
        try:
            groups = self.client("logs").describe_log_groups(logGroupNamePrefix=n.log_group)["logGroups"]
            group = next((g for g in groups if g["logGroupName"] == n.log_group), None)
            if group is None:
                found.append("log group gone")
            elif group.get("retentionInDays") is not None:
                found.append(f"log group retention set to {group['retentionInDays']}")
        except Exception as exc:  # noqa: BLE001
            found.append(f"log group unreadable: {exc}")
        return found
