"""Requests on the wire: botocore serialization and signing, then raw HTTP/1.1 over a socket.

The fuzzer needs control that HTTP client libraries take away (duplicated and malformed headers,
a Content-Length that lies, a body cut short), so requests are written byte by byte here and the
answer is read with `http.client`'s parser under a per-request timeout.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest, create_request_object, prepare_request_dict
from botocore.credentials import Credentials
from botocore.model import OperationModel
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence

ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"


@dataclass
class RawRequest:
    """A request as bytes on the wire; `content_length` None means "the body's true length"."""

    method: str
    target: str
    headers: list[tuple[str, bytes]]
    body: bytes = b""
    content_length: bytes | None = None
    omit_content_length: bool = False
    half_close: bool = False
    raw_head: bytes | None = None  # when set, sent instead of the request line and headers

    def head_bytes(self) -> bytes:
        if self.raw_head is not None:
            return self.raw_head
        lines = [f"{self.method} {self.target} HTTP/1.1".encode("latin-1", "replace")]
        for name, value in self.headers:
            lines.append(name.encode("latin-1", "replace") + b": " + value)
        if not self.omit_content_length and not any(n.lower() == "content-length" for n, _ in self.headers):
            length = self.content_length if self.content_length is not None else str(len(self.body)).encode()
            if self.body or self.content_length is not None or self.method in ("POST", "PUT"):
                lines.append(b"Content-Length: " + length)
        lines.append(b"Connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n"

    def header(self, name: str) -> bytes | None:
        for n, v in self.headers:
            if n.lower() == name.lower():
                return v
        return None

    def set_header(self, name: str, value: bytes) -> None:
        self.headers = [(n, v) for n, v in self.headers if n.lower() != name.lower()]
        self.headers.append((name, value))

    def remove_header(self, name: str) -> None:
        self.headers = [(n, v) for n, v in self.headers if n.lower() != name.lower()]


@dataclass
class Answer:
    """What came back: a status and body, or one of `timeout`, `closed`, `refused`."""

    outcome: str  # "response", "timeout", "closed", "refused"
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    elapsed: float = 0.0
    detail: str = ""


def send(port: int, request: RawRequest, timeout: float) -> Answer:
    """Write `request` to 127.0.0.1:`port` on a new connection and read one answer."""
    started = time.monotonic()
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=min(timeout, 5))
    except OSError as exc:
        return Answer("refused", detail=str(exc), elapsed=time.monotonic() - started)
    sock.settimeout(timeout)
    # Write from a thread while this one reads: a server may answer (413, 400) and stop reading
    # before the body ends, and that answer is what is being judged.
    send_error: list[BaseException] = []

    def write():
        try:
            sock.sendall(request.head_bytes())
            if request.body:
                sock.sendall(request.body)
            if request.half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            send_error.append(exc)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        response = http.client.HTTPResponse(sock, method=request.method)
        deadline = started + timeout
        try:
            response.begin()
            chunks = []
            while True:
                if time.monotonic() > deadline:
                    return Answer("timeout", status=response.status, detail="body did not end",
                                  elapsed=time.monotonic() - started)
                piece = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
                if not piece:
                    break
                chunks.append(piece)
            headers = {k.lower(): v for k, v in response.getheaders()}
            return Answer("response", response.status, headers, b"".join(chunks), time.monotonic() - started)
        except socket.timeout:
            detail = "while sending" if writer.is_alive() else "after the request was sent"
            return Answer("timeout", detail=detail, elapsed=time.monotonic() - started)
        except (http.client.RemoteDisconnected, ConnectionResetError, http.client.IncompleteRead,
                http.client.BadStatusLine, BrokenPipeError) as exc:
            return Answer("closed", detail=f"{type(exc).__name__}: {exc}", elapsed=time.monotonic() - started)
        except http.client.HTTPException as exc:
            return Answer("closed", detail=f"malformed answer: {type(exc).__name__}: {exc}",
                          elapsed=time.monotonic() - started)
    finally:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
        writer.join(timeout=5)


# --- building requests from operations -----------------------------------------------------------

_SERIALIZERS: dict[str, object] = {}


def serialize(protocol: str, operation: OperationModel, params: dict, endpoint: str) -> dict:
    """botocore's own request dict (method, url, headers, body) for `params`."""
    serializer = _SERIALIZERS.get(protocol)
    if serializer is None:
        serializer = _SERIALIZERS[protocol] = create_serializer(protocol, include_validation=False)
    request_dict = serializer.serialize_to_request(params, operation)
    prepare_request_dict(request_dict, endpoint_url=endpoint)
    body = request_dict.get("body")
    if isinstance(body, str):
        request_dict["body"] = body.encode("utf-8", "surrogatepass")
    elif isinstance(body, dict) and protocol == "query":
        # The query serializer leaves its form as a dict for AWSRequest to encode, as botocore does.
        request_dict["body"] = percent_encode_sequence(body).encode("utf-8", "surrogatepass")
    elif isinstance(body, dict):  # rest protocols without a payload
        request_dict["body"] = b""
    elif body is None:
        request_dict["body"] = b""
    elif not isinstance(body, (bytes, bytearray)):
        request_dict["body"] = body.read() if hasattr(body, "read") else bytes(body)
    return request_dict


def _header_bytes(value) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


def sign_and_encode(request_dict: dict, signing_name: str, *, signed: bool = True,
                    access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY,
                    region: str = REGION) -> RawRequest:
    """Sign (or not) a request dict with SigV4 as an SDK would, and turn it into a RawRequest.

    The headers sent are the request dict's own, byte for byte (botocore's header container would
    re-encode odd values); only the headers the signer adds are taken from the signed request.
    """
    url = request_dict["url"]
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    body = request_dict.get("body") or b""
    headers: list[tuple[str, bytes]] = [("Host", parts.netloc.encode())]
    for name, value in request_dict["headers"].items():
        if name.lower() in ("content-length", "connection", "transfer-encoding", "host"):
            continue
        headers.append((name, _header_bytes(value)))
    if signed:
        request: AWSRequest = create_request_object(dict(request_dict))
        credentials = Credentials(access_key, secret_key)
        signer = S3SigV4Auth if signing_name == "s3" else SigV4Auth
        signer(credentials, signing_name, region).add_auth(request)
        for name in ("X-Amz-Date", "X-Amz-Content-SHA256", "Authorization"):
            value = request.headers.get(name)
            if value is not None:
                headers = [(n, v) for n, v in headers if n.lower() != name.lower()]
                headers.append((name, _header_bytes(value)))
    return RawRequest(request_dict["method"], target, headers, bytes(body))
