"""Lambda's size limits, through boto3 against a live stack: what a runtime that answers too much
is told (by the Runtime API) and what the caller then sees, how output without newlines becomes
log events, deployment packages Brume refuses to unpack (and ones it must still run), and request
bodies past each operation's limit."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest
import requests

from lambdahelpers import NODE, PROVIDED, ROLE, invoke, lambda_error, unique_function, wait_for_log, zip_files

# A `provided` runtime written by hand, so the test decides exactly how the answer is sent: with a
# Content-Length, chunked, or as an error document; it prints what the Runtime API answered.
RAW_RUNTIME = r"""#!/usr/bin/env python3
import http.client, json, os
host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
api = http.client.HTTPConnection(host, int(port))
BIG = 7 * 1024 * 1024

def chunks():
    piece = b'"' + b"x" * (1024 * 1024 - 2) + b'"'
    for _ in range(7):
        yield piece

while True:
    api.request("GET", "/2018-06-01/runtime/invocation/next")
    nxt = api.getresponse()
    event = json.loads(nxt.read())
    rid = nxt.getheader("Lambda-Runtime-Aws-Request-Id")
    base = f"/2018-06-01/runtime/invocation/{rid}"
    mode = event.get("mode")
    if mode == "length":
        api.request("POST", base + "/response", body=b"x" * BIG, headers={"Content-Length": str(BIG)})
    elif mode == "chunked":
        api.request("POST", base + "/response", body=chunks(), encode_chunked=True)
    elif mode == "error":
        api.request("POST", base + "/error", body=b"y" * BIG, headers={"Lambda-Runtime-Function-Error-Type": "Big.Error"})
    else:
        api.request("POST", base + "/response", body=json.dumps({"ok": True}).encode())
    answer = api.getresponse()
    print(f"runtime answered {answer.status} {answer.read().decode()}", flush=True)
"""


def raw_runtime_zip() -> bytes:
    return zip_files({"bootstrap": RAW_RUNTIME}, executable=("bootstrap",))


RESPONSE_LIMIT_MESSAGE = "Response payload size exceeded maximum allowed payload size (6291556 bytes)."
RUNTIME_413 = {"errorMessage": "Exceeded maximum allowed payload size (6291556 bytes).", "errorType": "RequestEntityTooLarge"}


def test_oversized_answers_fail_the_invoke_and_the_runtime_hears_413(lam, logs, make_function):
    name = make_function(zip=raw_runtime_zip(), runtime=PROVIDED, handler="bootstrap", Timeout=30)
    for mode in ("length", "chunked", "error"):
        response, payload = invoke(lam, name, {"mode": mode})
        assert response["StatusCode"] == 200, mode
        assert response["FunctionError"] == "Unhandled", (mode, payload)
        assert payload == {"errorType": "Function.ResponseSizeTooLarge", "errorMessage": RESPONSE_LIMIT_MESSAGE}, mode
    # The same instance, on the same connection, still answers normally afterwards.
    response, payload = invoke(lam, name, {"mode": "ok"})
    assert "FunctionError" not in response, payload
    assert payload == {"ok": True}
    # The runtime prints what it was told once its invocation is over, so the lines are read
    # from the log stream rather than from an invocation's tail.
    messages = wait_for_log(logs, name, lambda found: any(m.startswith("runtime answered 202") for m in found), timeout=10)
    answers = [m.removeprefix("runtime answered ") for m in messages if m.startswith("runtime answered")]
    assert [json.loads(a.removeprefix("413 ")) for a in answers[:3]] == [RUNTIME_413] * 3, answers
    assert 'runtime answered 202 {"status":"OK"}' in messages


LONG_LINES = """
import sys
def handler(event, context):
    sys.stdout.write("a" * 600000)
    sys.stdout.write("\\n")
    sys.stdout.write("é" * 200000)
    sys.stdout.write("\\nshort line\\n")
    sys.stdout.flush()
    return "done"
"""

# CloudWatch Logs takes events of 256 KB, 26 bytes of which are the event's overhead.
EVENT_LIMIT = 256 * 1024 - 26


def test_lines_longer_than_a_log_event_are_split(lam, logs, make_function):
    name = make_function(LONG_LINES, MemorySize=256)
    assert invoke(lam, name)[1] == "done"
    messages = wait_for_log(logs, name, lambda found: "short line" in found, timeout=10)
    a_events = [m for m in messages if m and set(m) == {"a"}]
    assert [len(m.encode()) for m in a_events] == [EVENT_LIMIT, EVENT_LIMIT, 600000 - 2 * EVENT_LIMIT]
    # 400,000 bytes of two-byte characters: cut between characters, never inside one.
    e_events = [m for m in messages if m and set(m) == {"é"}]
    assert sum(len(m) for m in e_events) == 200000
    assert all(len(m.encode()) <= EVENT_LIMIT for m in e_events) and len(e_events) == 2


# --- deployment packages ---------------------------------------------------------------------------

BAD_ZIP = "Could not unzip uploaded file. Please check your file, then try to upload again."
UNZIPPED_TOO_LARGE = "Unzipped size must be smaller than 262144000 bytes"


def raw_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip of (name, content, unix mode) entries written exactly as named, `../` included; a mode
    with S_IFLNK makes the content a symbolic link's target."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content, mode in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_STORED if stat.S_ISLNK(mode) else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def assert_refused(lam, package: bytes, message: str, runtime: str = NODE):
    name = unique_function("refused")
    with lambda_error("InvalidParameterValueException", 400, message):
        lam.create_function(FunctionName=name, Runtime=runtime, Handler="index.handler", Role=ROLE, Code={"ZipFile": package})
    with lambda_error("ResourceNotFoundException", 404):
        lam.get_function(FunctionName=name)


NODE_HANDLER = b"export const handler = async (event) => ({ echo: event, from: 'node' });\n"


@pytest.mark.parametrize("path", ["../escaped.mjs", "lib/../../escaped.mjs", "/tmp/escaped.mjs"])
def test_package_entry_escaping_the_folder_is_refused(lam, path):
    assert_refused(lam, raw_zip([("index.mjs", NODE_HANDLER, 0o100644), (path, b"evil", 0o100644)]), BAD_ZIP)


def test_package_link_pointing_out_is_refused(lam):
    package = raw_zip([("index.mjs", NODE_HANDLER, 0o100644), ("passwd", b"../../../../../etc/passwd", 0o120777)])
    assert_refused(lam, package, BAD_ZIP)


def test_package_over_250_mb_unzipped_is_refused(lam):
    # Two files of zeros, 130 MB each: 260 MB unzipped in a zip of about 250 KB.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("index.mjs", NODE_HANDLER)
        for name in ("a.bin", "b.bin"):
            with archive.open(name, "w", force_zip64=False) as entry:
                block = bytes(1024 * 1024)
                for _ in range(130):
                    entry.write(block)
    assert_refused(lam, buffer.getvalue(), UNZIPPED_TOO_LARGE)


def test_package_that_is_not_a_zip_is_refused(lam):
    assert_refused(lam, b"PK\x03\x04 but nothing after", BAD_ZIP)


def test_node_package_with_a_link_runs(lam, make_function):
    package = raw_zip([
        ("index.mjs", b"import { greet } from './current/greet.mjs';\nexport const handler = async (e) => greet(e);\n", 0o100644),
        ("v1/greet.mjs", b"export const greet = (e) => ({ hello: e.name });\n", 0o100644),
        ("current", b"v1", 0o120777),
    ])
    name = make_function(zip=package, runtime=NODE, handler="index.handler")
    response, payload = invoke(lam, name, {"name": "link"})
    assert "FunctionError" not in response, payload
    assert payload == {"hello": "link"}


def test_provided_package_keeps_its_executable_bootstrap(lam, make_function):
    name = make_function(zip=raw_runtime_zip(), runtime=PROVIDED, handler="bootstrap")
    response, payload = invoke(lam, name, {"mode": "ok"})
    assert "FunctionError" not in response, payload
    assert payload == {"ok": True}


# --- request bodies --------------------------------------------------------------------------------

def test_invoke_body_over_6_mb_is_refused_before_it_is_read(brume, lam, make_function):
    name = make_function()
    url = f"{brume.endpoint}/2015-03-31/functions/{name}/invocations"
    message = "Request must be smaller than 6291456 bytes for the InvokeFunction operation"

    def chunks():
        for _ in range(8):
            yield b"x" * (1024 * 1024)

    # Chunked (no Content-Length): refused once 6 MB have arrived.
    response = requests.post(url, data=chunks(), timeout=60)
    assert response.status_code == 413, response.text
    assert response.headers["x-amzn-ErrorType"].startswith("RequestTooLargeException"), response.headers
    assert response.json()["message"] == message, response.text
    # A declared Content-Length over the limit is refused from the header alone.
    response = requests.post(url, data=b"x" * (6 * 1024 * 1024 + 1), timeout=60)
    assert response.status_code == 413, response.text
    assert response.json()["message"] == message, response.text
    # The function still answers.
    assert invoke(lam, name, {"after": True})[1] == {"after": True}


def test_create_function_body_over_the_package_limit_is_refused(lam):
    name = unique_function("huge")
    with lambda_error("RequestEntityTooLargeException", 413,
                      "Request must be smaller than 69905067 bytes for the CreateFunction operation"):
        lam.create_function(FunctionName=name, Runtime=NODE, Handler="index.handler", Role=ROLE,
                            Code={"ZipFile": bytes(52 * 1024 * 1024)})
    with lambda_error("ResourceNotFoundException", 404):
        lam.get_function(FunctionName=name)
