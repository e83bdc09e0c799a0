"""Date headers no parser can read never take Brume down (issue 12).

S3 ignores a conditional date it cannot parse (If-Modified-Since, If-Unmodified-Since and the
x-amz-copy-source-if-* pair), and stores Expires exactly as sent: S3 enforces no format on it, which
is why the SDKs grew `ExpiresString` and leave `Expires` empty when it is not a date. SigV4 dates
that are not dates are the protocol's own 4xx. After every such request the stack still answers
and the object is unchanged.
"""

from __future__ import annotations

import pytest

from harness import http
from s3helpers import quoted_md5

BODY = b"this object must not change\n"

# Dates a parser may choke on: years no integer type or calendar holds, signs, nothing at all,
# non-ASCII digits, impossible days and times, a kilobyte of digits.
HOSTILE_DATES = [
    "Sun, 06 Nov 99999999999 08:49:37 GMT",
    "Sun, 06 Nov 99999999999999999999999999999 08:49:37 GMT",
    "Sunday, 06-Nov-99999999999 08:49:37 GMT",
    "Sun Nov  6 08:49:37 99999999999",
    "Sun, 06 Nov -2147483649 08:49:37 GMT",
    "Sun, 06 Nov 0000 08:49:37 GMT",
    "Sun, 31 Feb 2021 08:49:37 GMT",
    "Sun, 06 Nov 1994 99:99:99 GMT",
    "99999999999-11-06T08:49:37Z",
    "-99999999999-11-06T08:49:37.999999999999Z",
    "Sun, 06 Nov 1994 \u0668:49:37 GMT",
    "",
    "yesterday",
    "9" * 1000,
]

CONDITION_HEADERS = ["If-Modified-Since", "If-Unmodified-Since"]
COPY_CONDITION_HEADERS = ["x-amz-copy-source-if-modified-since", "x-amz-copy-source-if-unmodified-since"]


@pytest.fixture
def stored(s3, bucket):
    """The bucket, with one object whose body and ETag every test checks afterwards."""
    s3.put_object(Bucket=bucket, Key="obj", Body=BODY, ContentType="text/plain")
    return bucket


def assert_alive_and_unchanged(brume, s3, bucket):
    assert http().get(f"{brume.endpoint}/_brume/health", timeout=5).status_code == 200
    got = s3.get_object(Bucket=bucket, Key="obj")
    assert got["Body"].read() == BODY
    assert got["ETag"] == quoted_md5(BODY)
    assert got["ContentType"] == "text/plain"


def encoded(value: str) -> bytes:
    # requests sends str header values as Latin-1; send the UTF-8 bytes of anything else.
    return value.encode("utf-8")


@pytest.mark.parametrize("header", CONDITION_HEADERS)
@pytest.mark.parametrize("value", HOSTILE_DATES)
def test_unreadable_conditional_dates_are_ignored_by_get_and_head(brume, s3, stored, header, value):
    url = f"{brume.endpoint}/{stored}/obj"
    got = http().get(url, headers={header: encoded(value)}, timeout=10)
    assert got.status_code == 200, got.text
    assert got.content == BODY
    head = http().head(url, headers={header: encoded(value)}, timeout=10)
    assert head.status_code == 200
    assert head.headers["ETag"] == quoted_md5(BODY)
    assert_alive_and_unchanged(brume, s3, stored)


@pytest.mark.parametrize("header", CONDITION_HEADERS)
def test_boto3_head_and_get_with_an_injected_huge_year(brume, s3, stored, header):
    # boto3 cannot spell year 99999999999 itself; put it on the wire after serialisation.
    def inject(request, **_):
        request.headers[header] = "Sun, 06 Nov 99999999999 08:49:37 GMT"

    s3.meta.events.register("before-sign.s3.HeadObject", inject)
    s3.meta.events.register("before-sign.s3.GetObject", inject)
    try:
        assert s3.head_object(Bucket=stored, Key="obj")["ContentLength"] == len(BODY)
        assert s3.get_object(Bucket=stored, Key="obj")["Body"].read() == BODY
    finally:
        s3.meta.events.unregister("before-sign.s3.HeadObject", inject)
        s3.meta.events.unregister("before-sign.s3.GetObject", inject)
    assert_alive_and_unchanged(brume, s3, stored)


@pytest.mark.parametrize("header", COPY_CONDITION_HEADERS)
@pytest.mark.parametrize("value", HOSTILE_DATES)
def test_unreadable_copy_source_conditions_are_ignored(brume, s3, stored, header, value):
    response = http().put(f"{brume.endpoint}/{stored}/copy",
                          headers={"x-amz-copy-source": f"/{stored}/obj", header: encoded(value)}, timeout=10)
    assert response.status_code == 200, response.text
    assert s3.get_object(Bucket=stored, Key="copy")["Body"].read() == BODY
    assert_alive_and_unchanged(brume, s3, stored)


def test_boto3_copy_object_with_an_injected_huge_year(brume, s3, stored):
    def inject(request, **_):
        request.headers["x-amz-copy-source-if-unmodified-since"] = "Sun, 06 Nov 99999999999 08:49:37 GMT"

    s3.meta.events.register("before-sign.s3.CopyObject", inject)
    try:
        s3.copy_object(Bucket=stored, Key="copy", CopySource={"Bucket": stored, "Key": "obj"})
    finally:
        s3.meta.events.unregister("before-sign.s3.CopyObject", inject)
    assert s3.get_object(Bucket=stored, Key="copy")["Body"].read() == BODY
    assert_alive_and_unchanged(brume, s3, stored)


@pytest.mark.parametrize("value", [v for v in HOSTILE_DATES if v.isascii() and v])
def test_put_object_stores_any_expires_as_sent(brume, s3, stored, value):
    # S3 enforces no format on Expires: it stores the text and returns it on GET and HEAD.
    put = http().put(f"{brume.endpoint}/{stored}/expiring", data=b"x", headers={"Expires": value}, timeout=10)
    assert put.status_code == 200, put.text
    assert http().get(f"{brume.endpoint}/{stored}/expiring", timeout=10).headers["Expires"] == value
    head = s3.head_object(Bucket=stored, Key="expiring")
    # botocore keeps the raw text in ExpiresString (and drops Expires when it cannot read it).
    assert head["ExpiresString"] == value
    if "99999999999" in value:
        assert "Expires" not in head
    assert_alive_and_unchanged(brume, s3, stored)


def test_readable_expires_still_parses_for_sdks(s3, stored):
    s3.put_object(Bucket=stored, Key="expiring", Body=b"x", Expires="Wed, 21 Oct 2037 07:28:00 GMT")
    head = s3.head_object(Bucket=stored, Key="expiring")
    assert head["ExpiresString"] == "Wed, 21 Oct 2037 07:28:00 GMT"
    assert head["Expires"].year == 2037


@pytest.mark.parametrize("amz_date", ["99999999T999999Z", "99999999999999999999T000000Z", "00000101T000000Z"])
def test_unreadable_presigned_dates_are_refused(brume, s3, stored, amz_date):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": stored, "Key": "obj"}, ExpiresIn=60)
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    tampered = url.replace(f"X-Amz-Date={query['X-Amz-Date']}", f"X-Amz-Date={amz_date}")
    response = http().get(tampered, timeout=10)
    assert response.status_code == 400
    assert "<Code>AuthorizationQueryParametersError</Code>" in response.text
    assert_alive_and_unchanged(brume, s3, stored)


def test_huge_presigned_expiry_is_refused(brume, s3, stored):
    url = s3.generate_presigned_url("get_object", Params={"Bucket": stored, "Key": "obj"}, ExpiresIn=60)
    response = http().get(url.replace("X-Amz-Expires=60", "X-Amz-Expires=9223372036854775807"), timeout=10)
    assert response.status_code == 400
    assert "<Code>AuthorizationQueryParametersError</Code>" in response.text
    assert_alive_and_unchanged(brume, s3, stored)


def test_unreadable_signed_x_amz_date_does_not_crash(brume, s3, stored):
    headers = {"X-Amz-Date": "99999999999999T999999Z",
               "Authorization": "AWS4-HMAC-SHA256 Credential=test/99999999/us-east-1/s3/aws4_request, "
                                "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64}
    response = http().get(f"{brume.endpoint}/{stored}/obj", headers=headers, timeout=10)
    assert response.status_code in (200, 400, 403), response.text
    assert_alive_and_unchanged(brume, s3, stored)
