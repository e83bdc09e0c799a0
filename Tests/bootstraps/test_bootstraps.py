"""Proof for Brume's python and node runtime bootstraps, against fake_runtime_api.

    python3 -m pytest -q test_bootstraps.py          (add -s to see cold-start numbers)

The awslambdaric comparison tests run AWS's own runtime client (`pip install awslambdaric`,
which .ci/run does) against the same fake and check Brume's bootstrap sends the same bytes;
they are skipped when it is not installed.
"""

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import textwrap
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fake_runtime_api import FakeRuntimeAPI  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BOOTSTRAPS = os.path.normpath(os.path.join(HERE, "..", "..", "Sources", "BrumeLambda", "Bootstraps"))
PY_BOOTSTRAP = os.path.join(BOOTSTRAPS, "python", "bootstrap.py")
NODE_BOOTSTRAP = os.path.join(BOOTSTRAPS, "node", "bootstrap.mjs")
RIC_PYTHON = sys.executable
NODE = shutil.which("node")

PY_CMD = [sys.executable, "-u", PY_BOOTSTRAP]
NODE_CMD = [NODE or "node", NODE_BOOTSTRAP]

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
TS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"

BASE_ENV = {
    "AWS_LAMBDA_FUNCTION_NAME": "my-fn",
    "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
    "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/my-fn",
    "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]0123456789abcdef",
    "AWS_REGION": "us-east-1",
}


def write(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(textwrap.dedent(text))


class Run:
    """One runtime process attached to one fake Runtime API."""

    def __init__(self, api, proc):
        self.api, self.proc = api, proc
        self._out = None

    def invoke(self, event=None, timeout=10, **kw):
        rid = self.api.enqueue(event if event is not None else {}, **kw)
        return self.api.wait_result(rid, timeout=timeout)

    def finish(self, timeout=5):
        """Stop the process (if still running); return (returncode, stdout, stderr)."""
        if self._out is None:
            try:
                self.proc.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            out, err = self.proc.communicate(timeout=timeout)
            self._out = (self.proc.returncode, out.decode("utf-8", "replace"),
                         err.decode("utf-8", "replace"))
        return self._out


@contextlib.contextmanager
def runtime(cmd, task_root, handler, env=None, cwd="/"):
    api = FakeRuntimeAPI().start()
    e = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    e.update(BASE_ENV)
    e.update({"AWS_LAMBDA_RUNTIME_API": api.address, "_HANDLER": handler,
              "LAMBDA_TASK_ROOT": str(task_root)})
    e.update(env or {})
    # ours are started from "/" on purpose: the bootstrap must chdir itself
    # (awslambdaric takes the cwd as its code directory, as AWS starts it there)
    t_spawn = time.time()
    proc = subprocess.Popen(cmd, cwd=cwd, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run = Run(api, proc)
    run.t_spawn = t_spawn
    try:
        yield run
    finally:
        run.finish()
        api.stop()


def init_error(cmd, task_root, handler, cwd="/"):
    with runtime(cmd, task_root, handler, cwd=cwd) as r:
        err = r.api.wait_init_error(timeout=10)
        rc, out, _ = r.finish()
        assert not r.api.next_calls, "must not ask for events after an init error"
    return err, rc, out


def cold_start_ms(cmd, task_root, handler, n=7):
    xs = []
    for _ in range(n):
        with runtime(cmd, task_root, handler) as r:
            r.api.wait_next_calls(1, timeout=10)
            xs.append((r.api.next_calls[0] - r.t_spawn) * 1000)
    return statistics.median(xs), min(xs), max(xs)


# ===========================================================================
# Python
# ===========================================================================
PY_APP = """
    import logging, os
    COUNT = 0
    logger = logging.getLogger()
    logger.setLevel(logging.INFO)

    def counter(event, context):
        global COUNT
        COUNT += 1
        return {"count": COUNT, "pid": os.getpid(), "event": event}

    def as_list(event, context):
        return [1, "a", None]

    def as_str(event, context):
        return "hello"

    def as_none(event, context):
        return None

    def boom(event, context):
        raise ValueError("boom")

    class Custom(Exception):
        pass

    def custom(event, context):
        raise Custom()

    def unserialisable(event, context):
        return {"x": {1, 2}}

    def ctx(event, context):
        names = ["function_name", "function_version", "invoked_function_arn",
                 "memory_limit_in_mb", "aws_request_id", "log_group_name", "log_stream_name"]
        d = {k: getattr(context, k) for k in names}
        d["remaining"] = context.get_remaining_time_in_millis()
        d["trace"] = os.environ.get("_X_AMZN_TRACE_ID")
        d["cwd"] = os.getcwd()
        idn = context.identity
        d["identity"] = [idn.cognito_identity_id, idn.cognito_identity_pool_id]
        cc = context.client_context
        d["client_context"] = None if cc is None else {
            "custom": cc.custom, "env": cc.env,
            "installation_id": cc.client and cc.client.installation_id}
        return d

    def logs(event, context):
        logging.info("hello %s", "world")
        logging.getLogger("child").warning("careful")
        logging.debug("hidden")
        print("plain print")
        return 1
"""


@pytest.fixture(scope="module")
def py_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("pytask")
    write(root, "app.py", PY_APP)
    write(root, "bad.py", "def handler(:\n    pass\n")
    write(root, "raises.py", "raise RuntimeError('init fail')\n")
    write(root, "src/pkg/mod.py", "def handler(event, context):\n    return 'nested'\n")
    return str(root)


def test_py_success_values_and_process_reuse(py_root):
    with runtime(PY_CMD, py_root, "app.counter") as r:
        a = r.invoke({"k": 1})
        b = r.invoke({"k": 2})
        assert a.kind == b.kind == "response"
        ja, jb = a.json(), b.json()
        assert (ja["count"], jb["count"]) == (1, 2)  # module state persists
        assert ja["pid"] == jb["pid"] == r.proc.pid  # one process, loaded once
        assert jb["event"] == {"k": 2}
        assert a.headers["content-type"] == "application/json"
        r.api.wait_next_calls(3)  # and is now blocked on the third /next
    for handler, body in [("app.as_list", b'[1, "a", null]'), ("app.as_str", b'"hello"'),
                          ("app.as_none", b"null")]:
        with runtime(PY_CMD, py_root, handler) as r:
            res = r.invoke()
            assert (res.kind, res.body) == ("response", body)


def test_py_handler_error_shape(py_root):
    with runtime(PY_CMD, py_root, "app.boom") as r:
        res = r.invoke(request_id="req-1")
        res2 = r.invoke(request_id="req-2")  # keeps serving after an error
        rc, out, err = r.finish()
    assert res.kind == "error" and res2.kind == "error"
    assert res.headers["lambda-runtime-function-error-type"] == "ValueError"
    app = os.path.join(py_root, "app.py")
    assert res.body.decode() == json.dumps({
        "errorMessage": "boom", "errorType": "ValueError", "requestId": "req-1",
        "stackTrace": [f'  File "{app}", line 22, in boom\n    raise ValueError("boom")\n']})
    assert list(res.json()) == ["errorMessage", "errorType", "requestId", "stackTrace"]
    # the one-line [ERROR] record AWS writes (newlines as \r, indents as NBSP)
    assert out.split("\n")[0] == (
        '[ERROR] ValueError: boom\rTraceback (most recent call last):\r'
        f'\u00a0\u00a0File "{app}", line 22, in boom\r\u00a0\u00a0\u00a0\u00a0raise ValueError("boom")')
    assert err == ""


def test_py_custom_exception_and_marshal_error(py_root):
    with runtime(PY_CMD, py_root, "app.custom") as r:
        j = r.invoke().json()
    assert (j["errorType"], j["errorMessage"]) == ("Custom", "")
    with runtime(PY_CMD, py_root, "app.unserialisable") as r:
        res = r.invoke(request_id="m-1")
    assert res.headers["lambda-runtime-function-error-type"] == "Runtime.MarshalError"
    assert res.json() == {
        "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
        "errorType": "Runtime.MarshalError", "requestId": "m-1", "stackTrace": []}


@pytest.mark.parametrize("handler,etype,msg", [
    ("nomod.handler", "Runtime.ImportModuleError", "Unable to import module 'nomod': No module named 'nomod'"),
    ("app.nope", "Runtime.HandlerNotFound", "Handler 'nope' missing on module 'app'"),
    ("nodot", "Runtime.MalformedHandlerName", "Bad handler 'nodot': not enough values to unpack (expected 2, got 1)"),
    ("bad.handler", "Runtime.UserCodeSyntaxError", "Syntax error in module 'bad': invalid syntax (bad.py, line 1)"),
    ("raises.handler", "RuntimeError", "init fail"),
])
def test_py_init_errors(py_root, handler, etype, msg):
    err, rc, out = init_error(PY_CMD, py_root, handler)
    body = err.json()
    assert list(body) == ["errorMessage", "errorType", "requestId", "stackTrace"]
    assert (body["errorType"], body["errorMessage"], body["requestId"]) == (etype, msg, "")
    assert err.headers["lambda-runtime-function-error-type"] == etype
    assert rc != 0
    assert out.startswith(f"[ERROR] {etype}: {msg}\rTraceback (most recent call last):")
    if etype == "Runtime.UserCodeSyntaxError":
        assert body["stackTrace"] == [f'  File "{py_root}/bad.py" Line 1\n    def handler(:\n']
    elif etype == "RuntimeError":
        assert body["stackTrace"][-1].startswith(f'  File "{py_root}/raises.py", line 1, in <module>')
    else:
        assert body["stackTrace"] == []


def test_py_context_trace_and_nested_path(py_root):
    with runtime(PY_CMD, py_root, "app.ctx") as r:
        deadline = int(time.time() * 1000) + 5000
        j = r.invoke(request_id="ctx-1", deadline_ms=deadline,
                     function_arn="arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod",
                     trace_id="Root=1-5e1b4151-5ac6c58f5b5daa6532f7ba0e;Parent=1;Sampled=1",
                     client_context={"custom": {"a": 1}, "env": {"e": 2}, "client": {"installation_id": "i-1"}},
                     cognito_identity={"cognitoIdentityId": "cid", "cognitoIdentityPoolId": "pid"}).json()
        j2 = r.invoke(request_id="ctx-2").json()  # no optional headers this time
    assert {k: j[k] for k in ["function_name", "function_version", "invoked_function_arn",
                              "memory_limit_in_mb", "aws_request_id", "log_group_name",
                              "log_stream_name"]} == {
        "function_name": "my-fn", "function_version": "$LATEST",
        "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod",
        "memory_limit_in_mb": "128",  # a str, as AWS's runtime passes it through
        "aws_request_id": "ctx-1", "log_group_name": "/aws/lambda/my-fn",
        "log_stream_name": "2024/01/01/[$LATEST]0123456789abcdef"}
    assert 3000 < j["remaining"] <= 5000
    assert j["trace"] == "Root=1-5e1b4151-5ac6c58f5b5daa6532f7ba0e;Parent=1;Sampled=1"
    assert j["cwd"] == py_root
    assert j["identity"] == ["cid", "pid"]
    assert j["client_context"] == {"custom": {"a": 1}, "env": {"e": 2}, "installation_id": "i-1"}
    assert j2["trace"] is None and j2["client_context"] is None and j2["identity"] == [None, None]
    with runtime(PY_CMD, py_root, "src/pkg/mod.handler") as r:
        assert r.invoke().body == b'"nested"'


def test_py_logging_format(py_root):
    with runtime(PY_CMD, py_root, "app.logs") as r:
        r.invoke(request_id="11111111-1111-1111-1111-111111111111")
        r.invoke(request_id="22222222-2222-2222-2222-222222222222")
        _, out, err = r.finish()
    lines = out.splitlines()
    assert len(lines) == 6, lines
    for i, rid in ((0, "1111"), (3, "2222")):
        assert re.fullmatch(rf"\[INFO\]\t{TS}\t{rid}[-0-9]+\thello world", lines[i]), lines[i]
        assert re.fullmatch(rf"\[WARNING\]\t{TS}\t{rid}[-0-9]+\tcareful", lines[i + 1])
        assert lines[i + 2] == "plain print"
    assert err == ""


def test_py_cold_start(py_root):
    med, lo, hi = cold_start_ms(PY_CMD, py_root, "app.as_none")
    print(f"\npython bootstrap cold start (spawn -> first /next): median {med:.1f} ms "
          f"(min {lo:.1f}, max {hi:.1f}) with {sys.executable}")
    assert med < 150


# ---- against AWS's own runtime interface client ---------------------------
def _has_awslambdaric() -> bool:
    import importlib.util
    return importlib.util.find_spec("awslambdaric") is not None


needs_ric = pytest.mark.skipif(not _has_awslambdaric(), reason="awslambdaric is not installed (pip install awslambdaric)")


def _ric_cmd(handler):
    return [RIC_PYTHON, "-m", "awslambdaric", handler]


def _normalise(body, root):
    return body.decode().replace(root, "<ROOT>")


@needs_ric
@pytest.mark.parametrize("handler", ["app.counter", "app.as_list", "app.as_str", "app.as_none",
                                     "app.boom", "app.custom", "app.unserialisable"])
def test_py_matches_awslambdaric_invoke(py_root, handler):
    got = {}
    for name, cmd in (("ours", PY_CMD), ("ric", _ric_cmd(handler))):
        with runtime(cmd, py_root, handler, cwd=py_root) as r:
            res = r.invoke({"k": 1}, request_id="same-id")
            _, out, _ = r.finish()
        body = _normalise(res.body, py_root)
        if handler == "app.counter":
            body = re.sub(r'"pid": \d+', '"pid": 0', body)
        got[name] = (res.kind, body, res.headers.get("content-type"),
                     res.headers.get("lambda-runtime-function-xray-error-cause", "").replace(py_root, "<ROOT>"),
                     out.replace(py_root, "<ROOT>"))
    assert got["ours"] == got["ric"]


@needs_ric
@pytest.mark.parametrize("handler", ["nomod.handler", "app.nope", "nodot", "bad.handler"])
def test_py_matches_awslambdaric_init(py_root, handler):
    got = {}
    for name, cmd in (("ours", PY_CMD), ("ric", _ric_cmd(handler))):
        err, rc, _ = init_error(cmd, py_root, handler, cwd=py_root)
        got[name] = (err.body, err.headers.get("lambda-runtime-function-error-type"), rc)
    assert got["ours"] == got["ric"]


@needs_ric
def test_py_logging_matches_awslambdaric(py_root):
    outs = {}
    for name, cmd in (("ours", PY_CMD), ("ric", _ric_cmd("app.logs"))):
        with runtime(cmd, py_root, "app.logs", cwd=py_root) as r:
            r.invoke(request_id="log-id")
            _, out, _ = r.finish()
        outs[name] = re.sub(TS, "<TS>", out)
    assert outs["ours"] == outs["ric"]


# ===========================================================================
# Node
# ===========================================================================
needs_node = pytest.mark.skipif(NODE is None, reason="node not installed")

NODE_INDEX = """
    let count = 0;
    console.log("init phase");
    exports.counter = async (event) => { count++; return { count, pid: process.pid, event }; };
    exports.asList = async () => [1, "a", null];
    exports.asStr = async () => "hello";
    exports.asUndefined = async () => undefined;
    exports.boom = async () => { throw new Error("boom"); };
    exports.syncBoom = () => { throw new TypeError("sync"); };
    exports.cb = (event, context, callback) => setTimeout(() => callback(null, { cb: true }), 5);
    exports.cbErr = (event, context, callback) => callback(new Error("cb fail"));
    exports.cbString = (event, context, callback) => callback("plain string");
    exports.cbWaits = (event, context, callback) => {
      setTimeout(() => console.log("timer after callback"), 100);
      callback(null, "done");
    };
    exports.cbNoWait = (event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = false;
      setTimeout(() => console.log("late timer"), 300);
      callback(null, "no-wait");
    };
    exports.legacySucceed = (event, context) => { context.succeed({ legacy: 1 }); };
    exports.ctx = async (event, context) => ({
      functionName: context.functionName, functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
      logStreamName: context.logStreamName, identity: context.identity ?? null,
      clientContext: context.clientContext ?? null, remaining: context.getRemainingTimeInMillis(),
      trace: process.env._X_AMZN_TRACE_ID ?? null, cwd: process.cwd(),
      waits: context.callbackWaitsForEmptyEventLoop,
    });
    exports.logs = async () => {
      console.log("a", 1, { b: 2 }); console.info("info"); console.warn("warn");
      console.error("err"); console.debug("dbg"); return 1;
    };
    exports.unhandled = async () => {
      Promise.reject(new Error("HelloError"));
      await new Promise((r) => setTimeout(r, 100));
      return "never";
    };
    exports.uncaught = (event, context, callback) => setTimeout(() => { throw new Error("async boom"); }, 5);
    exports.notFn = 42;
    exports.nested = { fn: async () => "nested-prop" };
"""


@pytest.fixture(scope="module")
def node_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("nodetask")
    write(root, "index.js", NODE_INDEX)
    write(root, "esm.mjs", "export const handler = async (e, ctx) => ({ esm: true, id: ctx.awsRequestId });\n")
    write(root, "typemod/package.json", '{"type": "module"}\n')
    write(root, "typemod/index.js", "export const handler = async () => 'type-module-js';\n")
    write(root, "src/deep/app.cjs", "exports.handler = async () => 'cjs-nested';\n")
    write(root, "src/deep/esm.mjs", "export const handler = async () => 'mjs-nested';\n")
    write(root, "bad.js", "exports.handler = async (;\n")
    write(root, "throws.js", "throw new Error('top-level');\n")
    return str(root)


@needs_node
def test_node_success_values_and_process_reuse(node_root):
    with runtime(NODE_CMD, node_root, "index.counter") as r:
        a, b = r.invoke({"k": 1}), r.invoke({"k": 2})
        ja, jb = a.json(), b.json()
        assert (ja["count"], jb["count"]) == (1, 2)
        assert ja["pid"] == jb["pid"] == r.proc.pid
        assert jb["event"] == {"k": 2}
        _, out, _ = r.finish()
    assert re.match(rf"{TS}\tundefined\tINFO\tinit phase$", out.splitlines()[0])
    for handler, body in [("index.asList", b'[1,"a",null]'), ("index.asStr", b'"hello"'),
                          ("index.asUndefined", b"null"), ("index.nested.fn", b'"nested-prop"')]:
        with runtime(NODE_CMD, node_root, handler) as r:
            res = r.invoke()
            assert (res.kind, res.body) == ("response", body)


@needs_node
@pytest.mark.parametrize("handler,expected", [
    ("esm.handler", None), ("typemod/index.handler", "type-module-js"),
    ("src/deep/app.handler", "cjs-nested"), ("src/deep/esm.handler", "mjs-nested")])
def test_node_esm_cjs_nested(node_root, handler, expected):
    with runtime(NODE_CMD, node_root, handler) as r:
        res = r.invoke(request_id="esm-1")
    assert res.kind == "response"
    assert res.json() == (expected if expected else {"esm": True, "id": "esm-1"})


@needs_node
def test_node_callback_semantics(node_root):
    with runtime(NODE_CMD, node_root, "index.cb") as r:
        assert r.invoke().json() == {"cb": True}
    with runtime(NODE_CMD, node_root, "index.legacySucceed") as r:
        assert r.invoke().json() == {"legacy": 1}
    with runtime(NODE_CMD, node_root, "index.cbString") as r:
        res = r.invoke()
    assert res.body == b'{"errorType":"string","errorMessage":"plain string","trace":[]}'
    # callbackWaitsForEmptyEventLoop = true: the response waits for the timer
    with runtime(NODE_CMD, node_root, "index.cbWaits") as r:
        rid = r.api.enqueue({})
        res = r.api.wait_result(rid)
        _, out, _ = r.finish()
    assert res.body == b'"done"'
    assert "timer after callback" in out  # logged before the response went out
    # ... = false: the response goes out at once, the timer fires later
    with runtime(NODE_CMD, node_root, "index.cbNoWait") as r:
        t0 = time.time()
        res = r.invoke()
        assert time.time() - t0 < 0.25
        assert res.body == b'"no-wait"'


@needs_node
@pytest.mark.parametrize("handler,etype,msg,first", [
    ("index.boom", "Error", "boom", "Error: boom"),
    ("index.syncBoom", "TypeError", "sync", "TypeError: sync"),
    ("index.cbErr", "Error", "cb fail", "Error: cb fail"),
])
def test_node_handler_errors(node_root, handler, etype, msg, first):
    with runtime(NODE_CMD, node_root, handler) as r:
        res = r.invoke(request_id="err-1")
        res2 = r.invoke()
        _, out, _ = r.finish()
    assert res.kind == res2.kind == "error"
    assert res.headers["lambda-runtime-function-error-type"] == etype
    body = res.json()
    assert list(body) == ["errorType", "errorMessage", "trace"]
    assert (body["errorType"], body["errorMessage"], body["trace"][0]) == (etype, msg, first)
    assert f"{node_root}/index.js" in body["trace"][1]
    log = [l for l in out.splitlines() if "\terr-1\t" in l]
    assert len(log) == 1 and re.fullmatch(rf"{TS}\terr-1\tERROR\tInvoke Error \t\{{.*\}}", log[0])
    assert json.loads(log[0].split("\t", 4)[4])["stack"] == body["trace"]


@needs_node
@pytest.mark.parametrize("handler,etype,msg", [
    ("nomod.handler", "Runtime.ImportModuleError", "Error: Cannot find module 'nomod'\nRequire stack:\n- " + NODE_BOOTSTRAP),
    ("index.nope", "Runtime.HandlerNotFound", "index.nope is undefined or not exported"),
    ("index.notFn", "Runtime.HandlerNotFound", "index.notFn is not a function"),
    ("nodot", "Runtime.MalformedHandlerName", "Bad handler"),
    ("bad.handler", "Runtime.UserCodeSyntaxError", "SyntaxError: Unexpected token ';'"),
    ("throws.handler", "Error", "top-level"),
])
def test_node_init_errors(node_root, handler, etype, msg):
    err, rc, out = init_error(NODE_CMD, node_root, handler)
    body = err.json()
    assert list(body) == ["errorType", "errorMessage", "trace"]
    assert (body["errorType"], body["errorMessage"]) == (etype, msg)
    assert body["trace"][0] == f"{etype}: {msg}".split("\n")[0]
    assert err.headers["lambda-runtime-function-error-type"] == etype
    assert rc != 0
    assert re.search(rf"{TS}\tundefined\tERROR\tUncaught Exception \t", out)


@needs_node
def test_node_context_and_trace(node_root):
    with runtime(NODE_CMD, node_root, "index.ctx") as r:
        deadline = int(time.time() * 1000) + 5000
        j = r.invoke(request_id="ctx-1", deadline_ms=deadline, trace_id="Root=1-abc;Sampled=1",
                     client_context={"custom": {"a": 1}},
                     cognito_identity={"cognitoIdentityId": "cid", "cognitoIdentityPoolId": "pid"}).json()
        j2 = r.invoke(request_id="ctx-2").json()
    rem = j.pop("remaining")
    assert 3000 < rem <= 5000
    assert j == {
        "functionName": "my-fn", "functionVersion": "$LATEST",
        "invokedFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
        "memoryLimitInMB": "128", "awsRequestId": "ctx-1", "logGroupName": "/aws/lambda/my-fn",
        "logStreamName": "2024/01/01/[$LATEST]0123456789abcdef",
        "identity": {"cognitoIdentityId": "cid", "cognitoIdentityPoolId": "pid"},
        "clientContext": {"custom": {"a": 1}}, "trace": "Root=1-abc;Sampled=1",
        "cwd": node_root, "waits": True}
    assert (j2["trace"], j2["identity"], j2["clientContext"]) == (None, None, None)


@needs_node
def test_node_console_format(node_root):
    with runtime(NODE_CMD, node_root, "index.logs") as r:
        r.invoke(request_id="log-1")
        _, out, err = r.finish()
    lines = [l for l in out.splitlines() if "\tlog-1\t" in l]
    got = [l.split("\t", 1)[1] for l in lines]
    assert got == ["log-1\tINFO\ta 1 { b: 2 }", "log-1\tINFO\tinfo", "log-1\tWARN\twarn",
                   "log-1\tERROR\terr", "log-1\tDEBUG\tdbg"]
    assert all(re.match(rf"{TS}\t", l) for l in lines)
    assert err == ""


@needs_node
def test_node_unhandled_rejection_and_uncaught_exception(node_root):
    with runtime(NODE_CMD, node_root, "index.unhandled") as r:
        res = r.invoke(request_id="rej-1")
        rc, out, _ = r.finish()
    body = res.json()
    assert res.headers["lambda-runtime-function-error-type"] == "Runtime.UnhandledPromiseRejection"
    assert (body["errorType"], body["errorMessage"]) == ("Runtime.UnhandledPromiseRejection", "Error: HelloError")
    assert body["trace"][0] == "Runtime.UnhandledPromiseRejection: Error: HelloError"
    assert rc == 128
    assert "\trej-1\tERROR\tUnhandled Promise Rejection \t" in out
    with runtime(NODE_CMD, node_root, "index.uncaught") as r:
        res = r.invoke(request_id="unc-1")
        rc, _, _ = r.finish()
    assert (res.json()["errorType"], res.json()["errorMessage"]) == ("Error", "async boom")
    assert rc == 129


@needs_node
def test_node_cold_start(node_root):
    med, lo, hi = cold_start_ms(NODE_CMD, node_root, "esm.handler")
    print(f"\nnode bootstrap cold start (spawn -> first /next): median {med:.1f} ms "
          f"(min {lo:.1f}, max {hi:.1f}) with {NODE}")
    assert med < 150
