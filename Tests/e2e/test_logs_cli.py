"""The AWS CLI against Brume's CloudWatch Logs: `aws logs …` (v1, first on PATH) for each
operation, and AWS CLI v2's `aws logs tail`, which v1 does not have, from /usr/bin/aws
(Debian's awscli package; `.ci/run` installs it)."""

import json
import os
import subprocess
import time

import pytest

from harness import cli_output as out
from logshelpers import events, group_arn, now_ms, unique_group

AWS_V2 = "/usr/bin/aws"


def test_logs_operations_with_cli(aws):
    group = unique_group("cli")
    aws("logs", "create-log-group", "--log-group-name", group, "--tags", "team=data")
    try:
        [described] = out(aws("logs", "describe-log-groups", "--log-group-name-prefix", group))["logGroups"]
        assert described["arn"] == group_arn(group) + ":*"
        aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s")
        batch = json.dumps(events("ERROR from the cli", "INFO fine"))
        put = out(aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s", "--log-events", batch))
        assert put["nextSequenceToken"]
        streams = out(aws("logs", "describe-log-streams", "--log-group-name", group))["logStreams"]
        assert [s["logStreamName"] for s in streams] == ["s"]
        got = out(aws("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s", "--start-from-head"))
        assert [e["message"] for e in got["events"]] == ["ERROR from the cli", "INFO fine"]
        filtered = out(aws("logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR"))
        assert [e["message"] for e in filtered["events"]] == ["ERROR from the cli"]

        aws("logs", "put-retention-policy", "--log-group-name", group, "--retention-in-days", "14")
        [described] = out(aws("logs", "describe-log-groups", "--log-group-name-prefix", group))["logGroups"]
        assert described["retentionInDays"] == 14
        aws("logs", "delete-retention-policy", "--log-group-name", group)

        aws("logs", "tag-log-group", "--log-group-name", group, "--tags", "env=dev")
        assert out(aws("logs", "list-tags-log-group", "--log-group-name", group))["tags"] == {"team": "data", "env": "dev"}
        aws("logs", "untag-log-group", "--log-group-name", group, "--tags", "env")
        aws("logs", "tag-resource", "--resource-arn", group_arn(group), "--tags", "x=y")
        assert out(aws("logs", "list-tags-for-resource", "--resource-arn", group_arn(group)))["tags"] == {"team": "data", "x": "y"}
        aws("logs", "untag-resource", "--resource-arn", group_arn(group), "--tag-keys", "x")
        assert out(aws("logs", "list-tags-for-resource", "--resource-arn", group_arn(group)))["tags"] == {"team": "data"}

        aws("logs", "delete-log-stream", "--log-group-name", group, "--log-stream-name", "s")
    finally:
        aws("logs", "delete-log-group", "--log-group-name", group)

    failed = aws("logs", "describe-log-streams", "--log-group-name", group, check=False)
    assert failed.returncode != 0
    assert "ResourceNotFoundException" in failed.stderr and "The specified log group does not exist." in failed.stderr


def cli_v2_version() -> str | None:
    if not os.path.exists(AWS_V2):
        return None
    version = subprocess.run([AWS_V2, "--version"], capture_output=True, text=True).stdout
    return version if version.startswith("aws-cli/2.") else None


needs_v2 = pytest.mark.skipif(cli_v2_version() is None,
                              reason=f"`aws logs tail` is AWS CLI v2 only and no v2 is installed at {AWS_V2} "
                                     "(.ci/run installs Debian's awscli package)")


@needs_v2
def test_logs_tail_with_cli_v2(brume, logs, make_log_group, cli_env):
    group = make_log_group("tail", streams=("s",))
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events("first line", "second line"))
    result = subprocess.run([AWS_V2, "logs", "tail", group, "--since", "1h", "--endpoint-url", brume.endpoint],
                            env=cli_env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == ["first line", "second line"]
    assert all(line.split(" ")[1] == "s" for line in lines)


@needs_v2
def test_logs_tail_follow_with_cli_v2(brume, logs, make_log_group, cli_env):
    group = make_log_group("follow", streams=("s",))
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events("before follow"))
    follower = subprocess.Popen([AWS_V2, "logs", "tail", group, "--follow", "--since", "1h", "--format", "short",
                                 "--endpoint-url", brume.endpoint],
                                env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # `--follow` polls every 5 s: write once it has read, then wait for two more polls.
        time.sleep(2)
        logs.put_log_events(logGroupName=group, logStreamName="s",
                            logEvents=[{"timestamp": now_ms(), "message": "while following"}])
        time.sleep(8)
        assert follower.poll() is None, follower.stderr.read()
    finally:
        follower.kill()
        stdout, stderr = follower.communicate(timeout=10)
    messages = [line.split(" ", 1)[1] for line in stdout.splitlines() if line.strip()]
    assert messages == ["before follow", "while following"], stderr
