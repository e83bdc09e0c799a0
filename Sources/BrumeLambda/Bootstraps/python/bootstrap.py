"""Brume's runtime client for the python3.x Lambda runtimes.

Launch:  python3 -u /path/to/bootstrap.py      (cwd and LAMBDA_TASK_ROOT = code dir)
Needs:   AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT
Uses:    AWS_LAMBDA_FUNCTION_NAME / _VERSION / _MEMORY_SIZE, AWS_LAMBDA_LOG_GROUP_NAME,
         AWS_LAMBDA_LOG_STREAM_NAME (context attributes)

Loads the handler once, then loops on /invocation/next forever.  Wire formats
(error bodies, the log lines written to stdout) follow what AWS's managed
Python runtime sends; see the README next to this file.  Stdlib only, and as
few imports as possible: cold start matters (hence a small HTTP/1.1 client on
a socket instead of http.client, which alone costs ~25 ms of imports).
"""

import os
import sys
import json
import time
import logging
import socket

_API_PREFIX = "/2018-06-01/runtime"
_THIS_FILE = os.path.abspath(__file__)


# ---------------------------------------------------------------------------
# stdout / stderr: unbuffered, so the host sees output as it happens
# ---------------------------------------------------------------------------
def _unbuffer_std_streams():
    import io
    for name, fd in (("stdout", 1), ("stderr", 2)):
        old = getattr(sys, name)
        if old is None or getattr(old, "write_through", False):
            continue  # already unbuffered (python3 -u / PYTHONUNBUFFERED)
        try:
            old.flush()
            new = io.TextIOWrapper(io.FileIO(fd, "w", closefd=False),
                                   encoding=old.encoding, errors=old.errors,
                                   write_through=True)
        except (OSError, ValueError, AttributeError):
            continue
        setattr(sys, name, new)


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------
class _Fault(Exception):
    """An error the runtime reports itself (errorType chosen by the runtime)."""

    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


def _user_frames(tb):
    """Formatted stack entries for a traceback, without this file's frames."""
    import traceback
    frames = [(f.filename, f.lineno, f.name, f.line)
              for f in traceback.extract_tb(tb)
              if os.path.abspath(f.filename) != _THIS_FILE]
    # plain 4-tuples: no column carets, same shape the managed runtime sends
    return traceback.format_list(frames), frames


def _describe(exc):
    """(errorType, errorMessage, stackTrace list, xray stack) for any exception."""
    if isinstance(exc, _Fault):
        return exc.error_type, exc.message, list(exc.stack), []
    stack, frames = _user_frames(exc.__traceback__)
    xray = [{"label": f[2], "path": f[0], "line": f[1]} for f in frames]
    return type(exc).__name__, str(exc), stack, xray


def _log_error_line(error_type, message, stack):
    """The one-record [ERROR] line AWS's Python runtime writes for an error.

    Newlines inside the record become \\r and leading indentation becomes
    no-break spaces, so a line-oriented log reader keeps it as one record.
    """
    head = "[ERROR] " + error_type + (": " + message if message else "")
    parts = [head, "Traceback (most recent call last):"]
    for entry in stack:
        for line in entry.rstrip("\n").split("\n"):
            stripped = line.lstrip(" ")
            parts.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    record = "\r".join(p.replace("\n", "\r") for p in parts) + "\n"
    try:
        sys.stdout.write(record)
        sys.stdout.flush()
    except Exception:
        pass


# ---------------------------------------------------------------------------
# JSON: stdlib json, plus Decimal written as a bare number (as AWS does)
# ---------------------------------------------------------------------------
_DEC_MARK = "\x00brume-dec-%d:" % os.getpid()


def _to_json(obj):
    seen_decimal = []

    def default(o):
        if type(o).__name__ == "Decimal" and hasattr(o, "is_finite"):
            seen_decimal.append(True)
            return _DEC_MARK + str(o)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    text = json.dumps(obj, default=default)
    if seen_decimal:
        import re
        mark = json.dumps(_DEC_MARK)[:-1]  # the escaped, quoted prefix
        text = re.sub(re.escape(mark) + r'([^"]*)"', r"\1", text)
    return text


# ---------------------------------------------------------------------------
# Runtime API client
# ---------------------------------------------------------------------------
class _Response:
    __slots__ = ("status", "headers")

    def __init__(self, status, headers):
        self.status = status
        self.headers = headers

    def getheader(self, name, default=None):
        return self.headers.get(name.lower(), default)


class _RuntimeAPI:
    """Minimal keep-alive HTTP/1.1 client for the Runtime API (loopback only)."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        if not host:
            host, port = address, "80"
        self._host, self._port = host.strip("[]"), int(port)
        self._host_header = address
        self._sock = None
        self._rfile = None

    def _close(self):
        for f in (self._rfile, self._sock):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass
        self._sock = self._rfile = None

    def _connect(self):
        self._sock = socket.create_connection((self._host, self._port))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._rfile = self._sock.makefile("rb")

    def _read_response(self):
        rf = self._rfile
        line = rf.readline(65537)
        if not line:
            raise ConnectionError("Runtime API closed the connection")
        parts = line.split(None, 2)
        status = int(parts[1])
        headers = {}
        while True:
            h = rf.readline(65537)
            if h in (b"\r\n", b"\n", b""):
                break
            k, _, v = h.partition(b":")
            headers[k.strip().decode("latin-1").lower()] = v.strip().decode("utf-8", "replace")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(rf.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while rf.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(rf.read(size))
                rf.readline()
            body = b"".join(chunks)
        elif "content-length" in headers:
            body = rf.read(int(headers["content-length"]))
        else:
            body = rf.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self._close()
        return _Response(status, headers), body

    def _request(self, method, path, body=b"", headers=None):
        lines = ["%s %s%s HTTP/1.1" % (method, _API_PREFIX, path),
                 "Host: " + self._host_header]
        if method != "GET" or body:
            lines.append("Content-Length: %d" % len(body))
        for k, v in (headers or {}).items():
            lines.append("%s: %s" % (k, str(v).replace("\r", " ").replace("\n", " ")))
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body
        for attempt in (0, 1):
            reused = self._sock is not None
            if not reused:
                self._connect()
            try:
                self._sock.sendall(data)
                return self._read_response()
            except (OSError, ValueError):
                self._close()
                if attempt or not reused:  # only a stale keep-alive connection is retried
                    raise

    def next(self):
        resp, data = self._request("GET", "/invocation/next")
        if resp.status != 200:
            raise RuntimeError("Runtime API /next returned %d: %r" % (resp.status, data[:200]))
        return resp, data

    def post(self, path, body, content_type="application/json", extra=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = {"Content-Type": content_type}
        if extra:
            headers.update(extra)
        resp, data = self._request("POST", path, body=body, headers=headers)
        return resp.status

    def post_error(self, path, error_type, message, stack, request_id, xray_stack=None):
        body = {"errorMessage": message, "errorType": error_type,
                "requestId": request_id, "stackTrace": stack}
        extra = {"Lambda-Runtime-Function-Error-Type": error_type}
        if xray_stack is not None:
            cause = {"working_directory": os.getcwd(),
                     "exceptions": [{"message": message, "type": error_type, "stack": xray_stack}],
                     "paths": list(dict.fromkeys(s["path"] for s in xray_stack))}
            extra["Lambda-Runtime-Function-XRay-Error-Cause"] = json.dumps(cause)
        return self.post(path, json.dumps(body), extra=extra)


# ---------------------------------------------------------------------------
# context
# ---------------------------------------------------------------------------
class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity_id=None, pool_id=None):
        self.cognito_identity_id = identity_id
        self.cognito_identity_pool_id = pool_id

    def __repr__(self):
        return "CognitoIdentity(cognito_identity_id=%r, cognito_identity_pool_id=%r)" % (
            self.cognito_identity_id, self.cognito_identity_pool_id)


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name",
                 "app_version_code", "app_package_name")

    def __init__(self, d):
        for k in self.__slots__:
            setattr(self, k, d.get(k))

    def __repr__(self):
        return "Client(%s)" % ", ".join("%s=%r" % (k, getattr(self, k)) for k in self.__slots__)


class ClientContext:
    __slots__ = ("custom", "env", "client")

    def __init__(self, d):
        self.custom = d.get("custom")
        self.env = d.get("env")
        c = d.get("client")
        self.client = Client(c) if isinstance(c, dict) else None

    def __repr__(self):
        return "ClientContext(custom=%r, env=%r, client=%r)" % (self.custom, self.env, self.client)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn, identity, client_context,
                 tenant_id=None):
        env = os.environ
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        # AWS's Python runtime passes the env value through: a string, e.g. "128"
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = identity
        self.client_context = client_context
        self.tenant_id = tenant_id
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return ("LambdaContext(aws_request_id=%r, function_name=%r, function_version=%r, "
                "invoked_function_arn=%r, memory_limit_in_mb=%r)" % (
                    self.aws_request_id, self.function_name, self.function_version,
                    self.invoked_function_arn, self.memory_limit_in_mb))


def _json_header(resp, name):
    raw = resp.getheader(name)
    if not raw:
        return None
    try:
        v = json.loads(raw)
    except ValueError:
        return None
    return v if isinstance(v, dict) else None


# ---------------------------------------------------------------------------
# logging: the root logger format of AWS's Python runtime
#   [LEVEL]\t<UTC time with ms>Z\t<request id>\t<message>
# ---------------------------------------------------------------------------
_current_request_id = ""


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


def _setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    fmt = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S")
    fmt.converter = time.gmtime
    handler.setFormatter(fmt)
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    root.setLevel(getattr(logging, level, logging.WARNING) if level else logging.WARNING)


# ---------------------------------------------------------------------------
# init
# ---------------------------------------------------------------------------
def _load_handler(spec):
    try:
        module_path, func_name = spec.rsplit(".", 1)
    except ValueError as e:
        raise _Fault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (spec, e))
    module_name = module_path.replace("/", ".")
    import importlib
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise _Fault("Runtime.ImportModuleError",
                     "Unable to import module '%s': %s" % (module_path, e))
    except SyntaxError as e:
        text = (e.text or "").strip()
        frame = '  File "%s" Line %s\n    %s\n' % (e.filename, e.lineno, text)
        raise _Fault("Runtime.UserCodeSyntaxError",
                     "Syntax error in module '%s': %s" % (module_path, e), [frame])
    func = getattr(module, func_name, None)
    if func is None:
        raise _Fault("Runtime.HandlerNotFound",
                     "Handler '%s' missing on module '%s'" % (func_name, module_path))
    return func


# ---------------------------------------------------------------------------
# the loop
# ---------------------------------------------------------------------------
def _invoke_once(api, handler):
    global _current_request_id
    resp, body = api.next()
    rid = resp.getheader("Lambda-Runtime-Aws-Request-Id") or ""
    _current_request_id = rid
    trace = resp.getheader("Lambda-Runtime-Trace-Id")
    if trace:
        os.environ["_X_AMZN_TRACE_ID"] = trace
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    try:
        deadline = int(resp.getheader("Lambda-Runtime-Deadline-Ms") or 0)
    except ValueError:
        deadline = 0
    cog = _json_header(resp, "Lambda-Runtime-Cognito-Identity") or {}
    cc = _json_header(resp, "Lambda-Runtime-Client-Context")
    context = LambdaContext(
        rid, deadline, resp.getheader("Lambda-Runtime-Invoked-Function-Arn"),
        CognitoIdentity(cog.get("cognitoIdentityId"), cog.get("cognitoIdentityPoolId")),
        ClientContext(cc) if cc is not None else None,
        resp.getheader("Lambda-Runtime-Aws-Tenant-Id"))
    path = "/invocation/%s" % rid
    try:
        try:
            event = json.loads(body)
        except ValueError as e:
            raise _Fault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        result = handler(event, context)
        if isinstance(result, (bytes, bytearray, memoryview)):
            api.post(path + "/response", bytes(result), content_type="application/unknown")
            return
        try:
            payload = _to_json(result)
        except (TypeError, ValueError, OverflowError, RecursionError) as e:
            raise _Fault("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    except Exception as exc:
        etype, msg, stack, xray = _describe(exc)
        if isinstance(exc, _Fault):
            xray_type = "LambdaValidationError"
        else:
            xray_type = etype
        _log_error_line(etype, msg, stack)
        body = {"errorMessage": msg, "errorType": etype, "requestId": rid, "stackTrace": stack}
        cause = {"working_directory": os.getcwd(),
                 "exceptions": [{"message": msg, "type": xray_type, "stack": xray}],
                 "paths": list(dict.fromkeys(s["path"] for s in xray))}
        api.post(path + "/error", json.dumps(body), extra={
            "Lambda-Runtime-Function-Error-Type": etype,
            "Lambda-Runtime-Function-XRay-Error-Cause": json.dumps(cause)})
        return
    api.post(path + "/response", payload)


def main():
    _unbuffer_std_streams()
    api = _RuntimeAPI(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    try:
        os.chdir(task_root)
    except OSError:
        pass
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    # the bootstrap's own directory must not shadow user modules
    here = os.path.dirname(_THIS_FILE)
    if here != task_root:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    _setup_logging()

    try:
        handler = _load_handler(os.environ.get("_HANDLER", ""))
    except Exception as exc:
        etype, msg, stack, _ = _describe(exc)
        _log_error_line(etype, msg, stack)
        try:
            api.post_error("/init/error", etype, msg, stack, "")
        finally:
            sys.exit(1)

    while True:
        _invoke_once(api, handler)


if __name__ == "__main__":
    main()
