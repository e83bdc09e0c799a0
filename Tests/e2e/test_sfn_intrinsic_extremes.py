"""Intrinsic functions with extreme arguments fail the state, never the process (issue 12).

States.ArrayRange and States.MathRandom once trapped on integer overflow. Through TestState and a
Pass state of a started execution, every extreme call ends in States.Runtime with AWS's
`Invalid arguments in <function>` cause (or States.DataLimitExceeded when a result would pass the
256 KiB a state may carry), and the stack still answers afterwards.
"""

from __future__ import annotations

import json

import pytest

from harness import http
from sfnhelpers import ROLE_ARN, chain, wait_for_execution

INT64_MAX = 9223372036854775807
INT64_MIN = -9223372036854775808

# (expression, the function named in the cause)
EXTREME_CALLS = [
    (f"States.ArrayRange({-INT64_MAX}, {INT64_MAX}, 1)", "States.ArrayRange"),
    (f"States.ArrayRange(0, {INT64_MAX}, 1)", "States.ArrayRange"),
    (f"States.ArrayRange(0, {INT64_MIN}, -1)", "States.ArrayRange"),
    (f"States.ArrayRange({INT64_MIN}, {INT64_MAX}, {INT64_MAX})", "States.ArrayRange"),
    (f"States.ArrayRange({INT64_MAX}, {INT64_MIN}, {INT64_MIN})", "States.ArrayRange"),
    ("States.ArrayRange(0, 1e300, 1)", "States.ArrayRange"),
    ("States.MathRandom(-9e18, 9e18)", "States.MathRandom"),
    (f"States.MathRandom({INT64_MIN}, {INT64_MAX})", "States.MathRandom"),
    (f"States.MathRandom({INT64_MIN}, {INT64_MAX}, {INT64_MAX})", "States.MathRandom"),
    ("States.MathRandom(1, 1e300)", "States.MathRandom"),
    ("States.MathRandom(1, 10, 1e300)", "States.MathRandom"),
    (f"States.MathAdd({INT64_MAX}, {INT64_MAX})", "States.MathAdd"),
    ("States.MathAdd(1e300, 1)", "States.MathAdd"),
    (f"States.ArrayGetItem(States.Array(1, 2), {INT64_MAX})", "States.ArrayGetItem"),
    (f"States.ArrayGetItem(States.Array(1, 2), {INT64_MIN})", "States.ArrayGetItem"),
    (f"States.ArrayPartition(States.Array(1, 2), {INT64_MIN})", "States.ArrayPartition"),
]


def test_state_pass(sfn_sync, expression: str, input_value=None) -> dict:
    state = {"Type": "Pass", "Parameters": {"value.$": expression}, "End": True}
    return sfn_sync.test_state(definition=json.dumps(state), roleArn=ROLE_ARN, input=json.dumps(input_value or {}))


test_state_pass.__test__ = False  # a helper, not a test


def assert_alive(brume):
    assert http().get(f"{brume.endpoint}/_brume/health", timeout=5).status_code == 200


@pytest.mark.parametrize("expression,function", EXTREME_CALLS)
def test_extreme_arguments_fail_test_state_with_states_runtime(brume, sfn_sync, expression, function):
    answer = test_state_pass(sfn_sync, expression)
    assert answer["status"] == "FAILED", answer
    assert answer["error"] == "States.Runtime"
    assert f"Invalid arguments in {function}" in answer["cause"]
    assert_alive(brume)


def test_partition_by_the_largest_size_is_one_chunk(sfn_sync):
    answer = test_state_pass(sfn_sync, f"States.ArrayPartition(States.Array(1, 2, 3), {INT64_MAX})")
    assert answer["status"] == "SUCCEEDED", answer
    assert json.loads(answer["output"]) == {"value": [[1, 2, 3]]}


def test_results_past_256_kib_fail_with_data_limit_exceeded(brume, sfn_sync):
    # 200 KiB of input, four times over: the text would be 800 KiB.
    big = {"s": "x" * (200 * 1024)}
    for expression in ["States.Format('{}{}{}{}', $.s, $.s, $.s, $.s)",
                       "States.JsonToString(States.Array($.s, $.s, $.s, $.s))",
                       "States.Array($.s, $.s, $.s, $.s)"]:
        answer = test_state_pass(sfn_sync, expression, big)
        assert answer["status"] == "FAILED", (expression, answer)
        assert answer["error"] == "States.DataLimitExceeded"
    assert_alive(brume)


def test_array_unique_of_many_distinct_values_answers(sfn_sync):
    values = list(range(20_000))
    answer = test_state_pass(sfn_sync, "States.ArrayLength(States.ArrayUnique($.v))", {"v": values + values})
    assert answer["status"] == "SUCCEEDED", answer
    assert json.loads(answer["output"]) == {"value": 20_000}


def test_extreme_calls_fail_a_started_execution_and_the_stack_stays_up(brume, sfn, make_state_machine):
    machine = make_state_machine(chain(
        ("Range", {"Type": "Pass", "Parameters": {"r.$": f"States.ArrayRange(0, {INT64_MAX}, 1)"}}),
    ))
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    described = wait_for_execution(sfn, arn)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Runtime"
    assert "Invalid arguments in States.ArrayRange" in described["cause"]

    random_machine = make_state_machine(chain(
        ("Random", {"Type": "Pass", "Parameters": {"r.$": "States.MathRandom(-9e18, 9e18)"}}),
    ))
    arn = sfn.start_execution(stateMachineArn=random_machine)["executionArn"]
    described = wait_for_execution(sfn, arn)
    assert described["status"] == "FAILED"
    assert "Invalid arguments in States.MathRandom" in described["cause"]
    assert_alive(brume)
