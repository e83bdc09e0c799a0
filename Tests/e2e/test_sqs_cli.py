"""The AWS CLI against Brume's SQS, with JSON output."""

import json

import pytest

from harness import cli_output as out
from sqshelpers import md5_hex, unique_queue


def test_queue_lifecycle_with_cli(aws, brume, sqs):
    name = unique_queue("cli")
    url = out(aws("sqs", "create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=5",
                  "--tags", "team=cli"))["QueueUrl"]
    try:
        assert url == f"{brume.endpoint}/000000000000/{name}"
        assert out(aws("sqs", "get-queue-url", "--queue-name", name))["QueueUrl"] == url
        assert url in out(aws("sqs", "list-queues", "--queue-name-prefix", name))["QueueUrls"]
        attrs = out(aws("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"))["Attributes"]
        assert attrs["VisibilityTimeout"] == "5"
        assert attrs["QueueArn"] == f"arn:aws:sqs:us-east-1:000000000000:{name}"
        assert out(aws("sqs", "list-queue-tags", "--queue-url", url))["Tags"] == {"team": "cli"}

        sent = out(aws("sqs", "send-message", "--queue-url", url, "--message-body", "from the cli",
                       "--message-attributes", json.dumps({"k": {"DataType": "String", "StringValue": "v"}})))
        assert sent["MD5OfMessageBody"] == md5_hex("from the cli")
        assert sent["MD5OfMessageAttributes"]

        received = out(aws("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
                           "--message-attribute-names", "All", "--wait-time-seconds", "2"))["Messages"]
        assert len(received) == 1
        message = received[0]
        assert message["Body"] == "from the cli"
        assert message["MessageId"] == sent["MessageId"]
        assert message["MessageAttributes"] == {"k": {"DataType": "String", "StringValue": "v"}}
        assert message["Attributes"]["ApproximateReceiveCount"] == "1"

        aws("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message["ReceiptHandle"])
        empty = out(aws("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "1"))
        assert empty.get("Messages", []) == []
    finally:
        aws("sqs", "delete-queue", "--queue-url", url)
    failed = aws("sqs", "get-queue-url", "--queue-name", name, check=False)
    assert failed.returncode != 0
    assert "AWS.SimpleQueueService.NonExistentQueue" in failed.stderr


def test_fifo_with_cli(aws, make_queue):
    url = make_queue("clififo", fifo=True)
    for i in range(3):
        sent = out(aws("sqs", "send-message", "--queue-url", url, "--message-body", f"f{i}",
                       "--message-group-id", "g", "--message-deduplication-id", f"d{i}"))
        assert sent["SequenceNumber"].isdigit()
    got = out(aws("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                  "--wait-time-seconds", "1"))["Messages"]
    assert [m["Body"] for m in got] == ["f0", "f1", "f2"]


def test_send_message_batch_with_cli(aws, queue):
    entries = [{"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two"}]
    result = out(aws("sqs", "send-message-batch", "--queue-url", queue, "--entries", json.dumps(entries)))
    assert sorted(e["Id"] for e in result["Successful"]) == ["a", "b"]
    aws("sqs", "purge-queue", "--queue-url", queue)


def test_cli_error_exit_code(aws, queue):
    result = aws("sqs", "receive-message", "--queue-url", queue, "--max-number-of-messages", "11", check=False)
    assert result.returncode != 0
    assert "InvalidParameterValue" in result.stderr
