"""What the chaos clients saw acknowledged, and a call wrapper that retries through kills.

Only an operation whose answer arrived (a 2xx with its ids) is written here; an operation cut off
by a kill may or may not have happened, so it is never checked.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass, field

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionError, HTTPClientError
from botocore.parsers import ResponseParserError

ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"
ACCOUNT = "000000000000"

# A kill shows up as one of these: the connection is refused, reset, or closed mid-answer.
CUT_OFF = (ConnectionError, HTTPClientError, ResponseParserError)


def make_client(service: str, endpoint: str, **config):
    """A boto3 client with botocore's own retries off, so every cut-off call is seen here."""
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=3, read_timeout=30,
                 max_pool_connections=8, s3={"addressing_style": "path"}, **config)
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=REGION, config=cfg)


@dataclass
class StoredObject:
    bucket: str
    key: str
    sha256: str
    size: int
    etag: str
    multipart: bool


@dataclass
class Ledger:
    """Acknowledged operations of every kind, plus what went wrong on the way (thread-safe)."""

    objects: dict[str, StoredObject] = field(default_factory=dict)
    standard_messages: dict[str, str] = field(default_factory=dict)  # body → MessageId
    fifo_messages: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # group → [(seq, id)]
    executions: dict[str, str] = field(default_factory=dict)  # executionArn → name
    events: dict[str, str] = field(default_factory=dict)  # detail id → EventId
    cut_off: collections.Counter = field(default_factory=collections.Counter)  # kind → calls cut off
    server_errors: collections.Counter = field(default_factory=collections.Counter)  # "kind code" → count
    fifo_resends: int = 0  # acknowledged FIFO messages sent again, which deduplication swallowed
    problems: list[str] = field(default_factory=list)  # unexpected answers and losses seen live
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, table: str, key, value) -> None:
        with self.lock:
            getattr(self, table)[key] = value

    def record_fifo(self, group: str, seq: int, message_id: str) -> None:
        with self.lock:
            self.fifo_messages.setdefault(group, []).append((seq, message_id))

    def problem(self, text: str) -> None:
        with self.lock:
            if len(self.problems) < 200:
                self.problems.append(text)

    def acknowledged(self) -> dict[str, int]:
        with self.lock:
            return {
                "s3 objects": sum(1 for o in self.objects.values() if not o.multipart),
                "s3 multipart uploads": sum(1 for o in self.objects.values() if o.multipart),
                "sqs standard messages": len(self.standard_messages),
                "sqs fifo messages": sum(len(v) for v in self.fifo_messages.values()),
                "sfn executions": len(self.executions),
                "eventbridge events": len(self.events),
            }


class Abandoned(Exception):
    """The run is over and the call never got an answer; it stays unacknowledged."""


class Retrier:
    """Calls an operation until it is answered, riding out kills and restarts.

    Cut-off calls and 5xx answers are tried again after a short pause. Once `stop` is set, a call
    keeps trying for `grace` seconds (the stack is up by then), and is then abandoned.
    """

    def __init__(self, ledger: Ledger, stop: threading.Event, grace: float = 60.0):
        self.ledger = ledger
        self.stop = stop
        self.grace = grace
        self._stopped_at: float | None = None

    def call(self, kind: str, operation, **kwargs):
        pause = 0.05
        while True:
            try:
                return operation(**kwargs)
            except CUT_OFF:
                with self.ledger.lock:
                    self.ledger.cut_off[kind] += 1
            except ClientError as error:
                status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if status < 500:
                    raise
                with self.ledger.lock:
                    self.ledger.server_errors[f"{kind} {error.response['Error'].get('Code')}"] += 1
            if self.stop.is_set():
                self._stopped_at = self._stopped_at or time.monotonic()
                if time.monotonic() - self._stopped_at > self.grace:
                    raise Abandoned(kind)
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def error_code(error: ClientError) -> str:
    """The AWS error code of a ClientError."""
    return error.response.get("Error", {}).get("Code", "")
