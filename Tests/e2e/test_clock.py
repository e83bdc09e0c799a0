"""The stack clock: `GET`/`POST /_brume/clock`, `brume clock`, and Step Functions waiting on it.

Every test that moves the clock runs a stack of its own (`brume_factory`): an advance moves time
for every service of that stack. Nothing here sleeps to let stack time pass; the only waits are
for the stack to finish work an advance already released."""

import json
import subprocess
import time

from harness import BRUME_BIN, advance_clock, free_port, http, render_config, stack_clock
from sfnhelpers import ROLE_ARN, chain, make_sfn_client, unique_name, wait_for_event, wait_for_execution


def own_stack(brume_factory, **kwargs):
    server = brume_factory(**kwargs)
    return server, make_sfn_client(server.endpoint)


def start(sfn, states: str, name: str):
    arn = sfn.create_state_machine(name=name, definition=states, roleArn=ROLE_ARN)["stateMachineArn"]
    return sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]


def test_get_clock_reads_stack_time_real_time_scale_and_offset(brume):
    reading = stack_clock(brume.endpoint)
    assert set(reading) >= {"stackTime", "stackTimeEpochSeconds", "realTime", "realTimeEpochSeconds", "timeScale",
                            "offsetSeconds", "waiting"}
    assert reading["timeScale"] == 1
    assert reading["stackTime"].endswith("Z") and reading["realTime"].endswith("Z")
    assert abs(reading["stackTimeEpochSeconds"] - reading["realTimeEpochSeconds"] - reading["offsetSeconds"]) < 0.01


def test_a_one_hour_wait_ends_when_the_clock_is_advanced_an_hour(brume_factory):
    server, sfn = own_stack(brume_factory)
    arn = start(sfn, chain(("Nap", {"Type": "Wait", "Seconds": 3600}), ("Done", {"Type": "Pass", "Result": "woke"})),
                unique_name("wait1h"))
    wait_for_event(sfn, arn, "WaitStateEntered")
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    assert stack_clock(server.endpoint)["waiting"] >= 1
    before = stack_clock(server.endpoint)["stackTimeEpochSeconds"]
    answer = advance_clock(server.endpoint, "1h")
    assert answer["advancedSeconds"] == 3600
    assert answer["stackTimeEpochSeconds"] - before >= 3600
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == "woke"
    # The execution's own dates are stack time: it ran (at least) the hour it waited.
    assert (described["stopDate"] - described["startDate"]).total_seconds() >= 3600


def test_a_shorter_advance_leaves_the_wait_waiting(brume_factory):
    server, sfn = own_stack(brume_factory)
    arn = start(sfn, chain(("Nap", {"Type": "Wait", "Seconds": 3600}), ("Done", {"Type": "Pass"})), unique_name("wait-half"))
    wait_for_event(sfn, arn, "WaitStateEntered")
    advance_clock(server.endpoint, "30m")
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    advance_clock(server.endpoint, 1800)
    assert wait_for_execution(sfn, arn, timeout=10)["status"] == "SUCCEEDED"


def test_retry_backoff_waits_on_the_stack_clock(brume_factory):
    server, sfn = own_stack(brume_factory)
    failing = {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": f"{server.endpoint}/000000000000/no-such-queue-{unique_name('q')}", "MessageBody": "x"},
        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3600, "MaxAttempts": 1}],
    }
    arn = start(sfn, chain(("Send", failing)), unique_name("retry"))
    wait_for_event(sfn, arn, "TaskFailed")
    # The retry waits an hour of stack time: still running, one attempt made.
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    advance_clock(server.endpoint, "1h")
    described = wait_for_execution(sfn, arn, timeout=10)
    assert described["status"] == "FAILED"
    events = sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
    assert [e["type"] for e in events].count("TaskScheduled") == 2


def test_time_scale_still_speeds_waits_up(brume_factory):
    port = free_port()
    server = brume_factory(config_text=render_config(port, extra="time_scale: 600\n"), port=port)
    sfn = make_sfn_client(server.endpoint)
    assert stack_clock(server.endpoint)["timeScale"] == 600
    # Ten minutes of stack time at 600 times real time: about a second, without any advance.
    arn = start(sfn, chain(("Nap", {"Type": "Wait", "Seconds": 600}), ("Done", {"Type": "Pass"})), unique_name("scaled"))
    assert wait_for_execution(sfn, arn, timeout=30)["status"] == "SUCCEEDED"


def test_bad_advances_are_refused_and_move_nothing(brume_factory):
    server = brume_factory()
    before = stack_clock(server.endpoint)["offsetSeconds"]
    for body in ({"advance": "-1s"}, {"advance": "1h1h"}, {"advance": "soon"}, {"advanceSeconds": -5},
                 {"advanceSeconds": True}, {}, {"advance": "1m", "advanceSeconds": 60}, [1]):
        response = http().post(f"{server.endpoint}/_brume/clock", json=body, timeout=10)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["message"]
    response = http().post(f"{server.endpoint}/_brume/clock", data=b"not json", timeout=10)
    assert response.status_code == 400
    assert abs(stack_clock(server.endpoint)["offsetSeconds"] - before) < 1


def test_brume_clock_cli_shows_and_advances(brume_factory):
    server = brume_factory()
    shown = subprocess.run([str(BRUME_BIN), "clock", "--endpoint", server.endpoint], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "stack time" in shown.stdout and "time_scale" in shown.stdout
    moved = subprocess.run([str(BRUME_BIN), "clock", "advance", "1h30m", "--endpoint", server.endpoint],
                           capture_output=True, text=True, timeout=60)
    assert moved.returncode == 0, moved.stderr
    assert "+1h30m" in moved.stdout
    assert stack_clock(server.endpoint)["offsetSeconds"] >= 5400
    refused = subprocess.run([str(BRUME_BIN), "clock", "advance", "90 minutes", "--endpoint", server.endpoint],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "s, m, h or d" in refused.stderr
    assert stack_clock(server.endpoint)["offsetSeconds"] < 5400 + 60


def test_stack_time_keeps_its_lead_across_a_restart(brume_factory, tmp_path):
    data = tmp_path / "data"
    first = brume_factory(data_dir=data, name="before")
    advance_clock(first.endpoint, "1d")
    assert first.terminate() == 0
    second = brume_factory(data_dir=data, name="after")
    assert stack_clock(second.endpoint)["offsetSeconds"] >= 86_400


# Records each attempt on the queue named in ATTEMPTS_QUEUE, then fails.
FAILING_RECORDER = """
import json, os, boto3
sqs = boto3.client("sqs")
def handler(event, context):
    url = sqs.get_queue_url(QueueName=os.environ["ATTEMPTS_QUEUE"])["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"requestId": context.aws_request_id}))
    raise RuntimeError("attempt failed")
"""


def test_lambda_async_retry_waits_for_the_stack_clock(brume_factory):
    from lambdahelpers import PY, ROLE, make_lambda_client, py_zip, queue_arn, receive, unique_function
    from sqshelpers import make_sqs_client, unique_queue

    server = brume_factory()
    lam, sqs = make_lambda_client(server.endpoint), make_sqs_client(server.endpoint)
    attempts_name, dlq_name = unique_queue("attempts"), unique_queue("dlq")
    attempts_url = sqs.create_queue(QueueName=attempts_name)["QueueUrl"]
    dlq_url = sqs.create_queue(QueueName=dlq_name)["QueueUrl"]
    name = unique_function("clockretry")
    lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(FAILING_RECORDER)},
                        Timeout=30, Environment={"Variables": {"ATTEMPTS_QUEUE": attempts_name}},
                        DeadLetterConfig={"TargetArn": queue_arn(dlq_name)})
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=1)
    assert lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
    assert len(receive(sqs, attempts_url, 1, timeout=30)) == 1
    # The retry is a minute of stack time away: nothing until the clock gets there.
    assert receive(sqs, attempts_url, 1, timeout=1) == []
    advance_clock(server.endpoint, "61s")
    assert len(receive(sqs, attempts_url, 1, timeout=30)) == 1
    assert len(receive(sqs, dlq_url, 1, timeout=30)) == 1
