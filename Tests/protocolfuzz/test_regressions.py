"""Crashes the protocol fuzzer found, replayed against a live `brume up` after their fixes.

Each case is a request that once took the whole process down; it must now get the service's own
error and leave the stack answering.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from oracle import envelope_code
from stack import DEFAULT_BIN, Stack, private_copy
from wire import RawRequest, send


def _s3_xml(method: str, target: str, body: bytes) -> RawRequest:
    digest = base64.b64encode(hashlib.md5(body).digest())
    return RawRequest(method, target, [("Host", b"127.0.0.1"), ("Content-MD5", digest)], body)


CRASHES = {
    # FoundationXML dereferenced the missing data of a processing instruction (SIGSEGV).
    "processing instruction without data": _s3_xml("PUT", "/fuzz-regressions?tagging", b"<?xml?>"),
    "processing instruction inside a body": _s3_xml(
        "POST", "/fuzz-regressions?delete", b"<Delete><?pi?><Object><Key>k</Key></Object></Delete>"),
    # A tree 100,000 elements deep overflowed the stack when it was torn down (SIGSEGV).
    "XML nested 100,000 deep": _s3_xml("POST", "/fuzz-regressions?delete", b"<a>" * 100_000 + b"</a>" * 100_000),
}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not DEFAULT_BIN.exists():
        pytest.fail(f"brume binary not found at {DEFAULT_BIN}; run `swift build` or set BRUME_BIN")
    workdir = tmp_path_factory.mktemp("regressions")
    running = Stack(private_copy(DEFAULT_BIN, workdir / "bin"), workdir, "relaxed")
    running.start()
    assert send(running.port, RawRequest("PUT", "/fuzz-regressions", [("Host", b"127.0.0.1")]), 10).status == 200
    yield running
    running.stop()


@pytest.mark.parametrize("name", list(CRASHES))
def test_malformed_xml_is_refused_and_the_stack_stays_up(stack, name):
    answer = send(stack.port, CRASHES[name], timeout=30)
    assert answer.outcome == "response", f"{answer.outcome}: {answer.detail}\n{stack.output_tail()}"
    assert answer.status == 400
    assert envelope_code("rest-xml", answer, "PUT") == "MalformedXML"
    assert stack.alive() and stack.healthy()
