"""SQS event source mappings: Lambda polls a queue, invokes the function with batches, deletes
what succeeded, and leaves failures to the queue's visibility timeout and redrive policy."""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import ACCESS_KEY, REGION, SECRET_KEY

ACCOUNT = "000000000000"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/e2e-esm"

# Records each batch's bodies in the log and fails the messages whose body is "bad".
CONSUMER = """
import json
def handler(event, context):
    bodies = [r["body"] for r in event["Records"]]
    print("BATCH " + json.dumps(bodies))
    assert all(r["eventSource"] == "aws:sqs" and r["awsRegion"] == "us-east-1" for r in event["Records"])
    return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] == "bad"]}
"""

# Fails the whole batch when any body is "bad" (no partial reporting).
STRICT_CONSUMER = """
import json
def handler(event, context):
    bodies = [r["body"] for r in event["Records"]]
    print("BATCH " + json.dumps(bodies))
    if "bad" in bodies:
        raise ValueError("bad batch")
"""


def client(service, endpoint):
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=REGION, config=Config(retries={"total_max_attempts": 1}, read_timeout=60))


def zipped(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


@pytest.fixture
def env(brume):
    lam, sqs, logs = client("lambda", brume.endpoint), client("sqs", brume.endpoint), client("logs", brume.endpoint)
    created = {"functions": [], "queues": [], "mappings": []}

    def function(source=CONSUMER, timeout=3):
        name = f"e2e-esm-{uuid.uuid4().hex[:10]}"
        lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": zipped(source)}, Timeout=timeout)
        created["functions"].append(name)
        return name

    def queue(fifo=False, visibility="5", dlq_arn=None):
        name = f"e2e-esm-{uuid.uuid4().hex[:10]}" + (".fifo" if fifo else "")
        attributes = {"VisibilityTimeout": visibility}
        if fifo:
            attributes.update(FifoQueue="true", ContentBasedDeduplication="true")
        if dlq_arn:
            attributes["RedrivePolicy"] = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        created["queues"].append(url)
        return url, f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"

    def mapping(**kwargs):
        answer = lam.create_event_source_mapping(**kwargs)
        created["mappings"].append(answer["UUID"])
        return answer

    yield type("Env", (), dict(lam=lam, sqs=sqs, logs=logs, function=staticmethod(function), queue=staticmethod(queue),
                               mapping=staticmethod(mapping)))
    for mapping_id in created["mappings"]:
        try:
            lam.delete_event_source_mapping(UUID=mapping_id)
        except ClientError:
            pass
    for name in created["functions"]:
        lam.delete_function(FunctionName=name)
    for url in created["queues"]:
        sqs.delete_queue(QueueUrl=url)


def batches(logs, function, expected_count, timeout=10.0):
    """The BATCH lines the function logged, once there are `expected_count` of them."""
    deadline = time.monotonic() + timeout
    found = []
    while time.monotonic() < deadline:
        try:
            events = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}", filterPattern="BATCH")["events"]
            found = [json.loads(e["message"].split("BATCH ", 1)[1]) for e in events]
        except ClientError:
            found = []
        if len(found) >= expected_count:
            return found
        time.sleep(0.1)
    return found


def queue_counts(sqs, url):
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"])


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_mapping_lifecycle_answers_as_aws(env):
    function = env.function()
    url, arn = env.queue(visibility="30")
    created = env.mapping(EventSourceArn=arn, FunctionName=function, BatchSize=5)
    assert created["State"] == "Creating"
    assert created["EventSourceArn"] == arn
    assert created["FunctionArn"] == f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function}"
    assert created["BatchSize"] == 5 and created["MaximumBatchingWindowInSeconds"] == 0
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202

    fetched = env.lam.get_event_source_mapping(UUID=created["UUID"])
    assert fetched["State"] == "Enabled"
    listed = env.lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"]
    assert [m["UUID"] for m in listed] == [created["UUID"]]

    updated = env.lam.update_event_source_mapping(UUID=created["UUID"], Enabled=False, BatchSize=3)
    assert updated["State"] == "Updating"
    fetched = env.lam.get_event_source_mapping(UUID=created["UUID"])
    assert fetched["State"] == "Disabled" and fetched["BatchSize"] == 3

    deleted = env.lam.delete_event_source_mapping(UUID=created["UUID"])
    assert deleted["State"] == "Deleting"
    with pytest.raises(ClientError) as error:
        env.lam.get_event_source_mapping(UUID=created["UUID"])
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_mapping_validation_errors(env):
    function = env.function(timeout=60)
    url, arn = env.queue(visibility="30")
    fifo_url, fifo_arn = env.queue(fifo=True, visibility="120")

    def refused(**kwargs):
        with pytest.raises(ClientError) as error:
            env.lam.create_event_source_mapping(**kwargs)
        return error.value.response["Error"]

    error = refused(EventSourceArn=arn, FunctionName=function)
    assert error["Code"] == "InvalidParameterValueException"
    assert error["Message"] == "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"

    error = refused(EventSourceArn=f"arn:aws:sqs:{REGION}:{ACCOUNT}:no-such-queue-{uuid.uuid4().hex[:6]}", FunctionName=function)
    assert error["Code"] == "InvalidParameterValueException" and "NonExistentQueue" in error["Message"]

    error = refused(EventSourceArn=fifo_arn, FunctionName=function, BatchSize=11, MaximumBatchingWindowInSeconds=1)
    assert error["Code"] == "InvalidParameterValueException"

    error = refused(EventSourceArn=fifo_arn, FunctionName=function, BatchSize=20)
    assert error["Code"] == "InvalidParameterValueException"

    error = refused(EventSourceArn=fifo_arn, FunctionName=function, StartingPosition="LATEST")
    assert error["Code"] == "InvalidParameterValueException"

    error = refused(EventSourceArn=fifo_arn, FunctionName=function,
                    DestinationConfig={"OnFailure": {"Destination": arn}})
    assert error["Code"] == "InvalidParameterValueException" and "DestinationConfig" in error["Message"]

    error = refused(EventSourceArn=fifo_arn, FunctionName=function, Tags={"team": "data"})
    assert error["Code"] == "InvalidParameterValueException" and "Tags" in error["Message"]

    error = refused(EventSourceArn=fifo_arn, FunctionName="no-such-function")
    assert error["Code"] == "ResourceNotFoundException"

    env.mapping(EventSourceArn=fifo_arn, FunctionName=function)
    error = refused(EventSourceArn=fifo_arn, FunctionName=function)
    assert error["Code"] == "ResourceConflictException"


def test_messages_are_delivered_in_batches_and_deleted(env):
    function = env.function()
    url, arn = env.queue()
    env.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(6)])
    env.mapping(EventSourceArn=arn, FunctionName=function, BatchSize=10, MaximumBatchingWindowInSeconds=1)
    seen = batches(env.logs, function, 1)
    assert sorted(body for batch in seen for body in batch) == [f"m{i}" for i in range(6)]
    assert wait_until(lambda: queue_counts(env.sqs, url) == (0, 0))


def test_partial_batch_failures_return_only_failed_items_and_follow_redrive(env):
    dlq_url, dlq_arn = env.queue()
    url, arn = env.queue(visibility="1", dlq_arn=dlq_arn)
    function = env.function(timeout=1)
    env.sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "1", "MessageBody": "good-1"}, {"Id": "2", "MessageBody": "bad"}, {"Id": "3", "MessageBody": "good-2"}])
    # No batching window: with a 1-second visibility timeout, gathering for a second would let
    # the first messages come back before the batch runs (AWS advises 6x the function timeout).
    env.mapping(EventSourceArn=arn, FunctionName=function, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])
    # "bad" is received twice (maxReceiveCount 2), then SQS moves it to the dead-letter queue.
    assert wait_until(lambda: queue_counts(env.sqs, dlq_url)[0] == 1, timeout=15)
    moved = env.sqs.receive_message(QueueUrl=dlq_url)["Messages"]
    assert [m["Body"] for m in moved] == ["bad"]
    seen = [body for batch in batches(env.logs, function, 2) for body in batch]
    assert seen.count("good-1") == 1 and seen.count("good-2") == 1 and seen.count("bad") == 2
    assert queue_counts(env.sqs, url) == (0, 0)


def test_function_error_returns_the_whole_batch(env):
    url, arn = env.queue(visibility="1")
    function = env.function(STRICT_CONSUMER, timeout=1)
    env.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "ok"}, {"Id": "2", "MessageBody": "bad"}])
    env.mapping(EventSourceArn=arn, FunctionName=function, BatchSize=10)
    seen = batches(env.logs, function, 2, timeout=15)
    assert len(seen) >= 2, "the failed batch comes back after the visibility timeout"
    assert all(sorted(batch) == ["bad", "ok"] for batch in seen[:2])
    fetched = env.lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"][0]
    assert fetched["LastProcessingResult"].startswith("PROBLEM")


def test_fifo_order_is_kept_per_group(env):
    url, arn = env.queue(fifo=True, visibility="10")
    function = env.function()
    for group in ("a", "b"):
        for index in range(5):
            env.sqs.send_message(QueueUrl=url, MessageBody=f"{group}{index}", MessageGroupId=group)
    env.mapping(EventSourceArn=arn, FunctionName=function, BatchSize=2)
    deadline = time.monotonic() + 15
    seen = []
    while time.monotonic() < deadline:
        seen = [body for batch in batches(env.logs, function, 1, timeout=1) for body in batch]
        if len(seen) >= 10:
            break
    for group in ("a", "b"):
        assert [body for body in seen if body.startswith(group)] == [f"{group}{i}" for i in range(5)]
    assert wait_until(lambda: queue_counts(env.sqs, url) == (0, 0))


def test_disabled_mapping_stops_polling(env):
    url, arn = env.queue()
    function = env.function()
    mapping = env.mapping(EventSourceArn=arn, FunctionName=function, Enabled=False)
    env.sqs.send_message(QueueUrl=url, MessageBody="waits")
    time.sleep(1.0)
    assert queue_counts(env.sqs, url) == (1, 0)
    env.lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=True)
    assert [body for batch in batches(env.logs, function, 1) for body in batch] == ["waits"]
