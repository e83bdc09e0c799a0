"""The AWS CLI (`aws s3` and `aws s3api`) against the live endpoint."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from harness import http
from s3helpers import MIB, s3_error, unique_bucket


@pytest.fixture
def aws(brume, cli_env):
    def run(*args, check=True):
        result = subprocess.run(["aws", *args, "--endpoint-url", brume.endpoint],
                                env=cli_env, capture_output=True, text=True, timeout=180)
        if check:
            assert result.returncode == 0, f"aws {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result
    return run


def tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_mb_ls_rb(aws, s3):
    name = unique_bucket("cli")
    assert f"make_bucket: {name}" in aws("s3", "mb", f"s3://{name}").stdout
    assert name in aws("s3", "ls").stdout.split()
    assert f"remove_bucket: {name}" in aws("s3", "rb", f"s3://{name}").stdout
    with s3_error("404", 404):
        s3.head_bucket(Bucket=name)


def test_cp_large_file_up_and_down_uses_multipart(aws, s3, bucket, tmp_path):
    data = os.urandom(9 * MIB + 17)  # above the CLI's 8 MiB multipart threshold
    source, target = tmp_path / "big.bin", tmp_path / "back.bin"
    source.write_bytes(data)
    aws("s3", "cp", str(source), f"s3://{bucket}/dir/big.bin")
    head = s3.head_object(Bucket=bucket, Key="dir/big.bin")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].endswith('-2"')
    aws("s3", "cp", f"s3://{bucket}/dir/big.bin", str(target))
    assert target.read_bytes() == data


def test_cp_small_file_round_trip(aws, bucket, tmp_path):
    source, target = tmp_path / "small.txt", tmp_path / "small-back.txt"
    source.write_bytes(b"hello from the cli\n")
    aws("s3", "cp", str(source), f"s3://{bucket}/small.txt")
    aws("s3", "cp", f"s3://{bucket}/small.txt", str(target))
    assert target.read_bytes() == source.read_bytes()


def test_ls_keys_and_recursive(aws, s3, bucket):
    for key in ("a.txt", "dir/b.txt", "dir/sub/c.txt"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"12345")
    top = aws("s3", "ls", f"s3://{bucket}/").stdout
    assert "PRE dir/" in top
    assert "a.txt" in top and "b.txt" not in top
    recursive = aws("s3", "ls", "--recursive", f"s3://{bucket}").stdout
    keys = [line.split()[-1] for line in recursive.splitlines() if line.strip()]
    assert keys == ["a.txt", "dir/b.txt", "dir/sub/c.txt"]


def test_sync_directory_to_bucket_and_back(aws, s3, bucket, tmp_path):
    up, down = tmp_path / "up", tmp_path / "down"
    files = {
        "root.txt": b"root",
        "nested/one.bin": os.urandom(2048),
        "nested/deeper/two.txt": b"two",
        "with space/three.txt": b"three",
        "ünïcødé/four.txt": b"four",
    }
    for rel, content in files.items():
        (up / rel).parent.mkdir(parents=True, exist_ok=True)
        (up / rel).write_bytes(content)

    aws("s3", "sync", str(up), f"s3://{bucket}/tree")
    listed = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert listed == sorted(f"tree/{rel}" for rel in files)

    aws("s3", "sync", f"s3://{bucket}/tree", str(down))
    assert tree(down) == tree(up)

    # A second sync has nothing to do.
    assert aws("s3", "sync", str(up), f"s3://{bucket}/tree").stdout.strip() == ""


def test_presign_url_can_be_fetched(aws, s3, bucket):
    s3.put_object(Bucket=bucket, Key="shared.txt", Body=b"shared via cli")
    url = aws("s3", "presign", f"s3://{bucket}/shared.txt", "--expires-in", "300").stdout.strip()
    response = http().get(url)
    assert response.status_code == 200
    assert response.content == b"shared via cli"


def test_rm_recursive_empties_prefix(aws, s3, bucket):
    for key in ("logs/1", "logs/2", "logs/deep/3", "keep"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    aws("s3", "rm", "--recursive", f"s3://{bucket}/logs/")
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["keep"]


def test_rb_force_removes_non_empty_bucket(aws, s3):
    name = unique_bucket("cli")
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="k", Body=b"x")
    result = aws("s3", "rb", f"s3://{name}", check=False)
    assert result.returncode != 0
    assert "BucketNotEmpty" in result.stderr
    aws("s3", "rb", "--force", f"s3://{name}")
    with s3_error("404", 404):
        s3.head_bucket(Bucket=name)


def test_s3api_head_object(aws, s3, bucket):
    s3.put_object(Bucket=bucket, Key="meta.txt", Body=b"abc", ContentType="text/plain", Metadata={"k": "v"})
    out = json.loads(aws("s3api", "head-object", "--bucket", bucket, "--key", "meta.txt").stdout)
    assert out["ContentLength"] == 3
    assert out["ContentType"] == "text/plain"
    assert out["Metadata"] == {"k": "v"}
    assert out["ETag"] == '"900150983cd24fb0d6963f7d28e17f72"'


def test_s3api_error_exit_code_and_message(aws, bucket):
    result = aws("s3api", "get-object", "--bucket", bucket, "--key", "missing", os.devnull, check=False)
    assert result.returncode != 0
    assert "NoSuchKey" in result.stderr
