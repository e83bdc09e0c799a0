"""A small, threaded fake of the Lambda Runtime API (serve side), for tests.

Events go in with ``enqueue``; whatever the runtime client posts back is
captured and can be waited for with ``wait_result`` / ``wait_init_error``.

    api = FakeRuntimeAPI().start()
    rid = api.enqueue({"k": 1})
    res = api.wait_result(rid)      # Result(kind="response"|"error", body, headers)
    api.stop()

Run as a script to serve interactively: ``python3 fake_runtime_api.py [port]``
enqueues one ``{}`` event and prints everything the client posts.
"""

import json
import queue
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"


@dataclass
class Result:
    kind: str  # "response" or "error"
    request_id: str
    body: bytes
    headers: dict
    received_at: float = field(default_factory=time.time)

    def json(self):
        return json.loads(self.body)


@dataclass
class _Event:
    request_id: str
    body: bytes
    headers: dict


_STOP = object()


class FakeRuntimeAPI:
    def __init__(self, host="127.0.0.1", port=0):
        self._events = queue.Queue()
        self._cond = threading.Condition()
        self.results = {}  # request id -> Result
        self.init_errors = []  # list of Result (request_id "")
        self.next_calls = []  # time.time() of each GET /next
        self.delivered = []  # request ids handed out, in order
        self.bad_requests = []  # (method, path) the fake didn't understand
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the real API

            def log_message(self, *a):  # keep test output quiet
                pass

            def setup(self):
                super().setup()
                # no Nagle: header and body writes must not wait on delayed ACKs
                import socket
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _reply(self, status, obj):
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                n = int(self.headers.get("Content-Length") or 0)
                if n:
                    return self.rfile.read(n)
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            self.rfile.readline()
                            break
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    return b"".join(chunks)
                return b""

            def do_GET(self):
                if self.path != PREFIX + "/invocation/next":
                    api.bad_requests.append(("GET", self.path))
                    return self._reply(404, {"errorMessage": "not found"})
                with api._cond:
                    api.next_calls.append(time.time())
                    api._cond.notify_all()
                ev = api._events.get()
                if ev is _STOP:
                    api._events.put(_STOP)  # let other waiters stop too
                    self.close_connection = True
                    return self._reply(503, {"errorMessage": "shutting down"})
                with api._cond:
                    api.delivered.append(ev.request_id)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(ev.body)))
                for k, v in ev.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(ev.body)

            def do_POST(self):
                body = self._body()
                headers = {k.lower(): v for k, v in self.headers.items()}
                p = self.path
                if p == PREFIX + "/init/error":
                    with api._cond:
                        api.init_errors.append(Result("init_error", "", body, headers))
                        api._cond.notify_all()
                    return self._reply(202, {"status": "OK"})
                if p.startswith(PREFIX + "/invocation/"):
                    rest = p[len(PREFIX + "/invocation/"):]
                    rid, _, kind = rest.rpartition("/")
                    if kind in ("response", "error") and rid:
                        with api._cond:
                            if rid not in api.delivered:
                                return self._reply(400, {"errorMessage": "unknown request id"})
                            if rid in api.results:
                                return self._reply(400, {"errorMessage": "already answered"})
                            api.results[rid] = Result(kind, rid, body, headers)
                            api._cond.notify_all()
                        return self._reply(202, {"status": "OK"})
                api.bad_requests.append(("POST", p))
                return self._reply(404, {"errorMessage": "not found"})

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # Clients going away (a killed runtime process) is normal here.
                import sys
                if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                    super().handle_error(request, client_address)

        self._server = Server((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = None

    # ---- control -------------------------------------------------------
    @property
    def address(self):
        h, p = self._server.server_address[:2]
        return f"{h}:{p}"

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._events.put(_STOP)
        self._server.shutdown()
        self._server.server_close()

    def enqueue(self, event, request_id=None, deadline_ms=None, timeout_s=30.0,
                function_arn="arn:aws:lambda:us-east-1:123456789012:function:fn",
                trace_id=None, client_context=None, cognito_identity=None,
                raw_body=None):
        rid = request_id or str(uuid.uuid4())
        if deadline_ms is None:
            deadline_ms = int((time.time() + timeout_s) * 1000)
        h = {
            "Lambda-Runtime-Aws-Request-Id": rid,
            "Lambda-Runtime-Deadline-Ms": str(deadline_ms),
            "Lambda-Runtime-Invoked-Function-Arn": function_arn,
        }
        if trace_id:
            h["Lambda-Runtime-Trace-Id"] = trace_id
        if client_context is not None:
            h["Lambda-Runtime-Client-Context"] = json.dumps(client_context)
        if cognito_identity is not None:
            h["Lambda-Runtime-Cognito-Identity"] = json.dumps(cognito_identity)
        body = raw_body if raw_body is not None else json.dumps(event).encode()
        self._events.put(_Event(rid, body, h))
        return rid

    # ---- waiting -------------------------------------------------------
    def _wait(self, pred, timeout):
        end = time.time() + timeout
        with self._cond:
            while True:
                v = pred()
                if v:
                    return v
                left = end - time.time()
                if left <= 0:
                    raise TimeoutError("fake runtime API: timed out waiting")
                self._cond.wait(left)

    def wait_result(self, request_id, timeout=10.0):
        return self._wait(lambda: self.results.get(request_id), timeout)

    def wait_init_error(self, timeout=10.0):
        return self._wait(lambda: self.init_errors[0] if self.init_errors else None, timeout)

    def wait_next_calls(self, n=1, timeout=10.0):
        return self._wait(lambda: self.next_calls[:n] if len(self.next_calls) >= n else None,
                          timeout)


if __name__ == "__main__":
    import sys

    api = FakeRuntimeAPI(port=int(sys.argv[1]) if len(sys.argv) > 1 else 9001).start()
    print("AWS_LAMBDA_RUNTIME_API=" + api.address, flush=True)
    rid = api.enqueue({})
    try:
        while True:
            try:
                r = api.wait_result(rid, timeout=1.0)
                print(r.kind, r.headers, r.body.decode(), flush=True)
                break
            except TimeoutError:
                if api.init_errors:
                    e = api.init_errors[0]
                    print("init_error", e.headers, e.body.decode(), flush=True)
                    break
    finally:
        api.stop()
