"""Pre-signed URLs (query-string SigV4), fetched with plain HTTP as a browser or curl would.

Query signatures are always verified, whatever the stack's `auth` mode.
"""

import time
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from harness import http

BODY = b"presigned payload"


def error_of(response):
    """(Code, Message) from an S3 XML error body; fails if the body is not one."""
    assert response.headers["Content-Type"].startswith("application/xml"), response.text
    root = ET.fromstring(response.content)
    assert root.tag == "Error", response.text
    return root.findtext("Code"), root.findtext("Message")


def with_query(url, change):
    """Rebuild `url` after `change(params)` edits its query parameters (a list of pairs)."""
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    params = change(params)
    return urlunsplit(parts._replace(query=urlencode(params)))


@pytest.fixture
def obj(s3, bucket):
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=BODY)
    s3.put_object(Bucket=bucket, Key="other.txt", Body=b"other")
    return bucket, "doc.txt"


def presign_get(s3, bucket, key, expires=300, **params):
    return s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key, **params}, ExpiresIn=expires)


def test_presigned_get_downloads_object(s3, obj):
    response = http().get(presign_get(s3, *obj))
    assert response.status_code == 200
    assert response.content == BODY
    assert response.headers["ETag"].strip('"')
    assert response.headers["x-amz-request-id"]


def test_presigned_get_applies_signed_response_overrides(s3, obj):
    url = presign_get(s3, *obj, ResponseContentDisposition='attachment; filename="x.txt"')
    response = http().get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="x.txt"'


def test_presigned_put_uploads_object(s3, bucket):
    url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "up.bin"}, ExpiresIn=300)
    response = http().put(url, data=b"uploaded with a URL")
    assert response.status_code == 200
    assert s3.get_object(Bucket=bucket, Key="up.bin")["Body"].read() == b"uploaded with a URL"


def test_presigned_put_with_signed_content_type(s3, bucket):
    url = s3.generate_presigned_url("put_object", ExpiresIn=300,
                                    Params={"Bucket": bucket, "Key": "typed.txt", "ContentType": "text/plain"})
    response = http().put(url, data=b"typed", headers={"Content-Type": "text/plain"})
    assert response.status_code == 200
    assert s3.head_object(Bucket=bucket, Key="typed.txt")["ContentType"] == "text/plain"


def test_tampered_signature_is_signature_does_not_match(s3, obj):
    def flip(params):
        return [(k, (v[:-1] + ("0" if v[-1] != "0" else "1")) if k == "X-Amz-Signature" else v) for k, v in params]

    response = http().get(with_query(presign_get(s3, *obj), flip))
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"


def test_changed_key_is_signature_does_not_match(s3, obj):
    bucket, key = obj
    url = presign_get(s3, bucket, key).replace(f"/{key}?", "/other.txt?")
    response = http().get(url)
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"


def test_changed_query_parameter_is_signature_does_not_match(s3, obj):
    def longer(params):
        return [(k, "301" if k == "X-Amz-Expires" else v) for k, v in params]

    response = http().get(with_query(presign_get(s3, *obj, expires=300), longer))
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"


def test_added_query_parameter_is_signature_does_not_match(s3, obj):
    response = http().get(with_query(presign_get(s3, *obj),
                                     lambda params: params + [("response-content-type", "text/evil")]))
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"


def test_presigned_get_used_for_put_is_signature_does_not_match(s3, obj):
    response = http().put(presign_get(s3, *obj), data=b"overwrite")
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"
    assert http().get(presign_get(s3, *obj)).content == BODY


def test_expired_url_is_access_denied(s3, obj):
    url = presign_get(s3, *obj, expires=1)
    time.sleep(2.5)
    response = http().get(url)
    assert response.status_code == 403
    assert error_of(response) == ("AccessDenied", "Request has expired")


def test_expiry_over_seven_days_is_authorization_query_parameters_error(s3, obj):
    response = http().get(presign_get(s3, *obj, expires=604801))
    assert response.status_code == 400
    assert error_of(response)[0] == "AuthorizationQueryParametersError"


def test_expiry_of_exactly_seven_days_is_accepted(s3, obj):
    assert http().get(presign_get(s3, *obj, expires=604800)).status_code == 200


def test_unknown_access_key_is_invalid_access_key_id(brume, obj):
    stranger = brume.client(access_key="AKIDNOTCONFIGURED", secret_key="whatever")
    response = http().get(presign_get(stranger, *obj))
    assert response.status_code == 403
    assert error_of(response)[0] == "InvalidAccessKeyId"


def test_wrong_secret_is_signature_does_not_match(brume, obj):
    impostor = brume.client(secret_key="not-the-secret")
    response = http().get(presign_get(impostor, *obj))
    assert response.status_code == 403
    assert error_of(response)[0] == "SignatureDoesNotMatch"


def test_presigned_get_for_missing_key_is_no_such_key(s3, bucket):
    response = http().get(presign_get(s3, bucket, "absent.txt"))
    assert response.status_code == 404
    assert error_of(response)[0] == "NoSuchKey"
