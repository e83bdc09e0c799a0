"""FIFO queues: required parameters, deduplication, sequence numbers, ordering, group locking,
receive-attempt replay, deduplication scope, and what FIFO forbids."""

import hashlib
import json

import pytest

from sqshelpers import attributes_of, delete_queue_quietly, receive_all, sqs_error, unique_queue


def send(sqs, url, body, group="g", dedup=None, **kwargs):
    return sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group,
                            MessageDeduplicationId=dedup or body, **kwargs)


def drain_in_order(sqs, url, expected, timeout=15.0):
    """Receive and delete until `expected` messages were seen, keeping receive order."""
    bodies = receive_all(sqs, url, expected=expected, timeout=timeout, delete=True,
                         MessageSystemAttributeNames=["All"])
    return bodies


def test_fifo_queue_attributes(sqs, fifo_queue):
    attrs = attributes_of(sqs, fifo_queue)
    assert attrs["FifoQueue"] == "true"
    assert attrs["ContentBasedDeduplication"] == "false"
    # FIFO queues also report their high-throughput settings (defaults: queue / perQueue).
    assert attrs["DeduplicationScope"] == "queue"
    assert attrs["FifoThroughputLimit"] == "perQueue"


def test_message_group_id_is_required(sqs, fifo_queue):
    # AWS: MissingParameter "The request must contain the parameter MessageGroupId."
    with sqs_error(sqs, None, "MissingParameter"):
        sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageDeduplicationId="d")


def test_deduplication_id_or_content_based_dedup_is_required(sqs, fifo_queue):
    # AWS: InvalidParameterValue "The queue should either have ContentBasedDeduplication enabled
    # or MessageDeduplicationId provided explicitly"
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageGroupId="g")


def test_explicit_deduplication(sqs, fifo_queue):
    # A deduplicated send succeeds and reports the original message's MessageId.
    first = send(sqs, fifo_queue, "original", dedup="dup-1")
    second = send(sqs, fifo_queue, "different body, same dedup id", dedup="dup-1")
    assert second["MessageId"] == first["MessageId"]
    third = send(sqs, fifo_queue, "new", dedup="dup-2")
    assert third["MessageId"] != first["MessageId"]
    messages = drain_in_order(sqs, fifo_queue, expected=2, timeout=5)
    assert [m["Body"] for m in messages] == ["original", "new"]
    assert receive_all(sqs, fifo_queue, timeout=2) == []
    # Deduplication outlives deletion (the 5-minute window counts from the send).
    again = send(sqs, fifo_queue, "original", dedup="dup-1")
    assert again["MessageId"] == first["MessageId"]
    assert receive_all(sqs, fifo_queue, timeout=2) == []


def test_content_based_deduplication(sqs, make_queue):
    url = make_queue("cbd", fifo=True, ContentBasedDeduplication="true")
    first = sqs.send_message(QueueUrl=url, MessageBody="same body", MessageGroupId="g")
    second = sqs.send_message(QueueUrl=url, MessageBody="same body", MessageGroupId="g")
    assert second["MessageId"] == first["MessageId"]
    other = sqs.send_message(QueueUrl=url, MessageBody="other body", MessageGroupId="g")
    assert other["MessageId"] != first["MessageId"]
    messages = drain_in_order(sqs, url, expected=2, timeout=5)
    assert [m["Body"] for m in messages] == ["same body", "other body"]
    # The generated deduplication id is the SHA-256 of the body.
    assert messages[0]["Attributes"]["MessageDeduplicationId"] == hashlib.sha256(b"same body").hexdigest()
    # An explicit id still wins over content-based deduplication.
    explicit = sqs.send_message(QueueUrl=url, MessageBody="same body", MessageGroupId="g",
                                MessageDeduplicationId="explicit")
    assert explicit["MessageId"] != first["MessageId"]


def test_sequence_numbers_increase(sqs, fifo_queue):
    numbers = []
    for i in range(5):
        result = send(sqs, fifo_queue, f"s{i}", group=f"g{i % 2}")
        assert result["SequenceNumber"].isdigit()
        numbers.append(int(result["SequenceNumber"]))
    batch = sqs.send_message_batch(QueueUrl=fifo_queue, Entries=[
        {"Id": f"b{i}", "MessageBody": f"b{i}", "MessageGroupId": "g0", "MessageDeduplicationId": f"b{i}"}
        for i in range(3)])
    assert batch.get("Failed", []) == []
    numbers += [int(e["SequenceNumber"]) for e in sorted(batch["Successful"], key=lambda e: e["Id"])]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    received = drain_in_order(sqs, fifo_queue, expected=8)
    for message in received:
        assert message["Attributes"]["SequenceNumber"].isdigit()
        assert message["Attributes"]["MessageGroupId"] in ("g0", "g1")


def test_standard_queue_send_has_no_sequence_number(sqs, queue):
    assert "SequenceNumber" not in sqs.send_message(QueueUrl=queue, MessageBody="x")


def test_order_within_group_across_batches(sqs, fifo_queue):
    expected = []
    for batch in range(3):
        entries = []
        for i in range(10):
            body = f"{batch:02d}-{i:02d}"
            expected.append(body)
            entries.append({"Id": f"e{i}", "MessageBody": body, "MessageGroupId": "ordered",
                            "MessageDeduplicationId": body})
        assert sqs.send_message_batch(QueueUrl=fifo_queue, Entries=entries).get("Failed", []) == []
    received = drain_in_order(sqs, fifo_queue, expected=30)
    assert [m["Body"] for m in received] == expected


def test_group_blocked_while_in_flight(sqs, fifo_queue):
    for body, group in [("a1", "A"), ("a2", "A"), ("b1", "B"), ("b2", "B")]:
        send(sqs, fifo_queue, body, group=group)
    first = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=1, VisibilityTimeout=30,
                                MessageSystemAttributeNames=["MessageGroupId"])["Messages"]
    assert len(first) == 1
    busy = first[0]["Attributes"]["MessageGroupId"]
    other = "B" if busy == "A" else "A"
    assert first[0]["Body"] == f"{busy.lower()}1"
    # While a message of `busy` is in flight, only the other group is delivered.
    second = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10, VisibilityTimeout=30,
                                 WaitTimeSeconds=1, MessageSystemAttributeNames=["MessageGroupId"])["Messages"]
    assert second, "the other group must still be deliverable"
    assert {m["Attributes"]["MessageGroupId"] for m in second} == {other}
    assert [m["Body"] for m in second] == [f"{other.lower()}1", f"{other.lower()}2"][:len(second)]
    assert sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get(
        "Messages", []) == []
    # Deleting the in-flight message unblocks its group, in order.
    sqs.delete_message(QueueUrl=fifo_queue, ReceiptHandle=first[0]["ReceiptHandle"])
    third = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
    assert [m["Body"] for m in third] == [f"{busy.lower()}2"]


def test_group_unblocks_when_visibility_expires(sqs, fifo_queue):
    send(sqs, fifo_queue, "x1", group="X")
    send(sqs, fifo_queue, "x2", group="X")
    first = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=1, VisibilityTimeout=1)["Messages"]
    assert [m["Body"] for m in first] == ["x1"]
    # After the timeout the *same* first message comes back before x2 (order is kept).
    again = receive_all(sqs, fifo_queue, expected=1, timeout=6, visibility=30)
    assert [m["Body"] for m in again][:1] == ["x1"]


def test_receive_request_attempt_id_replay(sqs, fifo_queue):
    for i in range(3):
        send(sqs, fifo_queue, f"r{i}", group="R")
    kwargs = dict(QueueUrl=fifo_queue, MaxNumberOfMessages=2, VisibilityTimeout=30,
                  ReceiveRequestAttemptId="attempt-1")
    first = sqs.receive_message(**kwargs)["Messages"]
    replay = sqs.receive_message(**kwargs)["Messages"]
    assert [m["MessageId"] for m in replay] == [m["MessageId"] for m in first]
    assert [m["ReceiptHandle"] for m in replay] == [m["ReceiptHandle"] for m in first]
    # A different attempt id does not get them again while they are in flight.
    other = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10, ReceiveRequestAttemptId="attempt-2")
    assert other.get("Messages", []) == []


def test_deduplication_scope_message_group(sqs, make_queue):
    url = make_queue("scope", fifo=True, DeduplicationScope="messageGroup", FifoThroughputLimit="perMessageGroupId")
    attrs = attributes_of(sqs, url, "DeduplicationScope", "FifoThroughputLimit")
    assert attrs == {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}
    a = send(sqs, url, "in A", group="A", dedup="same")
    b = send(sqs, url, "in B", group="B", dedup="same")
    assert a["MessageId"] != b["MessageId"]
    a_again = send(sqs, url, "in A again", group="A", dedup="same")
    assert a_again["MessageId"] == a["MessageId"]
    messages = drain_in_order(sqs, url, expected=2, timeout=5)
    assert sorted(m["Body"] for m in messages) == ["in A", "in B"]


def test_per_message_delay_rejected_on_fifo(sqs, fifo_queue):
    # AWS: InvalidParameterValue "Value 1 for parameter DelaySeconds is invalid. Reason: The
    # request include parameter that is not valid for this queue type." DelaySeconds=0 is accepted.
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        send(sqs, fifo_queue, "late", DelaySeconds=1)
    assert "DelaySeconds" in info.value.response["Error"]["Message"]
    # (A deduplication id allows only alphanumerics and punctuation: no spaces.)
    send(sqs, fifo_queue, "zero delay", dedup="zero-delay", DelaySeconds=0)


def test_queue_level_delay_allowed_on_fifo(sqs, make_queue):
    url = make_queue("fdelay", fifo=True, DelaySeconds=1)
    send(sqs, url, "queue-delayed")
    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []
    assert [m["Body"] for m in receive_all(sqs, url, expected=1, timeout=6)] == ["queue-delayed"]


def test_fifo_and_standard_dead_letter_queues_do_not_mix(sqs, make_queue):
    standard_dlq = make_queue("stddlq")
    fifo_dlq = make_queue("fifodlq", fifo=True)

    def policy(url):
        return json.dumps({"deadLetterTargetArn": attributes_of(sqs, url, "QueueArn")["QueueArn"],
                           "maxReceiveCount": 3})

    # A FIFO queue's dead-letter queue must be FIFO and a standard queue's must be standard.
    # AWS: InvalidParameterValue "Value {...} for parameter RedrivePolicy is invalid. Reason:
    # Dead-letter queue must be same type of queue as the source.." (message quoted in
    # byu-oit/handel#253; moto answers InvalidParameterCombination instead).
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        make_queue("fifosrc", fifo=True, RedrivePolicy=policy(standard_dlq))
    assert "same type" in info.value.response["Error"]["Message"]
    with sqs_error(sqs, None, "InvalidParameterValue"):
        make_queue("stdsrc", RedrivePolicy=policy(fifo_dlq))
    ok = make_queue("fifook", fifo=True, RedrivePolicy=policy(fifo_dlq))
    assert json.loads(attributes_of(sqs, ok, "RedrivePolicy")["RedrivePolicy"])["maxReceiveCount"] == 3


def test_fifo_redrive_keeps_group(sqs, make_queue):
    dlq = make_queue("fdlq", fifo=True)
    dlq_arn = attributes_of(sqs, dlq, "QueueArn")["QueueArn"]
    source = make_queue("fsrc", fifo=True, RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn,
                                                                      "maxReceiveCount": 1}))
    send(sqs, source, "poison", group="P")
    assert len(sqs.receive_message(QueueUrl=source, VisibilityTimeout=0)["Messages"]) == 1
    assert sqs.receive_message(QueueUrl=source, WaitTimeSeconds=1).get("Messages", []) == []
    dead = receive_all(sqs, dlq, expected=1, timeout=5, MessageSystemAttributeNames=["MessageGroupId"])
    assert [(m["Body"], m["Attributes"]["MessageGroupId"]) for m in dead] == [("poison", "P")]


@pytest.mark.parametrize("attribute,value", [("ContentBasedDeduplication", "true"),
                                             ("ContentBasedDeduplication", "false"),
                                             ("DeduplicationScope", "messageGroup"),
                                             ("FifoThroughputLimit", "perMessageGroupId")])
def test_fifo_attributes_rejected_on_standard_queue(sqs, attribute, value):
    # AWS: InvalidAttributeName "Unknown Attribute ContentBasedDeduplication."
    name = unique_queue("stdfifoattr")
    try:
        with sqs_error(sqs, "InvalidAttributeName", "InvalidAttributeName"):
            sqs.create_queue(QueueName=name, Attributes={attribute: value})
    finally:
        try:
            delete_queue_quietly(sqs, sqs.get_queue_url(QueueName=name)["QueueUrl"])
        except Exception:  # noqa: BLE001
            pass


def test_fifo_attribute_cannot_be_changed(sqs, queue, fifo_queue):
    # FifoQueue can only be set at creation (unconfirmed: the code assumed for AWS is
    # InvalidAttributeName, as SetQueueAttributes does not list FifoQueue).
    with sqs_error(sqs, "InvalidAttributeName", "InvalidAttributeName"):
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"FifoQueue": "true"})


def test_deduplication_id_rejected_on_standard_queue(sqs, queue):
    # AWS: InvalidParameterValue "The request include parameter that is not valid for this queue type"
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageDeduplicationId="d")


def test_message_group_id_accepted_on_standard_queue(sqs, queue):
    # Since SQS "fair queues" (July 2025) a standard queue accepts MessageGroupId; it is not an error.
    sqs.send_message(QueueUrl=queue, MessageBody="tenant message", MessageGroupId="tenant-1")
    got = receive_all(sqs, queue, expected=1, timeout=5)
    assert [m["Body"] for m in got] == ["tenant message"]


def test_batch_entries_on_fifo(sqs, fifo_queue):
    result = sqs.send_message_batch(QueueUrl=fifo_queue, Entries=[
        {"Id": "ok", "MessageBody": "fine", "MessageGroupId": "g", "MessageDeduplicationId": "ok"},
        {"Id": "dup", "MessageBody": "dupe", "MessageGroupId": "g", "MessageDeduplicationId": "ok"},
    ])
    assert result.get("Failed", []) == []
    ids = {e["Id"]: e["MessageId"] for e in result["Successful"]}
    assert ids["ok"] == ids["dup"]
    assert [m["Body"] for m in drain_in_order(sqs, fifo_queue, expected=1, timeout=3)] == ["fine"]
