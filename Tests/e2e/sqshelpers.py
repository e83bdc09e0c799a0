"""SQS helpers: unique queue names, boto3 SQS clients, signed query-protocol requests, XML parsing
and independent computations of the MD5 digests SQS returns."""

from __future__ import annotations

import hashlib
import struct
import time
import uuid
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from urllib.parse import urlencode

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

from harness import ACCESS_KEY, REGION, SECRET_KEY, http

ACCOUNT = "000000000000"
QUERY_NS = "http://queue.amazonaws.com/doc/2012-11-05/"
API_VERSION = "2012-11-05"
MIB = 1024 * 1024


def unique_queue(prefix: str = "q", fifo: bool = False) -> str:
    name = f"e2e-{prefix}-{uuid.uuid4().hex[:12]}"
    return name + ".fifo" if fifo else name


def make_sqs_client(endpoint: str, *, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY,
                    region: str = REGION, read_timeout: int = 60):
    """A boto3 SQS client (JSON protocol) with retries off so every error surfaces as sent."""
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=read_timeout,
                 max_pool_connections=32)
    return boto3.session.Session().client(
        "sqs", endpoint_url=endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        region_name=region, config=cfg)


def queue_arn(name: str, account: str = ACCOUNT, region: str = REGION) -> str:
    return f"arn:aws:sqs:{region}:{account}:{name}"


def queue_url(endpoint: str, name: str, account: str = ACCOUNT) -> str:
    return f"{endpoint}/{account}/{name}"


def name_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


# AWS's service model gives ReceiptHandleIsInvalid no HTTP status of its own (the query-era
# botocore model said 404; reports of real AWS say 400): accept either.
RECEIPT_HANDLE_STATUS = (400, 404)


@contextmanager
def sqs_error(client, exception_name: str | None, code: str | None = None, status: int | tuple = 400):
    """Expect a modeled SQS exception (client.exceptions.<exception_name>, or a plain ClientError
    when None) whose Error.Code (the query-compatible code) is `code`, with HTTP `status` (one
    status or a tuple of acceptable ones)."""

    from botocore.exceptions import ClientError
    expected = getattr(client.exceptions, exception_name) if exception_name else ClientError
    with pytest.raises(expected) as info:
        yield info
    error = info.value.response["Error"]
    if code is not None:
        assert error["Code"] == code, info.value.response
    statuses = status if isinstance(status, tuple) else (status,)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] in statuses, info.value.response


def delete_queue_quietly(client, url: str) -> None:
    try:
        client.delete_queue(QueueUrl=url)
    except Exception:  # noqa: BLE001 - cleanup only
        pass


# --- MD5 digests ---------------------------------------------------------------------------------

def md5_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.md5(data).hexdigest()


def _length_prefixed(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def md5_of_attributes(attributes: dict) -> str:
    """The documented MD5OfMessageAttributes algorithm: attributes sorted by name; for each, the
    length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary) and the
    length-prefixed value."""
    buf = b""
    for name in sorted(attributes):
        value = attributes[name]
        buf += _length_prefixed(name.encode("utf-8"))
        buf += _length_prefixed(value["DataType"].encode("utf-8"))
        if "StringValue" in value:
            buf += b"\x01" + _length_prefixed(value["StringValue"].encode("utf-8"))
        else:
            binary = value["BinaryValue"]
            buf += b"\x02" + _length_prefixed(binary if isinstance(binary, bytes) else binary.encode())
    return hashlib.md5(buf).hexdigest()


# --- query protocol ------------------------------------------------------------------------------

def signed_query(endpoint: str, params: dict, url: str | None = None, *, access_key: str = ACCESS_KEY,
                 secret_key: str = SECRET_KEY, region: str = REGION):
    """POST a SigV4-signed (service `sqs`) form-encoded query-protocol request to `url` (default:
    `<endpoint>/`) and return the `requests` response."""
    fields = {"Version": API_VERSION, **params}
    body = urlencode(fields).encode()
    target = url or f"{endpoint}/"
    request = AWSRequest(method="POST", url=target, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(access_key, secret_key), "sqs", region).add_auth(request)
    prepared = request.prepare()
    return http().post(prepared.url, headers=dict(prepared.headers), data=body, timeout=60)


def parse_xml(content: bytes) -> ET.Element:
    """Parse an XML body and strip namespaces from every tag (the root keeps `.ns`)."""
    root = ET.fromstring(content)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    for element in root.iter():
        if element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]
    root.attrib["__ns__"] = namespace
    return root


def xml_namespace(root: ET.Element) -> str:
    return root.attrib.get("__ns__", "")


def xml_attributes(parent: ET.Element, tag: str = "Attribute") -> dict:
    """`<Attribute><Name>n</Name><Value>v</Value></Attribute>` children → {n: v}."""
    return {a.findtext("Name"): a.findtext("Value") for a in parent.findall(tag)}


def xml_message_attributes(message: ET.Element) -> dict:
    result = {}
    for attribute in message.findall("MessageAttribute"):
        value = attribute.find("Value")
        entry = {"DataType": value.findtext("DataType")}
        if value.find("StringValue") is not None:
            entry["StringValue"] = value.findtext("StringValue")
        if value.find("BinaryValue") is not None:
            entry["BinaryValue"] = value.findtext("BinaryValue")
        result[attribute.findtext("Name")] = entry
    return result


def query_error(response) -> tuple[str, str, str]:
    """(Type, Code, Message) of a query-protocol ErrorResponse."""
    root = parse_xml(response.content)
    assert root.tag == "ErrorResponse", response.text
    error = root.find("Error")
    assert root.findtext("RequestId"), response.text
    return error.findtext("Type"), error.findtext("Code"), error.findtext("Message")


# --- receiving ----------------------------------------------------------------------------------

def receive_all(client, url: str, *, expected: int | None = None, timeout: float = 10.0,
                visibility: int = 30, delete: bool = False, **kwargs) -> list[dict]:
    """Receive until `expected` messages were seen (or, without `expected`, until a receive comes
    back empty), giving up after `timeout` seconds."""
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=visibility,
                                          WaitTimeSeconds=1, **kwargs)
        messages = response.get("Messages", [])
        if delete and messages:
            client.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
        seen.extend(messages)
        if expected is not None and len(seen) >= expected:
            break
        if expected is None and not messages:
            break
    return seen


def attributes_of(client, url: str, *names: str) -> dict:
    return client.get_queue_attributes(QueueUrl=url, AttributeNames=list(names) or ["All"]).get("Attributes", {})
