"""What the S3 event notification benchmark measures against one running server.

One bucket notifies one standard queue of s3:ObjectCreated:*; a consumer thread long-polls
the queue; PutObject (raw HTTP, unsigned for Brume, dummy SigV4 for moto) one object at a
time. Each phase returns metric cells; nothing is asserted."""

from __future__ import annotations

import json
import queue
import random
import threading
import time
from dataclasses import dataclass

from .report import LOWER, Cell, Metric
from .runner import Cells, Phase
from .s3client import HttpStatusError, RawHttp
from .servers import RunningServer
from .sqs_phases import percentile
from .sqsclient import RawSqs

METRICS: list[Metric] = [
    Metric("ready_ms", "start -> ready (own probe)", "ms", LOWER, None, 1),
    Metric("put_plain_p50_ms", "PutObject, bucket without notifications, p50", "ms", LOWER, None, 3),
    Metric("put_plain_p99_ms", "PutObject, bucket without notifications, p99", "ms", LOWER, None, 3),
    Metric("put_notify_p50_ms", "PutObject, bucket notifying SQS, p50", "ms", LOWER, None, 3),
    Metric("put_notify_p99_ms", "PutObject, bucket notifying SQS, p99", "ms", LOWER, None, 3),
    Metric("e2e_p50_ms", "PutObject start -> message received, p50", "ms", LOWER, None, 2),
    Metric("e2e_p90_ms", "PutObject start -> message received, p90", "ms", LOWER, None, 2),
    Metric("e2e_p99_ms", "PutObject start -> message received, p99", "ms", LOWER, None, 2),
    Metric("e2e_put_p50_ms", "  of which PutObject round trip, p50", "ms", LOWER, None, 3),
    Metric("e2e_after_p50_ms", "  PutObject response -> message received, p50", "ms", LOWER, None, 2),
    Metric("e2e_after_p99_ms", "  PutObject response -> message received, p99", "ms", LOWER, None, 2),
    Metric("sqs_p50_ms", "for scale: SendMessage start -> received, p50", "ms", LOWER, None, 2),
    Metric("sqs_p99_ms", "for scale: SendMessage start -> received, p99", "ms", LOWER, None, 2),
    Metric("stop_ms", "SIGTERM -> exit", "ms", LOWER, None, 1),
]


@dataclass(frozen=True)
class Settings:
    samples: int  # measured notifications (and PUTs per bucket in the PUT-only loop)
    object_bytes: int
    phase_max_s: float  # cap on each timed loop
    wait_s: float  # give up on one notification after this long
    ready_timeout_s: float


QUEUE, PLAIN_BUCKET, NOTIFY_BUCKET = "bench-events", "bench-plain", "bench-notify"
UNMEASURED = 5  # first samples (connections, caches, the deliverer's queue URL lookup)
GAP_S = 0.002  # pause before each PUT so the consumer's next ReceiveMessage is already waiting
JITTER_S = 0.010  # plus a random pause up to this, in the notification loops (see _pause)
BLOCKS = 5  # the PUT-only loop alternates between the two buckets in this many blocks
NOTIFICATION_XML = (
    '<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    "<QueueConfiguration><Id>bench</Id><Queue>{arn}</Queue><Event>s3:ObjectCreated:*</Event>"
    "</QueueConfiguration></NotificationConfiguration>"
)


def startup(server: RunningServer, _s: Settings) -> Cells:
    return {"ready_ms": Cell(server.ready_s * 1000)}


def _s3(server: RunningServer) -> RawHttp:
    return RawHttp(server.spec.endpoint, server.spec.raw_headers)


def _request(s3: RawHttp, method: str, path: str, body: bytes = b"",
             content_type: str = "application/xml") -> bytes:
    headers = {**s3.headers, "Content-Type": content_type, "Content-Length": str(len(body))}
    s3.conn.request(method, path, body=body, headers=headers)
    resp = s3.conn.getresponse()
    data = resp.read()
    if not 200 <= resp.status < 300:
        raise HttpStatusError(f"{method} {path} -> HTTP {resp.status}: {data[:300]!r}")
    return data


def setup(server: RunningServer) -> None:
    """Queue, the two buckets, and the notification configuration (checked with a GET)."""
    with RawSqs(server.spec.endpoint) as sqs, _s3(server) as s3:
        url = sqs.call("CreateQueue", {"QueueName": QUEUE})["QueueUrl"]
        arn = sqs.call("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": ["QueueArn"]})[
            "Attributes"]["QueueArn"]
        for bucket in (PLAIN_BUCKET, NOTIFY_BUCKET):
            _request(s3, "PUT", f"/{bucket}")
        _request(s3, "PUT", f"/{NOTIFY_BUCKET}?notification", NOTIFICATION_XML.format(arn=arn).encode())
        stored = _request(s3, "GET", f"/{NOTIFY_BUCKET}?notification").decode()
        if arn not in stored:
            raise RuntimeError(f"GetBucketNotificationConfiguration does not name {arn}: {stored[:300]}")


# -- PutObject alone, with and without a notification configuration ------------


PUT_KEYS = ("put_plain_p50_ms", "put_plain_p99_ms", "put_notify_p50_ms", "put_notify_p99_ms")


def put_only(server: RunningServer, s: Settings) -> Cells:
    """Sequential PUTs (GAP_S apart), alternating between the two buckets in BLOCKS blocks
    so background noise hits both alike. Nobody consumes: the notify bucket's events pile up
    in the queue, which is purged afterwards. Creates the queue and buckets first."""
    setup(server)
    body = b"x" * s.object_bytes
    times: dict[str, list[float]] = {PLAIN_BUCKET: [], NOTIFY_BUCKET: []}
    per_block = max(1, -(-s.samples // BLOCKS))
    deadline = time.perf_counter() + s.phase_max_s
    capped = False
    with _s3(server) as s3:
        for bucket in times:  # unmeasured
            for i in range(UNMEASURED):
                s3.put(f"/{bucket}/warm-{i}", body)
        for block in range(BLOCKS):
            for bucket, got in times.items():
                for i in range(per_block):
                    if len(got) >= s.samples:
                        break
                    if time.perf_counter() >= deadline:
                        capped = True
                        break
                    time.sleep(GAP_S)
                    t0 = time.perf_counter()
                    s3.put(f"/{bucket}/put-{block}-{i}", body)
                    got.append(time.perf_counter() - t0)
    time.sleep(0.5)  # let the deliverer catch up before the purge
    with RawSqs(server.spec.endpoint) as sqs:
        url = sqs.call("GetQueueUrl", {"QueueName": QUEUE})["QueueUrl"]
        sqs.call("PurgeQueue", {"QueueUrl": url})
    cells: Cells = {}
    for bucket, prefix in ((PLAIN_BUCKET, "put_plain"), (NOTIFY_BUCKET, "put_notify")):
        got = times[bucket]
        if not got:
            cells[f"{prefix}_p50_ms"] = cells[f"{prefix}_p99_ms"] = Cell.error("no sample")
            continue
        note = f"time cap hit: {len(got)} of {s.samples} samples" if capped else ""
        cells[f"{prefix}_p50_ms"] = Cell(percentile(got, 50) * 1000, note=note)
        cells[f"{prefix}_p99_ms"] = Cell(percentile(got, 99) * 1000)
    return cells


# -- PutObject -> notification received ----------------------------------------


E2E_KEYS = ("e2e_p50_ms", "e2e_p90_ms", "e2e_p99_ms", "e2e_put_p50_ms", "e2e_after_p50_ms",
            "e2e_after_p99_ms", "sqs_p50_ms", "sqs_p99_ms")
TEST_EVENT = "<s3:TestEvent>"


class Consumer:
    """A thread long-polling the queue (WaitTimeSeconds=20). Each message becomes
    (arrival time, object key, or TEST_EVENT, or the raw body) on `arrivals`, put there after
    the message was deleted, so the producer's next step finds the consumer back in a receive."""

    def __init__(self, endpoint: str, url: str):
        self.endpoint, self.url = endpoint, url
        self.arrivals: queue.Queue = queue.Queue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with RawSqs(self.endpoint, timeout_s=30) as sqs:
            while not self.stopping.is_set():
                try:
                    got = sqs.call("ReceiveMessage", {"QueueUrl": self.url, "MaxNumberOfMessages": 10,
                                                      "WaitTimeSeconds": 20}).get("Messages", [])
                    arrived = time.perf_counter()
                    for m in got:
                        sqs.call("DeleteMessage", {"QueueUrl": self.url, "ReceiptHandle": m["ReceiptHandle"]})
                except Exception as exc:
                    self.arrivals.put(exc)
                    return
                for m in got:
                    self.arrivals.put((arrived, _identify(m["Body"])))

    def next(self, timeout_s: float) -> tuple[float, str]:
        got = self.arrivals.get(timeout=timeout_s)  # raises queue.Empty
        if isinstance(got, Exception):
            raise RuntimeError(f"consumer failed: {type(got).__name__}: {got}"[:300])
        return got

    def stop(self, sqs: RawSqs) -> None:
        self.stopping.set()
        sqs.call("SendMessage", {"QueueUrl": self.url, "MessageBody": "stop"})  # wakes the last poll
        self.thread.join(timeout=25)


def _identify(body: str) -> str:
    try:
        doc = json.loads(body)
    except ValueError:
        return body
    if isinstance(doc, dict) and doc.get("Event") == "s3:TestEvent":
        return TEST_EVENT
    try:
        return doc["Records"][0]["s3"]["object"]["key"]
    except (KeyError, IndexError, TypeError):
        return body[:80]


def end_to_end(server: RunningServer, s: Settings) -> Cells:
    endpoint = server.spec.endpoint
    body = b"x" * s.object_bytes
    rng = random.Random(1)
    with RawSqs(endpoint) as sqs, _s3(server) as s3:
        url = sqs.call("GetQueueUrl", {"QueueName": QUEUE})["QueueUrl"]  # made by put_only
        consumer = Consumer(endpoint, url)
        notes: list[str] = []
        try:
            e2e, puts, after, problem, stray = [], [], [], "", 0
            deadline = time.perf_counter() + s.phase_max_s
            for n in range(UNMEASURED + s.samples):
                if time.perf_counter() >= deadline:
                    problem = f"time cap hit: {len(e2e)} of {s.samples} samples"
                    break
                _pause(rng)
                key = f"obj-{n:05d}"
                t0 = time.perf_counter()
                s3.put(f"/{NOTIFY_BUCKET}/{key}", body)
                t_put = time.perf_counter()
                arrived, problem = _await_key(consumer, key, s.wait_s)
                if problem:
                    if n == 0:
                        problem = (f"no notification for the first PutObject within {s.wait_s:g} s: "
                                   "the server delivered none")
                    break
                stray += arrived[1]
                if n >= UNMEASURED:
                    e2e.append(arrived[0] - t0)
                    puts.append(t_put - t0)
                    after.append(arrived[0] - t_put)
            if stray:
                notes.append(f"{stray} other messages (test events, duplicates) skipped")
            scale = _sqs_scale(sqs, consumer, url, s)
        finally:
            consumer.stop(sqs)
    cells: Cells = {}
    if not e2e:
        why = "; ".join(filter(None, (problem, *notes))) or "no sample"
        cells.update({k: Cell(missing="n/a", note=why) if "first PutObject" in why else Cell.error(why)
                      for k in E2E_KEYS if not k.startswith("sqs_")})
    else:
        notes.insert(0, f"max {max(e2e) * 1000:.2f} ms over {len(e2e)} samples")
        ms = lambda values, pct: percentile(values, pct) * 1000  # noqa: E731
        cells.update({
            "e2e_p50_ms": Cell(ms(e2e, 50), note=problem),
            "e2e_p90_ms": Cell(ms(e2e, 90)),
            "e2e_p99_ms": Cell(ms(e2e, 99), note="; ".join(notes)),
            "e2e_put_p50_ms": Cell(ms(puts, 50)),
            "e2e_after_p50_ms": Cell(ms(after, 50)),
            "e2e_after_p99_ms": Cell(ms(after, 99)),
        })
    cells.update(scale)
    return cells


def _pause(rng: random.Random) -> None:
    """GAP_S plus a random 0-JITTER_S: a fixed pause would phase-lock the closed loop to a
    periodic poll on the server side (Brume's deliverer sleeps 10 ms when idle), so every
    PUT would land at the same point of the poll period; the jitter spreads them over it."""
    time.sleep(GAP_S + rng.uniform(0.0, JITTER_S))


def _await_key(consumer: Consumer, key: str, wait_s: float) -> tuple[tuple[float, int], str]:
    """((arrival time, stray messages skipped), problem)."""
    stray, deadline = 0, time.perf_counter() + wait_s
    while True:
        try:
            arrived, what = consumer.next(max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            return (0.0, stray), f"the notification for {key} was not received within {wait_s:g} s"
        except RuntimeError as exc:
            return (0.0, stray), str(exc)
        if what == key:
            return (arrived, stray), ""
        stray += 1


def _sqs_scale(sqs: RawSqs, consumer: Consumer, url: str, s: Settings) -> Cells:
    """The same consumer and queue, fed by SendMessage directly: what a notification costs
    without S3 and without the outbox."""
    got, deadline, rng = [], time.perf_counter() + s.phase_max_s, random.Random(2)
    for n in range(UNMEASURED + s.samples):
        if time.perf_counter() >= deadline:
            break
        _pause(rng)
        body = f"direct-{n}"
        t0 = time.perf_counter()
        sqs.call("SendMessage", {"QueueUrl": url, "MessageBody": body})
        (arrived, _), problem = _await_key(consumer, body, s.wait_s)
        if problem:
            return {"sqs_p50_ms": Cell.error(problem), "sqs_p99_ms": Cell.error(problem)}
        if n >= UNMEASURED:
            got.append(arrived - t0)
    if not got:
        return {"sqs_p50_ms": Cell.error("no sample"), "sqs_p99_ms": Cell.error("no sample")}
    return {"sqs_p50_ms": Cell(percentile(got, 50) * 1000), "sqs_p99_ms": Cell(percentile(got, 99) * 1000)}


PHASES: list[Phase] = [
    Phase("start-up", ("ready_ms",), startup),
    Phase("PutObject alone", PUT_KEYS, put_only),
    Phase("PutObject -> notification received", E2E_KEYS, end_to_end),
]
