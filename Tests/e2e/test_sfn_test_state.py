"""TestState through boto3: one state run alone, with a mocked or a real task, at each
inspection level, reporting SUCCEEDED, RETRIABLE, CAUGHT_ERROR or FAILED as AWS does."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from lambdahelpers import py_zip
from sfnhelpers import ROLE_ARN


def test_pass_state_at_debug_level(sfn_sync):
    answer = sfn_sync.test_state(
        definition=json.dumps({"Type": "Pass", "InputPath": "$.a", "Parameters": {"x.$": "$.b"}, "ResultPath": "$.out", "Next": "After"}),
        roleArn=ROLE_ARN, input=json.dumps({"a": {"b": 1}}), inspectionLevel="DEBUG")
    assert answer["status"] == "SUCCEEDED"
    assert answer["nextState"] == "After"
    assert json.loads(answer["output"]) == {"a": {"b": 1}, "out": {"x": 1}}
    data = answer["inspectionData"]
    assert json.loads(data["input"]) == {"a": {"b": 1}}
    assert json.loads(data["afterInputPath"]) == {"b": 1}
    assert json.loads(data["afterParameters"]) == {"x": 1}
    assert json.loads(data["afterResultPath"]) == {"a": {"b": 1}, "out": {"x": 1}}


def test_info_level_has_no_inspection_data(sfn_sync):
    answer = sfn_sync.test_state(definition=json.dumps({"Type": "Pass", "End": True}), input="{}")
    assert answer["status"] == "SUCCEEDED" and "inspectionData" not in answer and "nextState" not in answer


def test_mocked_task_error_retriable_then_caught(sfn_sync):
    state = json.dumps({
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "anything"}, "End": True,
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}],
    })
    mock = {"errorOutput": {"error": "Boom", "cause": "it broke"}}
    retriable = sfn_sync.test_state(definition=state, input="{}", mock=mock, inspectionLevel="DEBUG",
                                    stateConfiguration={"retrierRetryCount": 1})
    assert retriable["status"] == "RETRIABLE" and retriable["error"] == "Boom" and retriable["cause"] == "it broke"
    assert retriable["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 4}
    caught = sfn_sync.test_state(definition=state, input=json.dumps({"k": 1}), mock=mock, stateConfiguration={"retrierRetryCount": 2})
    assert caught["status"] == "CAUGHT_ERROR" and caught["nextState"] == "Handle"
    assert json.loads(caught["output"]) == {"k": 1, "error": {"Error": "Boom", "Cause": "it broke"}}


def test_mocked_result_runs_through_the_data_flow(sfn_sync):
    state = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
                        "ResultSelector": {"v.$": "$.Payload.value"}, "ResultPath": "$.r", "Next": "Done"})
    answer = sfn_sync.test_state(definition=state, input=json.dumps({"in": 1}), mock={"result": json.dumps({"Payload": {"value": 7}})},
                                 inspectionLevel="TRACE")
    assert answer["status"] == "SUCCEEDED" and answer["nextState"] == "Done"
    assert json.loads(answer["output"]) == {"in": 1, "r": {"v": 7}}
    assert json.loads(answer["inspectionData"]["result"]) == {"Payload": {"value": 7}}
    assert json.loads(answer["inspectionData"]["afterResultSelector"]) == {"v": 7}


def test_real_lambda_task(sfn_sync, lam):
    name = "e2e-teststate-fn"
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN,
                        Code={"ZipFile": py_zip("def handler(event, context):\n    return {'twice': event['n'] * 2}\n")})
    try:
        state = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": name, "Payload.$": "$"}, "ResultSelector": {"twice.$": "$.Payload.twice"},
                            "End": True})
        answer = sfn_sync.test_state(definition=state, input=json.dumps({"n": 21}))
        assert answer["status"] == "SUCCEEDED"
        assert json.loads(answer["output"]) == {"twice": 42}
    finally:
        lam.delete_function(FunctionName=name)


def test_choice_and_machine_definitions(sfn_sync):
    machine = {"StartAt": "Decide", "States": {
        "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}
    assert sfn_sync.test_state(definition=json.dumps(machine), stateName="Decide", input='{"n": 9}')["nextState"] == "Big"
    assert sfn_sync.test_state(definition=json.dumps(machine), stateName="Decide", input='{"n": 1}')["nextState"] == "Small"
    failed = sfn_sync.test_state(definition=json.dumps({"Type": "Fail", "Error": "Bad", "Cause": "why"}))
    assert failed["status"] == "FAILED" and failed["error"] == "Bad" and failed["cause"] == "why"


@pytest.mark.parametrize("kwargs, code", [
    ({"definition": json.dumps({"Type": "Pass", "Next": 3})}, "InvalidDefinition"),
    ({"definition": json.dumps({"Type": "Pass", "End": True}), "input": "not json"}, "InvalidExecutionInput"),
    ({"definition": json.dumps({"Type": "Pass", "End": True}), "inspectionLevel": "LOUD"}, "ValidationException"),
    ({"definition": json.dumps({"Type": "Pass", "End": True}), "roleArn": "not-an-arn"}, "InvalidArn"),
    ({"definition": json.dumps({"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}, "End": True})},
     "ValidationException"),
])
def test_refusals(sfn_sync, kwargs, code):
    with pytest.raises(ClientError) as error:
        sfn_sync.test_state(**kwargs)
    assert error.value.response["Error"]["Code"] == code
