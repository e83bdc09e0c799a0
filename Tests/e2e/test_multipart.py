"""Multipart uploads: create, upload, complete, abort, list, copy parts, transfer manager."""

import base64
import hashlib
import os

import pytest
from boto3.s3.transfer import TransferConfig

from s3helpers import MIB, md5_hex, multipart_etag, quoted_md5, s3_error, sha256_b64, status_of

BOGUS_UPLOAD_ID = "bm90LWFuLXVwbG9hZC1pZA"


def start(s3, bucket, key="mp", **kwargs):
    return s3.create_multipart_upload(Bucket=bucket, Key=key, **kwargs)["UploadId"]


def upload_parts(s3, bucket, key, upload_id, parts, **kwargs):
    """Upload `parts` as parts 1..n; return the list CompleteMultipartUpload wants."""
    done = []
    for number, data in enumerate(parts, start=1):
        response = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=data, **kwargs)
        assert response["ETag"] == quoted_md5(data)
        done.append({"PartNumber": number, "ETag": response["ETag"]})
    return done


def complete(s3, bucket, key, upload_id, parts):
    return s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                        MultipartUpload={"Parts": parts})


@pytest.fixture(scope="module")
def two_parts():
    return [os.urandom(5 * MIB), os.urandom(1024)]


@pytest.fixture
def completed(s3, bucket, two_parts):
    """A completed two-part object at key 'mp'."""
    upload_id = start(s3, bucket, ContentType="application/x-parts", Metadata={"kind": "multipart"})
    complete(s3, bucket, "mp", upload_id, upload_parts(s3, bucket, "mp", upload_id, two_parts))
    return bucket


def test_complete_multipart_upload_assembles_parts(s3, bucket, two_parts):
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, two_parts)
    response = complete(s3, bucket, "mp", upload_id, parts)
    assert status_of(response) == 200
    assert response["ETag"] == multipart_etag(two_parts)
    assert response["Key"] == "mp" and response["Bucket"] == bucket

    got = s3.get_object(Bucket=bucket, Key="mp")
    assert got["Body"].read() == b"".join(two_parts)
    assert got["ETag"] == multipart_etag(two_parts)
    assert got["ContentLength"] == sum(map(len, two_parts))


def test_completed_object_keeps_metadata_from_create(s3, completed):
    head = s3.head_object(Bucket=completed, Key="mp")
    assert head["ContentType"] == "application/x-parts"
    assert head["Metadata"] == {"kind": "multipart"}


def test_single_small_part_is_allowed(s3, bucket):
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, [b"tiny"])
    assert complete(s3, bucket, "mp", upload_id, parts)["ETag"] == multipart_etag([b"tiny"])
    assert s3.get_object(Bucket=bucket, Key="mp")["Body"].read() == b"tiny"


def test_small_part_before_the_last_is_entity_too_small(s3, bucket):
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, [b"a" * 1024, b"b" * 1024])
    with s3_error("EntityTooSmall", 400):
        complete(s3, bucket, "mp", upload_id, parts)


def test_wrong_part_etag_is_invalid_part(s3, bucket):
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, [b"only"])
    parts[0]["ETag"] = quoted_md5(b"something else")
    with s3_error("InvalidPart", 400):
        complete(s3, bucket, "mp", upload_id, parts)


def test_part_never_uploaded_is_invalid_part(s3, bucket):
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, [b"only"])
    parts.append({"PartNumber": 2, "ETag": quoted_md5(b"ghost")})
    with s3_error("InvalidPart", 400):
        complete(s3, bucket, "mp", upload_id, parts)


def test_parts_out_of_order_is_invalid_part_order(s3, bucket, two_parts):
    # Both parts are full-size so only the order can be wrong.
    upload_id = start(s3, bucket)
    parts = upload_parts(s3, bucket, "mp", upload_id, [two_parts[0], two_parts[0]])
    with s3_error("InvalidPartOrder", 400):
        complete(s3, bucket, "mp", upload_id, list(reversed(parts)))


def test_unknown_upload_id_is_no_such_upload(s3, bucket):
    with s3_error("NoSuchUpload", 404):
        s3.upload_part(Bucket=bucket, Key="mp", UploadId=BOGUS_UPLOAD_ID, PartNumber=1, Body=b"x")
    with s3_error("NoSuchUpload", 404):
        complete(s3, bucket, "mp", BOGUS_UPLOAD_ID, [{"PartNumber": 1, "ETag": quoted_md5(b"x")}])
    with s3_error("NoSuchUpload", 404):
        s3.abort_multipart_upload(Bucket=bucket, Key="mp", UploadId=BOGUS_UPLOAD_ID)
    with s3_error("NoSuchUpload", 404):
        s3.list_parts(Bucket=bucket, Key="mp", UploadId=BOGUS_UPLOAD_ID)


def test_abort_discards_the_upload(s3, bucket):
    upload_id = start(s3, bucket)
    upload_parts(s3, bucket, "mp", upload_id, [b"part"])
    assert status_of(s3.abort_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload_id)) == 204
    assert "Uploads" not in s3.list_multipart_uploads(Bucket=bucket)
    with s3_error("NoSuchUpload", 404):
        s3.list_parts(Bucket=bucket, Key="mp", UploadId=upload_id)
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="mp")


def test_completed_upload_id_is_gone(s3, bucket):
    upload_id = start(s3, bucket)
    complete(s3, bucket, "mp", upload_id, upload_parts(s3, bucket, "mp", upload_id, [b"x"]))
    with s3_error("NoSuchUpload", 404):
        s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=2, Body=b"y")


def test_reuploading_a_part_replaces_it(s3, bucket):
    upload_id = start(s3, bucket)
    upload_parts(s3, bucket, "mp", upload_id, [b"first"])
    parts = upload_parts(s3, bucket, "mp", upload_id, [b"second"])
    listed = s3.list_parts(Bucket=bucket, Key="mp", UploadId=upload_id)["Parts"]
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in listed] == [(1, quoted_md5(b"second"), 6)]
    complete(s3, bucket, "mp", upload_id, parts)
    assert s3.get_object(Bucket=bucket, Key="mp")["Body"].read() == b"second"


def test_list_parts_pages_with_max_parts(s3, bucket):
    data = [b"one", b"two!", b"three"]
    upload_id = start(s3, bucket)
    upload_parts(s3, bucket, "mp", upload_id, data)

    first = s3.list_parts(Bucket=bucket, Key="mp", UploadId=upload_id, MaxParts=2)
    assert [p["PartNumber"] for p in first["Parts"]] == [1, 2]
    assert [p["Size"] for p in first["Parts"]] == [3, 4]
    assert [p["ETag"] for p in first["Parts"]] == [quoted_md5(d) for d in data[:2]]
    assert first["IsTruncated"] is True
    assert first["NextPartNumberMarker"] == 2
    assert first["MaxParts"] == 2
    assert first["UploadId"] == upload_id

    second = s3.list_parts(Bucket=bucket, Key="mp", UploadId=upload_id, MaxParts=2,
                           PartNumberMarker=first["NextPartNumberMarker"])
    assert [p["PartNumber"] for p in second["Parts"]] == [3]
    assert second["IsTruncated"] is False


def test_list_multipart_uploads(s3, bucket):
    ids = {key: start(s3, bucket, key=key) for key in ("up/a", "up/b", "other")}
    response = s3.list_multipart_uploads(Bucket=bucket, Prefix="up/")
    assert [(u["Key"], u["UploadId"]) for u in response["Uploads"]] == [("up/a", ids["up/a"]), ("up/b", ids["up/b"])]
    assert response["IsTruncated"] is False

    page = s3.list_multipart_uploads(Bucket=bucket, MaxUploads=1)
    assert [u["Key"] for u in page["Uploads"]] == ["other"]
    assert page["IsTruncated"] is True
    assert page["NextKeyMarker"] == "other"
    rest = s3.list_multipart_uploads(Bucket=bucket, KeyMarker=page["NextKeyMarker"],
                                     UploadIdMarker=page["NextUploadIdMarker"])
    assert [u["Key"] for u in rest["Uploads"]] == ["up/a", "up/b"]


def test_upload_part_copy_with_ranges(s3, bucket):
    source = os.urandom(6 * MIB)
    s3.put_object(Bucket=bucket, Key="source", Body=source)
    upload_id = start(s3, bucket, key="copy")
    ranges = [(0, 5 * MIB - 1), (5 * MIB, len(source) - 1)]
    parts = []
    for number, (first, last) in enumerate(ranges, start=1):
        response = s3.upload_part_copy(Bucket=bucket, Key="copy", UploadId=upload_id, PartNumber=number,
                                       CopySource={"Bucket": bucket, "Key": "source"},
                                       CopySourceRange=f"bytes={first}-{last}")
        assert response["CopyPartResult"]["ETag"] == quoted_md5(source[first:last + 1])
        parts.append({"PartNumber": number, "ETag": response["CopyPartResult"]["ETag"]})
    complete(s3, bucket, "copy", upload_id, parts)
    assert s3.get_object(Bucket=bucket, Key="copy")["Body"].read() == source


def test_upload_part_copy_range_beyond_source_is_invalid_argument(s3, bucket):
    s3.put_object(Bucket=bucket, Key="source", Body=b"short")
    upload_id = start(s3, bucket, key="copy")
    with s3_error("InvalidArgument", 400):
        s3.upload_part_copy(Bucket=bucket, Key="copy", UploadId=upload_id, PartNumber=1,
                            CopySource={"Bucket": bucket, "Key": "source"}, CopySourceRange="bytes=0-99")


def test_get_object_part_number_returns_that_part(s3, completed, two_parts):
    total = sum(map(len, two_parts))
    first = s3.get_object(Bucket=completed, Key="mp", PartNumber=1)
    assert status_of(first) == 206
    assert first["PartsCount"] == 2
    assert first["ContentLength"] == len(two_parts[0])
    assert first["ContentRange"] == f"bytes 0-{len(two_parts[0]) - 1}/{total}"
    assert first["Body"].read() == two_parts[0]

    second = s3.get_object(Bucket=completed, Key="mp", PartNumber=2)
    assert second["ContentRange"] == f"bytes {len(two_parts[0])}-{total - 1}/{total}"
    assert second["Body"].read() == two_parts[1]


def test_head_object_part_number_reports_parts_count(s3, completed, two_parts):
    head = s3.head_object(Bucket=completed, Key="mp", PartNumber=1)
    assert head["PartsCount"] == 2
    assert head["ContentLength"] == len(two_parts[0])


def test_get_object_attributes_for_multipart_object(s3, completed, two_parts):
    attrs = s3.get_object_attributes(Bucket=completed, Key="mp",
                                     ObjectAttributes=["ETag", "ObjectSize", "StorageClass", "ObjectParts"])
    assert attrs["ETag"] == multipart_etag(two_parts).strip('"')
    assert attrs["ObjectSize"] == sum(map(len, two_parts))
    assert attrs["StorageClass"] == "STANDARD"
    assert attrs["ObjectParts"]["TotalPartsCount"] == 2


def test_multipart_with_sha256_checksums_gets_composite_checksum(s3, bucket, two_parts):
    upload_id = start(s3, bucket, ChecksumAlgorithm="SHA256")
    parts = []
    for number, data in enumerate(two_parts, start=1):
        response = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=number, Body=data,
                                  ChecksumAlgorithm="SHA256")
        assert response["ChecksumSHA256"] == sha256_b64(data)
        parts.append({"PartNumber": number, "ETag": response["ETag"], "ChecksumSHA256": response["ChecksumSHA256"]})
    complete(s3, bucket, "mp", upload_id, parts)

    composite = hashlib.sha256(b"".join(hashlib.sha256(p).digest() for p in two_parts)).digest()
    expected = f"{base64.b64encode(composite).decode()}-{len(two_parts)}"
    head = s3.head_object(Bucket=bucket, Key="mp", ChecksumMode="ENABLED")
    assert head["ChecksumSHA256"] == expected

    attrs = s3.get_object_attributes(Bucket=bucket, Key="mp", ObjectAttributes=["Checksum", "ObjectParts"])
    assert attrs["Checksum"]["ChecksumSHA256"] == expected
    assert [(p["PartNumber"], p["Size"], p["ChecksumSHA256"]) for p in attrs["ObjectParts"]["Parts"]] == [
        (n, len(d), sha256_b64(d)) for n, d in enumerate(two_parts, start=1)]


def test_transfer_manager_upload_and_download(s3, bucket, tmp_path):
    data = os.urandom(12 * MIB + 123)
    source, target = tmp_path / "up.bin", tmp_path / "down.bin"
    source.write_bytes(data)
    config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB, max_concurrency=4)
    s3.upload_file(str(source), bucket, "big.bin", Config=config)

    head = s3.head_object(Bucket=bucket, Key="big.bin")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-3"')
    assert s3.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data

    s3.download_file(bucket, "big.bin", str(target), Config=config)
    assert md5_hex(target.read_bytes()) == md5_hex(data)


def test_full_object_crc32_checksum_covers_the_whole_object(s3, bucket, two_parts):
    from s3helpers import crc32_b64
    upload_id = start(s3, bucket, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
    parts = []
    for number, data in enumerate(two_parts, start=1):
        response = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload_id, PartNumber=number, Body=data,
                                  ChecksumAlgorithm="CRC32")
        parts.append({"PartNumber": number, "ETag": response["ETag"], "ChecksumCRC32": response["ChecksumCRC32"]})
    done = complete(s3, bucket, "mp", upload_id, parts)
    whole = b"".join(two_parts)
    assert done["ChecksumCRC32"] == crc32_b64(whole)
    assert done["ChecksumType"] == "FULL_OBJECT"


def test_unimplemented_operations_name_themselves(s3, bucket):
    with s3_error("NotImplemented", 501) as info:
        s3.get_bucket_versioning(Bucket=bucket)
    assert "GetBucketVersioning" in info.value.response["Error"]["Message"]
    with s3_error("NotImplemented", 501) as info:
        s3.list_object_versions(Bucket=bucket)
    assert "ListObjectVersions" in info.value.response["Error"]["Message"]
