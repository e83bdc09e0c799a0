"""SQS messages on standard queues: send/receive/delete, MD5 digests, attributes, visibility,
delays, long polling, body rules, batches, dead-letter redrive and message move tasks."""

import json
import threading
import time

import pytest

from sqshelpers import (MIB, RECEIPT_HANDLE_STATUS, attributes_of, md5_hex, md5_of_attributes, name_of, queue_arn, receive_all,
                        sqs_error)

TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"

ATTRIBUTES = {
    "attr.string": {"DataType": "String", "StringValue": "héllo wörld"},
    "attr.number": {"DataType": "Number", "StringValue": "-42.5"},
    "attr.binary": {"DataType": "Binary", "BinaryValue": bytes(range(256))},
    "custom": {"DataType": "String.custom-type", "StringValue": "tagged"},
    "numcustom": {"DataType": "Number.int", "StringValue": "7"},
    "bincustom": {"DataType": "Binary.gif", "BinaryValue": b"GIF89a"},
}


def receive_one(sqs, url, **kwargs):
    kwargs.setdefault("WaitTimeSeconds", 2)
    messages = sqs.receive_message(QueueUrl=url, **kwargs).get("Messages", [])
    assert len(messages) == 1, messages
    return messages[0]


def receive_none(sqs, url, **kwargs):
    return sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, **kwargs).get("Messages", [])


def wait_for_message(sqs, url, timeout=6.0, **kwargs):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, **kwargs).get("Messages", [])
        if messages:
            return messages[0]
    pytest.fail(f"no message on {url} within {timeout}s")


# --- send / receive / delete ------------------------------------------------------------------

def test_send_receive_delete(sqs, queue):
    sent = sqs.send_message(QueueUrl=queue, MessageBody="hello world")
    assert sent["MD5OfMessageBody"] == md5_hex("hello world")
    assert len(sent["MessageId"]) == 36 and sent["MessageId"].count("-") == 4
    assert "MD5OfMessageAttributes" not in sent
    message = receive_one(sqs, queue)
    assert message["Body"] == "hello world"
    assert message["MessageId"] == sent["MessageId"]
    assert message["MD5OfBody"] == md5_hex("hello world")
    assert message["ReceiptHandle"]
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    assert receive_none(sqs, queue, WaitTimeSeconds=1) == []
    # Deleting again with the same handle still succeeds.
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])


def test_md5_of_message_attributes(sqs, queue):
    sent = sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    assert sent["MD5OfMessageBody"] == md5_hex("attrs")
    assert sent["MD5OfMessageAttributes"] == md5_of_attributes(ATTRIBUTES)
    message = receive_one(sqs, queue, MessageAttributeNames=["All"])
    assert message["MessageAttributes"] == ATTRIBUTES
    assert message["MD5OfMessageAttributes"] == md5_of_attributes(ATTRIBUTES)


def test_md5_of_known_attribute_vector(sqs, queue):
    # Independent check of the digest algorithm against a fixed, hand-computed vector.
    attributes = {"a": {"DataType": "String", "StringValue": "b"}}
    expected = md5_hex(b"\x00\x00\x00\x01a" b"\x00\x00\x00\x06String" b"\x01" b"\x00\x00\x00\x01b")
    assert md5_of_attributes(attributes) == expected
    assert sqs.send_message(QueueUrl=queue, MessageBody="v", MessageAttributes=attributes)[
        "MD5OfMessageAttributes"] == expected


def test_md5_of_message_system_attributes(sqs, queue):
    system = {"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}}
    sent = sqs.send_message(QueueUrl=queue, MessageBody="traced", MessageSystemAttributes=system)
    assert sent["MD5OfMessageSystemAttributes"] == md5_of_attributes(system)
    message = receive_one(sqs, queue, MessageSystemAttributeNames=["AWSTraceHeader"])
    assert message["Attributes"] == {"AWSTraceHeader": TRACE}


@pytest.mark.parametrize("names,expected", [
    (["All"], set(ATTRIBUTES)),
    ([".*"], set(ATTRIBUTES)),
    (["attr.*"], {"attr.string", "attr.number", "attr.binary"}),
    (["custom", "bincustom", "absent"], {"custom", "bincustom"}),
    (["absent"], set()),
])
def test_message_attribute_name_filters(sqs, queue, names, expected):
    sqs.send_message(QueueUrl=queue, MessageBody="filter", MessageAttributes=ATTRIBUTES)
    message = receive_one(sqs, queue, MessageAttributeNames=names)
    got = message.get("MessageAttributes", {})
    assert set(got) == expected
    for name in expected:
        assert got[name] == ATTRIBUTES[name]


def test_no_message_attribute_names_returns_none(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="x", MessageAttributes=ATTRIBUTES)
    message = receive_one(sqs, queue)
    assert "MessageAttributes" not in message
    assert "Attributes" not in message


@pytest.mark.parametrize("value", [
    {"DataType": "String", "StringValue": ""},
    {"DataType": "Wrong", "StringValue": "x"},
    {"DataType": "Number", "StringValue": "not-a-number"},
    {"DataType": "String"},
])
def test_invalid_message_attributes(sqs, queue, value):
    # e.g. "Message (user) attribute 'a' must contain a non-empty value of type 'String'."
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageAttributes={"a": value})


def test_system_attributes_on_receive(sqs, queue):
    before = int(time.time() * 1000)
    sqs.send_message(QueueUrl=queue, MessageBody="sys")
    message = receive_one(sqs, queue, MessageSystemAttributeNames=["All"], VisibilityTimeout=0)
    attrs = message["Attributes"]
    assert {"SenderId", "SentTimestamp", "ApproximateReceiveCount",
            "ApproximateFirstReceiveTimestamp"} <= set(attrs)
    assert attrs["SenderId"]
    sent_ms, first_ms = int(attrs["SentTimestamp"]), int(attrs["ApproximateFirstReceiveTimestamp"])
    assert before - 5000 <= sent_ms <= first_ms <= int(time.time() * 1000) + 5000
    assert attrs["ApproximateReceiveCount"] == "1"
    # The deprecated AttributeNames parameter still works, returning only what was asked for.
    again = wait_for_message(sqs, queue, AttributeNames=["ApproximateReceiveCount", "SentTimestamp"],
                             VisibilityTimeout=0)
    assert set(again["Attributes"]) == {"ApproximateReceiveCount", "SentTimestamp"}
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"
    assert again["Attributes"]["SentTimestamp"] == attrs["SentTimestamp"]
    third = wait_for_message(sqs, queue, MessageSystemAttributeNames=["ApproximateFirstReceiveTimestamp"],
                             VisibilityTimeout=0)
    assert third["Attributes"] == {"ApproximateFirstReceiveTimestamp": attrs["ApproximateFirstReceiveTimestamp"]}
    assert "SenderId" not in third["Attributes"]


# --- visibility ------------------------------------------------------------------------------

def test_visibility_timeout_redelivery(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="again")
    first = receive_one(sqs, queue, VisibilityTimeout=1, MessageSystemAttributeNames=["ApproximateReceiveCount"])
    assert receive_none(sqs, queue) == []
    second = wait_for_message(sqs, queue, MessageSystemAttributeNames=["ApproximateReceiveCount"])
    assert second["MessageId"] == first["MessageId"]
    assert second["ReceiptHandle"] != first["ReceiptHandle"]
    assert first["Attributes"]["ApproximateReceiveCount"] == "1"
    assert second["Attributes"]["ApproximateReceiveCount"] == "2"
    # Deleting with the superseded receipt handle is accepted (AWS: "the request succeeds").
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=first["ReceiptHandle"])
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=second["ReceiptHandle"])
    assert receive_none(sqs, queue, WaitTimeSeconds=1) == []


def test_queue_visibility_timeout_applies(sqs, make_queue):
    url = make_queue("vis", VisibilityTimeout=1)
    sqs.send_message(QueueUrl=url, MessageBody="q")
    receive_one(sqs, url)
    assert receive_none(sqs, url) == []
    assert wait_for_message(sqs, url)["Body"] == "q"


def test_change_visibility_zero_makes_visible(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="now")
    message = receive_one(sqs, queue, VisibilityTimeout=60)
    assert receive_none(sqs, queue) == []
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    assert receive_one(sqs, queue, WaitTimeSeconds=1)["Body"] == "now"


def test_change_visibility_extends(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="longer")
    message = receive_one(sqs, queue, VisibilityTimeout=1)
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=60)
    assert receive_none(sqs, queue, WaitTimeSeconds=2) == []


def test_change_visibility_errors(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="cv")
    message = receive_one(sqs, queue, VisibilityTimeout=30)
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"],
                                      VisibilityTimeout=43201)
    with sqs_error(sqs, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", status=RECEIPT_HANDLE_STATUS):
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle="garbage", VisibilityTimeout=5)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    # Real AWS answers a visibility change on a deleted message with InvalidParameterValue
    # "Value <handle> for parameter ReceiptHandle is invalid. Reason: Message does not exist or is
    # not available for visibility timeout change." (aws-sdk-net#1927, moto#4655: AWS no longer
    # raises MessageNotInflight here.)
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=5)


def test_change_visibility_on_expired_handle_keeps_message_visible(sqs, queue):
    # Observed AWS behaviour (localstack#9632, AWS-validated): a stale handle whose visibility
    # already lapsed is answered with success and does NOT hide the message.
    sqs.send_message(QueueUrl=queue, MessageBody="stale")
    message = receive_one(sqs, queue, VisibilityTimeout=1)
    time.sleep(1.5)
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=60)
    assert receive_one(sqs, queue)["Body"] == "stale"


def test_delete_with_garbage_handle(sqs, queue):
    with sqs_error(sqs, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", status=RECEIPT_HANDLE_STATUS):
        sqs.delete_message(QueueUrl=queue, ReceiptHandle="not-a-receipt-handle")


def test_receive_visibility_timeout_range(sqs, queue):
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.receive_message(QueueUrl=queue, VisibilityTimeout=43201)


# --- delays ------------------------------------------------------------------------------------

def test_per_message_delay(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="delayed", DelaySeconds=1)
    assert receive_none(sqs, queue) == []
    assert attributes_of(sqs, queue, "ApproximateNumberOfMessagesDelayed")[
        "ApproximateNumberOfMessagesDelayed"] in ("0", "1")
    assert wait_for_message(sqs, queue)["Body"] == "delayed"


def test_queue_delay(sqs, make_queue):
    url = make_queue("delayq", DelaySeconds=1)
    sqs.send_message(QueueUrl=url, MessageBody="q-delayed")
    assert receive_none(sqs, url) == []
    assert wait_for_message(sqs, url)["Body"] == "q-delayed"
    # A per-message DelaySeconds=0 overrides the queue's delay.
    sqs.send_message(QueueUrl=url, MessageBody="immediate", DelaySeconds=0)
    assert receive_one(sqs, url, WaitTimeSeconds=0)["Body"] == "immediate"


@pytest.mark.parametrize("delay", [-1, 901])
def test_delay_out_of_range(sqs, queue, delay):
    # AWS: "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900."
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody="x", DelaySeconds=delay)


# --- receive parameters / long polling -----------------------------------------------------------

def test_max_number_of_messages(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(10)])
    sqs.send_message(QueueUrl=queue, MessageBody="m10")
    one = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=60)["Messages"]
    assert len(one) == 1
    rest = receive_all(sqs, queue, expected=10, visibility=60)
    assert all(len(m["Body"]) > 0 for m in rest)
    bodies = {m["Body"] for m in one + rest}
    assert bodies == {f"m{i}" for i in range(11)}


def test_receive_defaults_to_one_message(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"d{i}"} for i in range(3)])
    assert len(sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1)["Messages"]) == 1


def test_receive_returns_at_most_ten(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(10)])
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"n{i}"} for i in range(5)])
    got = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
    assert 1 <= len(got) <= 10


@pytest.mark.parametrize("count", [0, 11])
def test_max_number_of_messages_out_of_range(sqs, queue, count):
    # AWS: "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=count)
    assert "MaxNumberOfMessages" in info.value.response["Error"]["Message"]


def test_wait_time_out_of_range(sqs, queue):
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=21)


def _send_later(sqs, url, body, delay=0.5):
    timer = threading.Timer(delay, lambda: sqs.send_message(QueueUrl=url, MessageBody=body))
    timer.start()
    return timer


def test_long_poll_wakes_when_message_arrives(sqs, queue):
    timer = _send_later(sqs, queue, "wake up")
    start = time.monotonic()
    messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=5).get("Messages", [])
    elapsed = time.monotonic() - start
    timer.join()
    assert [m["Body"] for m in messages] == ["wake up"]
    assert elapsed < 4, elapsed


def test_queue_receive_wait_time_is_default_long_poll(sqs, make_queue):
    url = make_queue("lp", ReceiveMessageWaitTimeSeconds=5)
    timer = _send_later(sqs, url, "polled")
    start = time.monotonic()
    messages = sqs.receive_message(QueueUrl=url).get("Messages", [])  # no WaitTimeSeconds
    elapsed = time.monotonic() - start
    timer.join()
    assert [m["Body"] for m in messages] == ["polled"]
    assert elapsed < 4, elapsed


def test_short_poll_overrides_queue_wait(sqs, make_queue):
    url = make_queue("sp", ReceiveMessageWaitTimeSeconds=20)
    start = time.monotonic()
    assert receive_none(sqs, url, WaitTimeSeconds=0) == []
    assert time.monotonic() - start < 4


# --- body rules --------------------------------------------------------------------------------

def test_allowed_characters_round_trip(sqs, queue):
    body = "tab\t lf\n cr\r ascii ~ é 中文 \ud7ff \ue000 \ufffd 😀 \U0010ffff"
    sent = sqs.send_message(QueueUrl=queue, MessageBody=body)
    assert sent["MD5OfMessageBody"] == md5_hex(body)
    assert receive_one(sqs, queue)["Body"] == body


@pytest.mark.parametrize("body", ["nul\x00", "bell\x07", "vt\x0b", "unit\x1f", "nonchar\ufffe", "nonchar\uffff"])
def test_invalid_characters(sqs, queue, body):
    # AWS: InvalidMessageContents "Invalid binary character '#x0' was found in the message body, the
    # set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"
    with sqs_error(sqs, "InvalidMessageContents", "InvalidMessageContents"):
        sqs.send_message(QueueUrl=queue, MessageBody=body)


def test_empty_body(sqs, queue):
    # AWS: MissingParameter "The request must contain the parameter MessageBody."
    with sqs_error(sqs, None, "MissingParameter"):
        sqs.send_message(QueueUrl=queue, MessageBody="")


def test_body_size_limit_of_queue(sqs, make_queue):
    url = make_queue("small", MaximumMessageSize=1024)
    sqs.send_message(QueueUrl=url, MessageBody="x" * 1024)
    # AWS: InvalidParameterValue "One or more parameters are invalid. Reason: Message must be
    # shorter than 1024 bytes."
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=url, MessageBody="x" * 1025)
    # Multi-byte characters count in bytes.
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=url, MessageBody="é" * 513)
    # Message attributes count towards the size.
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=url, MessageBody="x" * 1000,
                         MessageAttributes={"pad": {"DataType": "String", "StringValue": "y" * 100}})


def test_one_mib_body_on_default_queue(sqs, queue):
    body = ("0123456789abcdef" * (MIB // 16))
    assert len(body) == MIB
    sent = sqs.send_message(QueueUrl=queue, MessageBody=body)
    assert sent["MD5OfMessageBody"] == md5_hex(body)
    message = receive_one(sqs, queue)
    assert message["Body"] == body
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody=body + "!")


# --- batches -----------------------------------------------------------------------------------

def test_send_message_batch(sqs, queue):
    entries = [
        {"Id": "plain", "MessageBody": "one"},
        {"Id": "with-attrs", "MessageBody": "two", "MessageAttributes": {
            "k": {"DataType": "String", "StringValue": "v"}}},
        {"Id": "delayed_1", "MessageBody": "three", "DelaySeconds": 1},
    ]
    result = sqs.send_message_batch(QueueUrl=queue, Entries=entries)
    assert result.get("Failed", []) == []
    by_id = {e["Id"]: e for e in result["Successful"]}
    assert set(by_id) == {"plain", "with-attrs", "delayed_1"}
    assert by_id["plain"]["MD5OfMessageBody"] == md5_hex("one")
    assert by_id["with-attrs"]["MD5OfMessageAttributes"] == md5_of_attributes(entries[1]["MessageAttributes"])
    assert "MD5OfMessageAttributes" not in by_id["plain"]
    received = receive_all(sqs, queue, expected=3, timeout=8, MessageAttributeNames=["All"])
    assert {m["Body"]: m["MessageId"] for m in received} == {
        "one": by_id["plain"]["MessageId"], "two": by_id["with-attrs"]["MessageId"],
        "three": by_id["delayed_1"]["MessageId"]}


def test_send_message_batch_partial_failure(sqs, queue):
    # One bad entry fails on its own; the others are sent (localstack#4135 reports this AWS
    # behaviour for invalid characters; the per-entry code is assumed to be InvalidMessageContents).
    result = sqs.send_message_batch(QueueUrl=queue, Entries=[
        {"Id": "good", "MessageBody": "fine"},
        {"Id": "bad", "MessageBody": "nul\x00"},
    ])
    assert [e["Id"] for e in result["Successful"]] == ["good"]
    failed = result["Failed"]
    assert len(failed) == 1 and failed[0]["Id"] == "bad"
    assert failed[0]["SenderFault"] is True
    assert failed[0]["Code"] == "InvalidMessageContents"
    assert failed[0].get("Message")


def test_delete_and_change_visibility_batches(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"b{i}"} for i in range(4)])
    messages = receive_all(sqs, queue, expected=4, visibility=60)
    handles = [m["ReceiptHandle"] for m in messages]

    changed = sqs.change_message_visibility_batch(QueueUrl=queue, Entries=[
        {"Id": "a", "ReceiptHandle": handles[0], "VisibilityTimeout": 0},
        {"Id": "b", "ReceiptHandle": handles[1], "VisibilityTimeout": 120},
        {"Id": "c", "ReceiptHandle": "garbage", "VisibilityTimeout": 0},
    ])
    assert sorted(e["Id"] for e in changed["Successful"]) == ["a", "b"]
    assert [(f["Id"], f["Code"], f["SenderFault"]) for f in changed["Failed"]] == [
        ("c", "ReceiptHandleIsInvalid", True)]
    visible_again = receive_one(sqs, queue, VisibilityTimeout=60)
    assert visible_again["MessageId"] == messages[0]["MessageId"]

    deleted = sqs.delete_message_batch(QueueUrl=queue, Entries=[
        {"Id": "x", "ReceiptHandle": visible_again["ReceiptHandle"]},
        {"Id": "y", "ReceiptHandle": handles[2]},
        {"Id": "z", "ReceiptHandle": "garbage"},
    ])
    assert sorted(e["Id"] for e in deleted["Successful"]) == ["x", "y"]
    assert [(f["Id"], f["Code"], f["SenderFault"]) for f in deleted["Failed"]] == [
        ("z", "ReceiptHandleIsInvalid", True)]
    counts = attributes_of(sqs, queue, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
    assert counts == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "2"}


@pytest.mark.parametrize("operation", ["send_message_batch", "delete_message_batch",
                                       "change_message_visibility_batch"])
def test_batch_request_errors(sqs, queue, operation):
    def entry(i):
        if operation == "send_message_batch":
            return {"Id": i, "MessageBody": "x"}
        if operation == "delete_message_batch":
            return {"Id": i, "ReceiptHandle": "h"}
        return {"Id": i, "ReceiptHandle": "h", "VisibilityTimeout": 1}

    call = getattr(sqs, operation)
    with sqs_error(sqs, "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"):
        call(QueueUrl=queue, Entries=[])
    with sqs_error(sqs, "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"):
        call(QueueUrl=queue, Entries=[entry(f"e{i}") for i in range(11)])
    with sqs_error(sqs, "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"):
        call(QueueUrl=queue, Entries=[entry("same"), entry("same")])
    # AWS: "A batch entry id can only contain alphanumeric characters, hyphens and underscores.
    # It can be at most 80 letters long."
    for bad in ("bad id!", "colon:id", "x" * 81):
        with sqs_error(sqs, "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"):
            call(QueueUrl=queue, Entries=[entry("ok"), entry(bad)])


def test_batch_request_too_long(sqs, queue):
    # The sum of all bodies may not exceed the 1 MiB message limit.
    body = "x" * (110 * 1024)
    with sqs_error(sqs, "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"):
        sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": f"e{i}", "MessageBody": body} for i in range(10)])
    assert receive_none(sqs, queue) == []


# --- dead-letter queues ------------------------------------------------------------------------

def redrive_policy(sqs, dlq_url, max_receive_count):
    return json.dumps({"deadLetterTargetArn": attributes_of(sqs, dlq_url, "QueueArn")["QueueArn"],
                       "maxReceiveCount": max_receive_count})


def exhaust(sqs, url, max_receive_count):
    """Receive (with visibility 0) until the message stops coming back; returns receive count."""
    count = 0
    for _ in range(max_receive_count + 3):
        messages = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0, WaitTimeSeconds=1).get("Messages", [])
        if not messages:
            break
        count += 1
    return count


def test_redrive_to_dead_letter_queue(sqs, make_queue):
    dlq = make_queue("dlq")
    source = make_queue("src", RedrivePolicy=redrive_policy(sqs, dlq, 2))
    attrs = {"k": {"DataType": "String", "StringValue": "v"}, "b": {"DataType": "Binary", "BinaryValue": b"\x01"}}
    sent = sqs.send_message(QueueUrl=source, MessageBody="poison", MessageAttributes=attrs)
    assert exhaust(sqs, source, 2) == 2
    dead = wait_for_message(sqs, dlq, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"])
    assert dead["Body"] == "poison"
    assert dead["MessageId"] == sent["MessageId"]
    assert dead["MessageAttributes"] == attrs
    assert dead["MD5OfMessageAttributes"] == md5_of_attributes(attrs)
    assert receive_none(sqs, source, WaitTimeSeconds=1) == []


@pytest.mark.parametrize("policy", [
    {"maxReceiveCount": 0},
    {"maxReceiveCount": 1001},
    {"maxReceiveCount": 3, "deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:does-not-exist-e2e"},
    {"deadLetterTargetArn": None},
])
def test_invalid_redrive_policies(sqs, make_queue, queue, policy):
    dlq_arn = attributes_of(sqs, make_queue("dlqv"), "QueueArn")["QueueArn"]
    document = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3, **policy}
    document = {k: v for k, v in document.items() if v is not None}
    # AWS: InvalidParameterValue "Value {...} for parameter RedrivePolicy is invalid. Reason: ..."
    # e.g. "Dead letter target does not exist." (serverless#5215) or "Redrive policy does not
    # contain mandatory attribute: deadLetterTargetArn." (crossplane provider-aws#443).
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"RedrivePolicy": json.dumps(document)})


def test_redrive_allow_policy(sqs, make_queue):
    deny = make_queue("deny", RedriveAllowPolicy=json.dumps({"redrivePermission": "denyAll"}))
    # Not confirmed against AWS here: a RedrivePolicy naming a denyAll queue is rejected with
    # InvalidParameterValue (the exact reason text was not found in public sources).
    with sqs_error(sqs, None, "InvalidParameterValue"):
        make_queue("src-deny", RedrivePolicy=redrive_policy(sqs, deny, 3))

    allowed_source = make_queue("allowed")
    other_source = make_queue("other")
    by_queue = make_queue("byq", RedriveAllowPolicy=json.dumps({
        "redrivePermission": "byQueue",
        "sourceQueueArns": [attributes_of(sqs, allowed_source, "QueueArn")["QueueArn"]]}))
    sqs.set_queue_attributes(QueueUrl=allowed_source, Attributes={"RedrivePolicy": redrive_policy(sqs, by_queue, 3)})
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.set_queue_attributes(QueueUrl=other_source, Attributes={"RedrivePolicy": redrive_policy(sqs, by_queue, 3)})
    stored = json.loads(attributes_of(sqs, by_queue, "RedriveAllowPolicy")["RedriveAllowPolicy"])
    assert stored["redrivePermission"] == "byQueue"


# --- message move tasks (DLQ redrive) ----------------------------------------------------------

def wait_for_task(sqs, source_arn, status, timeout=15.0):
    deadline = time.monotonic() + timeout
    results = []
    while time.monotonic() < deadline:
        results = sqs.list_message_move_tasks(SourceArn=source_arn).get("Results", [])
        if results and results[0]["Status"] == status:
            return results[0]
        time.sleep(0.2)
    pytest.fail(f"move task on {source_arn} did not reach {status}: {results}")


def test_message_move_task_to_explicit_destination(sqs, make_queue):
    dlq = make_queue("mdlq")
    source = make_queue("msrc", RedrivePolicy=redrive_policy(sqs, dlq, 1))
    dlq_arn = attributes_of(sqs, dlq, "QueueArn")["QueueArn"]
    source_arn = attributes_of(sqs, source, "QueueArn")["QueueArn"]
    sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"dead{i}"} for i in range(3)])

    handle = sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=source_arn)["TaskHandle"]
    assert handle
    task = wait_for_task(sqs, dlq_arn, "COMPLETED")
    assert task["SourceArn"] == dlq_arn
    assert task.get("DestinationArn") == source_arn
    assert task["ApproximateNumberOfMessagesMoved"] == 3
    assert task["StartedTimestamp"] > 0
    moved = receive_all(sqs, source, expected=3)
    assert sorted(m["Body"] for m in moved) == ["dead0", "dead1", "dead2"]
    assert receive_none(sqs, dlq, WaitTimeSeconds=1) == []


def test_message_move_task_back_to_original_source(sqs, make_queue):
    dlq = make_queue("odlq")
    source = make_queue("osrc", RedrivePolicy=redrive_policy(sqs, dlq, 1))
    dlq_arn = attributes_of(sqs, dlq, "QueueArn")["QueueArn"]
    sqs.send_message(QueueUrl=source, MessageBody="comeback",
                     MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
    assert exhaust(sqs, source, 1) == 1

    sqs.start_message_move_task(SourceArn=dlq_arn)  # no DestinationArn: back to the original source
    wait_for_task(sqs, dlq_arn, "COMPLETED")
    back = wait_for_message(sqs, source, MessageAttributeNames=["All"])
    assert back["Body"] == "comeback"
    assert back["MessageAttributes"] == {"k": {"DataType": "String", "StringValue": "v"}}


def test_cancel_message_move_task(sqs, make_queue):
    dlq = make_queue("cdlq")
    source = make_queue("csrc", RedrivePolicy=redrive_policy(sqs, dlq, 1))
    dlq_arn = attributes_of(sqs, dlq, "QueueArn")["QueueArn"]
    source_arn = attributes_of(sqs, source, "QueueArn")["QueueArn"]
    for batch in range(3):
        sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"c{batch}-{i}"}
                                                      for i in range(10)])
    handle = sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=source_arn,
                                         MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    running = sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]
    assert running["Status"] == "RUNNING"
    assert running["TaskHandle"] == handle
    assert running["MaxNumberOfMessagesPerSecond"] == 1
    assert running["ApproximateNumberOfMessagesToMove"] == 30
    # Only one active task per source queue.
    with sqs_error(sqs, None, None):
        sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=source_arn)
    cancelled = sqs.cancel_message_move_task(TaskHandle=handle)
    assert 0 <= cancelled["ApproximateNumberOfMessagesMoved"] < 30
    final = wait_for_task(sqs, dlq_arn, "CANCELLED")
    assert final["ApproximateNumberOfMessagesMoved"] < 30
    remaining = int(attributes_of(sqs, dlq, "ApproximateNumberOfMessages")["ApproximateNumberOfMessages"])
    assert remaining > 0


def test_message_move_task_requires_a_dead_letter_queue(sqs, queue):
    # AWS rejects a SourceArn that no queue uses as its dead-letter queue (InvalidParameterValue,
    # "Source queue must be configured as a Dead Letter Queue." per peer emulators' AWS checks).
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.start_message_move_task(SourceArn=queue_arn(name_of(queue)))
