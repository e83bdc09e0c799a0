"""What the SQS benchmark measures against one running server; each phase returns metric cells."""

from __future__ import annotations

import json
import queue
import threading
import time
from dataclasses import dataclass

from . import httpload, loops, procinfo, wrk
from .report import LOWER, HIGHER, Cell, Metric
from .runner import Cells, Phase
from .s3client import have_boto3
from .servers import RunningServer
from .sqsclient import RawSqs, boto3_sqs, signed_headers

MIB = float(1 << 20)
BATCH = 10  # entries per SendMessageBatch / DeleteMessageBatch, the SQS maximum
SQS_SCRIPT = wrk.PUT_SCRIPT.with_name("wrk_sqs.lua")

METRICS: list[Metric] = [
    Metric("ready_ms", "start -> ready (own probe)", "ms", LOWER, ("<", 100), 1),
    Metric("first_sqs_ms", "start -> first SQS 200 (ListQueues)", "ms", LOWER, None, 1),
    Metric("idle_rss_mib", "idle RSS after start (+children)", "MiB", LOWER, ("<", 30), 1),
    Metric("raw_send_mps", "raw SendMessage", "msg/s", HIGHER),
    Metric("raw_batch_mps", "raw SendMessageBatch x10", "msg/s", HIGHER, (">=", 10000)),
    Metric("raw_fifo_batch_mps", "raw SendMessageBatch x10, FIFO", "msg/s", HIGHER),
    Metric("boto_send_mps", "boto3 SendMessage, threads", "msg/s", HIGHER),
    Metric("boto_batch_mps", "boto3 SendMessageBatch x10, threads", "msg/s", HIGHER),
    Metric("boto_drain_mps", "boto3 Receive x10 + DeleteBatch, threads", "msg/s", HIGHER),
    Metric("lp_p50_ms", "long poll send -> receive, p50", "ms", LOWER, None, 2),
    Metric("lp_p99_ms", "long poll send -> receive, p99", "ms", LOWER, ("<", 5), 2),
    Metric("lp_send_p50_ms", "  (SendMessage round trip alone, p50)", "ms", LOWER, None, 2),
    Metric("loaded_rss_mib", "RSS after the load phases", "MiB", LOWER, None, 1),
    Metric("stop_ms", "SIGTERM -> exit", "ms", LOWER, None, 1),
]


@dataclass(frozen=True)
class Settings:
    wrk_duration_s: float
    wrk_warmup_s: float
    wrk_connections: int
    wrk_threads: int
    body_bytes: int  # every message body has this size
    fifo_groups: int
    boto_requests: int  # planned calls per boto3 loop (SendMessage, then SendMessageBatch)
    boto_threads: int  # boto3 threads, sharing one client
    prefill: int  # messages in the queue the consumers drain
    samples: int  # long-poll round trips measured (after a few unmeasured ones)
    phase_max_s: float  # cap on each timed loop
    settle_s: float  # wait between "ready" and the idle RSS sample
    ready_timeout_s: float


def _create_queue(sqs: RawSqs, name: str, **attributes: str) -> str:
    params: dict = {"QueueName": name}
    if attributes:
        params["Attributes"] = attributes
    return sqs.call("CreateQueue", params)["QueueUrl"]


def _depth(sqs: RawSqs, url: str) -> int:
    attrs = sqs.call("GetQueueAttributes", {"QueueUrl": url,
                                            "AttributeNames": ["ApproximateNumberOfMessages"]})
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


# -- start-up and memory ------------------------------------------------------


def startup(server: RunningServer, s: Settings) -> Cells:
    cells = {"ready_ms": Cell(server.ready_s * 1000), "first_sqs_ms": _first_sqs(server, s)}
    time.sleep(s.settle_s)
    cells["idle_rss_mib"] = Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)
    return cells


def _first_sqs(server: RunningServer, s: Settings) -> Cell:
    """Spawn -> first 200 from ListQueues, asked as soon as the server is ready."""
    deadline = time.perf_counter() + s.ready_timeout_s
    last = "nothing"
    while time.perf_counter() < deadline:
        try:
            with RawSqs(server.spec.endpoint, timeout_s=s.ready_timeout_s) as sqs:
                sqs.call("ListQueues", {})
            return Cell((time.perf_counter() - server.started_at) * 1000)
        except Exception as exc:  # not up yet, or an error status: retry until the deadline
            last = f"{type(exc).__name__}: {exc}"
            time.sleep(0.002)
    return Cell.error(f"ListQueues answered {last}"[:300])


def loaded_rss(server: RunningServer, _s: Settings) -> Cells:
    return {"loaded_rss_mib": Cell(procinfo.tree_rss_bytes(server.proc.pid) / MIB)}


# -- raw awsJson1.0 load: wrk, or a Python load generator without it ------------


def raw_load(server: RunningServer, s: Settings) -> Cells:
    endpoint = server.spec.endpoint
    with RawSqs(endpoint) as sqs:
        std = _create_queue(sqs, "bench-raw")
        fifo = _create_queue(sqs, "bench-raw.fifo", FifoQueue="true")
        if s.wrk_warmup_s > 0:
            warm = _create_queue(sqs, "bench-raw-warmup")
            _drive(endpoint, s, "send", warm, 0, s.wrk_warmup_s)
        runs = (("raw_send_mps", "send", std, 0), ("raw_batch_mps", "batch", std, 0),
                ("raw_fifo_batch_mps", "batch", fifo, s.fifo_groups))
        cells, sent = {}, {std: 0, fifo: 0}
        for key, mode, url, groups in runs:
            result, how = _drive(endpoint, s, mode, url, groups, s.wrk_duration_s)
            per_request = BATCH if mode == "batch" else 1
            sent[url] += (result.requests - result.non_2xx) * per_request
            cells[key] = wrk.to_cell(result, per_request, how)
            if mode == "batch":  # the last run on this queue: count what it holds
                held = _depth(sqs, url)
                if held < sent[url]:
                    cells[key].note = "; ".join(n for n in (
                        cells[key].note,
                        f"queue holds {held:,} messages, {sent[url]:,} were acknowledged") if n)
    return cells


def _drive(endpoint: str, s: Settings, mode: str, url: str, groups: int,
           duration_s: float) -> tuple[wrk.WrkResult, str]:
    """One load run: (result, note saying which generator ran when it was not wrk)."""
    operation = "SendMessageBatch" if mode == "batch" else "SendMessage"
    body = _json_body(mode, url, groups, s.body_bytes)
    headers = signed_headers(endpoint, operation, body(0, 0))
    if wrk.find_wrk() is not None:
        result = wrk.run(endpoint, threads=s.wrk_threads, connections=s.wrk_connections,
                         duration_s=duration_s, script=SQS_SCRIPT, headers=headers,
                         script_args=(mode, url, str(groups), str(s.body_bytes)))
        return result, ""
    result = httpload.run(endpoint, connections=s.wrk_connections, duration_s=duration_s,
                          headers=headers, body=body)
    return result, "wrk missing: Python load generator, client-bound"


def _json_body(mode: str, url: str, groups: int, size: int):
    """(thread, seq) -> request body, the same messages wrk_sqs.lua builds."""
    filler = "m" * size

    def entry(thread: int, seq: int, i: int) -> dict:
        tag = f"t{thread}-{seq}-{i}"
        fields = {"MessageBody": (tag + "-" + filler)[:size]}
        if groups:
            fields["MessageGroupId"] = f"g{(seq * BATCH + i) % groups}"
            fields["MessageDeduplicationId"] = tag
        return fields

    def body(thread: int, seq: int) -> bytes:
        if mode == "batch":
            params = {"QueueUrl": url, "Entries": [{"Id": f"e{i}", **entry(thread, seq, i)}
                                                   for i in range(BATCH)]}
        else:
            params = {"QueueUrl": url, **entry(thread, seq, 0)}
        return json.dumps(params, separators=(",", ":")).encode()

    return body


# -- boto3: send, batch send, receive + delete ---------------------------------


BOTO_SEND_KEYS = ("boto_send_mps", "boto_batch_mps")


def boto_send(server: RunningServer, s: Settings) -> Cells:
    if not have_boto3():
        return {k: Cell.skipped("boto3 not installed (pip install boto3)") for k in BOTO_SEND_KEYS}
    client = boto3_sqs(server.spec.endpoint, pool_size=s.boto_threads)
    url = client.create_queue(QueueName="bench-boto")["QueueUrl"]
    body = "m" * s.body_bytes
    entries = [{"Id": f"e{i}", "MessageBody": body} for i in range(BATCH)]

    def send(_i: int) -> None:
        client.send_message(QueueUrl=url, MessageBody=body)

    def batch(_i: int) -> None:
        failed = client.send_message_batch(QueueUrl=url, Entries=entries).get("Failed")
        if failed:
            raise RuntimeError(f"{len(failed)} entries failed, first: {failed[0]}")

    loops.sequential(send, 20, s.phase_max_s)  # warm the connections and botocore's caches
    n, w, cap = s.boto_requests, s.boto_threads, s.phase_max_s
    return {
        "boto_send_mps": loops.rate_cell(loops.pooled(send, n, w, cap), n),
        "boto_batch_mps": loops.rate_cell(loops.pooled(batch, n, w, cap), n, BATCH),
    }


def boto_drain(server: RunningServer, s: Settings) -> Cells:
    """Pre-fill a queue (raw batches), then boto3 consumers receive 10 + delete-batch until empty."""
    if not have_boto3():
        return {"boto_drain_mps": Cell.skipped("boto3 not installed (pip install boto3)")}
    with RawSqs(server.spec.endpoint) as sqs:
        # A long visibility timeout: nothing reappears while the consumers run.
        url = _create_queue(sqs, "bench-drain", VisibilityTimeout="600")
        body = "m" * s.body_bytes
        deadline = time.perf_counter() + s.phase_max_s
        for n in range(0, s.prefill, BATCH):
            if time.perf_counter() >= deadline:
                break
            entries = [{"Id": f"e{i}", "MessageBody": body} for i in range(min(BATCH, s.prefill - n))]
            sqs.call("SendMessageBatch", {"QueueUrl": url, "Entries": entries})
        filled = _depth(sqs, url)
    client = boto3_sqs(server.spec.endpoint, pool_size=s.boto_threads)
    client.list_queues()  # warm botocore's caches outside the timed part
    lock, counts, errors = threading.Lock(), {"deleted": 0, "failed": 0}, []
    t0 = time.perf_counter()
    deadline = t0 + s.phase_max_s

    def consume() -> None:
        while time.perf_counter() < deadline:
            try:
                got = client.receive_message(QueueUrl=url, MaxNumberOfMessages=BATCH,
                                             WaitTimeSeconds=0).get("Messages", [])
                if not got:
                    return  # nothing visible left: the others hold the rest
                done = client.delete_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
            except Exception as exc:
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                return
            with lock:
                counts["deleted"] += len(done.get("Successful", []))
                counts["failed"] += len(done.get("Failed", []))

    threads = [threading.Thread(target=consume, daemon=True) for _ in range(s.boto_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    deleted = counts["deleted"]
    notes = []
    if filled < s.prefill:
        notes.append(f"pre-fill reached {filled:,} of {s.prefill:,} messages in {s.phase_max_s:g} s")
    if deleted < filled:
        notes.append(f"{deleted:,} of {filled:,} messages deleted in {seconds:.1f} s"
                     + (" (time cap hit)" if time.perf_counter() >= deadline else ""))
    if counts["failed"]:
        notes.append(f"{counts['failed']} delete entries failed")
    if errors:
        notes.append(f"{len(errors)} consumer(s) stopped on an error, first: {errors[0]}")
    if deleted == 0:
        return {"boto_drain_mps": Cell.error("; ".join(notes) or "nothing deleted")}
    return {"boto_drain_mps": Cell(deleted / seconds, note="; ".join(notes))}


# -- long polling: send -> receive latency --------------------------------------


LATENCY_KEYS = ("lp_p50_ms", "lp_p99_ms", "lp_send_p50_ms")
UNMEASURED = 5  # first round trips (connections, caches) are not counted
GAP_S = 0.002  # producer pause so the consumer's next ReceiveMessage is already waiting
STALL_S = 1.0  # a round trip this slow means the long poll was not woken by the send


def long_poll(server: RunningServer, s: Settings) -> Cells:
    """One consumer blocks in ReceiveMessage(WaitTimeSeconds=20); a producer sends one message,
    waits until it was received (and deleted), pauses GAP_S, sends the next. Both use raw
    awsJson1.0 connections, so the figure is the server's wake-up plus two local round trips."""
    endpoint = server.spec.endpoint
    with RawSqs(endpoint) as producer:
        url = _create_queue(producer, "bench-longpoll")
        arrivals: queue.Queue = queue.Queue()
        stop = threading.Event()

        def consume() -> None:
            with RawSqs(endpoint, timeout_s=30) as consumer:
                while not stop.is_set():
                    try:
                        got = consumer.call("ReceiveMessage", {
                            "QueueUrl": url, "MaxNumberOfMessages": 1, "WaitTimeSeconds": 20,
                        }).get("Messages", [])
                        arrived = time.perf_counter()
                        for m in got:
                            consumer.call("DeleteMessage", {"QueueUrl": url,
                                                            "ReceiptHandle": m["ReceiptHandle"]})
                    except Exception as exc:
                        arrivals.put(exc)
                        return
                    if got:
                        arrivals.put((arrived, got[0]["Body"]))

        thread = threading.Thread(target=consume, daemon=True)
        thread.start()
        latencies, sends, problem, trips, stalls = [], [], "", 0, 0
        deadline = time.perf_counter() + s.phase_max_s
        try:
            for n in range(UNMEASURED + s.samples):
                if time.perf_counter() >= deadline:
                    problem = f"time cap hit: {len(latencies)} of {s.samples} samples"
                    break
                time.sleep(GAP_S)
                body = f"lp-{n}"
                t0 = time.perf_counter()
                producer.call("SendMessage", {"QueueUrl": url, "MessageBody": body})
                sent = time.perf_counter()
                try:
                    got = arrivals.get(timeout=25)
                except queue.Empty:
                    problem = f"message {n} was not received within 25 s"
                    break
                if isinstance(got, Exception):
                    problem = f"consumer failed: {type(got).__name__}: {got}"[:300]
                    break
                arrived, received_body = got
                if received_body != body:
                    problem = f"received {received_body!r}, expected {body!r}"
                    break
                trips += 1
                stalls += arrived - t0 >= STALL_S
                if n >= UNMEASURED:
                    latencies.append(arrived - t0)
                    sends.append(sent - t0)
        finally:
            stop.set()
            # Wake the consumer's last long poll so its thread ends now.
            producer.call("SendMessage", {"QueueUrl": url, "MessageBody": "stop"})
            thread.join(timeout=25)
    notes = [f"max {max(latencies) * 1000:.2f} ms over {len(latencies)} samples"] if latencies else []
    if stalls:
        # A wake-up lost by the server shows as a wait of up to WaitTimeSeconds.
        notes.append(f"{stalls} of {trips} round trips (the {UNMEASURED} unmeasured first ones included) "
                     f"took over {STALL_S:g} s: the waiting receive was not woken by the send")
    if not latencies:
        return {k: Cell.error("; ".join(filter(None, (problem, *notes))) or "no sample") for k in LATENCY_KEYS}
    return {
        "lp_p50_ms": Cell(percentile(latencies, 50) * 1000, note=problem),
        "lp_p99_ms": Cell(percentile(latencies, 99) * 1000, note="; ".join(notes)),
        "lp_send_p50_ms": Cell(percentile(sends, 50) * 1000),
    }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil(n * pct / 100)
    return ordered[int(rank) - 1]


PHASES: list[Phase] = [
    Phase("start-up", ("ready_ms", "first_sqs_ms", "idle_rss_mib"), startup),
    Phase("raw HTTP send load", ("raw_send_mps", "raw_batch_mps", "raw_fifo_batch_mps"), raw_load),
    Phase("boto3 send", BOTO_SEND_KEYS, boto_send),
    Phase("boto3 receive + delete", ("boto_drain_mps",), boto_drain),
    Phase("long-poll latency", LATENCY_KEYS, long_poll),
    Phase("memory after load", ("loaded_rss_mib",), loaded_rss),
]
