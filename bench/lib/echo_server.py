"""The Lambda benchmark's baseline: a minimal local HTTP/1.1 server that answers every POST with
its own body (200, application/json), keep-alive, one thread per connection.

Run as `python3 echo_server.py PORT`; prints "ready" once it listens on 127.0.0.1:PORT.
It parses only the request line, Content-Length and the body: the round trip it costs is the
client's, the loopback's and a few Python calls, the floor under any local HTTP service.
"""

from __future__ import annotations

import socket
import socketserver
import sys


class Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        stream = sock.makefile("rb", buffering=65536)
        while True:
            line = stream.readline(65537)
            if not line:
                return
            length, keep_alive = 0, True
            while True:
                header = stream.readline(65537)
                if header in (b"\r\n", b"\n", b""):
                    break
                name, _, value = header.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value.strip())
                elif name == b"connection" and value.strip().lower() == b"close":
                    keep_alive = False
            body = stream.read(length) if length else b""
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            if not keep_alive:
                return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main() -> None:
    port = int(sys.argv[1])
    with Server(("127.0.0.1", port), Echo) as server:
        print("ready", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
