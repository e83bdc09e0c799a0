"""`aws-chunked` uploads as SDKs send them over HTTPS: unsigned chunks with a trailing checksum,
and signed chunks whose signatures chain from the request's (checked with `auth: strict`).

botocore only streams `aws-chunked` over HTTPS, so these requests are framed here by hand,
following the AWS documentation, and sent with plain HTTP.
"""

import base64
import hashlib
import hmac
import zlib
from datetime import datetime, timezone

import pytest

from harness import ACCESS_KEY, REGION, SECRET_KEY, http
from s3helpers import s3_error, unique_bucket

CHUNK = 64 * 1024


def crc32_b64(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def unsigned_trailer_body(data: bytes, trailer_value: str) -> bytes:
    framed = b""
    for start in range(0, len(data), CHUNK):
        piece = data[start:start + CHUNK]
        framed += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return framed + b"0\r\n" + f"x-amz-checksum-crc32:{trailer_value}\r\n\r\n".encode()


def unsigned_trailer_headers(data: bytes) -> dict:
    return {
        "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "Content-Encoding": "aws-chunked",
        "x-amz-decoded-content-length": str(len(data)),
        "x-amz-trailer": "x-amz-checksum-crc32",
    }


@pytest.fixture
def chunk_bucket(brume, s3):
    name = unique_bucket("chunked")
    s3.create_bucket(Bucket=name)
    return name


def test_unsigned_chunks_with_trailing_checksum_store_the_decoded_bytes(brume, s3, chunk_bucket):
    data = bytes(range(256)) * 1000  # 256,000 bytes: several chunks
    response = http().put(f"{brume.endpoint}/{chunk_bucket}/obj", data=unsigned_trailer_body(data, crc32_b64(data)),
                          headers=unsigned_trailer_headers(data))
    assert response.status_code == 200, response.text
    assert response.headers["x-amz-checksum-crc32"] == crc32_b64(data)
    stored = s3.get_object(Bucket=chunk_bucket, Key="obj", ChecksumMode="ENABLED")
    assert stored["Body"].read() == data
    assert stored["ChecksumCRC32"] == crc32_b64(data)
    assert "ContentEncoding" not in stored  # aws-chunked is framing, not the object's encoding


def test_wrong_trailing_checksum_is_bad_digest_and_stores_nothing(brume, s3, chunk_bucket):
    data = b"payload" * 1000
    response = http().put(f"{brume.endpoint}/{chunk_bucket}/obj", data=unsigned_trailer_body(data, crc32_b64(b"other")),
                          headers=unsigned_trailer_headers(data))
    assert response.status_code == 400
    assert "<Code>BadDigest</Code>" in response.text
    with s3_error("404", 404):
        s3.head_object(Bucket=chunk_bucket, Key="obj")


def test_truncated_chunked_body_is_incomplete_body(brume, chunk_bucket):
    data = b"x" * 100
    body = b"64\r\n" + data[:50]  # announces 100 bytes, sends 50, never ends
    headers = unsigned_trailer_headers(data)
    response = http().put(f"{brume.endpoint}/{chunk_bucket}/obj", data=body, headers=headers)
    assert response.status_code == 400
    assert "<Code>IncompleteBody</Code>" in response.text


# --- signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) -------------------------------------

def _sign(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signed_chunked_put(endpoint: str, path: str, data: bytes, secret: str = SECRET_KEY, tamper_chunk: int | None = None,
                       trailer_checksum: str | None = None, tamper_trailer: bool = False):
    """PUT `data` as signed aws-chunked, computing the seed and chunk signatures as AWS documents;
    with `trailer_checksum`, as STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER with a signed CRC32 trailer."""
    host = endpoint.split("//", 1)[1]
    now = datetime.now(timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    scope = f"{day}/{REGION}/s3/aws4_request"
    chunks = [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)] + [b""]
    payload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" + ("-TRAILER" if trailer_checksum else "")
    headers = {
        "host": host,
        "content-encoding": "aws-chunked",
        "x-amz-content-sha256": payload,
        "x-amz-date": amz_date,
        "x-amz-decoded-content-length": str(len(data)),
    }
    if trailer_checksum:
        headers["x-amz-trailer"] = "x-amz-checksum-crc32"
    signed = sorted(headers)
    canonical = "\n".join([
        "PUT", path, "", "".join(f"{name}:{headers[name]}\n" for name in signed), ";".join(signed),
        payload,
    ])
    key = _sign(_sign(_sign(_sign(f"AWS4{secret}".encode(), day), REGION), "s3"), "aws4_request")
    string_to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    previous = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, "
                                f"SignedHeaders={';'.join(signed)}, Signature={previous}")
    body = b""
    empty_hash = hashlib.sha256(b"").hexdigest()
    for index, chunk in enumerate(chunks):
        chunk_string = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous, empty_hash,
                                  hashlib.sha256(chunk).hexdigest()])
        previous = hmac.new(key, chunk_string.encode(), hashlib.sha256).hexdigest()
        sent = chunk if index != tamper_chunk else bytes([chunk[0] ^ 1]) + chunk[1:]
        body += f"{len(chunk):x};chunk-signature={previous}\r\n".encode() + sent
        body += b"\r\n" if chunk or not trailer_checksum else b""
    if trailer_checksum:
        trailer = f"x-amz-checksum-crc32:{trailer_checksum}\n"
        trailer_string = "\n".join(["AWS4-HMAC-SHA256-TRAILER", amz_date, scope, previous,
                                    hashlib.sha256(trailer.encode()).hexdigest()])
        trailer_signature = hmac.new(key, trailer_string.encode(), hashlib.sha256).hexdigest()
        if tamper_trailer:
            trailer_signature = trailer_signature[::-1]
        body += trailer.replace("\n", "\r\n").encode() + f"x-amz-trailer-signature:{trailer_signature}\r\n\r\n".encode()
    del headers["host"]
    return http().put(f"{endpoint}{path}", data=body, headers=headers)


@pytest.fixture
def strict(brume_factory):
    server = brume_factory(auth="strict", name="strict-chunks")
    client = server.client()
    name = unique_bucket("signed")
    client.create_bucket(Bucket=name)
    return server, client, name


def test_signed_chunks_verify_in_strict_mode(strict):
    server, client, bucket = strict
    data = bytes(range(256)) * 700
    response = signed_chunked_put(server.endpoint, f"/{bucket}/obj", data)
    assert response.status_code == 200, response.text
    assert client.get_object(Bucket=bucket, Key="obj")["Body"].read() == data


def test_a_tampered_chunk_is_refused_and_stores_nothing(strict):
    server, client, bucket = strict
    data = bytes(range(256)) * 700
    response = signed_chunked_put(server.endpoint, f"/{bucket}/obj", data, tamper_chunk=1)
    assert response.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in response.text
    with s3_error("404", 404):
        client.head_object(Bucket=bucket, Key="obj")


def test_signed_chunks_with_the_wrong_secret_are_refused(strict):
    server, _, bucket = strict
    response = signed_chunked_put(server.endpoint, f"/{bucket}/obj", b"data" * 100, secret="wrong")
    assert response.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in response.text


def test_signed_chunks_decode_in_relaxed_mode(brume, s3, chunk_bucket):
    data = b"relaxed" * 20000
    response = signed_chunked_put(brume.endpoint, f"/{chunk_bucket}/obj", data, secret="anything")
    assert response.status_code == 200, response.text
    assert s3.get_object(Bucket=chunk_bucket, Key="obj")["Body"].read() == data


def test_signed_trailer_verifies_in_strict_mode(strict):
    server, client, bucket = strict
    data = bytes(range(256)) * 300
    response = signed_chunked_put(server.endpoint, f"/{bucket}/obj", data, trailer_checksum=crc32_b64(data))
    assert response.status_code == 200, response.text
    stored = client.get_object(Bucket=bucket, Key="obj", ChecksumMode="ENABLED")
    assert stored["Body"].read() == data
    assert stored["ChecksumCRC32"] == crc32_b64(data)


def test_a_wrong_trailer_signature_is_refused(strict):
    server, client, bucket = strict
    data = b"forged" * 1000
    response = signed_chunked_put(server.endpoint, f"/{bucket}/obj", data, trailer_checksum=crc32_b64(data),
                                  tamper_trailer=True)
    assert response.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in response.text
    with s3_error("404", 404):
        client.head_object(Bucket=bucket, Key="obj")
