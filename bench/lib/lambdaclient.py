"""Lambda client used by the benchmark: raw rest-json over one keep-alive HTTP connection.

One SigV4 Authorization header per (method, path) is computed once with botocore and reused
with other bodies: Brume (auth: relaxed) does not verify it, and its edge routes on the
credential scope's service (`lambda`). No boto3 on the measured path: a call costs the
client one http.client round trip and nothing else.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import re
import zipfile
from urllib.parse import quote, urlsplit

from .s3client import ACCESS_KEY, REGION, SECRET_KEY, HttpStatusError

API = "/2015-03-31/functions"
ROLE_ARN = "arn:aws:iam::000000000000:role/brume-bench"
_INIT_DURATION = re.compile(r"Init Duration: ([\d.]+) ms")
_DURATION = re.compile(r"\tDuration: ([\d.]+) ms")


def signed_headers(endpoint: str, method: str, path: str, sample_body: bytes) -> dict[str, str]:
    """Headers with a SigV4 Authorization for (method, path), computed once over sample_body."""
    headers = {"Content-Type": "application/json"}
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:  # no botocore: a well-formed header with a dummy signature
        return {**headers, "X-Amz-Date": "20240101T000000Z", "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20240101/{REGION}/lambda/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0" * 64)}
    request = AWSRequest(method=method, url=endpoint + path, data=sample_body, headers=dict(headers))
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "lambda", REGION).add_auth(request)
    return {**headers, "X-Amz-Date": request.headers["X-Amz-Date"],
            "X-Amz-Content-SHA256": request.headers.get("X-Amz-Content-SHA256", ""),
            "Authorization": request.headers["Authorization"]}


def invoke_path(name: str) -> str:
    return f"{API}/{quote(name, safe='')}/invocations"


class RawLambda:
    """Lambda's rest-json API on one keep-alive HTTP/1.1 connection."""

    def __init__(self, endpoint: str, timeout_s: float = 60.0):
        parts = urlsplit(endpoint)
        self.endpoint = endpoint
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_s)
        self._headers: dict[tuple[str, str], dict[str, str]] = {}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def headers_for(self, method: str, path: str, body: bytes = b"") -> dict[str, str]:
        key = (method, path)
        if key not in self._headers:
            self._headers[key] = {k: v for k, v in signed_headers(self.endpoint, method, path, body).items() if v}
        return self._headers[key]

    def request(self, method: str, path: str, body: bytes = b"", extra: dict[str, str] | None = None
                ) -> tuple[int, http.client.HTTPResponse, bytes]:
        headers = self.headers_for(method, path, body)
        if extra:
            headers = {**headers, **extra}
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        return resp.status, resp, resp.read()

    def call(self, method: str, path: str, params: dict | None = None) -> dict:
        body = json.dumps(params, separators=(",", ":")).encode() if params is not None else b""
        status, _resp, data = self.request(method, path, body)
        if not 200 <= status < 300:
            raise HttpStatusError(f"{method} {path} -> HTTP {status}: {data[:300]!r}")
        return json.loads(data) if data else {}

    # -- operations -------------------------------------------------------------

    def create_function(self, name: str, runtime: str, handler: str | None, zip_bytes: bytes,
                        environment: dict[str, str] | None = None, timeout_s: int = 30) -> dict:
        params = {"FunctionName": name, "Runtime": runtime, "Role": ROLE_ARN, "Timeout": timeout_s,
                  "MemorySize": 128, "Code": {"ZipFile": base64.b64encode(zip_bytes).decode()}}
        if handler:
            params["Handler"] = handler
        if environment:
            params["Environment"] = {"Variables": environment}
        return self.call("POST", API, params)

    def delete_function(self, name: str) -> None:
        status, _resp, data = self.request("DELETE", f"{API}/{quote(name, safe='')}")
        if status not in (200, 204, 404):
            raise HttpStatusError(f"DeleteFunction {name} -> HTTP {status}: {data[:200]!r}")

    def set_environment(self, name: str, environment: dict[str, str]) -> dict:
        return self.call("PUT", f"{API}/{quote(name, safe='')}/configuration",
                         {"Environment": {"Variables": environment}})

    def invoke(self, name: str, payload: bytes, tail: bool = False) -> tuple[bytes, str]:
        """(response payload, decoded log tail or ''); raises on an HTTP or function error."""
        status, resp, data = self.request("POST", invoke_path(name), payload,
                                          {"X-Amz-Log-Type": "Tail"} if tail else None)
        if status != 200:
            raise HttpStatusError(f"Invoke {name} -> HTTP {status}: {data[:300]!r}")
        if resp.getheader("X-Amz-Function-Error"):
            raise HttpStatusError(f"Invoke {name} -> function error: {data[:300]!r}")
        log = resp.getheader("X-Amz-Log-Result")
        return data, base64.b64decode(log).decode(errors="replace") if log else ""


def init_duration_ms(log_tail: str) -> float | None:
    """`Init Duration` of the REPORT line, present only on an instance's first invoke."""
    found = _INIT_DURATION.search(log_tail)
    return float(found.group(1)) if found else None


def duration_ms(log_tail: str) -> float | None:
    """`Duration` of the REPORT line: the runtime's `next` answer -> its response posted."""
    found = _DURATION.search(log_tail)
    return float(found.group(1)) if found else None


def zip_of(files: dict[str, bytes | str], executable: tuple[str, ...] = ()) -> bytes:
    """An in-memory zip; names in `executable` get mode 0755 (others 0644)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = ((0o100755 if name in executable else 0o100644) << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()
