"""Step Functions executions: Start/Describe/Stop/List, execution history, the state machine an
execution ran, synchronous Express executions, and durability across `kill -9` — as AWS behaves."""

import json
import os
import signal
import uuid

import pytest

from sfnhelpers import (ROLE_ARN, chain, definition, execution_arn, history, make_sfn_client, output_of,
                        pass_definition, run, sfn_error, types_of, unique_name, wait_for_event, wait_for_execution,
                        wait_for_status)

WAIT_LONG = chain(("Hold", {"Type": "Wait", "Seconds": 30}))


def name_of(arn: str) -> str:
    return arn.rsplit(":", 1)[1]


# --- StartExecution / DescribeExecution --------------------------------------------------------

def test_start_and_describe_succeeded(sfn, make_state_machine):
    machine = make_state_machine(pass_definition({"done": True}, ResultPath="$.result"))
    started = sfn.start_execution(stateMachineArn=machine, name="first-run", input='{"n": 1}')
    arn = started["executionArn"]
    assert arn == execution_arn(name_of(machine), "first-run")
    assert started["startDate"]
    described = wait_for_execution(sfn, arn)
    assert described["status"] == "SUCCEEDED"
    assert described["executionArn"] == arn
    assert described["stateMachineArn"] == machine
    assert described["name"] == "first-run"
    assert json.loads(described["input"]) == {"n": 1}
    assert json.loads(described["output"]) == {"n": 1, "result": {"done": True}}
    assert described["startDate"] <= described["stopDate"]
    assert described["inputDetails"] == {"included": True}
    assert described["outputDetails"] == {"included": True}
    assert "error" not in described and "cause" not in described


def test_name_is_generated_uuid_and_input_defaults_to_empty_object(sfn, make_state_machine):
    # AWS: without a name Step Functions generates a UUID; without input the execution gets {}.
    machine = make_state_machine(pass_definition())
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    uuid.UUID(name_of(arn))
    described = wait_for_status(sfn, arn, "SUCCEEDED")
    assert json.loads(described["input"]) == {}
    assert json.loads(described["output"]) == {}


def test_failed_execution_has_error_and_cause(sfn, make_state_machine):
    machine = make_state_machine(definition({"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it broke"}}))
    described = run(sfn, machine, {"x": 1})
    assert described["status"] == "FAILED"
    assert described["error"] == "Custom.Error"
    assert described["cause"] == "it broke"
    assert "output" not in described


def test_start_execution_same_name_same_input_while_running_is_idempotent(sfn, make_state_machine):
    # AWS: while the original execution is open, the same name and input return the original.
    machine = make_state_machine(WAIT_LONG)
    first = sfn.start_execution(stateMachineArn=machine, name="idem", input='{"a": 1}')
    try:
        again = sfn.start_execution(stateMachineArn=machine, name="idem", input='{"a": 1}')
        assert again["executionArn"] == first["executionArn"]
        assert again["startDate"] == first["startDate"]
        # ...and a different input under the same name is ExecutionAlreadyExists.
        with sfn_error(sfn, "ExecutionAlreadyExists"):
            sfn.start_execution(stateMachineArn=machine, name="idem", input='{"a": 2}')
    finally:
        sfn.stop_execution(executionArn=first["executionArn"])


def test_start_execution_same_name_after_close_is_already_exists(sfn, make_state_machine):
    # AWS: once the original execution is closed, ExecutionAlreadyExists regardless of input.
    machine = make_state_machine(pass_definition())
    arn = sfn.start_execution(stateMachineArn=machine, name="closed", input="{}")["executionArn"]
    wait_for_status(sfn, arn, "SUCCEEDED")
    with sfn_error(sfn, "ExecutionAlreadyExists"):
        sfn.start_execution(stateMachineArn=machine, name="closed", input="{}")


def test_start_execution_invalid_input(sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    with sfn_error(sfn, "InvalidExecutionInput"):
        sfn.start_execution(stateMachineArn=machine, input="{not json")


def test_start_execution_invalid_name(sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    with sfn_error(sfn, "InvalidName"):
        sfn.start_execution(stateMachineArn=machine, name="bad name")


def test_start_execution_missing_machine(sfn):
    with sfn_error(sfn, "StateMachineDoesNotExist"):
        sfn.start_execution(stateMachineArn=f"arn:aws:states:us-east-1:000000000000:stateMachine:{unique_name('x')}")


def test_describe_missing_execution(sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    arn = execution_arn(name_of(machine), "never-started")
    with sfn_error(sfn, "ExecutionDoesNotExist") as info:
        sfn.describe_execution(executionArn=arn)
    assert info.value.response["Error"]["Message"] == f"Execution Does Not Exist: '{arn}'"


def test_describe_running_execution(sfn, make_state_machine):
    machine = make_state_machine(WAIT_LONG)
    arn = sfn.start_execution(stateMachineArn=machine, input='{"k": 1}')["executionArn"]
    try:
        described = sfn.describe_execution(executionArn=arn)
        assert described["status"] == "RUNNING"
        assert json.loads(described["input"]) == {"k": 1}
        assert "stopDate" not in described and "output" not in described
    finally:
        sfn.stop_execution(executionArn=arn)


# --- StopExecution --------------------------------------------------------------------------------

def test_stop_execution_aborts(sfn, make_state_machine):
    machine = make_state_machine(WAIT_LONG)
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    wait_for_event(sfn, arn, "WaitStateEntered")
    stopped = sfn.stop_execution(executionArn=arn, error="Operator.Stop", cause="no longer needed")
    assert stopped["stopDate"]
    described = wait_for_status(sfn, arn, "ABORTED", timeout=5)
    assert described["error"] == "Operator.Stop"
    assert described["cause"] == "no longer needed"
    events = history(sfn, arn)
    assert events[-1]["type"] == "ExecutionAborted"
    assert events[-1]["executionAbortedEventDetails"] == {"error": "Operator.Stop", "cause": "no longer needed"}


# --- ListExecutions -------------------------------------------------------------------------------

CHOOSE = definition({
    "Route": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Yes"}],
              "Default": "No"},
    "Yes": {"Type": "Succeed"},
    "No": {"Type": "Fail", "Error": "Nope"},
})


def test_list_executions_status_filter_and_order(sfn, make_state_machine):
    machine = make_state_machine(CHOOSE)
    good = [run(sfn, machine, {"ok": True})["executionArn"] for _ in range(2)]
    bad = run(sfn, machine, {"ok": False})["executionArn"]

    listed = sfn.list_executions(stateMachineArn=machine)["executions"]
    # AWS: "Results are sorted by time, with the most recent execution first."
    assert [e["executionArn"] for e in listed] == [bad, good[1], good[0]]
    entry = listed[0]
    assert entry["stateMachineArn"] == machine
    assert entry["name"] == name_of(bad)
    assert entry["status"] == "FAILED"
    assert entry["startDate"] and entry["stopDate"]

    succeeded = sfn.list_executions(stateMachineArn=machine, statusFilter="SUCCEEDED")["executions"]
    assert {e["executionArn"] for e in succeeded} == set(good)
    failed = sfn.list_executions(stateMachineArn=machine, statusFilter="FAILED")["executions"]
    assert [e["executionArn"] for e in failed] == [bad]
    assert sfn.list_executions(stateMachineArn=machine, statusFilter="RUNNING")["executions"] == []


def test_list_executions_pagination(sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    arns = {run(sfn, machine)["executionArn"] for _ in range(3)}
    seen, token, pages = [], None, 0
    while True:
        page = sfn.list_executions(stateMachineArn=machine, maxResults=1, **({"nextToken": token} if token else {}))
        assert len(page["executions"]) <= 1
        seen.extend(e["executionArn"] for e in page["executions"])
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    assert set(seen) == arns and len(seen) == 3
    assert pages >= 3


def test_list_executions_of_running(sfn, make_state_machine):
    machine = make_state_machine(WAIT_LONG)
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    try:
        running = sfn.list_executions(stateMachineArn=machine, statusFilter="RUNNING")["executions"]
        assert [e["executionArn"] for e in running] == [arn]
        assert "stopDate" not in running[0]
    finally:
        sfn.stop_execution(executionArn=arn)
    wait_for_status(sfn, arn, "ABORTED", timeout=5)
    assert [e["executionArn"] for e in sfn.list_executions(stateMachineArn=machine, statusFilter="ABORTED")["executions"]] == [arn]


# --- GetExecutionHistory --------------------------------------------------------------------------

def test_history_of_a_pass_machine(sfn, make_state_machine):
    machine = make_state_machine(definition({"Greet": {"Type": "Pass", "Result": "hi", "ResultPath": "$.greeting",
                                                       "End": True}}))
    arn = sfn.start_execution(stateMachineArn=machine, input='{"who": "you"}')["executionArn"]
    wait_for_status(sfn, arn, "SUCCEEDED")
    events = history(sfn, arn)
    assert types_of(events) == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]
    assert [e["id"] for e in events] == [1, 2, 3, 4]
    assert [e["previousEventId"] for e in events] == [0, 1, 2, 3]
    assert all(e["timestamp"] for e in events)

    started = events[0]["executionStartedEventDetails"]
    assert json.loads(started["input"]) == {"who": "you"}
    assert started["roleArn"] == ROLE_ARN
    entered = events[1]["stateEnteredEventDetails"]
    assert entered["name"] == "Greet"
    assert json.loads(entered["input"]) == {"who": "you"}
    exited = events[2]["stateExitedEventDetails"]
    assert exited["name"] == "Greet"
    assert json.loads(exited["output"]) == {"who": "you", "greeting": "hi"}
    assert json.loads(events[3]["executionSucceededEventDetails"]["output"]) == {"who": "you", "greeting": "hi"}


def test_history_reverse_order_and_pagination(sfn, make_state_machine):
    machine = make_state_machine(chain(("A", {"Type": "Pass"}), ("B", {"Type": "Pass"}), ("C", {"Type": "Pass"})))
    arn = run(sfn, machine)["executionArn"]
    forward = history(sfn, arn)
    assert types_of(forward) == ["ExecutionStarted"] + ["PassStateEntered", "PassStateExited"] * 3 + ["ExecutionSucceeded"]
    backward = history(sfn, arn, reverseOrder=True)
    assert [e["id"] for e in backward] == [e["id"] for e in reversed(forward)]

    first = sfn.get_execution_history(executionArn=arn, maxResults=3)
    assert [e["id"] for e in first["events"]] == [1, 2, 3]
    assert first["nextToken"]
    paged = history(sfn, arn, maxResults=3)
    assert [e["id"] for e in paged] == list(range(1, 9))


def test_history_without_execution_data(sfn, make_state_machine):
    machine = make_state_machine(pass_definition({"secret": "s3cr3t"}))
    arn = run(sfn, machine, {"private": "data"})["executionArn"]
    events = history(sfn, arn, includeExecutionData=False)
    assert types_of(events) == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]
    assert "input" not in events[0]["executionStartedEventDetails"]
    assert "input" not in events[1]["stateEnteredEventDetails"]
    assert "output" not in events[2]["stateExitedEventDetails"]
    assert "output" not in events[3].get("executionSucceededEventDetails", {})
    assert "s3cr3t" not in json.dumps(events, default=str)
    assert "private" not in json.dumps(events, default=str)


def test_history_of_a_failure(sfn, make_state_machine):
    machine = make_state_machine(definition({"Boom": {"Type": "Fail", "Error": "E1", "Cause": "C1"}}))
    arn = run(sfn, machine)["executionArn"]
    events = history(sfn, arn)
    assert types_of(events) == ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]
    assert events[-1]["executionFailedEventDetails"] == {"error": "E1", "cause": "C1"}


def test_history_of_missing_execution(sfn, make_state_machine):
    machine = make_state_machine(pass_definition())
    with sfn_error(sfn, "ExecutionDoesNotExist"):
        sfn.get_execution_history(executionArn=execution_arn(name_of(machine), "nope"))


# --- DescribeStateMachineForExecution --------------------------------------------------------------

def test_describe_state_machine_for_execution_returns_the_definition_it_ran(sfn, make_state_machine):
    v1 = pass_definition({"version": 1})
    machine = make_state_machine(v1)
    arn = run(sfn, machine)["executionArn"]
    described = sfn.describe_state_machine_for_execution(executionArn=arn)
    assert described["stateMachineArn"] == machine
    assert described["name"] == name_of(machine)
    assert json.loads(described["definition"]) == json.loads(v1)
    assert described["roleArn"] == ROLE_ARN
    assert described["updateDate"]

    # An update applies to new executions; the earlier one still reports the definition it ran.
    v2 = pass_definition({"version": 2})
    sfn.update_state_machine(stateMachineArn=machine, definition=v2)
    assert json.loads(sfn.describe_state_machine_for_execution(executionArn=arn)["definition"]) == json.loads(v1)
    later = run(sfn, machine)
    assert output_of(later) == {"version": 2}
    assert json.loads(sfn.describe_state_machine_for_execution(executionArn=later["executionArn"])["definition"]) \
        == json.loads(v2)


# --- EXPRESS ----------------------------------------------------------------------------------------

def test_start_sync_execution_succeeds(sfn_sync, make_state_machine):
    machine = make_state_machine(pass_definition({"sync": True}, ResultPath="$.r"), type="EXPRESS")
    result = sfn_sync.start_sync_execution(stateMachineArn=machine, name="sync-one", input='{"a": 1}')
    assert result["status"] == "SUCCEEDED"
    assert json.loads(result["output"]) == {"a": 1, "r": {"sync": True}}
    assert json.loads(result["input"]) == {"a": 1}
    assert result["stateMachineArn"] == machine
    assert result["name"] == "sync-one"
    # Express execution ARNs: arn:aws:states:<region>:<account>:express:<machine>:<name>:<id>
    assert result["executionArn"].startswith(f"arn:aws:states:us-east-1:000000000000:express:{name_of(machine)}:sync-one:")
    assert result["startDate"] <= result["stopDate"]


def test_start_sync_execution_failure_is_200_with_error(sfn_sync, make_state_machine):
    # AWS: "StartSyncExecution will return a 200 OK response, even if your execution fails".
    machine = make_state_machine(definition({"Boom": {"Type": "Fail", "Error": "Sync.Err", "Cause": "sync cause"}}),
                                 type="EXPRESS")
    result = sfn_sync.start_sync_execution(stateMachineArn=machine, input="{}")
    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert result["status"] == "FAILED"
    assert result["error"] == "Sync.Err"
    assert result["cause"] == "sync cause"
    assert "output" not in result


def test_start_sync_execution_on_standard_is_not_supported(sfn_sync, make_state_machine):
    machine = make_state_machine(pass_definition())
    with sfn_error(sfn_sync, "StateMachineTypeNotSupported"):
        sfn_sync.start_sync_execution(stateMachineArn=machine, input="{}")


def test_express_start_execution_and_list_not_supported(sfn, make_state_machine):
    machine = make_state_machine(pass_definition(), type="EXPRESS")
    arn = sfn.start_execution(stateMachineArn=machine, name="async-express")["executionArn"]
    assert arn.startswith(f"arn:aws:states:us-east-1:000000000000:express:{name_of(machine)}:async-express:")
    # AWS: ListExecutions "is not supported by EXPRESS state machines".
    with sfn_error(sfn, "StateMachineTypeNotSupported"):
        sfn.list_executions(stateMachineArn=machine)


# --- durability -----------------------------------------------------------------------------------

def test_machine_and_finished_execution_survive_kill_9(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    sfn = make_sfn_client(first.endpoint)
    text = chain(("Add", {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}}))
    machine = sfn.create_state_machine(name=unique_name("durable"), definition=text, roleArn=ROLE_ARN,
                                       tags=[{"key": "keep", "value": "me"}])["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, name="kept", input='{"a": 2, "b": 3}')["executionArn"]
    before = wait_for_status(sfn, arn, "SUCCEEDED")
    events_before = history(sfn, arn)

    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    second = brume_factory(data_dir=data_dir, name="restarted")
    sfn = make_sfn_client(second.endpoint)
    described = sfn.describe_state_machine(stateMachineArn=machine)
    assert described["status"] == "ACTIVE" and described["definition"] == text
    assert {t["key"]: t["value"] for t in sfn.list_tags_for_resource(resourceArn=machine)["tags"]} == {"keep": "me"}
    after = sfn.describe_execution(executionArn=arn)
    assert after["status"] == "SUCCEEDED"
    assert json.loads(after["output"]) == {"sum": 5}
    assert after["startDate"] == before["startDate"] and after["stopDate"] == before["stopDate"]
    events_after = history(sfn, arn)
    assert [(e["id"], e["type"]) for e in events_after] == [(e["id"], e["type"]) for e in events_before]
    assert [e["executionArn"] for e in sfn.list_executions(stateMachineArn=machine)["executions"]] == [arn]
    # The name stays taken, and the machine still runs.
    with sfn_error(sfn, "ExecutionAlreadyExists"):
        sfn.start_execution(stateMachineArn=machine, name="kept", input='{"a": 2, "b": 3}')
    assert output_of(run(sfn, machine, {"a": 10, "b": -4})) == {"sum": 6}


def interrupted_execution(brume_factory, tmp_path):
    """Start a STANDARD execution that sits in a 2 s Wait, kill -9 the server, restart it on the
    same data dir; returns (client on the new server, execution ARN)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    sfn = make_sfn_client(first.endpoint)
    text = chain(("Nap", {"Type": "Wait", "Seconds": 2}), ("After", {"Type": "Pass", "Result": "resumed"}))
    machine = sfn.create_state_machine(name=unique_name("resume"), definition=text, roleArn=ROLE_ARN)["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    wait_for_event(sfn, arn, "WaitStateEntered")
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)
    second = brume_factory(data_dir=data_dir, name="restarted")
    return make_sfn_client(second.endpoint), arn


def test_interrupted_execution_is_closed_after_restart(brume_factory, tmp_path):
    # Whatever the outcome, an execution interrupted by kill -9 must not stay RUNNING forever, and
    # its history must end with the event of its final status.
    sfn, arn = interrupted_execution(brume_factory, tmp_path)
    described = wait_for_execution(sfn, arn, timeout=10)
    final_event = {"SUCCEEDED": "ExecutionSucceeded", "FAILED": "ExecutionFailed", "ABORTED": "ExecutionAborted",
                   "TIMED_OUT": "ExecutionTimedOut"}[described["status"]]
    events = history(sfn, arn)
    assert events[-1]["type"] == final_event
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))


def test_running_execution_resumes_after_kill_9(brume_factory, tmp_path):
    # AWS: STANDARD workflows are durable, so an execution that was in a Wait state when the
    # process died finishes normally, its Wait ending at the deadline it had.
    sfn, arn = interrupted_execution(brume_factory, tmp_path)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == "resumed"
    events = history(sfn, arn)
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    entered = [e for e in events if e["type"] == "WaitStateEntered"]
    exited = next(e for e in events if e["type"] == "WaitStateExited")
    # The Wait ran again after the restart but still ended 2 s after it was first entered.
    assert (exited["timestamp"] - entered[0]["timestamp"]).total_seconds() < 4
