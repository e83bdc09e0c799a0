"""The edge's HTTP limits: oversized request heads are refused cleanly and never take the process
down. See README "Limits"."""

import socket
from urllib.parse import urlsplit

from harness import http

HEADER_FIELD_SIZE = 16 * 1024
HEADER_LIST_SIZE = 64 * 1024
HEADER_FIELD_COUNT = 500


def assert_alive(brume):
    assert http().get(f"{brume.endpoint}/_brume/health", timeout=5).status_code == 200


def exchange(brume, data: bytes, timeout: float = 30) -> bytes:
    """Send `data` on a fresh connection and read until the server closes it."""
    url = urlsplit(brume.endpoint)
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused mid-send: the answer may already be waiting
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
        return answer


def head(lines: list[bytes]) -> bytes:
    return b"GET /_brume/health HTTP/1.1\r\nHost: localhost\r\n" + b"".join(l + b"\r\n" for l in lines) \
        + b"Connection: close\r\n\r\n"


def test_100_kb_of_headers_is_400_and_closed(brume):
    answer = exchange(brume, head([b"X-Big: " + b"a" * 100_000]))
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert_alive(brume)


def test_10000_headers_are_400_and_closed(brume):
    answer = exchange(brume, head([b"X-H%d: v" % i for i in range(10_000)]))
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert_alive(brume)


def test_one_header_line_over_the_field_limit_is_400(brume):
    answer = exchange(brume, head([b"X-Big: " + b"a" * (HEADER_FIELD_SIZE + 1)]))
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]


def test_a_megabyte_request_line_is_400(brume):
    answer = exchange(brume, b"GET /bucket/" + b"k" * 1_000_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert_alive(brume)


def test_heads_within_the_limits_are_served(brume):
    many = [b"X-H%d: v" % i for i in range(HEADER_FIELD_COUNT - 10)]
    assert exchange(brume, head(many)).startswith(b"HTTP/1.1 200 ")
    long_line = [b"X-Long: " + b"a" * (HEADER_FIELD_SIZE - 100)]
    assert exchange(brume, head(long_line)).startswith(b"HTTP/1.1 200 ")

