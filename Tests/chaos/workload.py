"""The chaos clients: threads that write S3 objects, send to a standard and a FIFO queue, start
Step Functions executions and put EventBridge events, all at once, recording what was
acknowledged in a Ledger."""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import uuid
from dataclasses import dataclass

from botocore.exceptions import ClientError

from ledger import ACCOUNT, REGION, Abandoned, Ledger, Retrier, StoredObject, error_code, make_client

MIB = 1024 * 1024
LARGEST_SINGLE_PUT = 3 * MIB
PART_SIZE = 5 * MIB  # S3's smallest part that is not the last
FIFO_GROUPS = 4
EVENT_SOURCE = "chaos.load"

# Pass → Wait → Choice → inline Map of Pass states → Succeed: every kind of step an execution
# persists, and nothing that needs another service.
MACHINE = json.dumps({
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "items.$": "States.ArrayRange(1, 3, 1)"},
                    "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 0, "Next": "Fan"}],
                  "Default": "Unreachable"},
        "Fan": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.fanned",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Echo",
                                  "States": {"Echo": {"Type": "Pass", "End": True}}},
                "Next": "Done"},
        "Unreachable": {"Type": "Fail", "Error": "Chaos.Unreachable"},
        "Done": {"Type": "Succeed"},
    },
})


@dataclass
class Resources:
    """What the clients write to, created once before the first kill."""

    bucket: str
    standard_queue: str
    fifo_queue: str
    events_queue: str
    machine_arn: str
    rule: str


def create_resources(endpoint: str, run_id: str, retrier: Retrier) -> Resources:
    s3, sqs = make_client("s3", endpoint), make_client("sqs", endpoint)
    sfn, events = make_client("stepfunctions", endpoint), make_client("events", endpoint)
    bucket = f"chaos-{run_id}"
    retrier.call("setup", s3.create_bucket, Bucket=bucket)
    standard = retrier.call("setup", sqs.create_queue, QueueName=f"chaos-{run_id}")["QueueUrl"]
    fifo = retrier.call("setup", sqs.create_queue, QueueName=f"chaos-{run_id}.fifo",
                        Attributes={"FifoQueue": "true"})["QueueUrl"]
    events_queue = retrier.call("setup", sqs.create_queue, QueueName=f"chaos-events-{run_id}")["QueueUrl"]
    machine = retrier.call("setup", sfn.create_state_machine, name=f"chaos-{run_id}", definition=MACHINE,
                           roleArn=f"arn:aws:iam::{ACCOUNT}:role/chaos", type="STANDARD")["stateMachineArn"]
    rule = f"chaos-{run_id}"
    retrier.call("setup", events.put_rule, Name=rule, EventPattern=json.dumps({"source": [EVENT_SOURCE]}))
    retrier.call("setup", events.put_targets, Rule=rule, Targets=[
        {"Id": "queue", "Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:chaos-events-{run_id}"}])
    return Resources(bucket, standard, fifo, events_queue, machine, rule)


class Client(threading.Thread):
    """One client thread: repeats `step()` until the run stops."""

    kind = "client"

    def __init__(self, name: str, endpoint: str, resources: Resources, ledger: Ledger, stop: threading.Event,
                 seed: int):
        super().__init__(name=name, daemon=True)
        self.endpoint = endpoint
        self.resources = resources
        self.ledger = ledger
        self.stop = stop
        self.random = random.Random(seed)
        self.retrier = Retrier(ledger, stop)
        self.count = 0

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.step()
                self.count += 1
        except Abandoned:
            pass
        except Exception as error:  # noqa: BLE001 - reported, and the run fails
            self.ledger.problem(f"{self.name}: unexpected {type(error).__name__}: {error}")

    def step(self) -> None:
        raise NotImplementedError

    def unique(self, prefix: str) -> str:
        return f"{prefix}-{self.name}-{self.count:06d}"


class ObjectWriter(Client):
    """Single PUTs of random sizes up to a few MiB; every eighth write, the first included, is a
    two-part upload, so even a short run has some."""

    kind = "s3"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.s3 = make_client("s3", self.endpoint)

    def step(self) -> None:
        if self.count % 8 == 0:
            self.multipart(self.unique("mp"))
        else:
            self.single(self.unique("obj"))

    def single(self, key: str) -> None:
        size = int(LARGEST_SINGLE_PUT * self.random.random() ** 3)
        body = os.urandom(size)
        answer = self.retrier.call("s3 PutObject", self.s3.put_object, Bucket=self.resources.bucket, Key=key,
                                   Body=body)
        etag = f'"{hashlib.md5(body).hexdigest()}"'
        if answer["ETag"] != etag:
            self.ledger.problem(f"PutObject {key}: ETag {answer['ETag']} for content whose MD5 is {etag}")
        self.ledger.record("objects", key, StoredObject(self.resources.bucket, key, hashlib.sha256(body).hexdigest(),
                                                        size, answer["ETag"], multipart=False))

    def multipart(self, key: str) -> None:
        bucket = self.resources.bucket
        parts = [os.urandom(PART_SIZE), os.urandom(self.random.randint(1, MIB))]
        upload = self.retrier.call("s3 CreateMultipartUpload", self.s3.create_multipart_upload,
                                   Bucket=bucket, Key=key)["UploadId"]
        etags = []
        for number, body in enumerate(parts, start=1):
            try:
                answer = self.retrier.call("s3 UploadPart", self.s3.upload_part, Bucket=bucket, Key=key,
                                           UploadId=upload, PartNumber=number, Body=body)
            except ClientError as error:
                if error_code(error) == "NoSuchUpload":
                    self.ledger.problem(f"UploadPart {key}: upload {upload}, acknowledged by "
                                        f"CreateMultipartUpload, is gone (NoSuchUpload)")
                    return
                raise
            etags.append(answer["ETag"])
        whole = b"".join(parts)
        expected = multipart_etag(parts)
        try:
            answer = self.retrier.call("s3 CompleteMultipartUpload", self.s3.complete_multipart_upload,
                                       Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": [
                                           {"PartNumber": n, "ETag": e} for n, e in enumerate(etags, start=1)]})
        except ClientError as error:
            if error_code(error) != "NoSuchUpload":
                raise
            # An earlier, cut-off Complete went through: the object must be there, unacknowledged.
            head = self.retrier.call("s3 HeadObject", self.s3.head_object, Bucket=bucket, Key=key)
            if head["ETag"] != expected:
                self.ledger.problem(f"CompleteMultipartUpload {key}: upload gone but object ETag {head['ETag']}")
            return
        if answer["ETag"] != expected:
            self.ledger.problem(f"CompleteMultipartUpload {key}: ETag {answer['ETag']}, expected {expected}")
        self.ledger.record("objects", key, StoredObject(bucket, key, hashlib.sha256(whole).hexdigest(), len(whole),
                                                        answer["ETag"], multipart=True))


def multipart_etag(parts: list[bytes]) -> str:
    digests = b"".join(hashlib.md5(part).digest() for part in parts)
    return f'"{hashlib.md5(digests).hexdigest()}-{len(parts)}"'


class StandardSender(Client):
    """SendMessage and SendMessageBatch to the standard queue; a cut-off send is sent again."""

    kind = "sqs"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sqs = make_client("sqs", self.endpoint)

    def step(self) -> None:
        url = self.resources.standard_queue
        padding = "x" * self.random.randint(0, 2048)
        if self.random.random() < 0.3:
            bodies = {str(i): f"{self.unique('std')}-{i}|{padding}" for i in range(self.random.randint(2, 10))}
            answer = self.retrier.call("sqs SendMessageBatch", self.sqs.send_message_batch, QueueUrl=url,
                                       Entries=[{"Id": i, "MessageBody": b} for i, b in bodies.items()])
            for failed in answer.get("Failed", []):
                self.ledger.problem(f"SendMessageBatch entry failed: {failed}")
            for entry in answer.get("Successful", []):
                self.ledger.record("standard_messages", bodies[entry["Id"]], entry["MessageId"])
        else:
            body = f"{self.unique('std')}|{padding}"
            answer = self.retrier.call("sqs SendMessage", self.sqs.send_message, QueueUrl=url, MessageBody=body)
            self.ledger.record("standard_messages", body, answer["MessageId"])


class FifoSender(Client):
    """Sends numbered messages to several message groups of the FIFO queue, one group after the
    other; each message is sent (again, with the same deduplication id) until acknowledged
    before the group's next one, so a group's acknowledged order is its numbering. Now and then
    an acknowledged message is sent again, which deduplication must swallow."""

    kind = "sqs-fifo"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sqs = make_client("sqs", self.endpoint)
        self.next_seq = {f"{self.name}-g{g}": 0 for g in range(FIFO_GROUPS)}
        self.sent: dict[tuple[str, int], str] = {}  # (group, seq) → MessageId

    def step(self) -> None:
        group = self.random.choice(sorted(self.next_seq))
        if self.next_seq[group] and self.random.random() < 0.15:
            self.resend(group, self.random.randrange(self.next_seq[group]))
            return
        seq = self.next_seq[group]
        dedup = f"{group}-{seq:06d}"
        answer = self.retrier.call("sqs SendMessage (fifo)", self.sqs.send_message,
                                   QueueUrl=self.resources.fifo_queue, MessageBody=dedup, MessageGroupId=group,
                                   MessageDeduplicationId=dedup)
        self.ledger.record_fifo(group, seq, answer["MessageId"])
        self.sent[(group, seq)] = answer["MessageId"]
        self.next_seq[group] = seq + 1

    def resend(self, group: str, seq: int) -> None:
        """Sends an acknowledged message again: inside the deduplication interval it is accepted
        with the first send's id and never delivered a second time, kills in between or not."""
        dedup = f"{group}-{seq:06d}"
        answer = self.retrier.call("sqs SendMessage (fifo, resent)", self.sqs.send_message,
                                   QueueUrl=self.resources.fifo_queue, MessageBody=dedup, MessageGroupId=group,
                                   MessageDeduplicationId=dedup)
        with self.ledger.lock:
            self.ledger.fifo_resends += 1
        if answer["MessageId"] != self.sent[(group, seq)]:
            self.ledger.problem(f"FIFO resend of {dedup}: MessageId {answer['MessageId']}, "
                                f"first acknowledged as {self.sent[(group, seq)]}")


class ExecutionStarter(Client):
    """StartExecution of the short STANDARD machine; a cut-off start is tried again with the same
    name and input, which AWS answers with the same execution while it runs."""

    kind = "sfn"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sfn = make_client("stepfunctions", self.endpoint)

    def step(self) -> None:
        name = self.unique("ex")
        try:
            answer = self.retrier.call("sfn StartExecution", self.sfn.start_execution,
                                       stateMachineArn=self.resources.machine_arn, name=name,
                                       input=json.dumps({"n": self.count}))
        except ClientError as error:
            if error_code(error) == "ExecutionAlreadyExists":
                return  # a cut-off start ran and already ended: never acknowledged
            raise
        self.ledger.record("executions", answer["executionArn"], name)


class EventPutter(Client):
    """PutEvents of one to five entries matched by the rule that targets the events queue."""

    kind = "events"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.events = make_client("events", self.endpoint)

    def step(self) -> None:
        ids = [f"{self.unique('ev')}-{i}" for i in range(self.random.randint(1, 5))]
        answer = self.retrier.call("events PutEvents", self.events.put_events, Entries=[
            {"Source": EVENT_SOURCE, "DetailType": "Chaos", "Detail": json.dumps({"id": i})} for i in ids])
        for detail_id, entry in zip(ids, answer["Entries"]):
            if "EventId" in entry:
                self.ledger.record("events", detail_id, entry["EventId"])
            else:
                self.ledger.problem(f"PutEvents entry {detail_id} failed: {entry}")


CLIENT_KINDS = (ObjectWriter, ObjectWriter, StandardSender, FifoSender, ExecutionStarter, EventPutter)


def start_clients(endpoint: str, resources: Resources, ledger: Ledger, stop: threading.Event,
                  seed: int) -> list[Client]:
    clients = [kind(f"{kind.kind}{index}", endpoint, resources, ledger, stop, seed + index)
               for index, kind in enumerate(CLIENT_KINDS)]
    for client in clients:
        client.start()
    return clients


def new_run_id() -> str:
    return uuid.uuid4().hex[:10]
