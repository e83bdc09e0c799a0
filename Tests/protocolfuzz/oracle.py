"""Judging an answer: is it the protocol's own error envelope, with a status AWS would use?

The contract is the one SDK error decoders rely on (soto-core, botocore):
- awsJson 1.0/1.1: a JSON object with `__type` (and usually `message`);
- rest-json (Lambda): `x-amzn-ErrorType`, or a JSON body with `__type`/`Type`/`code`;
- query (SQS form posts): `<ErrorResponse><Error><Code>`;
- rest-xml (S3): `<Error><Code>` (HEAD answers carry no body).

A 5xx is acceptable only when AWS documents it: 501 and 503 everywhere, and any error the
operation's model lists with a 5xx status. A plain 500 is the "unexpected failure" the fuzzer is
looking for.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from botocore.model import OperationModel

from wire import Answer

# Verdicts, most severe first.
CRASH = "crash"            # the process exited
WEDGED = "wedged"          # the process lives but no longer answers /_brume/health
HANG = "hang"              # no answer within the per-request timeout
SIDE_EFFECT = "side-effect"  # a sentinel changed although every request aimed at it failed
SERVER_ERROR = "undocumented-5xx"
NO_ENVELOPE = "non-envelope"
NO_ANSWER = "closed-without-answer"
OK = "ok"
SEVERITY = [CRASH, WEDGED, HANG, SIDE_EFFECT, SERVER_ERROR, NO_ENVELOPE, NO_ANSWER]

DOCUMENTED_5XX_STATUS = {501, 503}


@dataclass
class Verdict:
    kind: str
    error_code: str = ""
    note: str = ""


def _strip_namespace(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def envelope_code(protocol: str, answer: Answer, method: str) -> str | None:
    """The error code when the body is `protocol`'s error envelope, else None."""
    body = answer.body
    if protocol in ("json", "rest-json"):
        header = answer.headers.get("x-amzn-errortype")
        if protocol == "rest-json" and header:
            return header.split(":", 1)[0]
        if method == "HEAD" and not body and header:
            return header.split(":", 1)[0]
        try:
            doc = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(doc, dict):
            return None
        code = doc.get("__type") or (doc.get("Type") if protocol == "rest-json" else None) or \
            (doc.get("code") if protocol == "rest-json" else None)
        if not isinstance(code, str) or not code:
            return None
        return code.rsplit("#", 1)[-1]
    if method == "HEAD" and not body:
        return "(HEAD, no body)"
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    if protocol == "query":
        if _strip_namespace(root.tag) != "ErrorResponse":
            return None
        for child in root.iter():
            if _strip_namespace(child.tag) == "Code" and child.text:
                return child.text
        return None
    if _strip_namespace(root.tag) != "Error":
        return None
    for child in root:
        if _strip_namespace(child.tag) == "Code" and child.text:
            return child.text
    return None


def any_envelope(answer: Answer, method: str) -> tuple[str, str] | None:
    """(protocol, code) of the first protocol whose envelope the answer is."""
    for protocol in ("json", "rest-json", "query", "rest-xml"):
        code = envelope_code(protocol, answer, method)
        if code:
            return protocol, code
    return None


def documented_5xx(operation: OperationModel, code: str, status: int) -> bool:
    if status in DOCUMENTED_5XX_STATUS:
        return True
    for shape in operation.error_shapes:
        error = shape.metadata.get("error", {})
        if shape.name == code or error.get("code") == code:
            return error.get("httpStatusCode", 400) >= 500 or shape.metadata.get("fault", False)
    return False


def judge(protocol: str, operation: OperationModel, method: str, answer: Answer, framing: bool) -> Verdict:
    """The verdict for one answer of a live process (liveness is checked by the caller)."""
    if answer.outcome == "timeout":
        return Verdict(HANG, note=answer.detail)
    if answer.outcome in ("closed", "refused"):
        # Broken framing may be refused by closing the connection, as AWS's front ends do.
        return Verdict(OK if framing else NO_ANSWER, note=answer.detail)
    status = answer.status
    if status < 400:
        return Verdict(OK)
    code = envelope_code(protocol, answer, method)
    foreign = None
    if code is None:
        foreign = any_envelope(answer, method)
        if foreign:
            code = foreign[1]
    if status >= 500:
        if code and documented_5xx(operation, code, status):
            return Verdict(OK, code)
        return Verdict(SERVER_ERROR, code or "", _excerpt(answer.body))
    if code is None:
        if framing:
            return Verdict(OK, note="framing refused without envelope")
        return Verdict(NO_ENVELOPE, note=_excerpt(answer.body))
    return Verdict(OK, code, note=f"answered as {foreign[0]}" if foreign else "")


def _excerpt(body: bytes) -> str:
    return body[:200].decode("utf-8", "replace")
