"""S3 clients used by the benchmark: boto3 (signed) and raw HTTP (unsigned)."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

REGION = "us-east-1"
ACCESS_KEY = SECRET_KEY = "test"
READ_CHUNK = 1 << 20


class HttpStatusError(RuntimeError):
    pass


def boto3_client(endpoint: str, pool_size: int = 10):
    """A path-style S3 client with test/test credentials and no retries."""
    import boto3  # imported lazily: only the boto3 phases need it
    from botocore.config import Config

    config = Config(
        region_name=REGION,
        s3={"addressing_style": "path"},
        retries={"max_attempts": 1, "mode": "standard"},
        max_pool_connections=pool_size,
        connect_timeout=5,
        read_timeout=60,
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=config,
    )


def have_boto3() -> bool:
    try:
        import boto3  # noqa: F401
    except ImportError:
        return False
    return True


class RawHttp:
    """One keep-alive HTTP/1.1 connection issuing unsigned path-style requests."""

    def __init__(self, endpoint: str, headers: dict[str, str] | None = None,
                 timeout_s: float = 60.0):
        parts = urlsplit(endpoint)
        self.headers = dict(headers or {})
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_s)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "RawHttp":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def put(self, path: str, body: bytes) -> None:
        headers = {**self.headers, "Content-Type": "application/octet-stream",
                   "Content-Length": str(len(body))}
        self.conn.request("PUT", path, body=body, headers=headers)
        resp = self.conn.getresponse()
        resp.read()
        _check(resp, "PUT", path)

    def get_into(self, path: str, buf: bytearray) -> int:
        """GET path, reading the body through buf (reused); returns bytes read."""
        self.conn.request("GET", path, headers=self.headers)
        resp = self.conn.getresponse()
        if resp.status != 200:
            resp.read()
            _check(resp, "GET", path)
        view, total = memoryview(buf), 0
        while n := resp.readinto(view):
            total += n
        return total


def _check(resp: http.client.HTTPResponse, method: str, path: str) -> None:
    if not 200 <= resp.status < 300:
        raise HttpStatusError(f"{method} {path} -> HTTP {resp.status} {resp.reason}")
