"""Small helpers shared by the end-to-end tests: digests, error assertions, unique names."""

from __future__ import annotations

import base64
import hashlib
import uuid
import zlib
from contextlib import contextmanager

import pytest
from botocore.exceptions import ClientError

MIB = 1024 * 1024


# --- names -------------------------------------------------------------------------------------

def unique_bucket(prefix: str = "e2e") -> str:
    """A bucket name no other test uses (lowercase, 3-63 chars)."""
    return f"{prefix}-{uuid.uuid4().hex[:20]}"


# --- digests -----------------------------------------------------------------------------------

def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def quoted_md5(data: bytes) -> str:
    return f'"{md5_hex(data)}"'


def multipart_etag(parts: list[bytes]) -> str:
    """The ETag S3 gives a completed multipart upload: md5 of the parts' binary md5s, dash, count."""
    joined = b"".join(hashlib.md5(p).digest() for p in parts)
    return f'"{hashlib.md5(joined).hexdigest()}-{len(parts)}"'


def _reflected_table(poly: int, width: int) -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ poly if crc & 1 else crc >> 1
        table.append(crc & ((1 << width) - 1))
    return table


_CRC32C_TABLE = _reflected_table(0x82F63B78, 32)
_CRC64NVME_TABLE = _reflected_table(0x9A6C9329AC4BC9B5, 64)


def _reflected_crc(data: bytes, table: list[int], width: int) -> int:
    mask = (1 << width) - 1
    crc = mask
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ mask


def crc32_b64(data: bytes) -> str:
    return base64.b64encode((zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, "big")).decode()


def crc32c_b64(data: bytes) -> str:
    return base64.b64encode(_reflected_crc(data, _CRC32C_TABLE, 32).to_bytes(4, "big")).decode()


def crc64nvme_b64(data: bytes) -> str:
    return base64.b64encode(_reflected_crc(data, _CRC64NVME_TABLE, 64).to_bytes(8, "big")).decode()


def sha1_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha1(data).digest()).decode()


def sha256_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


# Known-answer checks so a wrong helper cannot make a wrong server look right.
assert _reflected_crc(b"123456789", _CRC32C_TABLE, 32) == 0xE3069283
assert _reflected_crc(b"123456789", _CRC64NVME_TABLE, 64) == 0xAE8B14860A799888

CHECKSUMS = {
    "CRC32": crc32_b64,
    "CRC32C": crc32c_b64,
    "CRC64NVME": crc64nvme_b64,
    "SHA1": sha1_b64,
    "SHA256": sha256_b64,
}


# --- errors ------------------------------------------------------------------------------------

@contextmanager
def s3_error(code: str, status: int):
    """Expect the block to raise a botocore ClientError with exactly this S3 code and HTTP status."""
    with pytest.raises(ClientError) as info:
        yield info
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response


def status_of(response: dict) -> int:
    return response["ResponseMetadata"]["HTTPStatusCode"]


def headers_of(response: dict) -> dict:
    return response["ResponseMetadata"]["HTTPHeaders"]


# --- bucket housekeeping -----------------------------------------------------------------------

def empty_and_delete_bucket(client, bucket: str) -> None:
    """Best-effort cleanup so tests also leave a long-lived endpoint tidy."""
    try:
        for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
            for upload in page.get("Uploads", []):
                client.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
            if keys:
                client.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
        client.delete_bucket(Bucket=bucket)
    except ClientError:
        pass
