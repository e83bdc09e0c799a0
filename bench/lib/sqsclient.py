"""SQS clients used by the benchmark: boto3 and raw awsJson1.0 over keep-alive HTTP.

RawJsonClient and signed_headers serve any awsJson1.0 service (Step Functions uses them too)."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

from .s3client import ACCESS_KEY, REGION, SECRET_KEY, HttpStatusError

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"


def boto3_sqs(endpoint: str, pool_size: int = 10, read_timeout_s: int = 60):
    """An SQS client (JSON protocol) with test/test credentials and no retries."""
    import boto3  # imported lazily: only the boto3 phases need it
    from botocore.config import Config

    config = Config(
        region_name=REGION,
        retries={"max_attempts": 1, "mode": "standard"},
        max_pool_connections=pool_size,
        connect_timeout=5,
        read_timeout=read_timeout_s,
    )
    return boto3.session.Session().client(
        "sqs", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, config=config,
    )


def signed_headers(endpoint: str, operation: str, sample_body: bytes,
                   target_prefix: str = "AmazonSQS", service: str = "sqs") -> dict[str, str]:
    """awsJson1.0 headers for `operation` with a SigV4 Authorization computed once, over
    sample_body. Later requests reuse it with other bodies: neither Brume (auth: relaxed)
    nor moto verifies signatures, but moto routes on the credential scope's service."""
    headers = {"Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": f"{target_prefix}.{operation}"}
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:  # no botocore: a well-formed header with a dummy signature
        return {**headers, "X-Amz-Date": "20240101T000000Z", "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20240101/{REGION}/{service}/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)}
    request = AWSRequest(method="POST", url=endpoint + "/", data=sample_body, headers=dict(headers))
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), service, REGION).add_auth(request)
    return {**headers, "X-Amz-Date": request.headers["X-Amz-Date"],
            "Authorization": request.headers["Authorization"]}


class RawJsonClient:
    """One keep-alive HTTP/1.1 connection sending awsJson1.0 requests to one service.

    The Authorization header of each operation is computed on its first use and reused."""

    TARGET_PREFIX: str  # X-Amz-Target is "<TARGET_PREFIX>.<Operation>"
    SERVICE: str  # SigV4 signing name, which moto routes on

    def __init__(self, endpoint: str, timeout_s: float = 60.0):
        parts = urlsplit(endpoint)
        self.endpoint = endpoint
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_s)
        self._headers: dict[str, dict[str, str]] = {}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def call(self, operation: str, params: dict) -> dict:
        body = json.dumps(params, separators=(",", ":")).encode()
        headers = self._headers.get(operation)
        if headers is None:
            headers = self._headers[operation] = signed_headers(
                self.endpoint, operation, body, self.TARGET_PREFIX, self.SERVICE)
        self.conn.request("POST", "/", body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise HttpStatusError(f"{operation} -> HTTP {resp.status}: {data[:200]!r}")
        return json.loads(data) if data else {}


class RawSqs(RawJsonClient):
    """awsJson1.0 SQS requests (`AmazonSQS.<Operation>`, signing name `sqs`)."""

    TARGET_PREFIX, SERVICE = "AmazonSQS", "sqs"
