"""S3 event notifications to SQS queues and Lambda functions: configuration, AWS's event record,
filters, the test event, validation, and delivery that survives kill -9."""

from __future__ import annotations

import json
import os
import signal
import time
import uuid

import pytest
from botocore.exceptions import ClientError

from harness import http
from lambdahelpers import ROLE, make_lambda_client, py_zip
from s3helpers import unique_bucket
from sqshelpers import make_sqs_client

ACCOUNT = "000000000000"


def queue_arn(name):
    return f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"


def receive(sqs, url, count, timeout=10.0):
    """At least `count` message bodies (parsed), deleting them."""
    deadline = time.monotonic() + timeout
    bodies = []
    while len(bodies) < count and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MaxNumberOfMessages=10).get("Messages", []):
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return bodies


def records(bodies):
    return [record for body in bodies if "Records" in body for record in body["Records"]]


@pytest.fixture
def wired(s3, brume):
    """A bucket and a queue, the queue's test event already drained."""
    sqs = make_sqs_client(brume.endpoint)
    bucket = unique_bucket("notify")
    s3.create_bucket(Bucket=bucket)
    name = f"e2e-notify-{uuid.uuid4().hex[:8]}"
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    yield bucket, name, url, sqs
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)
    sqs.delete_queue(QueueUrl=url)


def configure(s3, bucket, queue, events=("s3:ObjectCreated:*",), rules=None, config_id="created"):
    configuration = {"Id": config_id, "QueueArn": queue_arn(queue), "Events": list(events)}
    if rules:
        configuration["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [configuration]})


def test_configuration_round_trip_and_test_event(s3, wired):
    bucket, queue, url, sqs = wired
    configure(s3, bucket, queue, rules=[("prefix", "in/"), ("suffix", ".csv")])
    got = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]
    assert got == [{"Id": "created", "QueueArn": queue_arn(queue), "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "in/"}, {"Name": "Suffix", "Value": ".csv"}]}}}]
    test = receive(sqs, url, 1)[0]
    assert test["Service"] == "Amazon S3" and test["Event"] == "s3:TestEvent" and test["Bucket"] == bucket
    assert test["RequestId"] and test["HostId"] and test["Time"].endswith("Z")


def test_put_record_has_aws_shape(s3, wired):
    bucket, queue, url, sqs = wired
    configure(s3, bucket, queue)
    receive(sqs, url, 1)  # the test event
    put = s3.put_object(Bucket=bucket, Key="in/my file (1).csv", Body=b"a,b,c")
    [record] = records(receive(sqs, url, 1))
    assert record["eventVersion"] == "2.1" and record["eventSource"] == "aws:s3" and record["awsRegion"] == "us-east-1"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["eventTime"].endswith("Z")
    assert record["responseElements"]["x-amz-request-id"] == put["ResponseMetadata"]["RequestId"]
    s3_part = record["s3"]
    assert s3_part["s3SchemaVersion"] == "1.0" and s3_part["configurationId"] == "created"
    assert s3_part["bucket"]["name"] == bucket and s3_part["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"
    assert s3_part["object"]["key"] == "in/my+file+%281%29.csv"
    assert s3_part["object"]["size"] == 5
    assert s3_part["object"]["eTag"] == put["ETag"].strip('"')
    assert len(s3_part["object"]["sequencer"]) == 16


def test_copy_multipart_delete_and_filters(s3, wired):
    bucket, queue, url, sqs = wired
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
        {"Id": "created", "QueueArn": queue_arn(queue), "Events": ["s3:ObjectCreated:*"],
         "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}}},
        {"Id": "removed", "QueueArn": queue_arn(queue), "Events": ["s3:ObjectRemoved:Delete"]},
    ]})
    receive(sqs, url, 1)
    s3.put_object(Bucket=bucket, Key="in/a.txt", Body=b"1")
    s3.put_object(Bucket=bucket, Key="elsewhere/b.txt", Body=b"2")  # filtered out
    s3.copy_object(Bucket=bucket, Key="in/copy.txt", CopySource={"Bucket": bucket, "Key": "in/a.txt"})
    upload = s3.create_multipart_upload(Bucket=bucket, Key="in/big.bin")
    part = s3.upload_part(Bucket=bucket, Key="in/big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 10)
    s3.complete_multipart_upload(Bucket=bucket, Key="in/big.bin", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    s3.delete_object(Bucket=bucket, Key="elsewhere/b.txt")
    got = records(receive(sqs, url, 4))
    names = sorted((r["eventName"], r["s3"]["object"]["key"], r["s3"]["configurationId"]) for r in got)
    assert names == [
        ("ObjectCreated:CompleteMultipartUpload", "in/big.bin", "created"),
        ("ObjectCreated:Copy", "in/copy.txt", "created"),
        ("ObjectCreated:Put", "in/a.txt", "created"),
        ("ObjectRemoved:Delete", "elsewhere/b.txt", "removed"),
    ]
    removed = next(r for r in got if r["eventName"] == "ObjectRemoved:Delete")
    assert "size" not in removed["s3"]["object"] and "eTag" not in removed["s3"]["object"]


def test_lambda_destination_gets_the_event(s3, brume, wired):
    bucket, queue, url, sqs = wired
    lam = make_lambda_client(brume.endpoint)
    function = f"e2e-notify-{uuid.uuid4().hex[:8]}"
    # The function forwards the event it got to the queue, so the test can read it.
    lam.create_function(FunctionName=function, Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(
        f"import boto3, json\ndef handler(event, context):\n    boto3.client('sqs').send_message(QueueUrl='{url}', MessageBody=json.dumps(event))\n")})
    try:
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"LambdaFunctionConfigurations": [
            {"Id": "fn", "LambdaFunctionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{function}", "Events": ["s3:ObjectCreated:Put"]}]})
        s3.put_object(Bucket=bucket, Key="k", Body=b"1")
        [record] = records(receive(sqs, url, 1))
        assert record["eventName"] == "ObjectCreated:Put" and record["s3"]["configurationId"] == "fn"
    finally:
        lam.delete_function(FunctionName=function)


def test_invalid_configurations_are_refused(s3, wired):
    bucket, queue, url, sqs = wired

    def refused(configuration):
        with pytest.raises(ClientError) as error:
            s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=configuration)
        return error.value.response["Error"]

    error = refused({"QueueConfigurations": [{"QueueArn": queue_arn("no-such-queue-e2e"), "Events": ["s3:ObjectCreated:*"]}]})
    assert error["Code"] == "InvalidArgument" and error["Message"] == "Unable to validate the following destination configurations"
    error = refused({"QueueConfigurations": [{"QueueArn": queue_arn(queue), "Events": ["s3:ObjectExploded:*"]}]})
    assert error["Code"] == "InvalidArgument"
    error = refused({"QueueConfigurations": [
        {"QueueArn": queue_arn(queue), "Events": ["s3:ObjectCreated:*"]},
        {"QueueArn": queue_arn(queue), "Events": ["s3:ObjectCreated:Put"]}]})
    assert error["Code"] == "InvalidArgument" and "overlap" in error["Message"]
    error = refused({"TopicConfigurations": [{"TopicArn": "arn:aws:sns:us-east-1:000000000000:t", "Events": ["s3:ObjectCreated:*"]}]})
    assert error["Code"] == "NotImplemented"
    assert s3.get_bucket_notification_configuration(Bucket=bucket).get("QueueConfigurations") is None


def test_pending_events_survive_kill_9(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    first = brume_factory(data_dir=data_dir)
    s3, sqs, lam = first.client(), make_sqs_client(first.endpoint), make_lambda_client(first.endpoint)
    url = sqs.create_queue(QueueName="durable-notify-q")["QueueUrl"]
    # The function forwards each event to the queue; it is deleted so that deliveries fail and
    # wait in the outbox, then created again after the restart.
    forwarder = py_zip(f"import boto3, json\ndef handler(event, context):\n    boto3.client('sqs').send_message(QueueUrl='{url}', MessageBody=json.dumps(event))\n")
    lam.create_function(FunctionName="forwarder", Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"ZipFile": forwarder})
    s3.create_bucket(Bucket="durable-notify")
    s3.put_bucket_notification_configuration(Bucket="durable-notify", NotificationConfiguration={"LambdaFunctionConfigurations": [
        {"Id": "fn", "LambdaFunctionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:forwarder", "Events": ["s3:ObjectCreated:*"]}]})
    lam.delete_function(FunctionName="forwarder")
    s3.put_object(Bucket="durable-notify", Key="kept", Body=b"1")
    deadline = time.monotonic() + 5
    while True:
        pending = http().get(f"{first.endpoint}/_brume/s3/notifications").json()["notifications"]
        if pending and pending[0]["attempts"] >= 1:
            break
        assert time.monotonic() < deadline, pending
        time.sleep(0.05)
    assert pending[0]["state"] == "pending" and "404" in pending[0]["lastError"]
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait()

    second = brume_factory(data_dir=data_dir, port=first.port)
    lam = make_lambda_client(second.endpoint)
    lam.create_function(FunctionName="forwarder", Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"ZipFile": forwarder})
    [record] = records(receive(make_sqs_client(second.endpoint), url, 1, timeout=30))
    assert record["s3"]["object"]["key"] == "kept" and record["s3"]["configurationId"] == "fn"
    deadline = time.monotonic() + 5
    while http().get(f"{second.endpoint}/_brume/s3/notifications").json()["notifications"]:
        assert time.monotonic() < deadline, "the delivered event is still in the outbox"
        time.sleep(0.05)


def test_notifications_declared_in_the_config(brume_factory):
    from harness import free_port, render_config
    port = free_port()
    config = render_config(port).replace("  buckets:\n", """  buckets:
    - name: declared-notify
      notifications:
        - { id: uploads, queue: declared-notify-q, events: ["s3:ObjectCreated:*"], suffix: .csv }
""", 1).replace("  queues:\n", "  queues:\n    - name: declared-notify-q\n", 1)
    assert "declared-notify-q" in config and "declared-notify\n" in config
    server = brume_factory(config_text=config, port=port)
    s3, sqs = server.client(), make_sqs_client(server.endpoint)
    url = sqs.get_queue_url(QueueName="declared-notify-q")["QueueUrl"]
    configured = s3.get_bucket_notification_configuration(Bucket="declared-notify")["QueueConfigurations"]
    assert configured[0]["Id"] == "uploads" and configured[0]["QueueArn"] == queue_arn("declared-notify-q")
    s3.put_object(Bucket="declared-notify", Key="a.txt", Body=b"skip")
    s3.put_object(Bucket="declared-notify", Key="b.csv", Body=b"1,2")
    [record] = records(receive(sqs, url, 1))
    assert record["s3"]["object"]["key"] == "b.csv" and record["s3"]["configurationId"] == "uploads"
