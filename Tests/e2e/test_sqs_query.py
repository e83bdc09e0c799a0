"""The SQS query protocol (form POST, XML responses) and the JSON protocol's wire details."""

import base64
import json

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from harness import http
from sqshelpers import (ACCOUNT, QUERY_NS, delete_queue_quietly, md5_hex, md5_of_attributes, parse_xml,
                        query_error, signed_query, unique_queue, xml_attributes, xml_message_attributes,
                        xml_namespace)


def ok(response, action):
    """Parse a successful query response and check its envelope."""
    assert response.status_code == 200, response.text
    root = parse_xml(response.content)
    assert root.tag == f"{action}Response", response.text
    assert xml_namespace(root) == QUERY_NS
    assert root.findtext("ResponseMetadata/RequestId")
    return root


def create(brume, name, **attributes):
    params = {"Action": "CreateQueue", "QueueName": name}
    for i, (key, value) in enumerate(attributes.items(), start=1):
        params[f"Attribute.{i}.Name"] = key
        params[f"Attribute.{i}.Value"] = str(value)
    root = ok(signed_query(brume.endpoint, params), "CreateQueue")
    return root.findtext("CreateQueueResult/QueueUrl")


def test_create_queue_and_get_url(brume, sqs):
    name = unique_queue("query")
    url = create(brume, name, VisibilityTimeout=17)
    try:
        assert url == f"{brume.endpoint}/{ACCOUNT}/{name}"
        root = ok(signed_query(brume.endpoint, {"Action": "GetQueueUrl", "QueueName": name}), "GetQueueUrl")
        assert root.findtext("GetQueueUrlResult/QueueUrl") == url
        assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
            "VisibilityTimeout": "17"}
        # Same name and attributes again: idempotent.
        assert create(brume, name, VisibilityTimeout=17) == url
    finally:
        delete_queue_quietly(sqs, url)


def test_create_queue_with_tags(brume, sqs):
    name = unique_queue("qtags")
    params = {"Action": "CreateQueue", "QueueName": name, "Tag.1.Key": "team", "Tag.1.Value": "data"}
    url = ok(signed_query(brume.endpoint, params), "CreateQueue").findtext("CreateQueueResult/QueueUrl")
    try:
        assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "data"}
        root = ok(signed_query(brume.endpoint, {"Action": "ListQueueTags", "QueueUrl": url}), "ListQueueTags")
        tags = {t.findtext("Key"): t.findtext("Value") for t in root.findall("ListQueueTagsResult/Tag")}
        assert tags == {"team": "data"}
    finally:
        delete_queue_quietly(sqs, url)


def test_send_and_receive_with_attributes(brume, queue):
    binary = bytes([0, 1, 2, 250, 255])
    params = {
        "Action": "SendMessage", "QueueUrl": queue, "MessageBody": "query body <&>",
        "MessageAttribute.1.Name": "color", "MessageAttribute.1.Value.StringValue": "blue",
        "MessageAttribute.1.Value.DataType": "String",
        "MessageAttribute.2.Name": "count", "MessageAttribute.2.Value.StringValue": "3",
        "MessageAttribute.2.Value.DataType": "Number",
        "MessageAttribute.3.Name": "blob", "MessageAttribute.3.Value.BinaryValue": base64.b64encode(binary).decode(),
        "MessageAttribute.3.Value.DataType": "Binary",
    }
    expected_attributes = {"color": {"DataType": "String", "StringValue": "blue"},
                           "count": {"DataType": "Number", "StringValue": "3"},
                           "blob": {"DataType": "Binary", "BinaryValue": binary}}
    sent = ok(signed_query(brume.endpoint, params), "SendMessage").find("SendMessageResult")
    message_id = sent.findtext("MessageId")
    assert message_id
    assert sent.findtext("MD5OfMessageBody") == md5_hex("query body <&>")
    assert sent.findtext("MD5OfMessageAttributes") == md5_of_attributes(expected_attributes)

    root = ok(signed_query(brume.endpoint, {
        "Action": "ReceiveMessage", "QueueUrl": queue, "AttributeName.1": "All", "MessageAttributeName.1": "All",
        "MaxNumberOfMessages": "10", "WaitTimeSeconds": "2"}), "ReceiveMessage")
    messages = root.findall("ReceiveMessageResult/Message")
    assert len(messages) == 1
    message = messages[0]
    assert message.findtext("MessageId") == message_id
    assert message.findtext("Body") == "query body <&>"
    assert message.findtext("MD5OfBody") == md5_hex("query body <&>")
    assert message.findtext("ReceiptHandle")
    system = xml_attributes(message)
    assert {"SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"} <= set(system)
    assert system["ApproximateReceiveCount"] == "1"
    attributes = xml_message_attributes(message)
    assert attributes["color"] == {"DataType": "String", "StringValue": "blue"}
    assert attributes["count"] == {"DataType": "Number", "StringValue": "3"}
    assert attributes["blob"]["DataType"] == "Binary"
    assert base64.b64decode(attributes["blob"]["BinaryValue"]) == binary
    assert message.findtext("MD5OfMessageAttributes") == md5_of_attributes(expected_attributes)

    ok(signed_query(brume.endpoint, {"Action": "DeleteMessage", "QueueUrl": queue,
                                     "ReceiptHandle": message.findtext("ReceiptHandle")}), "DeleteMessage")
    empty = ok(signed_query(brume.endpoint, {"Action": "ReceiveMessage", "QueueUrl": queue, "WaitTimeSeconds": "1"}),
               "ReceiveMessage")
    assert empty.findall("ReceiveMessageResult/Message") == []


def test_send_message_batch(brume, queue):
    params = {"Action": "SendMessageBatch", "QueueUrl": queue}
    entries = [("first", "one"), ("second", "two"), ("broken", "nul\x00")]
    for i, (entry_id, body) in enumerate(entries, start=1):
        params[f"SendMessageBatchRequestEntry.{i}.Id"] = entry_id
        params[f"SendMessageBatchRequestEntry.{i}.MessageBody"] = body
    params["SendMessageBatchRequestEntry.2.DelaySeconds"] = "0"
    root = ok(signed_query(brume.endpoint, params), "SendMessageBatch")
    result = root.find("SendMessageBatchResult")
    successes = {e.findtext("Id"): e for e in result.findall("SendMessageBatchResultEntry")}
    assert set(successes) == {"first", "second"}
    assert successes["first"].findtext("MD5OfMessageBody") == md5_hex("one")
    assert successes["second"].findtext("MessageId")
    errors = result.findall("BatchResultErrorEntry")
    assert [e.findtext("Id") for e in errors] == ["broken"]
    assert errors[0].findtext("SenderFault") == "true"
    assert errors[0].findtext("Code") == "InvalidMessageContents"


def test_delete_message_batch_with_error_entry(brume, sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="to delete")
    handle = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2)["Messages"][0]["ReceiptHandle"]
    root = ok(signed_query(brume.endpoint, {
        "Action": "DeleteMessageBatch", "QueueUrl": queue,
        "DeleteMessageBatchRequestEntry.1.Id": "good", "DeleteMessageBatchRequestEntry.1.ReceiptHandle": handle,
        "DeleteMessageBatchRequestEntry.2.Id": "bad", "DeleteMessageBatchRequestEntry.2.ReceiptHandle": "garbage",
    }), "DeleteMessageBatch")
    result = root.find("DeleteMessageBatchResult")
    assert [e.findtext("Id") for e in result.findall("DeleteMessageBatchResultEntry")] == ["good"]
    errors = result.findall("BatchResultErrorEntry")
    assert [(e.findtext("Id"), e.findtext("Code"), e.findtext("SenderFault")) for e in errors] == [
        ("bad", "ReceiptHandleIsInvalid", "true")]


def test_get_queue_attributes(brume, queue):
    root = ok(signed_query(brume.endpoint, {"Action": "GetQueueAttributes", "QueueUrl": queue,
                                            "AttributeName.1": "All"}), "GetQueueAttributes")
    attrs = xml_attributes(root.find("GetQueueAttributesResult"))
    assert attrs["VisibilityTimeout"] == "30"
    assert attrs["QueueArn"].endswith(":" + queue.rsplit("/", 1)[1])
    root = ok(signed_query(brume.endpoint, {"Action": "GetQueueAttributes", "QueueUrl": queue,
                                            "AttributeName.1": "DelaySeconds",
                                            "AttributeName.2": "MaximumMessageSize"}), "GetQueueAttributes")
    assert xml_attributes(root.find("GetQueueAttributesResult")) == {"DelaySeconds": "0",
                                                                     "MaximumMessageSize": "1048576"}


def test_set_queue_attributes(brume, sqs, queue):
    ok(signed_query(brume.endpoint, {"Action": "SetQueueAttributes", "QueueUrl": queue,
                                     "Attribute.1.Name": "DelaySeconds", "Attribute.1.Value": "2"}),
       "SetQueueAttributes")
    assert sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["DelaySeconds"])["Attributes"] == {
        "DelaySeconds": "2"}


def test_list_queues(brume, sqs):
    prefix = unique_queue("qlist")
    urls = [sqs.create_queue(QueueName=f"{prefix}-{i}")["QueueUrl"] for i in range(3)]
    try:
        root = ok(signed_query(brume.endpoint, {"Action": "ListQueues", "QueueNamePrefix": prefix}), "ListQueues")
        assert sorted(e.text for e in root.findall("ListQueuesResult/QueueUrl")) == sorted(urls)
        root = ok(signed_query(brume.endpoint, {"Action": "ListQueues", "QueueNamePrefix": prefix,
                                                "MaxResults": "2"}), "ListQueues")
        assert len(root.findall("ListQueuesResult/QueueUrl")) == 2
        token = root.findtext("ListQueuesResult/NextToken")
        assert token
        root = ok(signed_query(brume.endpoint, {"Action": "ListQueues", "QueueNamePrefix": prefix,
                                                "MaxResults": "2", "NextToken": token}), "ListQueues")
        assert len(root.findall("ListQueuesResult/QueueUrl")) == 1
    finally:
        for url in urls:
            delete_queue_quietly(sqs, url)


def test_errors_use_query_envelope(brume):
    response = signed_query(brume.endpoint, {"Action": "GetQueueUrl", "QueueName": unique_queue("nope")})
    assert response.status_code == 400
    assert "xml" in response.headers.get("Content-Type", "")
    error_type, code, message = query_error(response)
    assert (error_type, code) == ("Sender", "AWS.SimpleQueueService.NonExistentQueue")
    assert "does not exist" in message
    assert parse_xml(response.content).attrib["__ns__"] == QUERY_NS


def test_batch_errors_in_query_envelope(brume, queue):
    params = {"Action": "SendMessageBatch", "QueueUrl": queue}
    for i in range(1, 12):
        params[f"SendMessageBatchRequestEntry.{i}.Id"] = f"e{i}"
        params[f"SendMessageBatchRequestEntry.{i}.MessageBody"] = "x"
    response = signed_query(brume.endpoint, params)
    assert response.status_code == 400
    assert query_error(response)[:2] == ("Sender", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")


def test_attribute_errors_in_query_envelope(brume):
    response = signed_query(brume.endpoint, {"Action": "CreateQueue", "QueueName": unique_queue("qbad"),
                                             "Attribute.1.Name": "VisibilityTimeout",
                                             "Attribute.1.Value": "99999"})
    assert response.status_code == 400
    assert query_error(response)[:2] == ("Sender", "InvalidAttributeValue")
    response = signed_query(brume.endpoint, {"Action": "CreateQueue", "QueueName": unique_queue("qbad"),
                                             "Attribute.1.Name": "Bogus", "Attribute.1.Value": "1"})
    assert response.status_code == 400
    assert query_error(response)[:2] == ("Sender", "InvalidAttributeName")


def test_unknown_action(brume):
    response = signed_query(brume.endpoint, {"Action": "FlyToTheMoon"})
    assert response.status_code == 400
    # AWS: InvalidAction "The action FlyToTheMoon is not valid for this endpoint."
    assert query_error(response)[1] == "InvalidAction"


def test_request_posted_to_queue_url(brume, sqs, queue):
    sent = ok(signed_query(brume.endpoint, {"Action": "SendMessage", "MessageBody": "via queue url"}, url=queue),
              "SendMessage")
    assert sent.findtext("SendMessageResult/MessageId")
    root = ok(signed_query(brume.endpoint, {"Action": "GetQueueAttributes", "AttributeName.1": "QueueArn"},
                           url=queue), "GetQueueAttributes")
    assert xml_attributes(root.find("GetQueueAttributesResult"))["QueueArn"].endswith(queue.rsplit("/", 1)[1])
    root = ok(signed_query(brume.endpoint, {"Action": "ReceiveMessage", "WaitTimeSeconds": "2"}, url=queue),
              "ReceiveMessage")
    assert [m.findtext("Body") for m in root.findall("ReceiveMessageResult/Message")] == ["via queue url"]


def test_request_to_url_of_missing_queue(brume):
    url = f"{brume.endpoint}/{ACCOUNT}/{unique_queue('qmissing')}"
    response = signed_query(brume.endpoint, {"Action": "SendMessage", "MessageBody": "x"}, url=url)
    assert response.status_code == 400
    assert query_error(response)[1] == "AWS.SimpleQueueService.NonExistentQueue"


# --- JSON protocol wire details ----------------------------------------------------------------

def signed_json(brume, target, payload):
    body = json.dumps(payload).encode()
    request = AWSRequest(method="POST", url=f"{brume.endpoint}/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{target}"})
    SigV4Auth(Credentials("test", "test"), "sqs", "us-east-1").add_auth(request)
    prepared = request.prepare()
    return http().post(prepared.url, headers=dict(prepared.headers), data=body, timeout=30)


def test_json_error_carries_query_error_header(brume):
    response = signed_json(brume, "GetQueueUrl", {"QueueName": unique_queue("jmissing")})
    assert response.status_code == 400
    assert response.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender"
    body = response.json()
    assert body["__type"].rsplit("#", 1)[-1] == "QueueDoesNotExist"
    assert "does not exist" in (body.get("message") or body.get("Message"))
    assert response.headers.get("x-amzn-RequestId")


def test_json_success_shape(brume, sqs):
    name = unique_queue("json")
    response = signed_json(brume, "CreateQueue", {"QueueName": name})
    try:
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("application/x-amz-json-1.0")
        assert response.json() == {"QueueUrl": f"{brume.endpoint}/{ACCOUNT}/{name}"}
        assert response.headers.get("x-amzn-RequestId")
    finally:
        delete_queue_quietly(sqs, f"{brume.endpoint}/{ACCOUNT}/{name}")


def test_json_unmodeled_error_code_in_header(brume, queue):
    response = signed_json(brume, "ReceiveMessage", {"QueueUrl": queue, "MaxNumberOfMessages": 11})
    assert response.status_code == 400
    assert response.headers["x-amzn-query-error"] == "InvalidParameterValue;Sender"


def test_query_protocol_keeps_its_legacy_statuses(brume, queue):
    # The query protocol's service description gave a few errors their own HTTP status:
    # PurgeQueueInProgress 403 and ReceiptHandleIsInvalid 404 (the JSON protocol answers 400).
    assert signed_query(brume.endpoint, {"Action": "PurgeQueue", "QueueUrl": queue}).status_code == 200
    response = signed_query(brume.endpoint, {"Action": "PurgeQueue", "QueueUrl": queue})
    assert response.status_code == 403
    assert query_error(response)[:2] == ("Sender", "AWS.SimpleQueueService.PurgeQueueInProgress")
    response = signed_query(brume.endpoint, {"Action": "DeleteMessage", "QueueUrl": queue, "ReceiptHandle": "garbage"})
    assert response.status_code == 404
    assert query_error(response)[:2] == ("Sender", "ReceiptHandleIsInvalid")
