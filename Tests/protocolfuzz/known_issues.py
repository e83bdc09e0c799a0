"""Defects the fuzzer finds that nobody has fixed yet.

A finding that matches an entry here is counted as known (like `pytest.xfail`) and printed in the
summary instead of failing the short mode; every other finding fails it. Remove an entry when the
defect is fixed: the summary lists entries that matched nothing, so stale ones are easy to see.

Each entry matches on the verdict, the mutation class, optionally the service key, and a text
that must occur in the mutation's description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownIssue:
    """One known defect; empty or "*" fields match anything."""

    verdict: str
    why: str
    mutation: str = "*"
    describes: str = ""
    service: str = "*"
    min_body_bytes: int = 0
    answer_pattern: bytes = b""  # a regular expression the answer's body must match

    def matches(self, verdict: str, mutation: str, service: str, description: str, body_length: int,
                answer_body: bytes) -> bool:
        return (verdict == self.verdict and self.mutation in ("*", mutation) and self.describes in description
                and self.service in ("*", service) and body_length >= self.min_body_bytes
                and (not self.answer_pattern or re.search(self.answer_pattern, answer_body) is not None))

    @property
    def label(self) -> str:
        parts = [self.verdict, f"[{self.mutation}]"]
        if self.describes:
            parts.append(repr(self.describes))
        if self.service != "*":
            parts.append(self.service)
        if self.min_body_bytes:
            parts.append(f"body >= {self.min_body_bytes >> 20} MiB")
        if self.answer_pattern:
            parts.append(f"answer matches {self.answer_pattern.decode()!r}")
        return " ".join(parts)


KNOWN_ISSUES: list[KnownIssue] = [
    KnownIssue(
        "non-envelope", service="s3", answer_pattern=rb"&#(?:[0-8]|1[1245-9]|2[0-9]|3[01]);|\xef\xbf[\xbe\xbf]",
        why="S3 error bodies echo characters XML 1.0 forbids (control characters as &#0;-style references, "
            "U+FFFF) from a bucket, key or argument, so SDKs cannot parse the error"),
    KnownIssue(
        "non-envelope", service="sqs-query", answer_pattern=rb"&#(?:[0-8]|1[1245-9]|2[0-9]|3[01]);|\xef\xbf[\xbe\xbf]",
        why="SQS query-protocol error bodies echo characters XML 1.0 forbids from an argument (seen once the fuzzer "
            "sent query forms at all: its serializer used to drop them); IAM and STS replace them with U+FFFD"),
]
