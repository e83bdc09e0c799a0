"""Step Functions calling Lambda: the optimized `lambda:invoke` integration (with and without a
task token) and a function ARN as the Resource, with AWS's results, error names and history."""

from __future__ import annotations

import io
import json
import uuid
import zipfile

import boto3
import pytest
from botocore.config import Config

from harness import ACCESS_KEY, REGION, SECRET_KEY
from sfnhelpers import (ROLE_ARN, definition, delete_machine_quietly, history, output_of, receive_token, run, types_of,
                        unique_name, wait_for_status)

ACCOUNT = "000000000000"

FUNCTION = """
import json, os
class Oops(Exception):
    pass
def handler(event, context):
    if event.get("fail"):
        raise Oops("it failed")
    if "token" in event:
        import boto3
        boto3.client("sqs").send_message(QueueUrl=event["queue"], MessageBody=json.dumps({"token": event["token"]}))
        return {"sent": True}
    return {"doubled": event.get("n", 0) * 2, "function": context.function_name}
"""


@pytest.fixture(scope="module")
def lam(brume):
    return boto3.session.Session().client(
        "lambda", endpoint_url=brume.endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=REGION, config=Config(retries={"total_max_attempts": 1}, read_timeout=60))


@pytest.fixture(scope="module")
def function(lam):
    name = f"e2e-sfn-{uuid.uuid4().hex[:10]}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", FUNCTION)
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN,
                        Code={"ZipFile": buffer.getvalue()}, Timeout=10)
    yield name
    lam.delete_function(FunctionName=name)


@pytest.fixture
def machine(sfn):
    created = []

    def make(states: dict) -> str:
        arn = sfn.create_state_machine(name=unique_name("lambda"), definition=definition(states), roleArn=ROLE_ARN)["stateMachineArn"]
        created.append(arn)
        return arn

    yield make
    for arn in created:
        delete_machine_quietly(sfn, arn)


def test_invoke_integration_returns_payload_and_metadata(sfn, function, machine):
    arn = machine({"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": function, "Payload.$": "$"}, "End": True}})
    result = output_of(run(sfn, arn, {"n": 21}))
    assert result["Payload"] == {"doubled": 42, "function": function}
    assert result["StatusCode"] == 200
    assert result["ExecutedVersion"] == "$LATEST"
    assert result["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert result["SdkResponseMetadata"]["RequestId"]


def test_invoke_integration_by_arn_with_result_selector(sfn, function, machine):
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function}"
    arn = machine({"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": function_arn, "Payload": {"n.$": "$.value"}},
                            "ResultSelector": {"doubled.$": "$.Payload.doubled"}, "ResultPath": "$.out", "End": True}})
    assert output_of(run(sfn, arn, {"value": 5})) == {"value": 5, "out": {"doubled": 10}}


def test_event_invocation_returns_202_and_empty_payload(sfn, function, machine):
    arn = machine({"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": function, "InvocationType": "Event", "Payload": {"n": 1}}, "End": True}})
    result = output_of(run(sfn, arn, {}))
    assert result["StatusCode"] == 202
    assert result["Payload"] == ""


def test_function_arn_resource_returns_the_answer_and_lambda_history(sfn, function, machine):
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function}"
    arn = machine({"Call": {"Type": "Task", "Resource": function_arn, "End": True}})
    described = run(sfn, arn, {"n": 4})
    assert output_of(described) == {"doubled": 8, "function": function}
    events = history(sfn, described["executionArn"])
    assert types_of(events) == ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                                "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    scheduled = events[2]["lambdaFunctionScheduledEventDetails"]
    assert scheduled["resource"] == function_arn
    assert json.loads(scheduled["input"]) == {"n": 4}


def test_function_error_is_catchable_by_its_type(sfn, function, machine):
    arn = machine({
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": function, "Payload": {"fail": True}},
                 "Catch": [{"ErrorEquals": ["Oops"], "ResultPath": "$.error", "Next": "Caught"}], "End": True},
        "Caught": {"Type": "Pass", "End": True},
    })
    result = output_of(run(sfn, arn, {}))
    assert result["error"]["Error"] == "Oops"
    cause = json.loads(result["error"]["Cause"])
    assert cause["errorType"] == "Oops" and cause["errorMessage"] == "it failed"


def test_uncaught_function_error_fails_the_execution(sfn, function, machine):
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function}"
    arn = machine({"Call": {"Type": "Task", "Resource": function_arn, "Parameters": {"fail": True}, "End": True}})
    described = run(sfn, arn, {})
    assert described["status"] == "FAILED"
    assert described["error"] == "Oops"
    events = history(sfn, described["executionArn"])
    assert "LambdaFunctionFailed" in types_of(events)


def test_missing_function_fails_with_the_sdk_exception_name(sfn, machine):
    arn = machine({"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": "no-such-function-e2e"}, "End": True}})
    described = run(sfn, arn, {})
    assert described["status"] == "FAILED"
    assert described["error"] == "Lambda.ResourceNotFoundException"
    assert "Function not found" in described["cause"] and "Status Code: 404" in described["cause"]


def test_wait_for_task_token_through_a_function(sfn, sqs, function, machine):
    queue = sqs.create_queue(QueueName=f"e2e-sfn-lambda-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    try:
        arn = machine({"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                                "Parameters": {"FunctionName": function,
                                               "Payload": {"token.$": "$$.Task.Token", "queue": queue}}, "End": True}})
        execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
        token, _ = receive_token(sqs, queue)
        sfn.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
        described = wait_for_status(sfn, execution, "SUCCEEDED")
        assert json.loads(described["output"]) == {"approved": True}
    finally:
        sqs.delete_queue(QueueUrl=queue)
