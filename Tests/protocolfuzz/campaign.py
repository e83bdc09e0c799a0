"""A fuzzing campaign against a live `brume up`: build, mutate, send, judge, check sentinels, report.

Request N of a campaign with seed S is built from `random.Random(f"{S}:{N}")` alone, so any finding
can be rebuilt from its seed and index; each saved reproduction also holds the exact bytes sent.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import mutations
from known_issues import KNOWN_ISSUES, KnownIssue
from oracle import CRASH, HANG, NO_ANSWER, OK, SEVERITY, SIDE_EFFECT, WEDGED, Verdict, judge
from sentinels import SentinelKeeper
from shapes import InputGenerator, ServiceCatalog, is_read_only
from stack import Stack
from wire import Answer, RawRequest, send, serialize, sign_and_encode

CHECK_EVERY = 20          # requests between sentinel checks
MAX_REPRODUCTIONS = 25    # distinct findings saved to the output folder, per verdict
LONG_POLL_TIMEOUT = 30.0  # ReceiveMessage may wait up to 20 s when a mutation keeps WaitTimeSeconds


@dataclass
class Settings:
    seed: int = 1
    max_requests: int = 1_000_000
    duration: float = 60.0
    timeout: float = 10.0
    auth: str = "relaxed"
    services: list[str] | None = None
    mutations: list[str] | None = None
    output: Path = Path("protocolfuzz-out")
    binary: Path | None = None


@dataclass
class Case:
    index: int
    service: str
    protocol: str
    operation: object
    mutation: mutations.MutationClass
    description: str
    raw: RawRequest
    params_text: str
    framing: bool = False


@dataclass
class Finding:
    verdict: str
    case: Case
    answer: Answer | None
    code: str = ""
    note: str = ""
    known: KnownIssue | None = None


@dataclass
class Report:
    settings: Settings
    tried: Counter = field(default_factory=Counter)
    verdicts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_mutation: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    skipped: int = 0
    restarts: int = 0
    sentinel_checks: int = 0
    sentinel_skipped: int = 0
    elapsed: float = 0.0
    saved: list[str] = field(default_factory=list)
    known_matched: Counter = field(default_factory=Counter)

    def unknown(self) -> list[Finding]:
        return [f for f in self.findings if f.known is None]


# --- building a case -------------------------------------------------------------------------------

def build_case(index: int, settings: Settings, catalog: ServiceCatalog, keeper: SentinelKeeper,
               endpoint: str) -> Case | None:
    rng = random.Random(f"{settings.seed}:{index}")
    entry, operation = catalog.pick(rng)
    classes = [c for c in mutations.MUTATION_CLASSES if not settings.mutations or c.name in settings.mutations]
    weights = [c.weight * (2 if c.stage == "auth" and settings.auth == "strict" else 1) for c in classes]
    mutation = rng.choices(classes, weights=weights, k=1)[0]
    if mutation.name == "aws-chunked":  # only object uploads take aws-chunked bodies
        entry = catalog.services.get("s3", entry)
        if entry.key == "s3":
            operation = entry.model.operation_model(rng.choice(["PutObject", "UploadPart"]))
    generator = InputGenerator(rng, keeper.names, endpoint)
    params = generator.params(operation)
    ctx = {"params": params, "operation": operation, "protocol": entry.protocol}
    description = ""
    if mutation.stage == "params":
        description = mutations.PARAM_MUTATORS[mutation.name](rng, ctx)
    params_text = mutations.dump_params(params)
    try:
        request = serialize(entry.protocol, operation, params, endpoint)
    except Exception as exc:  # noqa: BLE001 - botocore refuses some mutated values; mutate the bytes instead
        params = generator.params(operation)
        params_text = mutations.dump_params(params)
        mutation = next(c for c in mutations.MUTATION_CLASSES if c.name == "body-encoding")
        try:
            request = serialize(entry.protocol, operation, params, endpoint)
        except Exception:  # noqa: BLE001
            return None
        description = f"(serializer refused: {type(exc).__name__}) "
    ctx["request"] = request
    _vary_addressing(rng, entry.key, request, keeper)
    if mutation.stage == "body":
        try:
            description += mutations.BODY_MUTATORS[mutation.name](rng, ctx)
        except (UnicodeError, ValueError, KeyError, TypeError):
            return None
    _add_required_digest(entry.key, operation, request)
    signing_name = entry.model.signing_name or entry.model.endpoint_prefix
    try:
        raw = sign_and_encode(request, signing_name)
    except Exception as exc:  # noqa: BLE001 - e.g. a header botocore cannot sign: send it unsigned
        raw = sign_and_encode(request, signing_name, signed=False)
        description += f" (unsigned: {type(exc).__name__})"
    if mutation.stage == "frame":
        description = mutations.frame(rng, raw)
    elif mutation.stage == "auth":
        description = mutations.auth(rng, raw)
    framing = (mutation.framing or bool(ctx.get("framing")) or len(raw.head_bytes()) > 16384
               or _has_control_bytes(raw))
    return Case(index, entry.key, entry.protocol, operation, mutation, description or "valid-ish", raw, params_text,
                framing)


def _vary_addressing(rng: random.Random, service: str, request: dict, keeper: SentinelKeeper) -> None:
    """Other ways SDKs address the same operation: S3 virtual-hosted style, SQS query posts to a queue URL."""
    parts = urlsplit(request["url"])
    if service == "s3" and rng.random() < 0.25:
        bucket, _, rest = parts.path.lstrip("/").partition("/")
        if bucket and "%" not in bucket and "." not in bucket:
            query = f"?{parts.query}" if parts.query else ""
            request["url"] = f"{parts.scheme}://{bucket}.s3.localhost:{parts.port}/{rest}{query}"
    elif service == "sqs-query" and rng.random() < 0.3:
        request["url"] = f"{parts.scheme}://{parts.netloc}/{keeper.names.account}/{keeper.names.queue}"


_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def _has_control_bytes(raw: RawRequest) -> bool:
    """Control bytes in the request line or a header value: HTTP parsers refuse these themselves."""
    return bool(_CONTROL.search(raw.target.encode("utf-8", "surrogatepass"))) or any(
        _CONTROL.search(v) for _, v in raw.headers)


def _add_required_digest(service: str, operation, request: dict) -> None:
    """S3 refuses bodies without Content-MD5 where the model requires a checksum (as SDKs add one)."""
    if service != "s3":
        return
    checksum = operation.http_checksum or {}
    if not (operation.http_checksum_required or checksum.get("requestChecksumRequired")):
        return
    if any(k.lower() in ("content-md5", "x-amz-sdk-checksum-algorithm") for k in request["headers"]):
        return
    import base64
    request["headers"]["Content-MD5"] = base64.b64encode(hashlib.md5(request["body"] or b"").digest()).decode()


# --- running ---------------------------------------------------------------------------------------

def run(settings: Settings, log=print) -> Report:
    report = Report(settings)
    catalog = ServiceCatalog(settings.services)
    settings.output.mkdir(parents=True, exist_ok=True)
    stack = Stack(settings.binary, settings.output / "stack", settings.auth)
    stack.workdir.mkdir(parents=True, exist_ok=True)
    stack.start()
    keeper = SentinelKeeper(stack.endpoint)
    keeper.create()
    started = time.monotonic()
    deadline = started + settings.duration
    window: list[Case] = []
    dirty: set[str] = set()
    saved_signatures: set = set()
    try:
        index = 0
        while index < settings.max_requests and time.monotonic() < deadline:
            case = build_case(index, settings, catalog, keeper, stack.endpoint)
            index += 1
            if case is None:
                report.skipped += 1
                continue
            timeout = LONG_POLL_TIMEOUT if case.operation.name == "ReceiveMessage" else settings.timeout
            answer = send(stack.port, case.raw, timeout)
            verdict = judge(case.protocol, case.operation, case.raw.method, answer, case.framing)
            if not stack.alive():
                verdict = Verdict(CRASH, note=f"exit {stack.process.returncode}: {stack.output_tail(1500)}")
            elif verdict.kind in (HANG, NO_ANSWER) or answer.outcome == "closed":
                if not any(stack.healthy(timeout=5) for _ in range(3)):
                    verdict = Verdict(WEDGED, note=f"after {answer.outcome}: /_brume/health does not answer")
                    try:  # a trapping process spends seconds printing its backtrace before it exits
                        stack.process.wait(timeout=15)
                        verdict = Verdict(CRASH, note=f"exit {stack.process.returncode}: {stack.output_tail(1500)}")
                    except Exception:  # noqa: BLE001 - still running: wedged
                        pass
            report.tried[case.service] += 1
            report.by_mutation[case.mutation.name] += 1
            report.statuses[answer.status if answer.outcome == "response" else answer.outcome] += 1
            report.verdicts[case.service][verdict.kind] += 1
            if verdict.kind != OK:
                _record(report, Finding(verdict.kind, case, answer, verdict.error_code, verdict.note),
                        saved_signatures, log)
            if verdict.kind in (CRASH, WEDGED):
                report.restarts += 1
                stack.kill()
                stack.start()
                keeper.reset_clients(stack.endpoint)
                keeper.create()
                window, dirty = [], set()
                continue
            window.append(case)
            if answer.outcome == "response" and 200 <= answer.status < 300 and not is_read_only(case.operation):
                dirty |= keeper.mentions(case.raw.head_bytes() + case.raw.body[:1 << 16])
            if len(window) >= CHECK_EVERY:
                dirty = _check_sentinels(report, keeper, window, dirty, saved_signatures, log)
                window = []
    finally:
        report.elapsed = time.monotonic() - started
        report.sentinel_checks = keeper.checks
        stack.stop()
    return report


def _check_sentinels(report, keeper, window, dirty, saved_signatures, log) -> set[str]:
    if dirty:
        report.sentinel_skipped += len(dirty)
    differences = keeper.differences(skip=dirty)
    if differences:
        aimed = [c for c in window if keeper.mentions(c.raw.head_bytes() + c.raw.body[:1 << 16])] or window
        for case in aimed[-5:]:
            finding = Finding(SIDE_EFFECT, case, None, note="; ".join(differences))
            _record(report, finding, saved_signatures, log)
        report.verdicts[aimed[-1].service][SIDE_EFFECT] += 1
    if differences or dirty:
        keeper.create()
    return set()


def _record(report: Report, finding: Finding, saved_signatures: set, log) -> None:
    case = finding.case
    for issue in KNOWN_ISSUES:
        answer_body = finding.answer.body if finding.answer else b""
        if issue.matches(finding.verdict, case.mutation.name, case.service, case.description, len(case.raw.body),
                         answer_body):
            finding.known = issue
            report.known_matched[issue.label] += 1
            break
    report.findings.append(finding)
    signature = (finding.verdict, case.service, case.operation.name, case.mutation.name, finding.code,
                 case.description[:24])
    saved_of_kind = sum(1 for s in saved_signatures if s[0] == finding.verdict)
    if signature in saved_signatures or saved_of_kind >= MAX_REPRODUCTIONS:
        return
    saved_signatures.add(signature)
    path = save_reproduction(report.settings.output, len(report.saved) + 1, finding, report.settings.seed)
    report.saved.append(str(path))
    tag = " (known)" if finding.known else ""
    log(f"  finding{tag}: {finding.verdict} {case.service} {case.operation.name} [{case.mutation.name}] "
        f"{case.description[:80]} -> {_answer_text(finding.answer)}  saved {path.name}")


def _answer_text(answer: Answer | None) -> str:
    if answer is None:
        return "(sentinel check)"
    if answer.outcome != "response":
        return f"{answer.outcome} after {answer.elapsed:.1f}s {answer.detail[:60]}"
    return f"{answer.status} {answer.body[:80]!r}"


# --- reproductions -------------------------------------------------------------------------------

REPLAY_SCRIPT = '''#!/usr/bin/env python3
"""Replays one fuzzer request: python3 {name} PORT  (sends {raw} to 127.0.0.1:PORT)."""
import gzip, socket, sys
from pathlib import Path
from urllib.parse import urlsplit
data = gzip.decompress(Path(__file__).with_name("{raw}").read_bytes())
sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15)
try:
    sock.sendall(data)
except OSError as exc:
    print("send:", exc)
if {half_close}:
    sock.shutdown(socket.SHUT_WR)
chunks = []
try:
    while True:
        piece = sock.recv(65536)
        if not piece:
            break
        chunks.append(piece)
except OSError as exc:
    print("recv:", exc)
print(b"".join(chunks)[:2000].decode("utf-8", "replace") or "(connection closed without an answer)")
'''


def save_reproduction(folder: Path, number: int, finding: Finding, seed: int) -> Path:
    case = finding.case
    stem = f"{number:03d}-{finding.verdict}-{case.service}-{case.operation.name}"
    folder = folder / "reproductions"
    folder.mkdir(parents=True, exist_ok=True)
    raw = case.raw
    head = raw.head_bytes()
    (folder / f"{stem}.raw.gz").write_bytes(gzip.compress(head + raw.body, compresslevel=6))
    (folder / f"{stem}.py").write_text(REPLAY_SCRIPT.format(name=f"{stem}.py", raw=f"{stem}.raw.gz",
                                                            half_close=raw.half_close))
    answer = finding.answer
    meta = {
        "verdict": finding.verdict, "known_issue": finding.known.why if finding.known else None,
        "seed": seed, "index": case.index, "service": case.service, "protocol": case.protocol,
        "operation": case.operation.name, "mutation": case.mutation.name, "description": case.description,
        "params": case.params_text, "method": raw.method, "target": raw.target[:2000],
        "headers": [(n, v[:500].decode("latin-1")) for n, v in raw.headers],
        "content_length": raw.content_length.decode("latin-1") if raw.content_length is not None else None,
        "half_close": raw.half_close, "body_length": len(raw.body), "body_hex": raw.body[:512].hex(),
        "body_excerpt": raw.body[:1000].decode("utf-8", "replace"),
        "answer": None if answer is None else {
            "outcome": answer.outcome, "status": answer.status, "headers": answer.headers,
            "body": answer.body[:2000].decode("utf-8", "replace"), "elapsed": round(answer.elapsed, 3),
            "detail": answer.detail},
        "code": finding.code, "note": finding.note[:3000],
    }
    path = folder / f"{stem}.json"
    path.write_text(json.dumps(meta, indent=2))
    return path


# --- summary -------------------------------------------------------------------------------------

def summary(report: Report) -> str:
    s = report.settings
    lines = [f"protocol fuzz: seed {s.seed}, auth {s.auth}, {sum(report.tried.values())} requests in "
             f"{report.elapsed:.0f} s ({report.skipped} inputs the serializer could not build), "
             f"{report.restarts} restarts after a crash"]
    header = f"{'service':<15}{'requests':>9}" + "".join(f"{k:>18}" for k in SEVERITY)
    lines += [header, "-" * len(header)]
    for service in sorted(report.tried):
        counts = report.verdicts[service]
        lines.append(f"{service:<15}{report.tried[service]:>9}" + "".join(f"{counts.get(k, 0):>18}" for k in SEVERITY))
    lines.append(f"sentinel checks: {report.sentinel_checks} of 4 sentinels each ({report.sentinel_skipped} sentinel "
                 f"comparisons skipped because a request legitimately changed that sentinel)")
    lines.append("requests per mutation class: " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_mutation.items())))
    lines.append("answers: " + ", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items(), key=lambda kv: str(kv[0]))))
    known = [f for f in report.findings if f.known]
    if known:
        lines.append(f"known issues (xfail, {len(known)} findings):")
        for issue in KNOWN_ISSUES:
            if report.known_matched.get(issue.label):
                lines.append(f"  XFAIL {issue.label}: {issue.why} ({report.known_matched[issue.label]}x)")
    stale = [i for i in KNOWN_ISSUES if not report.known_matched.get(i.label)]
    if stale:
        lines.append("known issues not seen this run (fixed, or not reached): " + "; ".join(i.label for i in stale))
    unknown = report.unknown()
    lines.append(f"new findings: {len(unknown)}")
    for finding in unknown[:10]:
        c = finding.case
        lines.append(f"  {finding.verdict} {c.service} {c.operation.name} [{c.mutation.name}] {c.description[:90]} "
                     f"-> {_answer_text(finding.answer)[:120]}")
    if report.saved:
        lines.append(f"reproductions: {Path(report.saved[0]).parent}")
    return "\n".join(lines)
