"""Step Functions service integrations against Brume's own services: SQS sendMessage (plain and
waitForTaskToken with SendTaskSuccess/Failure/Heartbeat), the S3 AWS SDK integration, nested
executions (startExecution, .sync, .sync:2), Retry/Catch around failing tasks — as AWS behaves."""

import hashlib
import json
import time

import pytest

from sfnhelpers import (ROLE_ARN, chain, definition, history, output_of, receive_token, run,
                        sfn_error, token_task, types_of, unique_name, wait_for_execution, wait_for_status)
from sqshelpers import receive_all

SEND = "arn:aws:states:::sqs:sendMessage"


def start(sfn, machine, input=None):
    return sfn.start_execution(stateMachineArn=machine, input=json.dumps({} if input is None else input))["executionArn"]


# --- SQS sendMessage --------------------------------------------------------------------------------

def test_send_message_with_object_body(sfn, sqs, make_state_machine, queue):
    text = chain(("Send", {"Type": "Task", "Resource": SEND, "ResultPath": "$.sent",
                           "Parameters": {"QueueUrl": queue, "MessageBody": {"order.$": "$.order", "fixed": [1, 2]}}}))
    described = run(sfn, make_state_machine(text), {"order": {"id": 7}})
    out = output_of(described)
    messages = receive_all(sqs, queue, expected=1, timeout=5)
    assert len(messages) == 1
    body = messages[0]["Body"]
    # An object MessageBody is sent as its JSON text.
    assert json.loads(body) == {"order": {"id": 7}, "fixed": [1, 2]}
    assert out["order"] == {"id": 7}
    assert out["sent"]["MessageId"] == messages[0]["MessageId"]
    assert out["sent"]["MD5OfMessageBody"] == hashlib.md5(body.encode()).hexdigest()
    events = history(sfn, described["executionArn"])
    assert types_of(events) == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    scheduled = events[2]["taskScheduledEventDetails"]
    assert scheduled["resourceType"] == "sqs"
    assert scheduled["resource"] == "sendMessage"
    assert scheduled["region"] == "us-east-1"
    assert json.loads(scheduled["parameters"]) == {"QueueUrl": queue,
                                                   "MessageBody": {"order": {"id": 7}, "fixed": [1, 2]}}


def test_send_message_with_string_body_and_attributes(sfn, sqs, make_state_machine, queue):
    text = chain(("Send", {"Type": "Task", "Resource": SEND, "Parameters": {
        "QueueUrl": queue, "MessageBody.$": "States.Format('hello {}', $.who)",
        "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "greeting"}}}}))
    output_of(run(sfn, make_state_machine(text), {"who": "queue"}))
    messages = receive_all(sqs, queue, expected=1, timeout=5, MessageAttributeNames=["All"])
    assert messages[0]["Body"] == "hello queue"
    assert messages[0]["MessageAttributes"]["kind"]["StringValue"] == "greeting"


# --- waitForTaskToken + SendTask* --------------------------------------------------------------------

def test_wait_for_task_token_success(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue, ResultPath="$.answer"))))
    arn = start(sfn, machine, {"question": "ok?"})
    token, sent_input = receive_token(sqs, queue)
    assert sent_input == {"question": "ok?"}
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    sfn.send_task_success(taskToken=token, output=json.dumps({"yes": True}))
    described = wait_for_status(sfn, arn, "SUCCEEDED")
    assert json.loads(described["output"]) == {"question": "ok?", "answer": {"yes": True}}
    events = history(sfn, arn)
    kinds = types_of(events)
    assert kinds == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                     "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]
    scheduled = events[2]["taskScheduledEventDetails"]
    assert (scheduled["resourceType"], scheduled["resource"]) == ("sqs", "sendMessage.waitForTaskToken")
    succeeded = events[5]["taskSucceededEventDetails"]
    assert json.loads(succeeded["output"]) == {"yes": True}


def test_task_token_cannot_be_used_twice(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue))))
    arn = start(sfn, machine)
    token, _ = receive_token(sqs, queue)
    sfn.send_task_success(taskToken=token, output="{}")
    wait_for_status(sfn, arn, "SUCCEEDED")
    # AWS: TaskTimedOut "Task Timed Out: 'Provided task does not exist anymore'".
    with sfn_error(sfn, "TaskTimedOut"):
        sfn.send_task_success(taskToken=token, output="{}")
    with sfn_error(sfn, "TaskTimedOut"):
        sfn.send_task_failure(taskToken=token, error="Late")
    with sfn_error(sfn, "TaskTimedOut"):
        sfn.send_task_heartbeat(taskToken=token)


def test_token_of_stopped_execution_is_timed_out(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue))))
    arn = start(sfn, machine)
    token, _ = receive_token(sqs, queue)
    sfn.stop_execution(executionArn=arn)
    wait_for_status(sfn, arn, "ABORTED", timeout=5)
    with sfn_error(sfn, "TaskTimedOut"):
        sfn.send_task_success(taskToken=token, output="{}")


def test_invalid_task_token(sfn):
    with sfn_error(sfn, "InvalidToken"):
        sfn.send_task_success(taskToken="not-a-real-token", output="{}")
    with sfn_error(sfn, "InvalidToken"):
        sfn.send_task_heartbeat(taskToken="not-a-real-token")


def test_send_task_success_with_invalid_output(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue))))
    arn = start(sfn, machine)
    token, _ = receive_token(sqs, queue)
    try:
        with sfn_error(sfn, "InvalidOutput"):
            sfn.send_task_success(taskToken=token, output="{not json")
        assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    finally:
        sfn.stop_execution(executionArn=arn)


def test_send_task_failure_fails_execution(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue))))
    arn = start(sfn, machine)
    token, _ = receive_token(sqs, queue)
    sfn.send_task_failure(taskToken=token, error="Worker.Refused", cause="cannot do it")
    described = wait_for_status(sfn, arn, "FAILED")
    assert (described["error"], described["cause"]) == ("Worker.Refused", "cannot do it")
    failed = next(e for e in history(sfn, arn) if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed["error"] == "Worker.Refused" and failed["cause"] == "cannot do it"
    assert (failed["resourceType"], failed["resource"]) == ("sqs", "sendMessage.waitForTaskToken")


def test_heartbeat_keeps_task_alive_then_success(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue, HeartbeatSeconds=2))))
    arn = start(sfn, machine)
    token, _ = receive_token(sqs, queue)
    for _ in range(3):  # ~3 s in total, longer than HeartbeatSeconds, kept alive by heartbeats
        assert sfn.send_task_heartbeat(taskToken=token)["ResponseMetadata"]["HTTPStatusCode"] == 200
        time.sleep(1)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    sfn.send_task_success(taskToken=token, output='"done"')
    assert json.loads(wait_for_status(sfn, arn, "SUCCEEDED")["output"]) == "done"


def test_heartbeat_timeout(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue, HeartbeatSeconds=1))))
    arn = start(sfn, machine)
    receive_token(sqs, queue)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert (described["status"], described["error"]) == ("FAILED", "States.HeartbeatTimeout")
    assert "TaskTimedOut" in types_of(history(sfn, arn))


def test_task_timeout(sfn, sqs, make_state_machine, queue):
    machine = make_state_machine(chain(("Ask", token_task(queue, TimeoutSeconds=1))))
    arn = start(sfn, machine)
    described = wait_for_execution(sfn, arn, timeout=10)
    assert (described["status"], described["error"]) == ("FAILED", "States.Timeout")


def test_retry_then_catch_with_send_task_failure(sfn, sqs, make_state_machine, queue):
    text = definition({
        "Ask": token_task(queue, Next="Done",
                          Retry=[{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1,
                                  "BackoffRate": 1.0}],
                          Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Fallback"}]),
        "Done": {"Type": "Pass", "Result": "unexpected", "End": True},
        "Fallback": {"Type": "Pass", "End": True},
    })
    arn = start(sfn, make_state_machine(text), {"job": 1})
    token, _ = receive_token(sqs, queue)
    sfn.send_task_failure(taskToken=token, error="Flaky", cause="first")
    token, _ = receive_token(sqs, queue)  # the retry sent a new message with a new token
    sfn.send_task_failure(taskToken=token, error="Flaky", cause="second")
    described = wait_for_status(sfn, arn, "SUCCEEDED")
    assert json.loads(described["output"]) == {"job": 1, "error": {"Error": "Flaky", "Cause": "second"}}
    kinds = types_of(history(sfn, arn))
    assert kinds.count("TaskScheduled") == 2 and kinds.count("TaskFailed") == 2
    assert kinds.index("PassStateEntered") > max(i for i, k in enumerate(kinds) if k == "TaskFailed")


def test_retry_count_in_context_object(sfn, sqs, make_state_machine, queue):
    task = token_task(queue, End=True, Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}])
    task["Parameters"]["MessageBody"]["retry.$"] = "$$.State.RetryCount"
    arn = start(sfn, make_state_machine(definition({"Ask": task})))
    seen = []
    for attempt in range(2):
        message = None
        for _ in range(10):
            got = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1, MaxNumberOfMessages=1).get("Messages", [])
            if got:
                message = got[0]
                break
        assert message, f"attempt {attempt}: no message"
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
        body = json.loads(message["Body"])
        seen.append(body["retry"])
        if attempt == 0:
            sfn.send_task_failure(taskToken=body["token"], error="Again")
        else:
            sfn.send_task_success(taskToken=body["token"], output='"ok"')
    assert seen == [0, 1]
    assert json.loads(wait_for_status(sfn, arn, "SUCCEEDED")["output"]) == "ok"


def test_unmatched_error_skips_retry_and_is_caught(sfn, sqs, make_state_machine, queue):
    text = definition({
        "Ask": token_task(queue, End=True,
                          Retry=[{"ErrorEquals": ["Flaky"], "MaxAttempts": 3}],
                          Catch=[{"ErrorEquals": ["Fatal"], "Next": "Fallback"}]),
        "Fallback": {"Type": "Pass", "Result": "fell back", "End": True},
    })
    arn = start(sfn, make_state_machine(text))
    token, _ = receive_token(sqs, queue)
    sfn.send_task_failure(taskToken=token, error="Fatal", cause="no retry")
    assert json.loads(wait_for_status(sfn, arn, "SUCCEEDED")["output"]) == "fell back"
    assert types_of(history(sfn, arn)).count("TaskScheduled") == 1


def test_express_machine_rejects_wait_for_task_token(sfn, queue):
    # AWS: Express workflows do not support .waitForTaskToken (nor .sync) integrations.
    with sfn_error(sfn, "InvalidDefinition"):
        sfn.create_state_machine(name=unique_name("expresstoken"), roleArn=ROLE_ARN, type="EXPRESS",
                                 definition=chain(("Ask", token_task(queue))))


def test_express_machine_rejects_sync_integration(sfn, child):
    with sfn_error(sfn, "InvalidDefinition") as info:
        sfn.create_state_machine(name=unique_name("expresssync"), roleArn=ROLE_ARN, type="EXPRESS",
                                 definition=chain(("Nested", {"Type": "Task",
                                                              "Resource": "arn:aws:states:::states:startExecution.sync:2",
                                                              "Parameters": {"StateMachineArn": child}})))
    # AWS: "Express state machine does not support '.sync' service integration"
    assert "/States/Nested" in info.value.response["Error"]["Message"]


@pytest.mark.parametrize("resource", [
    "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "arn:aws:states:::states:startExecution.sync:2"])
def test_validate_express_with_callback_or_sync_fails(sfn, queue, resource):
    # ValidateStateMachineDefinition: "The result value will be FAIL when the workflow definition
    # contains errors that would prevent you from creating or updating your state machine" — the
    # same definitions CreateStateMachine refuses for EXPRESS above.
    parameters = ({"QueueUrl": queue, "MessageBody": {"t.$": "$$.Task.Token"}} if "sqs" in resource
                  else {"StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:any"})
    text = chain(("Call", {"Type": "Task", "Resource": resource, "Parameters": parameters}))
    assert sfn.validate_state_machine_definition(definition=text, type="STANDARD")["result"] == "OK"
    result = sfn.validate_state_machine_definition(definition=text, type="EXPRESS")
    assert result["result"] == "FAIL", result
    assert any(d["severity"] == "ERROR" for d in result["diagnostics"]), result


# --- S3 through the AWS SDK integration ---------------------------------------------------------------

def test_s3_put_and_get_object_round_trip(sfn, s3, make_state_machine, bucket):
    text = chain(
        ("Put", {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject", "ResultPath": "$.put",
                 "Parameters": {"Bucket": bucket, "Key.$": "$.key", "Body.$": "$.body"}}),
        ("Get", {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "ResultPath": "$.got",
                 "Parameters": {"Bucket": bucket, "Key.$": "$.key"},
                 "ResultSelector": {"body.$": "$.Body", "etag.$": "$.ETag"}}),
    )
    body = "hello from step functions"
    described = run(sfn, make_state_machine(text), {"key": "sfn/one.txt", "body": body})
    out = output_of(described)
    md5 = hashlib.md5(body.encode()).hexdigest()
    assert out["put"]["ETag"] == f'"{md5}"'
    assert out["got"] == {"body": body, "etag": f'"{md5}"'}
    assert s3.get_object(Bucket=bucket, Key="sfn/one.txt")["Body"].read() == body.encode()
    scheduled = next(e for e in history(sfn, described["executionArn"]) if e["type"] == "TaskScheduled")
    assert scheduled["taskScheduledEventDetails"]["resourceType"] == "aws-sdk:s3"
    assert scheduled["taskScheduledEventDetails"]["resource"] == "putObject"


def test_s3_get_object_written_by_client(sfn, s3, make_state_machine, bucket):
    s3.put_object(Bucket=bucket, Key="from-client.json", Body=b'{"k": "v"}')
    text = chain(("Get", {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                          "Parameters": {"Bucket": bucket, "Key": "from-client.json"},
                          "ResultSelector": {"data.$": "States.StringToJson($.Body)"}}))
    assert output_of(run(sfn, make_state_machine(text))) == {"data": {"k": "v"}}


def test_s3_missing_key_is_retried_then_caught(sfn, make_state_machine, bucket):
    text = definition({
        "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "Next": "Found",
                "Parameters": {"Bucket": bucket, "Key": "does/not/exist"},
                "Retry": [{"ErrorEquals": ["S3.NoSuchKeyException"], "IntervalSeconds": 1, "MaxAttempts": 1,
                           "BackoffRate": 1.0}],
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Missing"}]},
        "Found": {"Type": "Pass", "Result": "found", "End": True},
        "Missing": {"Type": "Pass", "End": True},
    })
    described = run(sfn, make_state_machine(text), {"x": 1})
    out = output_of(described)
    # AWS SDK integrations name errors <Service>.<Exception>: S3.NoSuchKeyException.
    assert out["x"] == 1
    assert out["failure"]["Error"] == "S3.NoSuchKeyException"
    assert out["failure"]["Cause"]
    kinds = types_of(history(sfn, described["executionArn"]))
    assert kinds.count("TaskFailed") == 2, kinds


# --- nested executions -------------------------------------------------------------------------------

@pytest.fixture
def child(make_state_machine):
    return make_state_machine(chain(("Double", {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}})),
                              prefix="child")


def test_start_execution_sync_2_returns_child_output_as_json(sfn, make_state_machine, child):
    text = chain(("Nested", {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                             "Parameters": {"StateMachineArn": child,
                                            "Input": {"n.$": "$.n",
                                                      "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}}}))
    parent = run(sfn, make_state_machine(text), {"n": 7}, timeout=15)
    out = output_of(parent)
    assert out["Status"] == "SUCCEEDED"
    assert out["Output"] == {"doubled": 14}  # .sync:2 returns the child's output as JSON
    assert out["StateMachineArn"] == child
    assert out["ExecutionArn"].startswith(child.replace(":stateMachine:", ":execution:") + ":")
    child_run = sfn.describe_execution(executionArn=out["ExecutionArn"])
    assert child_run["status"] == "SUCCEEDED"
    assert json.loads(child_run["input"])["n"] == 7
    assert json.loads(child_run["output"]) == {"doubled": 14}


def test_start_execution_sync_returns_child_output_as_string(sfn, make_state_machine, child):
    text = chain(("Nested", {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                             "Parameters": {"StateMachineArn": child, "Input": {"n": 2}}}))
    out = output_of(run(sfn, make_state_machine(text), timeout=15))
    assert out["Status"] == "SUCCEEDED"
    assert isinstance(out["Output"], str)
    assert json.loads(out["Output"]) == {"doubled": 4}


def test_start_execution_fire_and_forget(sfn, make_state_machine, child):
    text = chain(("Kick", {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                           "Parameters": {"StateMachineArn": child, "Input": {"n": 5}, "Name": "kicked"}}))
    out = output_of(run(sfn, make_state_machine(text)))
    assert out["ExecutionArn"] == child.replace(":stateMachine:", ":execution:") + ":kicked"
    assert out["StartDate"]
    assert json.loads(wait_for_status(sfn, out["ExecutionArn"], "SUCCEEDED")["output"]) == {"doubled": 10}


def test_failed_child_fails_sync_parent(sfn, make_state_machine):
    failing = make_state_machine(definition({"No": {"Type": "Fail", "Error": "Child.Err", "Cause": "child"}}),
                                 prefix="badchild")
    text = chain(("Nested", {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                             "Parameters": {"StateMachineArn": failing, "Input": {}}}))
    parent = run(sfn, make_state_machine(text), timeout=15)
    assert parent["status"] == "FAILED"
    assert "TaskFailed" in types_of(history(sfn, parent["executionArn"]))
