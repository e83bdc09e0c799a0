"""What a developer sees around functions: their CloudWatch Logs (boto3, AWS CLI v2's `logs
tail`), the AWS CLI v1's `aws lambda …`, Brume's own `brume invoke` and `brume logs`, functions
declared in the stack file (deployed at start, hot-reloaded from their directory, config errors),
and `auth: strict`."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import time
from datetime import datetime, timezone

import pytest

from harness import BRUME_BIN, cli_output as out, free_port, http, render_config
from lambdahelpers import (
    PY, ROLE, function_arn, invoke, lambda_error, log_messages, make_client, make_lambda_client, py_zip,
    unique_function, wait_for_log, wait_until,
)
from test_config import expect_startup_failure

AWS_V2 = "/usr/bin/aws"

CHATTY = """
import logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
def handler(event, context):
    print("printed " + event.get("tag", ""))
    logger.info("logged " + event.get("tag", ""))
    if event.get("fail"):
        raise ValueError("failed " + event["tag"])
    return {"tag": event.get("tag")}
"""


def stream_pattern(version: str = "$LATEST") -> re.Pattern:
    today = datetime.now(timezone.utc).strftime("%Y/%m/%d")
    return re.compile(rf"^{re.escape(today)}/\[{re.escape(version)}\][0-9a-f]{{32}}$")


# --- CloudWatch Logs -------------------------------------------------------------------------------------

def test_invocations_land_in_the_log_group(lam, logs, make_function):
    name = make_function(CHATTY)
    response, _ = invoke(lam, name, {"tag": "one"})
    rid = response["ResponseMetadata"]["RequestId"]
    invoked = time.monotonic()
    messages = wait_for_log(logs, name, lambda m: any(x.startswith(f"REPORT RequestId: {rid}") for x in m), timeout=5)
    latency = time.monotonic() - invoked
    assert latency < 1.5, f"logs took {latency:.2f}s to arrive"

    [group] = logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"]
    assert group["logGroupName"] == f"/aws/lambda/{name}"
    [stream] = logs.describe_log_streams(logGroupName=f"/aws/lambda/{name}")["logStreams"]
    assert stream_pattern().match(stream["logStreamName"]), stream["logStreamName"]

    assert messages[0].startswith(f"START RequestId: {rid} Version: $LATEST")
    assert any(m.rstrip("\n") == "printed one" for m in messages), messages
    assert any(m.startswith("[INFO]\t") and m.rstrip("\n").endswith(f"\t{rid}\tlogged one") for m in messages), messages
    assert any(m.startswith(f"END RequestId: {rid}") for m in messages), messages
    report = [m for m in messages if m.startswith("REPORT")][0]
    assert "Duration:" in report and "Billed Duration:" in report and "Memory Size: 128 MB" in report
    assert "Init Duration:" in report  # the first invoke of an instance is a cold start


def test_function_error_is_logged(lam, logs, make_function):
    name = make_function(CHATTY)
    invoke(lam, name, {"tag": "bad", "fail": True})
    messages = wait_for_log(logs, name, lambda m: any(x.startswith("REPORT") for x in m))
    errors = [m for m in messages if m.startswith("[ERROR]")]
    assert errors and "ValueError: failed bad" in errors[0], messages


def test_each_instance_gets_its_own_stream(lam, logs, make_function):
    name = make_function(CHATTY)
    invoke(lam, name, {"tag": "a"})
    invoke(lam, name, {"tag": "b"})
    lam.update_function_configuration(FunctionName=name, Timeout=5)
    invoke(lam, name, {"tag": "c"})
    group = f"/aws/lambda/{name}"

    def streams():
        if not log_messages(logs, name):
            return None
        found = logs.describe_log_streams(logGroupName=group)["logStreams"]
        return found if len(found) == 2 else None

    found = wait_until(streams, timeout=5)
    assert found and all(stream_pattern().match(s["logStreamName"]) for s in found), found
    per_stream = {s["logStreamName"]: [e["message"] for e in logs.get_log_events(logGroupName=group, logStreamName=s["logStreamName"],
                                                                                  startFromHead=True)["events"]]
                  for s in found}
    printed = sorted([m.strip() for m in messages if m.startswith("printed")] for messages in per_stream.values())
    assert printed == [["printed a", "printed b"], ["printed c"]]


def test_published_version_streams_name_the_version(lam, logs, make_function):
    name = make_function(CHATTY)
    lam.publish_version(FunctionName=name)
    invoke(lam, name, {"tag": "v1"}, Qualifier="1")
    found = wait_until(lambda: logs.describe_log_streams(logGroupName=f"/aws/lambda/{name}")["logStreams"]
                       if log_messages(logs, name) else None)
    assert found and stream_pattern("1").match(found[0]["logStreamName"]), found


def cli_v2_version() -> str | None:
    try:
        version = subprocess.run([AWS_V2, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    return version if version.startswith("aws-cli/2.") else None


@pytest.mark.skipif(cli_v2_version() is None,
                    reason=f"`aws logs tail` is AWS CLI v2 only and no v2 is installed at {AWS_V2} "
                           "(.ci/run installs Debian's awscli package)")
def test_aws_logs_tail_shows_the_function_log(brume, lam, logs, make_function, cli_env):
    name = make_function(CHATTY)
    rid = invoke(lam, name, {"tag": "tailed"})[0]["ResponseMetadata"]["RequestId"]
    wait_for_log(logs, name, lambda m: any(x.startswith("REPORT") for x in m))
    result = subprocess.run([AWS_V2, "logs", "tail", f"/aws/lambda/{name}", "--since", "10m", "--endpoint-url", brume.endpoint],
                            env=cli_env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert f"START RequestId: {rid}" in text and f"END RequestId: {rid}" in text and f"REPORT RequestId: {rid}" in text
    assert "printed tailed" in text
    assert all(stream_pattern().match(line.split(" ")[1]) for line in text.splitlines() if line.strip()), text


# --- AWS CLI v1 ----------------------------------------------------------------------------------------------

def test_aws_cli_lambda_round_trip(aws, tmp_path):
    name = unique_function("cli")
    package = tmp_path / "code.zip"
    package.write_bytes(py_zip(CHATTY))
    created = out(aws("lambda", "create-function", "--function-name", name, "--runtime", PY, "--handler", "app.handler",
                      "--role", ROLE, "--zip-file", f"fileb://{package}", "--timeout", "5"))
    try:
        assert created["FunctionArn"] == function_arn(name) and created["Timeout"] == 5

        result_file = tmp_path / "out.json"
        answer = out(aws("lambda", "invoke", "--function-name", name, "--payload", '{"tag": "cli"}', str(result_file)))
        assert answer["StatusCode"] == 200 and answer["ExecutedVersion"] == "$LATEST"
        assert "FunctionError" not in answer
        assert json.loads(result_file.read_text()) == {"tag": "cli"}

        answer = out(aws("lambda", "invoke", "--function-name", name, "--payload", '{"tag": "oops", "fail": true}',
                         "--log-type", "Tail", str(result_file)))
        assert answer["FunctionError"] == "Unhandled"
        assert "REPORT RequestId:" in base64.b64decode(answer["LogResult"]).decode()
        assert json.loads(result_file.read_text())["errorMessage"] == "failed oops"

        got = out(aws("lambda", "get-function", "--function-name", name))
        assert got["Configuration"]["FunctionName"] == name and got["Configuration"]["Runtime"] == PY
        listed = out(aws("lambda", "list-functions"))["Functions"]
        assert name in [f["FunctionName"] for f in listed]
    finally:
        aws("lambda", "delete-function", "--function-name", name)

    missing = aws("lambda", "get-function", "--function-name", name, check=False)
    assert missing.returncode != 0
    assert "ResourceNotFoundException" in missing.stderr and f"Function not found: {function_arn(name)}" in missing.stderr


# --- brume invoke / brume logs ----------------------------------------------------------------------------------

def brume_cli(*args, timeout=60):
    return subprocess.run([str(BRUME_BIN), *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def test_brume_invoke_prints_response_and_log(brume, make_function):
    name = make_function(CHATTY)
    result = brume_cli("invoke", name, "--payload", '{"tag": "mine"}', "--endpoint", brume.endpoint)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"tag": "mine"}
    assert "START RequestId:" in result.stderr and "REPORT RequestId:" in result.stderr
    assert "printed mine" in result.stderr


def test_brume_invoke_exits_1_on_function_error(brume, make_function):
    name = make_function(CHATTY)
    result = brume_cli("invoke", name, "--payload", '{"tag": "x", "fail": true}', "--endpoint", brume.endpoint)
    assert result.returncode == 1, result
    assert json.loads(result.stdout)["errorType"] == "ValueError"
    assert "[ERROR]" in result.stderr


def test_brume_invoke_event_and_missing_function(brume, make_function):
    name = make_function(CHATTY)
    accepted = brume_cli("invoke", name, "--invocation-type", "Event", "--endpoint", brume.endpoint)
    assert accepted.returncode == 0 and accepted.stdout.startswith("accepted"), accepted
    missing = brume_cli("invoke", unique_function("ghost"), "--endpoint", brume.endpoint)
    assert missing.returncode != 0
    assert "Function not found" in missing.stdout + missing.stderr


def test_brume_logs_prints_the_log(brume, lam, logs, make_function):
    name = make_function(CHATTY)
    invoke(lam, name, {"tag": "for-brume-logs"})
    wait_for_log(logs, name, lambda m: any(x.startswith("REPORT") for x in m))
    result = brume_cli("logs", name, "--endpoint", brume.endpoint)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("START RequestId:" in line for line in lines), result.stdout
    assert any(line.endswith("printed for-brume-logs") for line in lines), result.stdout
    assert all(stream_pattern().match(line.split(" ")[1]) for line in lines), result.stdout


# --- functions declared in the stack file -------------------------------------------------------------------------

DECLARED = """
import os
def handler(event, context):
    return {"generation": GENERATION, "greeting": os.environ["GREETING"], "event": event}
GENERATION = %d
"""


def declared_config(port: int, code: str, name: str, **extra) -> str:
    text = render_config(port)
    assert text.rstrip().splitlines()[-1].startswith("      attributes:"), "resources.queues must be stack.yml's last block"
    lines = [
        "  functions:",
        f"    - name: {name}",
        f"      code: {code}",
        "      runtime: python3.12",
        "      handler: app.handler",
        "      environment: { GREETING: hello }",
        "      timeout: 5",
        "      concurrency: 2",
    ]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def test_declared_function_is_deployed_and_hot_reloaded(brume_factory, tmp_path):
    code = tmp_path / "fn"
    code.mkdir()
    (code / "app.py").write_text(DECLARED % 1)
    port = free_port()
    server = brume_factory(config_text=declared_config(port, str(code), "declared-fn"), port=port, name="declared")
    lam = make_lambda_client(server.endpoint)

    config = lam.get_function_configuration(FunctionName="declared-fn")
    assert config["Runtime"] == PY and config["Handler"] == "app.handler" and config["Timeout"] == 5
    assert config["Environment"] == {"Variables": {"GREETING": "hello"}}
    assert lam.get_function_concurrency(FunctionName="declared-fn")["ReservedConcurrentExecutions"] == 2
    assert invoke(lam, "declared-fn", {"n": 1})[1] == {"generation": 1, "greeting": "hello", "event": {"n": 1}}

    (code / "app.py").write_text(DECLARED % 2)
    changed = time.monotonic()
    reloaded = wait_until(lambda: invoke(lam, "declared-fn")[1]["generation"] == 2, timeout=3, interval=0.1)
    assert reloaded, "the new code did not run within 3 s of the file change"
    assert time.monotonic() - changed < 3


@pytest.mark.parametrize("kind", ["file", "missing"])
def test_declared_function_code_must_be_a_directory(brume_factory, tmp_path, kind):
    code = tmp_path / "app.py"
    if kind == "file":
        code.write_text(DECLARED % 1)
    port = free_port()
    server = brume_factory(config_text=declared_config(port, str(code), "bad-code"), port=port, wait=False, name="badcode")
    expect_startup_failure(server, "resources.functions[0].code", "must be a directory")


# --- strict auth ----------------------------------------------------------------------------------------------

STRICT_APP = """
import boto3
def handler(event, context):
    return {"queues": boto3.client("sqs").list_queues().get("QueueUrls", [])}
"""


def test_strict_auth_refuses_unsigned_lambda_calls(brume_factory):
    server = brume_factory(auth="strict", name="strict-lambda")
    unsigned = http().get(f"{server.endpoint}/2015-03-31/functions", timeout=5)
    assert unsigned.status_code == 403, unsigned.text
    assert "Functions" not in unsigned.text

    lam = make_lambda_client(server.endpoint)
    name = unique_function("strict")
    lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(STRICT_APP)},
                        Timeout=10)
    assert name in [f["FunctionName"] for f in lam.list_functions()["Functions"]]
    # The credentials Brume gives the function sign its own calls back into the stack.
    response, payload = invoke(lam, name)
    assert "FunctionError" not in response, payload
    assert any(url.endswith("/declared-work") for url in payload["queues"]), payload

    unsigned_invoke = http().post(f"{server.endpoint}/2015-03-31/functions/{name}/invocations", data=b"{}", timeout=5)
    assert unsigned_invoke.status_code == 403
    wrong = make_client("lambda", server.endpoint, secret_key="not-the-secret")
    with lambda_error("InvalidSignatureException", 403):
        wrong.invoke(FunctionName=name, Payload=b"{}")
