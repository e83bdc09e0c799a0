"""An execution StartExecution acknowledged runs to its end even when the stack dies before its
first state (issue 12's known gap: such executions used to end ABORTED after a restart)."""

from __future__ import annotations

import json
import os
import signal

from sfnhelpers import ROLE_ARN, chain, history, make_sfn_client, unique_name, wait_for_execution

EXECUTIONS = 60


def test_acknowledged_executions_run_after_kill_9_before_their_first_state(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    sfn = make_sfn_client(first.endpoint)
    text = chain(("Nap", {"Type": "Wait", "Seconds": 1}),
                 ("After", {"Type": "Pass", "Parameters": {"n.$": "$.n", "done": True}}))
    machine = sfn.create_state_machine(name=unique_name("unstarted"), definition=text, roleArn=ROLE_ARN)["stateMachineArn"]

    started = {}
    for n in range(EXECUTIONS):
        answer = sfn.start_execution(stateMachineArn=machine, name=f"run-{n}", input=json.dumps({"n": n}))
        started[answer["executionArn"]] = (n, answer["startDate"])
    # Killed at once: most executions have not entered their first state, some not even
    # recorded ExecutionStarted.
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    second = brume_factory(data_dir=data_dir, name="restarted")
    sfn = make_sfn_client(second.endpoint)
    for arn, (n, start_date) in started.items():
        described = wait_for_execution(sfn, arn, timeout=30)
        assert described["status"] == "SUCCEEDED", described
        assert json.loads(described["output"]) == {"n": n, "done": True}
        assert described["startDate"] == start_date
        events = history(sfn, arn)
        types = [e["type"] for e in events]
        # One start, the Wait ended once and the Pass ran once, ids in order, and the
        # ExecutionStarted event no earlier than the start StartExecution answered.
        assert types.count("ExecutionStarted") == 1 and types[0] == "ExecutionStarted", types
        assert types[-1] == "ExecutionSucceeded"
        assert types.count("PassStateEntered") == 1 and types.count("WaitStateExited") == 1, types
        assert [e["id"] for e in events] == list(range(1, len(events) + 1))
        assert events[0]["timestamp"] >= start_date
