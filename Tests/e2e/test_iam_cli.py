"""The AWS CLI against Brume's IAM and STS, with JSON output."""

import json

from harness import cli_output as out
from iamhelpers import ACCOUNT, allow, policy, trust, unique


def test_iam_and_sts_with_cli(aws):
    assert out(aws("sts", "get-caller-identity"))["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"
    role = unique("cli-role")
    created = out(aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                      trust({"Service": "lambda.amazonaws.com", "AWS": ACCOUNT})))["Role"]
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/{role}"
    arn = out(aws("iam", "create-policy", "--policy-name", unique("cli-pol"), "--policy-document",
                  policy(allow("logs:*"))))["Policy"]["Arn"]
    aws("iam", "attach-role-policy", "--role-name", role, "--policy-arn", arn)
    attached = out(aws("iam", "list-attached-role-policies", "--role-name", role))["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == [arn]
    aws("iam", "put-role-policy", "--role-name", role, "--policy-name", "inline", "--policy-document", policy(allow("s3:GetObject")))
    got = out(aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "inline"))
    assert got["PolicyDocument"] == json.loads(policy(allow("s3:GetObject")))

    failed = aws("iam", "create-policy", "--policy-name", unique("bad"), "--policy-document", "{}", check=False)
    assert failed.returncode != 0 and "MalformedPolicyDocument" in failed.stderr

    simulated = out(aws("iam", "simulate-principal-policy", "--policy-source-arn", created["Arn"],
                        "--action-names", "logs:PutLogEvents", "s3:PutObject"))["EvaluationResults"]
    assert {r["EvalActionName"]: r["EvalDecision"] for r in simulated} == {"logs:PutLogEvents": "allowed", "s3:PutObject": "implicitDeny"}

    assumed = out(aws("sts", "assume-role", "--role-arn", created["Arn"], "--role-session-name", "cli"))
    assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/cli"

    aws("iam", "delete-role-policy", "--role-name", role, "--policy-name", "inline")
    aws("iam", "detach-role-policy", "--role-name", role, "--policy-arn", arn)
    aws("iam", "delete-policy", "--policy-arn", arn)
    aws("iam", "delete-role", "--role-name", role)
    missing = aws("iam", "get-role", "--role-name", role, check=False)
    assert missing.returncode != 0 and "NoSuchEntity" in missing.stderr
