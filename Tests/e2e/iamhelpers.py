"""boto3 IAM and STS clients for Brume, and names unique to a test run."""

from __future__ import annotations

import json
import uuid

import boto3
from botocore.config import Config

from harness import ACCESS_KEY, REGION, SECRET_KEY

ACCOUNT = "000000000000"


def make_client(service: str, endpoint: str, *, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY,
                session_token: str | None = None):
    """A boto3 client for `service` (iam or sts) with retries off, so every error surfaces as sent."""
    return boto3.session.Session().client(
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id=access_key,
        aws_secret_access_key=secret_key, aws_session_token=session_token,
        config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30))


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*") -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def trust(principal: dict) -> str:
    return policy({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})
