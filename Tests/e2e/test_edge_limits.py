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


# --- slow clients and many connections -----------------------------------------------------------

def open_connection(brume, data: bytes = b"") -> socket.socket:
    url = urlsplit(brume.endpoint)
    sock = socket.create_connection((url.hostname, url.port), timeout=60)
    if data:
        sock.sendall(data)
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closes `sock` (within the socket's 60 s timeout) without answering."""
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False
    finally:
        sock.close()


def test_clients_that_stop_sending_are_disconnected(brume, bucket):
    # A head cut short, a body cut short, and a keep-alive connection with nothing more to ask:
    # the edge closes each after its idle timeout (20 s) instead of holding it for ever.
    half_head = open_connection(brume, b"GET /_brume/health HTTP/1.1\r\nHost: local")
    half_body = open_connection(brume, (f"PUT /{bucket}/slow HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n"
                                        "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n\r\n").encode() + b"x" * 10)
    idle = open_connection(brume)
    assert all(closed_by_server(s) for s in (half_head, half_body, idle))
    assert http().head(f"{brume.endpoint}/{bucket}/slow").status_code == 404  # the cut upload stored nothing
    assert_alive(brume)


def test_hundreds_of_idle_connections_leave_the_stack_serving(brume):
    sockets = [open_connection(brume) for _ in range(300)]
    try:
        assert_alive(brume)
        answer = exchange(brume, head([]))
        assert answer.startswith(b"HTTP/1.1 200 ")
    finally:
        for s in sockets:
            s.close()
    assert_alive(brume)
