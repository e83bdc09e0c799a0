"""Invoke through boto3: the python, nodejs and provided runtimes (Brume's Swift echo function and
AWS's own runtime interface client), errors as each runtime reports them, timeouts, crashes, init
errors, payload limits, the log tail, the context and environment a function sees, calls back into
Brume from inside a function, warm instances and throttling."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest

from lambdahelpers import (
    NODE, PROVIDED, function_arn, invoke, lambda_error, echo_swift_zip, py_zip, tail_of, zip_files,
)

# Reports what the function sees: context, environment, process, a module-level counter.
INTROSPECT = """
import os, json, logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
COUNT = 0
def handler(event, context):
    global COUNT
    COUNT += 1
    logger.info("hello from logging")
    print("hello from print")
    keys = ["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "_HANDLER", "LAMBDA_TASK_ROOT",
            "AWS_EXECUTION_ENV", "AWS_ENDPOINT_URL", "AWS_LAMBDA_RUNTIME_API", "STAGE"]
    return {
        "event": event,
        "count": COUNT,
        "pid": os.getpid(),
        "env": {k: os.environ.get(k) for k in keys},
        "task_root_files": sorted(os.listdir(os.environ["LAMBDA_TASK_ROOT"])),
        "context": {
            "function_name": context.function_name,
            "function_version": context.function_version,
            "invoked_function_arn": context.invoked_function_arn,
            "memory_limit_in_mb": int(context.memory_limit_in_mb),
            "aws_request_id": context.aws_request_id,
            "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name,
            "remaining": context.get_remaining_time_in_millis(),
        },
    }
"""

FAILING = """
def handler(event, context):
    raise ValueError("boom: " + event.get("why", "?"))
"""

BEHAVIOURS = """
import os, time
def handler(event, context):
    if event.get("sleep"):
        time.sleep(event["sleep"])
    if event.get("exit") is not None:
        os._exit(event["exit"])
    if event.get("print_kb"):
        for i in range(event["print_kb"]):
            print(f"line {i:05d} " + "x" * 1013)
    return {"pid": os.getpid(), "ok": True}
"""

STREAM_NAME = re.compile(r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")


def request_id(response) -> str:
    return response["ResponseMetadata"]["RequestId"]


# --- python ----------------------------------------------------------------------------------------

def test_python_context_and_result(lam, make_function):
    name = make_function(INTROSPECT, MemorySize=256, Timeout=10)
    response, payload = invoke(lam, name, {"a": [1, "two", None]})
    assert response["StatusCode"] == 200
    assert "FunctionError" not in response
    assert response["ExecutedVersion"] == "$LATEST"
    assert payload["event"] == {"a": [1, "two", None]}
    context = payload["context"]
    assert context["function_name"] == name
    assert context["function_version"] == "$LATEST"
    assert context["invoked_function_arn"] == function_arn(name)
    assert context["memory_limit_in_mb"] == 256
    assert context["aws_request_id"] == request_id(response)
    assert context["log_group_name"] == f"/aws/lambda/{name}"
    assert STREAM_NAME.match(context["log_stream_name"]), context["log_stream_name"]
    assert 8000 < context["remaining"] <= 10000


def test_python_environment(brume, lam, make_function):
    name = make_function(INTROSPECT, Environment={"Variables": {"STAGE": "e2e"}})
    _, payload = invoke(lam, name)
    env = payload["env"]
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == name
    assert env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST"
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "128"
    assert env["AWS_REGION"] == "us-east-1"
    assert env["AWS_LAMBDA_LOG_GROUP_NAME"] == f"/aws/lambda/{name}"
    assert env["AWS_LAMBDA_LOG_STREAM_NAME"] == payload["context"]["log_stream_name"]
    assert env["_HANDLER"] == "app.handler"
    assert env["AWS_EXECUTION_ENV"] == "AWS_Lambda_python3.12"
    assert env["AWS_ENDPOINT_URL"].rstrip("/") == brume.endpoint
    assert env["AWS_LAMBDA_RUNTIME_API"] and ":" in env["AWS_LAMBDA_RUNTIME_API"]
    assert env["STAGE"] == "e2e"
    assert "app.py" in payload["task_root_files"]


def test_published_version_sees_its_version(lam, make_function):
    name = make_function(INTROSPECT)
    lam.publish_version(FunctionName=name)
    response, payload = invoke(lam, name, Qualifier="1")
    assert response["ExecutedVersion"] == "1"
    assert payload["context"]["function_version"] == "1"
    assert payload["context"]["invoked_function_arn"] == function_arn(name, "1")
    assert payload["env"]["AWS_LAMBDA_FUNCTION_VERSION"] == "1"
    assert re.match(r"^\d{4}/\d{2}/\d{2}/\[1\][0-9a-f]{32}$", payload["env"]["AWS_LAMBDA_LOG_STREAM_NAME"]), payload["env"]


CLIENT_CONTEXT = """
def handler(event, context):
    cc = context.client_context
    return {"custom": cc.custom, "env": cc.env} if cc else None
"""


def test_client_context_reaches_the_function(lam, make_function):
    import base64
    name = make_function(CLIENT_CONTEXT)
    sent = {"custom": {"tenant": "t-1"}, "env": {"platform": "e2e"}, "client": {"installation_id": "i-1"}}
    _, payload = invoke(lam, name, ClientContext=base64.b64encode(json.dumps(sent).encode()).decode())
    assert payload == {"custom": {"tenant": "t-1"}, "env": {"platform": "e2e"}}
    assert invoke(lam, name)[1] is None


def test_python_error_payload(lam, make_function):
    name = make_function(FAILING)
    response, payload = invoke(lam, name, {"why": "because"})
    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "ValueError"
    assert payload["errorMessage"] == "boom: because"
    assert payload["requestId"] == request_id(response)
    assert isinstance(payload["stackTrace"], list) and any("app.py" in line for line in payload["stackTrace"])


def test_log_tail_has_start_end_report_and_output(lam, make_function):
    name = make_function(INTROSPECT)
    response, _ = invoke(lam, name, LogType="Tail")
    rid = request_id(response)
    tail = tail_of(response)
    lines = tail.splitlines()
    assert lines[0].startswith(f"START RequestId: {rid} Version: $LATEST"), tail
    assert any(line.startswith(f"END RequestId: {rid}") for line in lines), tail
    report = [line for line in lines if line.startswith(f"REPORT RequestId: {rid}")]
    assert report, tail
    assert "\tDuration: " in report[0] and "\tBilled Duration: " in report[0] and "\tMemory Size: 128 MB" in report[0]
    assert "\tMax Memory Used: " in report[0]
    assert "hello from print" in lines
    logged = [line for line in lines if "hello from logging" in line]
    assert logged, tail
    parts = logged[0].split("\t")
    assert parts[0] == "[INFO]" and parts[2] == rid and parts[3] == "hello from logging", logged[0]
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", parts[1]), parts[1]
    # Without LogType there is no tail.
    assert "LogResult" not in invoke(lam, name)[0]


def test_log_tail_is_the_last_4_kb(lam, make_function):
    name = make_function(BEHAVIOURS)
    response, _ = invoke(lam, name, {"print_kb": 12}, LogType="Tail")
    tail = tail_of(response)
    assert len(tail.encode()) <= 4096
    assert len(tail.encode()) > 3000
    assert tail.rstrip("\n").splitlines()[-1].startswith(f"REPORT RequestId: {request_id(response)}")
    assert "line 00011" in tail and "line 00000" not in tail


def test_warm_instance_is_reused(lam, make_function):
    name = make_function(INTROSPECT)
    first = invoke(lam, name)[1]
    second = invoke(lam, name)[1]
    third = invoke(lam, name)[1]
    assert first["pid"] == second["pid"] == third["pid"]
    assert [first["count"], second["count"], third["count"]] == [1, 2, 3]
    assert first["context"]["log_stream_name"] == third["context"]["log_stream_name"]


def test_update_configuration_starts_a_new_instance(lam, make_function):
    name = make_function(INTROSPECT, Environment={"Variables": {"STAGE": "one"}})
    before = invoke(lam, name)[1]
    lam.update_function_configuration(FunctionName=name, Environment={"Variables": {"STAGE": "two"}})
    after = invoke(lam, name)[1]
    assert after["env"]["STAGE"] == "two"
    assert after["pid"] != before["pid"] and after["count"] == 1


def test_update_code_starts_a_new_instance(lam, make_function):
    name = make_function(INTROSPECT)
    before = invoke(lam, name)[1]
    lam.update_function_code(FunctionName=name, ZipFile=py_zip(INTROSPECT.replace("COUNT = 0", "COUNT = 100")))
    after = invoke(lam, name)[1]
    assert after["count"] == 101 and after["pid"] != before["pid"]


def test_concurrent_invokes_scale_out(lam, make_function):
    name = make_function(BEHAVIOURS, Timeout=10)
    results = []

    def call():
        results.append(invoke(lam, name, {"sleep": 0.8})[1])

    threads = [threading.Thread(target=call) for _ in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and all(r["ok"] for r in results)
    assert results[0]["pid"] != results[1]["pid"]
    assert time.monotonic() - started < 3.0


# --- failures of the instance ------------------------------------------------------------------------

def test_timeout(lam, make_function):
    name = make_function(BEHAVIOURS, Timeout=1)
    first_pid = invoke(lam, name)[1]["pid"]
    started = time.monotonic()
    response, payload = invoke(lam, name, {"sleep": 5})
    elapsed = time.monotonic() - started
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Sandbox.Timedout"
    assert payload["errorMessage"] == f"RequestId: {request_id(response)} Error: Task timed out after 1.00 seconds"
    assert 0.9 < elapsed < 3.0
    # The next invoke runs on a fresh instance.
    response, payload = invoke(lam, name)
    assert "FunctionError" not in response and payload["ok"] and payload["pid"] != first_pid


def test_crash_exit_status(lam, make_function):
    name = make_function(BEHAVIOURS)
    response, payload = invoke(lam, name, {"exit": 3})
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.ExitError"
    assert payload["errorMessage"] == f"RequestId: {request_id(response)} Error: Runtime exited with error: exit status 3"
    response, payload = invoke(lam, name)
    assert "FunctionError" not in response and payload["ok"]


def test_missing_module_is_an_import_error(lam, make_function):
    name = make_function(INTROSPECT, handler="nope.handler")
    response, payload = invoke(lam, name)
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.ImportModuleError"
    assert payload["errorMessage"] == "Unable to import module 'nope': No module named 'nope'"


def test_missing_handler_function(lam, make_function):
    name = make_function(INTROSPECT, handler="app.missing")
    response, payload = invoke(lam, name)
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.HandlerNotFound"
    assert payload["errorMessage"] == "Handler 'missing' missing on module 'app'"


# --- payloads ----------------------------------------------------------------------------------------

def test_invocation_types(lam, make_function):
    name = make_function()
    dry = lam.invoke(FunctionName=name, InvocationType="DryRun", Payload=b"{}")
    assert dry["StatusCode"] == 204 and dry["Payload"].read() == b""
    event = lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"x": 1}')
    assert event["StatusCode"] == 202 and event["Payload"].read() == b""
    response, payload = invoke(lam, name, {"echo": True})
    assert response["StatusCode"] == 200 and payload == {"echo": True}


def test_empty_payload_is_an_empty_object(lam, make_function):
    name = make_function()
    response = lam.invoke(FunctionName=name)
    assert json.loads(response["Payload"].read()) == {}


def test_non_json_payload_is_refused(lam, make_function):
    name = make_function()
    with lambda_error("InvalidRequestContentException", 400, contains="Could not parse request body into json"):
        lam.invoke(FunctionName=name, Payload=b"not json at all")


def test_sync_payload_over_6_mb_is_refused(lam, make_function):
    name = make_function()
    payload = json.dumps({"data": "x" * (6 * 1024 * 1024)}).encode()
    with lambda_error("RequestTooLargeException", 413,
                      "Request must be smaller than 6291456 bytes for the InvokeFunction operation"):
        lam.invoke(FunctionName=name, Payload=payload)
    # Just under the limit goes through.
    under = json.dumps({"data": "x" * (6 * 1024 * 1024 - 100)}).encode()
    assert len(under) <= 6291456
    response = lam.invoke(FunctionName=name, Payload=under, InvocationType="DryRun")
    assert response["StatusCode"] == 204


def test_event_payload_over_1_mb_is_refused(lam, make_function):
    name = make_function()
    payload = json.dumps({"data": "x" * (1024 * 1024)}).encode()
    with lambda_error("RequestTooLargeException", 413,
                      "Request must be smaller than 1048576 bytes for the InvokeFunction operation"):
        lam.invoke(FunctionName=name, Payload=payload, InvocationType="Event")


RETURNS = """
def handler(event, context):
    kind = event["kind"]
    if kind == "none":
        return None
    if kind == "set":
        return {1, 2}
    if kind == "huge":
        return "x" * (6 * 1024 * 1024 + 200)  # over the 6,291,556-byte limit AWS quotes
    if kind == "string":
        return "plain"
"""


def test_handler_returning_none_or_a_string(lam, make_function):
    name = make_function(RETURNS)
    response = lam.invoke(FunctionName=name, Payload=b'{"kind": "none"}')
    assert response["Payload"].read() == b"null"
    assert invoke(lam, name, {"kind": "string"})[1] == "plain"


def test_unserializable_result_is_a_marshal_error(lam, make_function):
    name = make_function(RETURNS)
    response, payload = invoke(lam, name, {"kind": "set"})
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.MarshalError"
    assert payload["errorMessage"] == "Unable to marshal response: Object of type set is not JSON serializable"


def test_response_over_6_mb_is_a_function_error(lam, make_function):
    name = make_function(RETURNS, MemorySize=512)
    response, payload = invoke(lam, name, {"kind": "huge"})
    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Function.ResponseSizeTooLarge", payload
    assert "exceeded maximum allowed payload size (6291556 bytes)" in payload["errorMessage"], payload


# --- concurrency limits -------------------------------------------------------------------------------

def test_reserved_concurrency_zero_throttles_every_invoke(lam, make_function):
    name = make_function()
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    with lambda_error("TooManyRequestsException", 429) as info:
        lam.invoke(FunctionName=name, Payload=b"{}")
    assert info.value.response.get("Reason") == "ReservedFunctionConcurrentInvocationLimitExceeded", info.value.response
    lam.delete_function_concurrency(FunctionName=name)
    assert invoke(lam, name, {"back": 1})[1] == {"back": 1}


def test_reserved_concurrency_one_throttles_the_second_concurrent_invoke(lam, make_function):
    from botocore.exceptions import ClientError
    name = make_function(BEHAVIOURS, Timeout=10)
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    outcomes = []

    def call():
        try:
            outcomes.append(invoke(lam, name, {"sleep": 1.0})[1])
        except ClientError as error:
            outcomes.append(error.response)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    succeeded = [o for o in outcomes if o.get("ok")]
    throttled = [o for o in outcomes if "Error" in o]
    assert len(succeeded) == 1 and len(throttled) == 1, outcomes
    assert throttled[0]["Error"]["Code"] == "TooManyRequestsException"
    assert throttled[0]["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert throttled[0].get("Reason") == "ReservedFunctionConcurrentInvocationLimitExceeded", throttled[0]


# --- calling AWS from inside ----------------------------------------------------------------------------

CALLS_AWS = """
import boto3
def handler(event, context):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=event["bucket"])
    s3.put_object(Bucket=event["bucket"], Key="from-lambda.txt", Body=context.aws_request_id.encode())
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=event["queue"])["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="hello from " + context.function_name)
    return {"messageId": sent["MessageId"]}
"""


def test_function_calls_s3_and_sqs_through_the_endpoint(lam, s3, sqs, make_function, queue):
    from s3helpers import empty_and_delete_bucket, unique_bucket
    name = make_function(CALLS_AWS, Timeout=30)
    bucket = unique_bucket()
    try:
        response, payload = invoke(lam, name, {"bucket": bucket, "queue": queue.rsplit("/", 1)[1]})
        assert "FunctionError" not in response, payload
        body = s3.get_object(Bucket=bucket, Key="from-lambda.txt")["Body"].read().decode()
        assert body == request_id(response)
        messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2).get("Messages", [])
        assert [m["Body"] for m in messages] == [f"hello from {name}"]
        assert messages[0]["MessageId"] == payload["messageId"]
    finally:
        empty_and_delete_bucket(s3, bucket)


# --- nodejs ------------------------------------------------------------------------------------------

ESM_ASYNC = """
let count = 0;
export const handler = async (event, context) => {
  count += 1;
  console.log("esm log line");
  return {echo: event, count, name: context.functionName, requestId: context.awsRequestId,
          memory: context.memoryLimitInMB, remaining: context.getRemainingTimeInMillis(), pid: process.pid,
          env: process.env.AWS_EXECUTION_ENV};
};
"""

CJS_CALLBACK = """
exports.handler = function (event, context, callback) {
  setTimeout(() => callback(null, {style: "callback", got: event.n * 2}), 10);
};
"""

NODE_FAILING = """
export const handler = async (event) => {
  throw new TypeError("bad input " + event.n);
};
"""


def test_node_esm_async_handler(lam, make_function):
    name = make_function(zip=zip_files({"index.mjs": ESM_ASYNC}), runtime=NODE, handler="index.handler")
    response, first = invoke(lam, name, {"n": 1}, LogType="Tail")
    assert "FunctionError" not in response, first
    assert first["echo"] == {"n": 1} and first["count"] == 1
    assert first["name"] == name and first["requestId"] == request_id(response)
    assert int(first["memory"]) == 128 and 0 < first["remaining"] <= 3000
    assert first["env"] == "AWS_Lambda_nodejs20.x"
    assert "esm log line" in tail_of(response)
    second = invoke(lam, name, {"n": 2})[1]
    assert second["count"] == 2 and second["pid"] == first["pid"]


def test_node_commonjs_callback_handler(lam, make_function):
    name = make_function(zip=zip_files({"index.js": CJS_CALLBACK}), runtime=NODE, handler="index.handler")
    response, payload = invoke(lam, name, {"n": 21})
    assert "FunctionError" not in response, payload
    assert payload == {"style": "callback", "got": 42}


def test_node_error_payload(lam, make_function):
    name = make_function(zip=zip_files({"index.mjs": NODE_FAILING}), runtime=NODE, handler="index.handler")
    response, payload = invoke(lam, name, {"n": 7})
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "TypeError"
    assert payload["errorMessage"] == "bad input 7"
    assert isinstance(payload["trace"], list) and payload["trace"][0].startswith("TypeError: bad input 7")


# --- provided: the Swift echo function -------------------------------------------------------------------

@pytest.fixture(scope="module")
def echo_zip():
    return echo_swift_zip()


def test_swift_echo_function(lam, make_function, echo_zip):
    name = make_function(zip=echo_zip, runtime=PROVIDED, handler="bootstrap", MemorySize=512)
    response, first = invoke(lam, name, {"message": "hi"}, LogType="Tail")
    assert "FunctionError" not in response, first
    assert first["echo"] == "hi"
    assert first["requestID"] == request_id(response)
    assert first["functionName"] == name and first["memoryLimitInMB"] == 512
    assert first["invokedFunctionARN"] == function_arn(name)
    assert first["invocationNumber"] == 1
    assert first["traceID"] and first["traceID"].startswith("Root=1-")
    assert "invocation 1: hi" in tail_of(response)
    second = invoke(lam, name, {"message": "again"})[1]
    assert second["echo"] == "again" and second["invocationNumber"] == 2 and second["processID"] == first["processID"]


def test_swift_echo_error(lam, make_function, echo_zip):
    name = make_function(zip=echo_zip, runtime=PROVIDED, handler="bootstrap")
    response, payload = invoke(lam, name, {"fail": True})
    assert response["FunctionError"] == "Unhandled"
    assert "EchoError" in payload["errorType"], payload
    assert payload["errorMessage"] == "failure requested by the event"
    # The instance survives a handled error.
    assert invoke(lam, name, {"message": "ok"})[1]["invocationNumber"] == 2


def test_swift_echo_init_error(lam, make_function, echo_zip):
    name = make_function(zip=echo_zip, runtime=PROVIDED, handler="bootstrap",
                         Environment={"Variables": {"ECHO_FAIL_INIT": "1"}})
    response, payload = invoke(lam, name, {"message": "hi"})
    assert response["FunctionError"] == "Unhandled"
    assert "ECHO_FAIL_INIT is set" in payload["errorMessage"], payload
    assert payload["errorType"]


def test_provided_without_executable_bootstrap(lam, make_function):
    # A bootstrap that lost its executable bit cannot start.
    name = make_function(zip=zip_files({"bootstrap": "#!/bin/sh\necho hi\n"}), runtime=PROVIDED, handler="x")
    response, payload = invoke(lam, name)
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.InvalidEntrypoint", payload


# --- provided: AWS's runtime interface client ------------------------------------------------------------

RIC_APP = """
import os
COUNT = 0
def handler(event, context):
    global COUNT
    COUNT += 1
    print("ric says hello")
    if event.get("fail"):
        raise KeyError("wanted")
    return {"echo": event, "requestId": context.aws_request_id, "name": context.function_name,
            "arn": context.invoked_function_arn, "remaining": context.get_remaining_time_in_millis(),
            "count": COUNT, "pid": os.getpid()}
"""


@pytest.fixture(scope="module")
def ric_zip():
    try:
        import awslambdaric  # noqa: F401
    except ImportError:
        pytest.fail("awslambdaric is not installed (pip install awslambdaric): it is the reference Runtime API client")
    return zip_files({"bootstrap": "#!/bin/sh\nexec python3 -m awslambdaric app.handler\n", "app.py": RIC_APP},
                     executable=("bootstrap",))


def test_aws_runtime_interface_client(lam, make_function, ric_zip):
    name = make_function(zip=ric_zip, runtime=PROVIDED, handler="app.handler", Timeout=10)
    response, first = invoke(lam, name, {"k": "v"}, LogType="Tail")
    assert "FunctionError" not in response, first
    assert first["echo"] == {"k": "v"}
    assert first["requestId"] == request_id(response)
    assert first["name"] == name and first["arn"] == function_arn(name)
    assert 0 < first["remaining"] <= 10000
    assert "ric says hello" in tail_of(response)
    second = invoke(lam, name, {"k": 2})[1]
    assert second["count"] == 2 and second["pid"] == first["pid"]


def test_aws_runtime_interface_client_error(lam, make_function, ric_zip):
    name = make_function(zip=ric_zip, runtime=PROVIDED, handler="app.handler", Timeout=10)
    response, payload = invoke(lam, name, {"fail": True})
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "KeyError"
    assert payload["errorMessage"] == "'wanted'"
    assert payload["requestId"] == request_id(response)
    assert invoke(lam, name, {})[1]["count"] == 2


def test_tenant_and_durable_invokes_are_refused(lam, make_function):
    from botocore.exceptions import ClientError
    name = make_function()
    for header in ("X-Amz-Tenant-Id", "X-Amz-Durable-Execution-Name"):
        def add_header(request, header=header, **_):
            request.headers[header] = "x"
        lam.meta.events.register_first("before-sign.lambda.Invoke", add_header)
        try:
            with pytest.raises(ClientError) as error:
                lam.invoke(FunctionName=name, Payload=b"{}")
            assert error.value.response["Error"]["Code"] == "InvalidParameterValueException"
            assert header in error.value.response["Error"]["Message"]
        finally:
            lam.meta.events.unregister("before-sign.lambda.Invoke", add_header)
