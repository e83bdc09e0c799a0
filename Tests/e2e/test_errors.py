"""Wire-level error shape, request ids, and relaxed-auth acceptance on the shared server."""

import hashlib
import xml.etree.ElementTree as ET

import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from harness import http
from s3helpers import headers_of, s3_error, status_of, unique_bucket


def signed(brume, method, path, *, body=b"", headers=None, access_key="test", secret_key="test"):
    """Send a raw SigV4-signed request, so status, headers and body can be inspected as sent."""
    request = AWSRequest(method=method, url=f"{brume.endpoint}{path}", data=body, headers=dict(headers or {}))
    request.headers["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()
    S3SigV4Auth(Credentials(access_key, secret_key), "s3", "us-east-1").add_auth(request)
    prepared = request.prepare()
    return http().request(method, prepared.url, headers=dict(prepared.headers), data=body)


def test_success_responses_carry_request_id(s3, bucket):
    responses = [
        s3.list_buckets(),
        s3.head_bucket(Bucket=bucket),
        s3.put_object(Bucket=bucket, Key="k", Body=b"v"),
        s3.get_object(Bucket=bucket, Key="k"),
        s3.list_objects_v2(Bucket=bucket),
        s3.delete_object(Bucket=bucket, Key="k"),
    ]
    for response in responses:
        assert headers_of(response).get("x-amz-request-id"), headers_of(response)
        assert response["ResponseMetadata"]["RequestId"] == headers_of(response)["x-amz-request-id"]


def test_error_responses_carry_request_id(s3, bucket):
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object(Bucket=bucket, Key="missing")
    assert info.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]
    with s3_error("404", 404) as info:
        s3.head_object(Bucket=bucket, Key="missing")
    assert info.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]


def test_request_ids_are_unique(s3, bucket):
    ids = {headers_of(s3.head_bucket(Bucket=bucket))["x-amz-request-id"] for _ in range(5)}
    assert len(ids) == 5


def test_error_body_is_s3_xml(brume, bucket):
    response = signed(brume, "GET", f"/{bucket}/missing-key")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Error"
    assert root.findtext("Code") == "NoSuchKey"
    assert root.findtext("Message") == "The specified key does not exist."
    assert root.findtext("Key") == "missing-key"
    assert root.findtext("RequestId") == response.headers["x-amz-request-id"]


def test_no_such_bucket_body_names_the_bucket(brume):
    name = unique_bucket("missing")
    response = signed(brume, "GET", f"/{name}")
    assert response.status_code == 404
    root = ET.fromstring(response.content)
    assert root.findtext("Code") == "NoSuchBucket"
    assert root.findtext("Message") == "The specified bucket does not exist"
    assert root.findtext("BucketName") == name


def test_head_error_has_no_body(brume, bucket):
    response = signed(brume, "HEAD", f"/{bucket}/missing-key")
    assert response.status_code == 404
    assert response.content == b""
    assert response.headers["x-amz-request-id"]


def test_success_xml_uses_s3_namespace(brume, bucket):
    response = signed(brume, "GET", f"/{bucket}?list-type=2")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://s3.amazonaws.com/doc/2006-03-01/}ListBucketResult"


def test_unsupported_method_on_object_is_method_not_allowed(brume, bucket):
    response = signed(brume, "PATCH", f"/{bucket}/k")
    assert response.status_code == 405
    assert ET.fromstring(response.content).findtext("Code") == "MethodNotAllowed"


# --- relaxed auth (the shared server runs `auth: relaxed`) ---------------------------------------

def test_relaxed_auth_accepts_wrong_secret(brume, bucket):
    client = brume.client(secret_key="definitely-wrong")
    assert status_of(client.put_object(Bucket=bucket, Key="k", Body=b"v")) == 200
    assert client.get_object(Bucket=bucket, Key="k")["Body"].read() == b"v"


@pytest.mark.parametrize("access_key", ["test", "AKIAUNCONFIGURED0001", "123456789012"])
def test_relaxed_auth_accepts_any_access_key(brume, access_key):
    client = brume.client(access_key=access_key, secret_key="anything")
    name = unique_bucket("relaxed")
    client.create_bucket(Bucket=name)
    try:
        assert status_of(client.head_bucket(Bucket=name)) == 200
    finally:
        client.delete_bucket(Bucket=name)


@pytest.mark.parametrize("extra", [
    {"ServerSideEncryption": "aws:kms"},
    {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": "k" * 32},
    {"GrantRead": 'uri="http://acs.amazonaws.com/groups/global/AllUsers"'},
    {"ObjectLockLegalHoldStatus": "ON"},
])
def test_unsupported_write_options_are_refused_not_ignored(s3, bucket, extra):
    with s3_error("NotImplemented", 501):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", **extra)
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="k")


def test_sse_s3_is_accepted_and_reported(s3, bucket):
    response = s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="AES256")
    assert response["ServerSideEncryption"] == "AES256"
    assert s3.head_object(Bucket=bucket, Key="k")["ServerSideEncryption"] == "AES256"


def test_response_overrides_need_a_signed_request(brume, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    response = http().get(f"{brume.endpoint}/{bucket}/k?response-content-type=text/html")
    assert response.status_code == 400
    assert "<Code>InvalidRequest</Code>" in response.text
    signed = s3.get_object(Bucket=bucket, Key="k", ResponseContentType="text/html")
    assert signed["ContentType"] == "text/html"


def test_object_ownership_other_than_bucket_owner_enforced_is_refused(s3):
    name = unique_bucket("ownership")
    with s3_error("NotImplemented", 501):
        s3.create_bucket(Bucket=name, ObjectOwnership="ObjectWriter")
    s3.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced")
    s3.delete_bucket(Bucket=name)
