"""SQS where consumers depend on the exact behaviour (issue 14): FIFO group locks and the order
groups are served in, visibility changes after a timeout ended, purges and deduplication, FIFO
batches refused whole, the JSON error envelope, attribute filters on receive, fair queues,
high-throughput attributes changed after creation, and message sizes and contents.

The expectations are AWS's answers as recorded against real SQS (orders of groups, error codes,
`__type` shapes and messages)."""

import json
import time

import pytest

from harness import cli_output
from sqshelpers import attributes_of, md5_of_attributes, query_error, signed_query, sqs_error, unique_queue
from test_sqs_query import signed_json


def send_fifo(sqs, url, body, group):
    return sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group, MessageDeduplicationId=body)


def bodies(response):
    return [m["Body"] for m in response.get("Messages", [])]


# --- 1. FIFO message groups ----------------------------------------------------------------------

def test_fifo_group_with_a_message_in_flight_is_locked_until_its_oldest_message_is_back(sqs, make_queue):
    url = make_queue("glock", fifo=True, VisibilityTimeout=30)
    for body, group in [("g1-m1", "g1"), ("g1-m2", "g1"), ("g1-m3", "g1"), ("g2-m1", "g2")]:
        send_fifo(sqs, url, body, group)
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)
    assert bodies(first) == ["g1-m1", "g1-m2"]
    # The whole group waits while its messages are in flight: only g2 is served.
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["g2-m1"]
    # Deleting g1-m1 alone keeps the lock: g1-m2 is still in flight.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["Messages"][0]["ReceiptHandle"])
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == []
    # Releasing the later message does not open the group either...
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["Messages"][1]["ReceiptHandle"], VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    # ...it is now the group's oldest message, so it comes back with the rest of the group, in order.
    assert bodies(again) == ["g1-m2", "g1-m3"]


def test_fifo_visibility_change_to_zero_on_the_oldest_message_serves_it_behind_waiting_groups(sqs, make_queue):
    # AWS: with g1-m2 still in flight, ending g1-m1's timeout makes g1-m1 receivable at once,
    # after g2, which was waiting already; g1-m2 stays hidden.
    url = make_queue("gcmv", fifo=True, VisibilityTimeout=30)
    for body, group in [("g1-m1", "g1"), ("g1-m2", "g1"), ("g2-m1", "g2")]:
        send_fifo(sqs, url, body, group)
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)
    assert bodies(first) == ["g1-m1", "g1-m2"]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["Messages"][0]["ReceiptHandle"], VisibilityTimeout=0)
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3, WaitTimeSeconds=1)) == ["g2-m1", "g1-m1"]


def test_fifo_visibility_change_moves_when_the_group_opens(sqs, make_queue):
    url = make_queue("gmove", fifo=True, VisibilityTimeout=30)
    for body, group in [("g1-m1", "g1"), ("g1-m2", "g1"), ("g2-m1", "g2")]:
        send_fifo(sqs, url, body, group)
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first["Messages"][0]["ReceiptHandle"], VisibilityTimeout=1)
    time.sleep(1.5)
    # g1-m1 is back after its shortened timeout; g1-m2 keeps its 30 s.
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3)) == ["g2-m1", "g1-m1"]


def test_fifo_receive_with_visibility_timeout_zero_and_the_order_groups_are_served_in(sqs, make_queue):
    # AWS's recorded order: messages of one group come together; groups are served by when
    # their oldest message became visible (g3 waited since its send, g1 and g2 since the
    # receive with VisibilityTimeout=0).
    url = make_queue("gzero", fifo=True)
    for body, group in [("g1-m1", "g1"), ("g2-m1", "g2"), ("g2-m2", "g2"), ("g3-m1", "g3"), ("g1-m2", "g1")]:
        send_fifo(sqs, url, body, group)
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=3, VisibilityTimeout=0)) == ["g1-m1", "g1-m2", "g2-m1"]
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)) == [
        "g3-m1", "g1-m1", "g1-m2", "g2-m1", "g2-m2"]


def test_fifo_groups_after_a_full_delete_are_served_oldest_message_first(sqs, make_queue):
    url = make_queue("gdel", fifo=True)
    sends = [("g1-m1", "g1"), ("g2-m1", "g2"), ("g1-m2", "g1"), ("g2-m2", "g2"), ("g1-m3", "g1"), ("g1-m4", "g1"),
             ("g3-m1", "g3")]
    for body, group in sends:
        send_fifo(sqs, url, body, group)
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2)
    assert bodies(first) == ["g1-m1", "g1-m2"]
    for message in first["Messages"]:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["g2-m1", "g2-m2", "g1-m3", "g1-m4", "g3-m1"]


def test_fifo_groups_through_the_aws_cli(brume, sqs, make_queue, aws):
    url = make_queue("gcli", fifo=True)
    for body, group in [("a1", "a"), ("b1", "b"), ("a2", "a")]:
        send_fifo(sqs, url, body, group)
    out = cli_output(aws("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                         "--visibility-timeout", "0", "--attribute-names", "MessageGroupId"))
    got = [(m["Body"], m["Attributes"]["MessageGroupId"]) for m in out["Messages"]]
    assert got == [("a1", "a"), ("a2", "a"), ("b1", "b")]


# --- 2. ChangeMessageVisibility after the timeout ended -------------------------------------------

def test_change_visibility_after_the_timeout_ended_succeeds(sqs, make_queue):
    # AWS answers OK when nobody received the message since its timeout ran out, and changes
    # nothing: the message stays visible.
    url = make_queue("cmvexp", VisibilityTimeout=1)
    sqs.send_message(QueueUrl=url, MessageBody="late worker")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    time.sleep(1.5)
    response = sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=30)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert bodies(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)) == ["late worker"]


def test_fifo_change_visibility_after_the_timeout_ended_succeeds(sqs, make_queue):
    url = make_queue("fcmvexp", fifo=True, VisibilityTimeout=1)
    send_fifo(sqs, url, "m1", "g")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    time.sleep(1.5)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=30)
    assert bodies(sqs.receive_message(QueueUrl=url)) == ["m1"]


def test_change_visibility_of_a_deleted_message_is_invalid_parameter_value(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="gone")
    handle = sqs.receive_message(QueueUrl=queue)["Messages"][0]["ReceiptHandle"]
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=handle)
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=handle, VisibilityTimeout=42)
    assert info.value.response["Error"]["Message"] == (
        f"Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
        "available for visibility timeout change.")


def test_fifo_change_visibility_with_the_handle_of_an_earlier_receive_is_refused(sqs, fifo_queue):
    send_fifo(sqs, fifo_queue, "m1", "g")
    old = sqs.receive_message(QueueUrl=fifo_queue, VisibilityTimeout=0)["Messages"][0]["ReceiptHandle"]
    assert bodies(sqs.receive_message(QueueUrl=fifo_queue, VisibilityTimeout=30)) == ["m1"]
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.change_message_visibility(QueueUrl=fifo_queue, ReceiptHandle=old, VisibilityTimeout=0)
    assert "is not available for visibility timeout change" in info.value.response["Error"]["Message"]


def test_standard_change_visibility_with_an_earlier_handle_still_works(sqs, queue):
    # AWS: a standard queue takes any handle the message was received with.
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    old = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=0)["Messages"][0]["ReceiptHandle"]
    assert bodies(sqs.receive_message(QueueUrl=queue, VisibilityTimeout=30)) == ["m"]
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=old, VisibilityTimeout=0)
    assert bodies(sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1)) == ["m"]


def test_change_visibility_after_expiry_through_the_aws_cli(sqs, make_queue, aws):
    url = make_queue("cmvcli", VisibilityTimeout=1)
    sqs.send_message(QueueUrl=url, MessageBody="x")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    time.sleep(1.5)
    aws("sqs", "change-message-visibility", "--queue-url", url, "--receipt-handle", handle, "--visibility-timeout", "30")
    assert bodies(sqs.receive_message(QueueUrl=url)) == ["x"]


# --- 3. PurgeQueue and FIFO deduplication ---------------------------------------------------------

def test_purge_clears_the_fifo_deduplication_cache(sqs, fifo_queue):
    sqs.send_message(QueueUrl=fifo_queue, MessageBody="message-1", MessageGroupId="g", MessageDeduplicationId="same")
    sqs.purge_queue(QueueUrl=fifo_queue)
    second = sqs.send_message(QueueUrl=fifo_queue, MessageBody="message-2", MessageGroupId="g",
                              MessageDeduplicationId="same")
    messages = sqs.receive_message(QueueUrl=fifo_queue, WaitTimeSeconds=1)["Messages"]
    assert [m["Body"] for m in messages] == ["message-2"]
    assert messages[0]["MessageId"] == second["MessageId"]


def test_second_purge_names_the_queue_with_status_403(sqs, queue):
    sqs.purge_queue(QueueUrl=queue)
    with sqs_error(sqs, "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", status=403) as info:
        sqs.purge_queue(QueueUrl=queue)
    name = queue.rsplit("/", 1)[1]
    assert info.value.response["Error"]["Message"] == f"Only one PurgeQueue operation on {name} is allowed every 60 seconds."


# --- 4. FIFO batches without group or deduplication id --------------------------------------------

def test_fifo_batch_without_message_group_fails_the_whole_call(sqs, fifo_queue):
    entries = [{"Id": "ok", "MessageBody": "b", "MessageGroupId": "g", "MessageDeduplicationId": "d1"},
               {"Id": "nogroup", "MessageBody": "b", "MessageDeduplicationId": "d2"}]
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.send_message_batch(QueueUrl=fifo_queue, Entries=entries)
    assert info.value.response["Error"]["Message"] == "The request must contain the parameter MessageGroupId."
    assert info.value.response["Error"]["QueryErrorCode"] == "InvalidParameterValueException"
    # Nothing of the batch was sent.
    assert bodies(sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10)) == []


def test_fifo_batch_without_deduplication_id_fails_the_whole_call(sqs, fifo_queue):
    entries = [{"Id": "ok", "MessageBody": "b", "MessageGroupId": "g", "MessageDeduplicationId": "d1"},
               {"Id": "nodedup", "MessageBody": "b", "MessageGroupId": "g"}]
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.send_message_batch(QueueUrl=fifo_queue, Entries=entries)
    assert info.value.response["Error"]["Message"] == (
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
    assert bodies(sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=10)) == []


def test_fifo_batch_without_group_through_the_aws_cli(fifo_queue, aws):
    result = aws("sqs", "send-message-batch", "--queue-url", fifo_queue, "--entries",
                 json.dumps([{"Id": "a", "MessageBody": "b", "MessageDeduplicationId": "d"}]), check=False)
    assert result.returncode != 0
    stderr = result.stderr
    assert "InvalidParameterValue" in stderr
    assert "The request must contain the parameter MessageGroupId." in stderr


# --- 5. The JSON error envelope -------------------------------------------------------------------

@pytest.mark.parametrize("target, payload, query_code, shape, message", [
    ("ReceiveMessage", {"WaitTimeSeconds": 30}, "InvalidParameterValue", "InvalidParameterValueException",
     "Value 30 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
    ("SendMessage", {}, "MissingParameter", "MissingRequiredParameterException",
     "The request must contain the parameter MessageBody."),
])
def test_json_generic_errors_name_aws_exception_shapes(brume, queue, target, payload, query_code, shape, message):
    response = signed_json(brume, target, {"QueueUrl": queue, **payload})
    assert response.status_code == 400
    assert response.headers["x-amzn-query-error"] == f"{query_code};Sender"
    assert response.json() == {"__type": f"com.amazonaws.sqs#{shape}", "message": message}


def test_json_modeled_errors_keep_their_shape_names(brume, queue):
    missing = signed_json(brume, "GetQueueUrl", {"QueueName": unique_queue("nosuch")})
    assert missing.json()["__type"] == "com.amazonaws.sqs#QueueDoesNotExist"
    assert missing.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender"
    handle = signed_json(brume, "DeleteMessage", {"QueueUrl": queue, "ReceiptHandle": "garbage"})
    assert handle.json() == {"__type": "com.amazonaws.sqs#ReceiptHandleIsInvalid",
                             "message": 'The input receipt handle "garbage" is not a valid receipt handle.'}
    assert handle.headers["x-amzn-query-error"] == "ReceiptHandleIsInvalid;Sender"
    attribute = signed_json(brume, "GetQueueAttributes", {"QueueUrl": queue, "AttributeNames": ["Nope"]})
    assert attribute.json() == {"__type": "com.amazonaws.sqs#InvalidAttributeName", "message": "Unknown Attribute Nope."}


def test_boto3_sees_the_query_codes_and_the_exception_shapes(sqs, queue):
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=11)
    error = info.value.response["Error"]
    assert error["QueryErrorCode"] == "InvalidParameterValueException"
    assert error["Message"] == "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
    with sqs_error(sqs, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue") as info:
        sqs.get_queue_url(QueueName=unique_queue("gone"))
    assert info.value.response["Error"]["QueryErrorCode"] == "QueueDoesNotExist"
    assert info.value.response["Error"]["Message"] == "The specified queue does not exist."


def test_query_protocol_words_a_missing_queue_as_aws_does(brume):
    response = signed_query(brume.endpoint, {"Action": "GetQueueUrl", "QueueName": unique_queue("wsdl")})
    assert response.status_code == 400
    assert query_error(response) == ("Sender", "AWS.SimpleQueueService.NonExistentQueue",
                                      "The specified queue does not exist for this wsdl version.")


# --- 6. Attribute filters on receive --------------------------------------------------------------

def test_message_attribute_name_filters(sqs, make_queue):
    url = make_queue("mattr", VisibilityTimeout=0)
    sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes={
        "Help.Me": {"DataType": "String", "StringValue": "Me"},
        "Hello": {"DataType": "String", "StringValue": "There"},
        "General": {"DataType": "String", "StringValue": "Kenobi"}})

    def receive(names):
        return sqs.receive_message(QueueUrl=url, MessageAttributeNames=names)["Messages"][0]

    assert "MessageAttributes" not in receive([])
    for everything in (["All"], ["*"], [".*"]):
        assert sorted(receive(everything)["MessageAttributes"]) == ["General", "Hello", "Help.Me"]
    none = receive(["Foo", "Help"])
    assert none["MessageAttributes"] == {} and "MD5OfMessageAttributes" not in none
    assert sorted(receive(["Hello", "General"])["MessageAttributes"]) == ["General", "Hello"]
    assert sorted(receive(["Foo", "Hello"])["MessageAttributes"]) == ["Hello"]
    assert sorted(receive(["Hel.*"])["MessageAttributes"]) == ["Hello", "Help.Me"]
    assert sorted(receive(["Help.*"])["MessageAttributes"]) == ["Help.Me"]
    only = receive(["Help.*"])
    assert only["MD5OfMessageAttributes"] == md5_of_attributes({"Help.Me": {"DataType": "String", "StringValue": "Me"}})
    # Names that are not attribute names are ignored.
    assert "MessageAttributes" not in receive(["AWS."])
    assert "MessageAttributes" not in receive(["..foo"])


def test_system_attribute_names_return_exactly_what_is_asked(sqs, make_queue):
    url = make_queue("sattr", VisibilityTimeout=0)
    sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes={"Foo": {"DataType": "String", "StringValue": "Bar"}})
    everything = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["All"])["Messages"][0]
    assert sorted(everything["Attributes"]) == ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId",
                                                "SentTimestamp"]
    assert "MessageAttributes" not in everything
    one = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["SenderId", "SequenceNumber"])["Messages"][0]
    assert list(one["Attributes"]) == ["SenderId"]
    # The deprecated AttributeNames says the same.
    legacy = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert legacy["Attributes"] == {"ApproximateReceiveCount": "3"}
    assert "Attributes" not in sqs.receive_message(QueueUrl=url)["Messages"][0]


def test_fifo_system_attributes(sqs, fifo_queue):
    sqs.send_message(QueueUrl=fifo_queue, MessageBody="b", MessageGroupId="group-1", MessageDeduplicationId="dedup-1")
    message = sqs.receive_message(QueueUrl=fifo_queue, MessageSystemAttributeNames=["All"], VisibilityTimeout=0)["Messages"][0]
    assert sorted(message["Attributes"]) == ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount",
                                             "MessageDeduplicationId", "MessageGroupId", "SenderId", "SentTimestamp",
                                             "SequenceNumber"]
    asked = sqs.receive_message(QueueUrl=fifo_queue, MessageSystemAttributeNames=["MessageGroupId", "SequenceNumber"])
    assert sorted(asked["Messages"][0]["Attributes"]) == ["MessageGroupId", "SequenceNumber"]


def test_attribute_filters_through_the_aws_cli(sqs, make_queue, aws):
    url = make_queue("acli", VisibilityTimeout=0)
    sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes={
        "Help.Me": {"DataType": "String", "StringValue": "Me"}, "Other": {"DataType": "String", "StringValue": "x"}})
    out = cli_output(aws("sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "Help.*",
                         "--attribute-names", "SentTimestamp"))
    message = out["Messages"][0]
    assert list(message["MessageAttributes"]) == ["Help.Me"]
    assert list(message["Attributes"]) == ["SentTimestamp"]


# --- 7. Fair queues -------------------------------------------------------------------------------

def test_standard_queue_keeps_and_returns_the_message_group(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="tenant message", MessageGroupId="customer-1")
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": "b", "MessageBody": "batched", "MessageGroupId": "customer-2"}])
    sqs.send_message(QueueUrl=queue, MessageBody="no tenant")
    got = {}
    deadline = time.time() + 5
    while len(got) < 3 and time.time() < deadline:
        for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10,
                                           MessageSystemAttributeNames=["MessageGroupId"]).get("Messages", []):
            got[message["Body"]] = message.get("Attributes", {}).get("MessageGroupId")
    assert got == {"tenant message": "customer-1", "batched": "customer-2", "no tenant": None}


# --- 8. High-throughput attributes after creation -------------------------------------------------

def test_high_throughput_attributes_change_after_creation(sqs, fifo_queue):
    sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"DeduplicationScope": "messageGroup",
                                                              "FifoThroughputLimit": "perMessageGroupId"})
    assert attributes_of(sqs, fifo_queue, "DeduplicationScope", "FifoThroughputLimit") == {
        "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}
    # Deduplication now follows the new scope: the same id in another group is a new message.
    a = sqs.send_message(QueueUrl=fifo_queue, MessageBody="a", MessageGroupId="g1", MessageDeduplicationId="same")
    b = sqs.send_message(QueueUrl=fifo_queue, MessageBody="b", MessageGroupId="g2", MessageDeduplicationId="same")
    assert a["MessageId"] != b["MessageId"]
    # perMessageGroupId needs messageGroup: the pair cannot be broken, and nothing changes.
    with sqs_error(sqs, None, "InvalidAttributeValue"):
        sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"DeduplicationScope": "queue"})
    assert attributes_of(sqs, fifo_queue, "DeduplicationScope")["DeduplicationScope"] == "messageGroup"
    # Back to normal throughput, in one call.
    sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"DeduplicationScope": "queue", "FifoThroughputLimit": "perQueue"})
    assert attributes_of(sqs, fifo_queue, "DeduplicationScope", "FifoThroughputLimit") == {
        "DeduplicationScope": "queue", "FifoThroughputLimit": "perQueue"}


def test_high_throughput_limit_without_message_group_scope_is_refused(sqs, fifo_queue):
    with sqs_error(sqs, None, "InvalidAttributeValue") as info:
        sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"FifoThroughputLimit": "perMessageGroupId"})
    assert "FifoThroughputLimit" in info.value.response["Error"]["Message"]


def test_high_throughput_through_the_aws_cli(fifo_queue, sqs, aws):
    aws("sqs", "set-queue-attributes", "--queue-url", fifo_queue, "--attributes",
            "DeduplicationScope=messageGroup,FifoThroughputLimit=perMessageGroupId")
    assert attributes_of(sqs, fifo_queue, "FifoThroughputLimit") == {"FifoThroughputLimit": "perMessageGroupId"}


def test_fifo_queue_attribute_can_be_restated_not_changed(sqs, fifo_queue, queue):
    sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"FifoQueue": "true"})
    with sqs_error(sqs, None, "InvalidAttributeValue") as info:
        sqs.set_queue_attributes(QueueUrl=fifo_queue, Attributes={"FifoQueue": "false"})
    assert info.value.response["Error"]["Message"] == (
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.")
    with sqs_error(sqs, None, "InvalidAttributeName") as info:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"FifoQueue": "true"})
    assert info.value.response["Error"]["Message"] == "Unknown Attribute FifoQueue."


def test_kms_and_sqs_encryption_together_is_invalid_attribute_name(sqs, queue):
    with sqs_error(sqs, None, "InvalidAttributeName") as info:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"KmsMasterKeyId": "testKeyId", "SqsManagedSseEnabled": "true"})
    assert info.value.response["Error"]["Message"] == (
        "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.")


# --- 9. Sizes and contents ------------------------------------------------------------------------

def test_fifo_refuses_a_per_message_delay(sqs, make_queue):
    url = make_queue("fdelay", fifo=True, ContentBasedDeduplication="true")
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.send_message(QueueUrl=url, MessageBody="message-1", MessageGroupId="1", DelaySeconds=2)
    assert info.value.response["Error"]["Message"] == (
        "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.")
    assert info.value.response["Error"]["QueryErrorCode"] == "InvalidParameterValueException"


def test_empty_and_invalid_bodies_are_refused(sqs, queue):
    with sqs_error(sqs, None, "MissingParameter") as info:
        sqs.send_message(QueueUrl=queue, MessageBody="")
    assert info.value.response["Error"]["Message"] == "The request must contain the parameter MessageBody."
    with sqs_error(sqs, None, "InvalidMessageContents"):
        sqs.send_message(QueueUrl=queue, MessageBody=f"Invalid-{chr(0)}-{chr(8)}-{chr(19)}-{chr(65535)}")
    # One bad entry of a batch fails alone.
    result = sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": "ok", "MessageBody": "fine"},
                                                            {"Id": "bad", "MessageBody": "\x01"}])
    assert [f["Id"] for f in result["Failed"]] == ["bad"] and result["Failed"][0]["Code"] == "InvalidMessageContents"
    # Letters beyond ASCII are fine, in bodies and attribute names.
    sqs.send_message(QueueUrl=queue, MessageBody="üñí€😀", MessageAttributes={
        "attr.1øßä": {"DataType": "String", "StringValue": "Valida"}})
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageAttributes={"Invalid-§-attr": {"DataType": "String", "StringValue": "v"}})


def test_size_follows_maximum_message_size_as_it_changes(sqs, queue):
    assert attributes_of(sqs, queue, "MaximumMessageSize") == {"MaximumMessageSize": "1048576"}
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"MaximumMessageSize": "1024"})
    sqs.send_message(QueueUrl=queue, MessageBody="a" * 1024)
    attributes = {"k": {"DataType": "String", "StringValue": "x"}}
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.send_message(QueueUrl=queue, MessageBody="a" * (1024 - 8 + 1), MessageAttributes=attributes)
    assert info.value.response["Error"]["Message"] == "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"MaximumMessageSize": "2048"})
    sqs.send_message(QueueUrl=queue, MessageBody="a" * (2048 - 8), MessageAttributes=attributes)
    with sqs_error(sqs, None, "InvalidAttributeValue"):
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"MaximumMessageSize": str(1024 * 1024 + 1)})


# --- Query protocol at a queue URL, and a recreated queue -----------------------------------------

def test_account_actions_are_invalid_at_a_queue_url(brume, queue):
    for action, params in (("CreateQueue", {"QueueName": unique_queue("atqueue")}), ("ListQueues", {})):
        response = signed_query(brume.endpoint, {"Action": action, **params}, url=queue)
        assert response.status_code == 400
        assert query_error(response) == ("Sender", "InvalidAction", f"The action {action} is not valid for this endpoint.")
    # Queue-level actions (and GetQueueUrl) still work there.
    response = signed_query(brume.endpoint, {"Action": "GetQueueUrl", "QueueName": queue.rsplit("/", 1)[1]}, url=queue)
    assert response.status_code == 200 and queue in response.text


def test_recreating_a_queue_too_soon_says_what_aws_says(sqs):
    name = unique_queue("again")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    with sqs_error(sqs, "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently") as info:
        sqs.create_queue(QueueName=name)
    assert info.value.response["Error"]["Message"] == (
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
