"""State on disk survives `kill -9` and restarts; SIGTERM exits cleanly."""

import os
import signal

import pytest
from boto3.s3.transfer import TransferConfig

from s3helpers import MIB, multipart_etag, quoted_md5, unique_bucket

SMALL = {"small/a.txt": b"alpha", "small/b.bin": bytes(range(256)) * 4, "small/ünï.txt": "ünïcødé".encode()}
CONTENT_FIELDS = ("ContentType", "ContentLength", "ETag", "Metadata", "CacheControl", "ContentDisposition",
                  "LastModified")


def describe(client, bucket, key):
    head = client.head_object(Bucket=bucket, Key=key)
    return {f: head.get(f) for f in CONTENT_FIELDS}


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def test_state_survives_kill_9_and_restart(brume_factory, data_dir, tmp_path):
    first = brume_factory(data_dir=data_dir)
    s3 = first.client()
    bucket = unique_bucket("durable")
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "keep", "Value": "me"}]})

    for index, (key, body) in enumerate(SMALL.items()):
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="text/x-test",
                      Metadata={"index": str(index)}, CacheControl="no-cache", ContentDisposition="inline")

    big = os.urandom(20 * MIB)
    (tmp_path / "big.bin").write_bytes(big)
    s3.upload_file(str(tmp_path / "big.bin"), bucket, "big/20mib.bin",
                   Config=TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB),
                   ExtraArgs={"Metadata": {"size": "20mib"}})

    pending_part = os.urandom(5 * MIB)
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="pending.bin")["UploadId"]
    part1 = s3.upload_part(Bucket=bucket, Key="pending.bin", UploadId=upload_id, PartNumber=1, Body=pending_part)

    keys = list(SMALL) + ["big/20mib.bin"]
    before = {key: describe(s3, bucket, key) for key in keys}

    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    second = brume_factory(data_dir=data_dir, port=first.port)
    s3 = second.client()

    # Objects: bytes and metadata identical.
    for key, body in SMALL.items():
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == body
    assert s3.get_object(Bucket=bucket, Key="big/20mib.bin")["Body"].read() == big
    assert {key: describe(s3, bucket, key) for key in keys} == before
    assert before["big/20mib.bin"]["ETag"].endswith('-4"')

    # Bucket and its configuration.
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "keep", "Value": "me"}]
    assert sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]) == sorted(keys)

    # The pending upload is still listed with its part and can be completed.
    uploads = s3.list_multipart_uploads(Bucket=bucket)["Uploads"]
    assert [(u["Key"], u["UploadId"]) for u in uploads] == [("pending.bin", upload_id)]
    parts = s3.list_parts(Bucket=bucket, Key="pending.bin", UploadId=upload_id)["Parts"]
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in parts] == [(1, part1["ETag"], len(pending_part))]
    assert part1["ETag"] == quoted_md5(pending_part)

    tail = b"tail of the pending upload"
    part2 = s3.upload_part(Bucket=bucket, Key="pending.bin", UploadId=upload_id, PartNumber=2, Body=tail)
    done = s3.complete_multipart_upload(
        Bucket=bucket, Key="pending.bin", UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part1["ETag"]},
                                   {"PartNumber": 2, "ETag": part2["ETag"]}]})
    assert done["ETag"] == multipart_etag([pending_part, tail])
    assert s3.get_object(Bucket=bucket, Key="pending.bin")["Body"].read() == pending_part + tail


def test_deletes_survive_restart(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    s3 = first.client()
    bucket, gone = unique_bucket("durable"), unique_bucket("gone")
    s3.create_bucket(Bucket=bucket)
    s3.create_bucket(Bucket=gone)
    s3.put_object(Bucket=bucket, Key="kept", Body=b"1")
    s3.put_object(Bucket=bucket, Key="deleted", Body=b"2")
    s3.delete_object(Bucket=bucket, Key="deleted")
    s3.delete_bucket(Bucket=gone)
    assert first.terminate() == 0, first.output()

    second = brume_factory(data_dir=data_dir, port=first.port)
    s3 = second.client()
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["kept"]
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert bucket in names and gone not in names


def test_config_buckets_are_created_once_across_restarts(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    first.client().put_object(Bucket="preexisting", Key="survivor", Body=b"still here")
    assert first.terminate() == 0, first.output()

    second = brume_factory(data_dir=data_dir, port=first.port)
    s3 = second.client()
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]].count("preexisting") == 1
    assert s3.get_object(Bucket="preexisting", Key="survivor")["Body"].read() == b"still here"
    assert s3.get_bucket_tagging(Bucket="preexisting")["TagSet"] == [{"Key": "team", "Value": "data"}]


def test_ephemeral_server_starts_empty_each_time(brume_factory):
    first = brume_factory()
    first.client().create_bucket(Bucket="ephemeral-check")
    assert first.terminate() == 0, first.output()
    second = brume_factory(port=first.port)
    names = [b["Name"] for b in second.client().list_buckets()["Buckets"]]
    assert "ephemeral-check" not in names
    assert "preexisting" in names


def test_sigterm_exits_with_code_0(brume_factory):
    server = brume_factory()
    server.client().list_buckets()
    server.process.send_signal(signal.SIGTERM)
    assert server.wait_exit(timeout=10) == 0, server.output()
