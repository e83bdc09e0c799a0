"""The AWS CLI against Brume's Step Functions, with JSON output."""

import json
import time

import pytest

from harness import cli_output as out
from sfnhelpers import ROLE_ARN, chain, definition, unique_name


def test_state_machine_lifecycle_with_cli(aws):
    name = unique_name("cli")
    text = chain(("Hello", {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}}))
    created = out(aws("stepfunctions", "create-state-machine", "--name", name, "--definition", text,
                      "--role-arn", ROLE_ARN))
    machine = created["stateMachineArn"]
    try:
        assert machine == f"arn:aws:states:us-east-1:000000000000:stateMachine:{name}"
        assert created["creationDate"]
        described = out(aws("stepfunctions", "describe-state-machine", "--state-machine-arn", machine))
        assert described["name"] == name and described["type"] == "STANDARD"

        started = out(aws("stepfunctions", "start-execution", "--state-machine-arn", machine,
                          "--name", "cli-run", "--input", '{"who": "cli"}'))
        execution = started["executionArn"]
        assert execution == f"arn:aws:states:us-east-1:000000000000:execution:{name}:cli-run"

        deadline = time.monotonic() + 15
        while True:
            result = out(aws("stepfunctions", "describe-execution", "--execution-arn", execution))
            if result["status"] != "RUNNING" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert result["status"] == "SUCCEEDED"
        assert json.loads(result["output"]) == {"greeting": "hello cli"}
        assert json.loads(result["input"]) == {"who": "cli"}

        listed = out(aws("stepfunctions", "list-executions", "--state-machine-arn", machine))["executions"]
        assert [e["executionArn"] for e in listed] == [execution]
        events = out(aws("stepfunctions", "get-execution-history", "--execution-arn", execution))["events"]
        assert [e["type"] for e in events] == ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                               "ExecutionSucceeded"]
    finally:
        aws("stepfunctions", "delete-state-machine", "--state-machine-arn", machine)


def test_invalid_definition_with_cli(aws):
    failed = aws("stepfunctions", "create-state-machine", "--name", unique_name("clibad"),
                 "--definition", definition({"X": {"End": True}}), "--role-arn", ROLE_ARN, check=False)
    assert failed.returncode != 0
    assert "InvalidDefinition" in failed.stderr
    assert "Invalid State Machine Definition" in failed.stderr


def test_validate_definition_with_cli(aws):
    result = out(aws("stepfunctions", "validate-state-machine-definition",
                     "--definition", definition({"X": {"End": True}})))
    assert result["result"] == "FAIL"
    assert result["diagnostics"][0]["code"] == "SCHEMA_VALIDATION_FAILED"
