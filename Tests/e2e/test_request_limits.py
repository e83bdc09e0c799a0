"""Requests past a size limit get the service's own error, store nothing, and leave the process up.

Bodies longer than a service reads used to surface as a logged "unexpected failure" and a 500.
"""

import json
import socket
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from harness import http
from s3helpers import s3_error
from sfnhelpers import pass_definition, sfn_error
from sqshelpers import MIB, sqs_error

SQS_READ_LIMIT = 16 * MIB
STATES_READ_LIMIT = 4 * MIB


def assert_alive(brume):
    assert http().get(f"{brume.endpoint}/_brume/health", timeout=5).status_code == 200


def raw_exchange(brume, head: bytes, body: bytes = b"") -> bytes:
    """Send `head` (and `body`) on a fresh socket and read until the server answers or closes."""
    url = urlsplit(brume.endpoint)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(head + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not _complete(answer):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":", 1)[1])
    return True


# --- S3 ------------------------------------------------------------------------------------------

def test_put_object_over_5_gib_is_entity_too_large_before_the_body(brume, s3, bucket):
    # The declared length alone is refused: no 5 GiB needs to cross the wire.
    size = 5 * 1024 ** 3 + 1
    answer = raw_exchange(brume, (
        f"PUT /{bucket}/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {size}\r\n"
        "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n\r\n").encode(), b"x" * 1024)
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 400 " in status_line, answer[:500]
    root = ET.fromstring(rest.partition(b"\r\n\r\n")[2])
    assert root.findtext("Code") == "EntityTooLarge"
    assert root.findtext("MaxSizeAllowed") == str(5 * 1024 ** 3)
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="huge")
    assert_alive(brume)


def test_delete_objects_body_over_the_xml_limit_is_max_message_length_exceeded(brume, s3, bucket):
    s3.put_object(Bucket=bucket, Key="keep", Body=b"v")
    keys = "".join(f"<Object><Key>k{i:08d}{'x' * 200}</Key></Object>" for i in range(12_000))
    body = f"<Delete>{keys}<Object><Key>keep</Key></Object></Delete>".encode()
    assert len(body) > 2 * MIB
    response = http().post(f"{brume.endpoint}/{bucket}?delete", data=body,
                           headers={"Content-Type": "application/xml"})
    assert response.status_code == 400, response.text[:500]
    root = ET.fromstring(response.content)
    assert root.findtext("Code") == "MaxMessageLengthExceeded"
    assert root.findtext("Message") == "Your request was too big."
    assert response.headers["x-amz-request-id"]
    assert s3.get_object(Bucket=bucket, Key="keep")["Body"].read() == b"v"
    assert_alive(brume)


def test_header_section_over_8_kib_is_request_header_section_too_large(brume, s3, bucket):
    response = http().put(f"{brume.endpoint}/{bucket}/k", data=b"v",
                          headers={"x-custom-padding": "p" * 9000})
    assert response.status_code == 400, response.text[:500]
    root = ET.fromstring(response.content)
    assert root.findtext("Code") == "RequestHeaderSectionTooLarge"
    assert root.findtext("MaxSizeAllowed") == "8192"
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="k")
    # Within 8 KiB the same request is accepted.
    assert http().put(f"{brume.endpoint}/{bucket}/k", data=b"v",
                      headers={"x-custom-padding": "p" * 4000}).status_code == 200


# --- SQS -----------------------------------------------------------------------------------------

def test_send_message_longer_than_sqs_reads_is_invalid_parameter_value(brume, sqs, queue):
    with sqs_error(sqs, None, "InvalidParameterValue") as info:
        sqs.send_message(QueueUrl=queue, MessageBody="x" * (SQS_READ_LIMIT + 1))
    assert "Message must be shorter than 1048576 bytes" in info.value.response["Error"]["Message"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
    assert attributes["Attributes"]["ApproximateNumberOfMessages"] == "0"
    assert_alive(brume)


def test_batch_longer_than_sqs_reads_is_batch_request_too_long(brume, sqs, queue):
    entries = [{"Id": str(i), "MessageBody": "x" * (2 * MIB)} for i in range(9)]
    with sqs_error(sqs, "BatchRequestTooLong"):
        sqs.send_message_batch(QueueUrl=queue, Entries=entries)
    assert "Messages" not in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0)
    assert_alive(brume)


def test_the_1_mib_message_limit_holds(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="x" * MIB)
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.send_message(QueueUrl=queue, MessageBody="x" * (MIB + 1))


# --- awsJson: Step Functions ---------------------------------------------------------------------

def test_start_execution_longer_than_step_functions_reads_is_413(brume, sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    with sfn_error(sfn, "RequestEntityTooLargeException", 413):
        sfn.start_execution(stateMachineArn=machine, input=json.dumps({"pad": "x" * (STATES_READ_LIMIT + 1)}))
    assert sfn.list_executions(stateMachineArn=machine)["executions"] == []
    assert_alive(brume)


@pytest.mark.parametrize("target,content_type", [
    ("Logs_20140328.PutLogEvents", "application/x-amz-json-1.1"),
    ("AWSEvents.PutEvents", "application/x-amz-json-1.1"),
])
def test_other_awsjson_services_answer_413_in_their_envelope(brume, target, content_type):
    body = json.dumps({"pad": "x" * (4 * MIB + 1)})
    response = http().post(brume.endpoint + "/", data=body,
                           headers={"X-Amz-Target": target, "Content-Type": content_type})
    assert response.status_code == 413, response.text[:300]
    assert response.json()["__type"] == "RequestEntityTooLargeException"
    assert response.headers["x-amzn-RequestId"]
    assert_alive(brume)


# --- broken framing ------------------------------------------------------------------------------

def _sqs_send_head(brume, queue: str, framing: bytes) -> bytes:
    host = urlsplit(brume.endpoint).netloc.encode()
    return (b"POST / HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n"
            b"X-Amz-Target: AmazonSQS.SendMessage\r\nContent-Type: application/x-amz-json-1.0\r\n"
            + framing + b"\r\n")


@pytest.mark.parametrize("framing,body", [
    (b"Content-Length: 400\r\n", None),                       # the client stops before its length
    (b"Transfer-Encoding: chunked\r\n", b"zz\r\n"),           # a chunk size that is not hex
])
def test_a_body_with_broken_framing_is_a_400_in_the_envelope_and_sends_nothing(brume, sqs, queue, framing, body):
    message = json.dumps({"QueueUrl": queue, "MessageBody": "half"}).encode()
    payload = message if body is None else body + message
    url = urlsplit(brume.endpoint)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(_sqs_send_head(brume, queue, framing) + payload)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 400"), answer[:300]
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["__type"].endswith("SerializationException")
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
    assert attributes["Attributes"]["ApproximateNumberOfMessages"] == "0"
    assert_alive(brume)
