"""CloudWatch Logs helpers: clients, unique names, timestamps, paging and an error assertion —
for tests written against what real CloudWatch Logs does."""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager

import boto3
import pytest
from botocore.config import Config

from harness import ACCESS_KEY, REGION, SECRET_KEY

ACCOUNT = "000000000000"
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


def unique_group(prefix: str = "g") -> str:
    return f"/e2e/{prefix}/{uuid.uuid4().hex[:12]}"


def make_logs_client(endpoint: str, *, region: str = REGION):
    """A boto3 CloudWatch Logs client with retries off so every error surfaces as sent."""
    cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=60,
                 max_pool_connections=16)
    return boto3.session.Session().client(
        "logs", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=region, config=cfg)


def now_ms() -> int:
    return int(time.time() * 1000)


def group_arn(name: str, region: str = REGION) -> str:
    return f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{name}"


def events(*messages: str, start: int | None = None, step: int = 1) -> list[dict]:
    """InputLogEvents for `messages`, `step` ms apart from `start` (default: a second ago)."""
    base = now_ms() - 1000 if start is None else start
    return [{"timestamp": base + i * step, "message": m} for i, m in enumerate(messages)]


def all_filtered(client, **kwargs) -> tuple[list[dict], int]:
    """Every FilterLogEvents event, following nextToken; returns (events, pages)."""
    found, pages, token = [], 0, None
    while True:
        page = client.filter_log_events(**kwargs, **({"nextToken": token} if token else {}))
        pages += 1
        found.extend(page["events"])
        token = page.get("nextToken")
        if not token:
            return found, pages


@contextmanager
def logs_error(code: str, message: str | None = None, status: int = 400):
    """Expect a CloudWatch Logs error whose Error.Code is `code` (and message, if given)."""
    from botocore.exceptions import ClientError
    with pytest.raises(ClientError) as info:
        yield info
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    if message is not None:
        assert response["Error"]["Message"] == message, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response


def delete_group_quietly(client, name: str) -> None:
    try:
        client.delete_log_group(logGroupName=name)
    except Exception:  # noqa: BLE001 - cleanup only
        pass
