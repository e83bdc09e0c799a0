"""Object operations: put/get/head/delete, integrity, conditions, ranges, copy, tagging, attributes."""

import gzip
import os
from datetime import datetime, timedelta, timezone

import pytest

from s3helpers import (
    CHECKSUMS,
    crc32_b64,
    headers_of,
    md5_b64,
    md5_hex,
    quoted_md5,
    s3_error,
    sha256_b64,
    status_of,
    unique_bucket,
)

BODY = b"The quick brown fox jumps over the lazy dog.\n" * 3
DIGITS = b"0123456789" * 10  # 100 bytes, easy to reason about in range tests


def put(s3, bucket, key="obj", body=BODY, **kwargs):
    return s3.put_object(Bucket=bucket, Key=key, Body=body, **kwargs)


def get_body(s3, bucket, key, **kwargs):
    return s3.get_object(Bucket=bucket, Key=key, **kwargs)["Body"].read()


# --- put / get round trip ----------------------------------------------------------------------

def test_put_get_round_trip_is_byte_identical(s3, bucket):
    body = os.urandom(64 * 1024) + b"\x00\xff\r\n"
    put_response = put(s3, bucket, body=body)
    assert status_of(put_response) == 200
    assert put_response["ETag"] == quoted_md5(body)

    got = s3.get_object(Bucket=bucket, Key="obj")
    assert got["Body"].read() == body
    assert got["ETag"] == quoted_md5(body)
    assert got["ContentLength"] == len(body)


def test_empty_object_round_trip(s3, bucket):
    assert put(s3, bucket, body=b"")["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'
    assert get_body(s3, bucket, "obj") == b""


def test_put_overwrites_existing_object(s3, bucket):
    put(s3, bucket, body=b"first")
    put(s3, bucket, body=b"second")
    assert get_body(s3, bucket, "obj") == b"second"


def test_default_content_type_is_binary_octet_stream(s3, bucket):
    put(s3, bucket)
    assert s3.head_object(Bucket=bucket, Key="obj")["ContentType"] == "binary/octet-stream"


def test_headers_and_user_metadata_round_trip(s3, bucket):
    expires = datetime(2031, 5, 17, 12, 30, tzinfo=timezone.utc)
    body = gzip.compress(BODY)
    put(s3, bucket, body=body,
        Metadata={"color": "blue", "owner-name": "Ada"},
        ContentType="text/plain; charset=utf-8",
        ContentEncoding="gzip",
        ContentDisposition='attachment; filename="fox.txt"',
        ContentLanguage="en",
        CacheControl="max-age=60, public",
        Expires=expires)
    for response in (s3.head_object(Bucket=bucket, Key="obj"), s3.get_object(Bucket=bucket, Key="obj")):
        assert response["Metadata"] == {"color": "blue", "owner-name": "Ada"}
        assert response["ContentType"] == "text/plain; charset=utf-8"
        assert response["ContentEncoding"] == "gzip"
        assert response["ContentDisposition"] == 'attachment; filename="fox.txt"'
        assert response["ContentLanguage"] == "en"
        assert response["CacheControl"] == "max-age=60, public"
        assert response["Expires"] == expires
    assert get_body(s3, bucket, "obj") == body  # stored as sent, not decoded


def test_canned_acl_header_is_accepted(s3, bucket):
    assert status_of(put(s3, bucket, ACL="private")) == 200
    assert get_body(s3, bucket, "obj") == BODY


@pytest.mark.parametrize("key", [
    "ünïcødé/日本語.txt",
    "with space.txt",
    "plus+sign.txt",
    "percent%20literal%.txt",
    "../../etc/passwd",
    "a//double//slash",
    "question?mark&amp=1",
    "hash#fragment",
    "tilde~and'quote\"",
    "emoji-😀.bin",
    "trailing/",
])
def test_unusual_keys_round_trip_as_plain_keys(s3, bucket, key):
    body = key.encode() * 2
    put(s3, bucket, key=key, body=body)
    assert get_body(s3, bucket, key) == body
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(body)
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == [key]


def test_key_of_1024_bytes_is_accepted(s3, bucket):
    key = "k" * 1024
    put(s3, bucket, key=key)
    assert get_body(s3, bucket, key) == BODY


def test_key_longer_than_1024_bytes_is_key_too_long(s3, bucket):
    with s3_error("KeyTooLongError", 400):
        put(s3, bucket, key="k" * 1025)


def test_get_missing_key_is_no_such_key(s3, bucket):
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object(Bucket=bucket, Key="nope")
    assert info.value.response["Error"]["Key"] == "nope"


def test_object_operations_on_missing_bucket_are_no_such_bucket(s3):
    missing = unique_bucket("missing")
    with s3_error("NoSuchBucket", 404):
        s3.put_object(Bucket=missing, Key="k", Body=b"x")
    with s3_error("NoSuchBucket", 404):
        s3.get_object(Bucket=missing, Key="k")


def test_virtual_hosted_style_requests(brume, s3, bucket, resolve_localhost):
    virtual = brume.virtual_client()
    assert status_of(virtual.put_object(Bucket=bucket, Key="dir/v.txt", Body=b"virtual")) == 200
    assert get_body(s3, bucket, "dir/v.txt") == b"virtual"
    assert get_body(virtual, bucket, "dir/v.txt") == b"virtual"
    assert [o["Key"] for o in virtual.list_objects_v2(Bucket=bucket)["Contents"]] == ["dir/v.txt"]


# --- integrity ---------------------------------------------------------------------------------

def test_correct_content_md5_is_accepted(s3, bucket):
    assert status_of(put(s3, bucket, ContentMD5=md5_b64(BODY))) == 200


def test_wrong_content_md5_is_bad_digest_and_object_unchanged(s3, bucket):
    put(s3, bucket, body=b"original")
    with s3_error("BadDigest", 400):
        put(s3, bucket, body=b"replacement", ContentMD5=md5_b64(b"something else"))
    assert get_body(s3, bucket, "obj") == b"original"


def test_non_base64_content_md5_is_invalid_digest(s3, bucket):
    with s3_error("InvalidDigest", 400):
        put(s3, bucket, ContentMD5="this is not base64!")
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="obj")


@pytest.mark.parametrize("algorithm", sorted(CHECKSUMS))
def test_checksum_is_stored_and_returned(s3, bucket, algorithm):
    # The value is computed here (not by botocore) so CRC32C/CRC64NVME work without awscrt.
    value = CHECKSUMS[algorithm](BODY)
    member = f"Checksum{algorithm}"
    response = put(s3, bucket, ChecksumAlgorithm=algorithm, **{member: value})
    assert response[member] == value

    got = s3.get_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")
    assert got[member] == value
    assert got["Body"].read() == BODY
    assert s3.head_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")[member] == value


def test_checksum_value_header_without_algorithm_header_is_honoured(s3, bucket):
    # A caller may send only x-amz-checksum-crc32 (no x-amz-sdk-checksum-algorithm).
    response = put(s3, bucket, ChecksumCRC32=crc32_b64(BODY))
    assert response["ChecksumCRC32"] == crc32_b64(BODY)
    head = s3.head_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == crc32_b64(BODY)


def test_sdk_computed_checksum_is_stored(s3, bucket):
    response = put(s3, bucket, ChecksumAlgorithm="SHA256")
    assert response["ChecksumSHA256"] == sha256_b64(BODY)
    head = s3.head_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")
    assert head["ChecksumSHA256"] == sha256_b64(BODY)


def test_wrong_crc32_checksum_is_bad_digest(s3, bucket):
    with s3_error("BadDigest", 400):
        put(s3, bucket, ChecksumAlgorithm="CRC32", ChecksumCRC32=crc32_b64(b"not the body"))
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="obj")


def test_wrong_sha256_checksum_is_bad_digest(s3, bucket):
    with s3_error("BadDigest", 400):
        put(s3, bucket, ChecksumAlgorithm="SHA256", ChecksumSHA256=sha256_b64(b"not the body"))


# --- conditional writes ------------------------------------------------------------------------

def test_if_none_match_star_creates_new_object(s3, bucket):
    assert status_of(put(s3, bucket, IfNoneMatch="*")) == 200
    assert get_body(s3, bucket, "obj") == BODY


def test_if_none_match_star_on_existing_object_is_precondition_failed(s3, bucket):
    put(s3, bucket, body=b"original")
    with s3_error("PreconditionFailed", 412):
        put(s3, bucket, body=b"replacement", IfNoneMatch="*")
    assert get_body(s3, bucket, "obj") == b"original"


def test_if_match_with_current_etag_overwrites(s3, bucket):
    etag = put(s3, bucket, body=b"original")["ETag"]
    assert status_of(put(s3, bucket, body=b"replacement", IfMatch=etag)) == 200
    assert get_body(s3, bucket, "obj") == b"replacement"


def test_if_match_with_wrong_etag_is_precondition_failed(s3, bucket):
    put(s3, bucket, body=b"original")
    with s3_error("PreconditionFailed", 412):
        put(s3, bucket, body=b"replacement", IfMatch=quoted_md5(b"something else"))
    assert get_body(s3, bucket, "obj") == b"original"


# --- ranges ------------------------------------------------------------------------------------

@pytest.mark.parametrize("range_header, start, end", [
    ("bytes=10-19", 10, 19),
    ("bytes=0-0", 0, 0),
    ("bytes=-5", 95, 99),       # suffix range
    ("bytes=5-", 5, 99),        # open-ended range
    ("bytes=90-500", 90, 99),   # end past the object is clamped
])
def test_range_get_is_partial_content(s3, bucket, range_header, start, end):
    put(s3, bucket, body=DIGITS)
    got = s3.get_object(Bucket=bucket, Key="obj", Range=range_header)
    assert status_of(got) == 206
    assert got["ContentRange"] == f"bytes {start}-{end}/100"
    assert got["ContentLength"] == end - start + 1
    assert got["Body"].read() == DIGITS[start:end + 1]
    assert headers_of(got)["accept-ranges"] == "bytes"


def test_unsatisfiable_range_is_invalid_range(s3, bucket):
    put(s3, bucket, body=DIGITS)
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=bucket, Key="obj", Range="bytes=100-200")


# --- conditional reads -------------------------------------------------------------------------

def test_get_if_match_current_etag_is_200(s3, bucket):
    etag = put(s3, bucket)["ETag"]
    assert status_of(s3.get_object(Bucket=bucket, Key="obj", IfMatch=etag)) == 200


def test_get_if_match_wrong_etag_is_precondition_failed(s3, bucket):
    put(s3, bucket)
    with s3_error("PreconditionFailed", 412):
        s3.get_object(Bucket=bucket, Key="obj", IfMatch=quoted_md5(b"other"))


def test_get_if_none_match_current_etag_is_not_modified(s3, bucket):
    etag = put(s3, bucket)["ETag"]
    with s3_error("304", 304):
        s3.get_object(Bucket=bucket, Key="obj", IfNoneMatch=etag)


def test_get_if_none_match_other_etag_is_200(s3, bucket):
    put(s3, bucket)
    assert status_of(s3.get_object(Bucket=bucket, Key="obj", IfNoneMatch=quoted_md5(b"other"))) == 200


def test_get_if_modified_since_future_is_not_modified(s3, bucket):
    put(s3, bucket)
    with s3_error("304", 304):
        s3.get_object(Bucket=bucket, Key="obj", IfModifiedSince=datetime.now(timezone.utc) + timedelta(days=1))


def test_get_if_modified_since_past_is_200(s3, bucket):
    put(s3, bucket)
    since = datetime(2000, 1, 1, tzinfo=timezone.utc)
    assert status_of(s3.get_object(Bucket=bucket, Key="obj", IfModifiedSince=since)) == 200


def test_get_if_unmodified_since_past_is_precondition_failed(s3, bucket):
    put(s3, bucket)
    with s3_error("PreconditionFailed", 412):
        s3.get_object(Bucket=bucket, Key="obj", IfUnmodifiedSince=datetime(2000, 1, 1, tzinfo=timezone.utc))


def test_get_if_unmodified_since_future_is_200(s3, bucket):
    put(s3, bucket)
    until = datetime.now(timezone.utc) + timedelta(days=1)
    assert status_of(s3.get_object(Bucket=bucket, Key="obj", IfUnmodifiedSince=until)) == 200


def test_head_if_none_match_current_etag_is_not_modified(s3, bucket):
    etag = put(s3, bucket)["ETag"]
    with s3_error("304", 304):
        s3.head_object(Bucket=bucket, Key="obj", IfNoneMatch=etag)


def test_response_header_overrides(s3, bucket):
    put(s3, bucket, ContentType="text/plain")
    expires = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    got = s3.get_object(
        Bucket=bucket, Key="obj",
        ResponseContentType="application/x-override",
        ResponseContentDisposition='attachment; filename="o.bin"',
        ResponseContentEncoding="identity",
        ResponseContentLanguage="fr",
        ResponseCacheControl="no-store",
        ResponseExpires=expires,
    )
    assert got["ContentType"] == "application/x-override"
    assert got["ContentDisposition"] == 'attachment; filename="o.bin"'
    assert got["ContentEncoding"] == "identity"
    assert got["ContentLanguage"] == "fr"
    assert got["CacheControl"] == "no-store"
    assert got["Expires"] == expires
    assert got["Body"].read() == BODY
    # The override is per response; the stored object is unchanged.
    assert s3.head_object(Bucket=bucket, Key="obj")["ContentType"] == "text/plain"


# --- head / delete -----------------------------------------------------------------------------

def test_head_object_reports_size_etag_and_last_modified(s3, bucket):
    put(s3, bucket)
    head = s3.head_object(Bucket=bucket, Key="obj")
    assert status_of(head) == 200
    assert head["ContentLength"] == len(BODY)
    assert head["ETag"] == quoted_md5(BODY)
    assert abs(head["LastModified"] - datetime.now(timezone.utc)) < timedelta(hours=1)


def test_head_missing_key_is_bare_404(s3, bucket):
    with s3_error("404", 404) as info:
        s3.head_object(Bucket=bucket, Key="nope")
    assert info.value.response["Error"]["Message"] == "Not Found"


def test_delete_object_is_204(s3, bucket):
    put(s3, bucket)
    assert status_of(s3.delete_object(Bucket=bucket, Key="obj")) == 204
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="obj")


def test_delete_missing_object_is_still_204(s3, bucket):
    assert status_of(s3.delete_object(Bucket=bucket, Key="never-existed")) == 204


def test_delete_objects_reports_every_key_including_missing(s3, bucket):
    for key in ("a", "b"):
        put(s3, bucket, key=key)
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "ghost"}]})
    assert sorted(d["Key"] for d in response["Deleted"]) == ["a", "b", "ghost"]
    assert "Errors" not in response
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_delete_objects_quiet_mode_lists_no_successes(s3, bucket):
    for key in ("a", "b"):
        put(s3, bucket, key=key)
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}], "Quiet": True})
    assert status_of(response) == 200
    assert "Deleted" not in response
    assert "Errors" not in response
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_delete_objects_accepts_1000_keys(s3, bucket):
    real = [f"real-{i}" for i in range(5)]
    for key in real:
        put(s3, bucket, key=key)
    keys = real + [f"ghost-{i}" for i in range(995)]
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
    assert sorted(d["Key"] for d in response["Deleted"]) == sorted(keys)
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket)


def test_delete_objects_over_1000_keys_is_malformed_xml(s3, bucket):
    put(s3, bucket)
    with s3_error("MalformedXML", 400):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]})
    assert get_body(s3, bucket, "obj") == BODY


# --- copy --------------------------------------------------------------------------------------

def put_source(s3, bucket, key="src"):
    return put(s3, bucket, key=key, ContentType="text/plain", Metadata={"origin": "source"})


def test_copy_object_copies_body_and_metadata_by_default(s3, bucket):
    etag = put_source(s3, bucket)["ETag"]
    response = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
    assert response["CopyObjectResult"]["ETag"] == etag
    got = s3.get_object(Bucket=bucket, Key="dst")
    assert got["Body"].read() == BODY
    assert got["Metadata"] == {"origin": "source"}
    assert got["ContentType"] == "text/plain"


def test_copy_object_replace_directive_uses_new_metadata(s3, bucket):
    put_source(s3, bucket)
    s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                   MetadataDirective="REPLACE", Metadata={"fresh": "yes"}, ContentType="application/json")
    head = s3.head_object(Bucket=bucket, Key="dst")
    assert head["Metadata"] == {"fresh": "yes"}
    assert head["ContentType"] == "application/json"
    assert get_body(s3, bucket, "dst") == BODY


def test_copy_object_across_buckets(s3, bucket):
    other = unique_bucket("copy")
    s3.create_bucket(Bucket=other)
    try:
        put_source(s3, bucket)
        s3.copy_object(Bucket=other, Key="copied", CopySource={"Bucket": bucket, "Key": "src"})
        assert get_body(s3, other, "copied") == BODY
    finally:
        s3.delete_object(Bucket=other, Key="copied")
        s3.delete_bucket(Bucket=other)


def test_copy_object_with_special_character_source_key(s3, bucket):
    key = "dir/with space+plus%ü.txt"
    put(s3, bucket, key=key)
    s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": key})
    assert get_body(s3, bucket, "dst") == BODY


def test_copy_object_onto_itself_without_replace_is_invalid_request(s3, bucket):
    put_source(s3, bucket)
    with s3_error("InvalidRequest", 400):
        s3.copy_object(Bucket=bucket, Key="src", CopySource={"Bucket": bucket, "Key": "src"})


def test_copy_object_onto_itself_with_replace_updates_metadata(s3, bucket):
    put_source(s3, bucket)
    s3.copy_object(Bucket=bucket, Key="src", CopySource={"Bucket": bucket, "Key": "src"},
                   MetadataDirective="REPLACE", Metadata={"origin": "rewritten"})
    head = s3.head_object(Bucket=bucket, Key="src")
    assert head["Metadata"] == {"origin": "rewritten"}
    assert get_body(s3, bucket, "src") == BODY


def test_copy_object_if_match_failure_is_precondition_failed(s3, bucket):
    put_source(s3, bucket)
    with s3_error("PreconditionFailed", 412):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                       CopySourceIfMatch=quoted_md5(b"other"))
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="dst")


def test_copy_object_from_missing_source_is_no_such_key(s3, bucket):
    with s3_error("NoSuchKey", 404):
        s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "absent"})


# --- tagging -----------------------------------------------------------------------------------

def test_object_tagging_put_get_delete(s3, bucket):
    put(s3, bucket)
    tags = [{"Key": "stage", "Value": "raw"}, {"Key": "pii", "Value": "no"}]
    assert status_of(s3.put_object_tagging(Bucket=bucket, Key="obj", Tagging={"TagSet": tags})) == 200
    got = s3.get_object_tagging(Bucket=bucket, Key="obj")["TagSet"]
    assert sorted(got, key=lambda t: t["Key"]) == sorted(tags, key=lambda t: t["Key"])
    assert status_of(s3.delete_object_tagging(Bucket=bucket, Key="obj")) == 204
    assert s3.get_object_tagging(Bucket=bucket, Key="obj")["TagSet"] == []


def test_tagging_header_on_put(s3, bucket):
    put(s3, bucket, Tagging="stage=raw&owner=data%20team")
    got = s3.get_object_tagging(Bucket=bucket, Key="obj")["TagSet"]
    assert sorted(got, key=lambda t: t["Key"]) == [{"Key": "owner", "Value": "data team"},
                                                  {"Key": "stage", "Value": "raw"}]
    assert s3.get_object(Bucket=bucket, Key="obj")["TagCount"] == 2


def test_object_tagging_on_missing_key_is_no_such_key(s3, bucket):
    with s3_error("NoSuchKey", 404):
        s3.get_object_tagging(Bucket=bucket, Key="nope")


# --- attributes --------------------------------------------------------------------------------

def test_get_object_attributes_for_single_part_object(s3, bucket):
    put(s3, bucket, ChecksumAlgorithm="SHA256", ChecksumSHA256=sha256_b64(BODY))
    attrs = s3.get_object_attributes(
        Bucket=bucket, Key="obj", ObjectAttributes=["ETag", "ObjectSize", "StorageClass", "Checksum", "ObjectParts"])
    assert attrs["ETag"] == md5_hex(BODY)  # unquoted in this API, unlike the ETag header
    assert attrs["ObjectSize"] == len(BODY)
    assert attrs["StorageClass"] == "STANDARD"
    assert attrs["Checksum"]["ChecksumSHA256"] == sha256_b64(BODY)
    assert "ObjectParts" not in attrs
    assert "LastModified" in attrs


def test_get_object_attributes_returns_only_requested_attributes(s3, bucket):
    put(s3, bucket)
    attrs = s3.get_object_attributes(Bucket=bucket, Key="obj", ObjectAttributes=["ObjectSize"])
    assert attrs["ObjectSize"] == len(BODY)
    assert "ETag" not in attrs and "StorageClass" not in attrs


def test_get_object_attributes_on_missing_key_is_no_such_key(s3, bucket):
    with s3_error("NoSuchKey", 404):
        s3.get_object_attributes(Bucket=bucket, Key="nope", ObjectAttributes=["ETag"])


def test_metadata_over_2_kb_is_metadata_too_large(s3, bucket):
    with s3_error("MetadataTooLarge", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", Metadata={"big": "v" * 2100})
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="k")


def test_unknown_storage_class_is_invalid_storage_class(s3, bucket):
    with s3_error("InvalidStorageClass", 400):
        s3.put_object(Bucket=bucket, Key="k", Body=b"x", StorageClass="COLD_AS_ICE")


def test_object_tag_limit_is_invalid_tag(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with s3_error("InvalidTag", 400):
        s3.put_object_tagging(Bucket=bucket, Key="k",
                              Tagging={"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]})
    assert s3.get_object_tagging(Bucket=bucket, Key="k")["TagSet"] == []


def test_conditional_delete_with_if_match(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="k", Body=b"x")["ETag"]
    with s3_error("PreconditionFailed", 412):
        s3.delete_object(Bucket=bucket, Key="k", IfMatch='"0000"')
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"x"
    s3.delete_object(Bucket=bucket, Key="k", IfMatch=etag)
    with s3_error("404", 404):
        s3.head_object(Bucket=bucket, Key="k")


def test_default_checksum_is_crc64nvme_full_object(brume, s3, bucket):
    # Sent without any checksum (raw HTTP), the object still gets S3's default CRC64NVME.
    from harness import http
    from s3helpers import crc64nvme_b64
    http().put(f"{brume.endpoint}/{bucket}/plain", data=b"no checksum sent")
    head = s3.head_object(Bucket=bucket, Key="plain", ChecksumMode="ENABLED")
    assert head["ChecksumCRC64NVME"] == crc64nvme_b64(b"no checksum sent")
    assert head["ChecksumType"] == "FULL_OBJECT"


def test_wrong_content_md5_on_delete_objects_is_bad_digest(brume, s3, bucket):
    from harness import http
    s3.put_object(Bucket=bucket, Key="keep", Body=b"x")
    body = b"<Delete><Object><Key>keep</Key></Object></Delete>"
    response = http().post(f"{brume.endpoint}/{bucket}?delete", data=body,
                           headers={"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg=="})
    assert response.status_code == 400
    assert "<Code>BadDigest</Code>" in response.text
    assert s3.get_object(Bucket=bucket, Key="keep")["Body"].read() == b"x"
