"""The ASL interpreter seen through the Step Functions API: Pass data flow, intrinsic functions,
Choice, Wait, Fail, Parallel, inline Map and variables — results as AWS documents them."""

import hashlib
import json
import re
import time

import pytest

from sfnhelpers import (ROLE_ARN, chain, definition, history, make_sfn_client, output_of, run, types_of,
                        unique_name, wait_for_status)


def run_machine(sfn, make_state_machine, text, input=None, timeout=10.0):
    return run(sfn, make_state_machine(text), {} if input is None else input, timeout=timeout)


# --- Pass: Parameters / Result / InputPath / ResultPath / OutputPath ------------------------------

def test_pass_data_flow_pipeline(sfn, make_state_machine):
    # InputPath selects, Parameters builds the result, ResultPath puts it into the ORIGINAL
    # state input, OutputPath selects the output.
    text = chain(("Sum", {"Type": "Pass", "InputPath": "$.data",
                          "Parameters": {"total.$": "States.MathAdd($.val1, $.val2)", "label": "sum"},
                          "ResultPath": "$.result"}),
                 ("Pick", {"Type": "Pass", "OutputPath": "$.result"}))
    out = output_of(run_machine(sfn, make_state_machine, text,
                                {"comment": "c", "data": {"val1": 23, "val2": 17}}))
    assert out == {"total": 40, "label": "sum"}


def test_result_path_merges_into_raw_input(sfn, make_state_machine):
    text = chain(("P", {"Type": "Pass", "InputPath": "$.data", "Result": "r", "ResultPath": "$.data.added"}))
    out = output_of(run_machine(sfn, make_state_machine, text, {"keep": 1, "data": {"x": 2}}))
    assert out == {"keep": 1, "data": {"x": 2, "added": "r"}}


def test_result_replaces_input_by_default(sfn, make_state_machine):
    text = chain(("P", {"Type": "Pass", "Result": {"only": "this"}}))
    assert output_of(run_machine(sfn, make_state_machine, text, {"dropped": True})) == {"only": "this"}


def test_result_path_null_discards_result(sfn, make_state_machine):
    text = chain(("P", {"Type": "Pass", "Result": {"ignored": 1}, "ResultPath": None}))
    assert output_of(run_machine(sfn, make_state_machine, text, {"kept": True})) == {"kept": True}


def test_pass_without_result_passes_input_through(sfn, make_state_machine):
    text = chain(("P", {"Type": "Pass"}), ("S", {"Type": "Succeed"}))
    assert output_of(run_machine(sfn, make_state_machine, text, {"a": [1, 2]})) == {"a": [1, 2]}


def test_parameters_with_context_object_and_paths(sfn, make_state_machine):
    text = chain(("Ctx", {"Type": "Pass", "Parameters": {
        "execution.$": "$$.Execution.Name",
        "state.$": "$$.State.Name",
        "machine.$": "$$.StateMachine.Name",
        "original.$": "$$.Execution.Input",
        "first.$": "$.items[0].id",
        "ids.$": "$.items[*].id",
        "nested": {"literal": [1, "two"], "deep.$": "$.items[1]"},
    }}))
    machine = make_state_machine(text)
    input = {"items": [{"id": "a"}, {"id": "b"}]}
    out = output_of(run(sfn, machine, input, name="ctx-run"))
    assert out == {
        "execution": "ctx-run",
        "state": "Ctx",
        "machine": machine.rsplit(":", 1)[1],
        "original": input,
        "first": "a",
        "ids": ["a", "b"],
        "nested": {"literal": [1, "two"], "deep": {"id": "b"}},
    }


def test_context_object_execution_and_state_machine_fields(sfn, make_state_machine):
    text = chain(("Ctx", {"Type": "Pass", "Parameters": {
        "id.$": "$$.Execution.Id", "role.$": "$$.Execution.RoleArn", "started.$": "$$.Execution.StartTime",
        "machine.$": "$$.StateMachine.Id", "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount"}}))
    machine = make_state_machine(text)
    described = run(sfn, machine)
    out = output_of(described)
    assert out["id"] == described["executionArn"]
    assert out["role"] == ROLE_ARN
    assert out["machine"] == machine
    assert out["retries"] == 0
    # ISO 8601 UTC timestamps, e.g. "2019-03-26T20:14:13.192Z"
    for key in ("started", "entered"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", out[key]), out


def test_missing_path_in_parameters_fails_with_states_runtime(sfn, make_state_machine):
    text = chain(("P", {"Type": "Pass", "Parameters": {"v.$": "$.missing"}}))
    described = run_machine(sfn, make_state_machine, text, {"present": 1})
    assert described["status"] == "FAILED"
    assert described["error"] == "States.Runtime"
    assert "$.missing" in described["cause"]


# --- intrinsic functions ----------------------------------------------------------------------------

INTRINSICS = [
    ("States.Format('Hello, my name is {}.', $.name)", {"name": "Arnav"}, "Hello, my name is Arnav."),
    ("States.Format('{} + {} = {}', $.a, $.b, $.c)", {"a": 1, "b": 2.5, "c": True}, "1 + 2.5 = true"),
    ("States.StringToJson($.someString)", {"someString": "{\"number\": 20}"}, {"number": 20}),
    ("States.Array('Foo', 2020, $.someJson, null)", {"someJson": {"random": "abcdefg"}},
     ["Foo", 2020, {"random": "abcdefg"}, None]),
    ("States.ArrayPartition($.inputArray, 4)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
     [[1, 2, 3, 4], [5, 6, 7, 8], [9]]),
    ("States.ArrayContains($.inputArray, $.lookingFor)", {"inputArray": [1, 2, 3], "lookingFor": 2}, True),
    ("States.ArrayRange(1, 9, 2)", {}, [1, 3, 5, 7, 9]),
    ("States.ArrayGetItem($.inputArray, $.index)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5}, 6),
    ("States.ArrayLength($.inputArray)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]}, 9),
    ("States.ArrayUnique($.inputArray)", {"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]}, [1, 2, 3, 4]),
    ("States.Base64Encode($.input)", {"input": "Data to encode"}, "RGF0YSB0byBlbmNvZGU="),
    ("States.Base64Decode($.base64)", {"base64": "RGF0YSB0byBlbmNvZGU="}, "Data to encode"),
    ("States.Hash($.Data, $.Algorithm)", {"Data": "input data", "Algorithm": "SHA-1"},
     hashlib.sha1(b"input data").hexdigest()),
    ("States.Hash($.Data, 'SHA-256')", {"Data": "input data"}, hashlib.sha256(b"input data").hexdigest()),
    ("States.JsonMerge($.json1, $.json2, false)",
     {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}},
     {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}),
    (r"States.Format('It\'s {} \{literal\} \\', $.x)", {"x": "X"}, "It's X {literal} \\"),
    ("States.ArrayGetItem(States.ArrayPartition($.a, 2), 1)", {"a": [1, 2, 3]}, [3]),
    ("States.MathAdd($.value1, $.step)", {"value1": 111, "step": -1}, 110),
    ("States.StringSplit($.inputString, $.splitter)", {"inputString": "1,2,3,4,5", "splitter": ","},
     ["1", "2", "3", "4", "5"]),
]


@pytest.mark.parametrize("expression,input,expected", INTRINSICS, ids=[e[0].split("(")[0] + f"-{i}"
                                                                       for i, e in enumerate(INTRINSICS)])
def test_intrinsic(sfn, make_state_machine, expression, input, expected):
    text = chain(("F", {"Type": "Pass", "Parameters": {"value.$": expression}}))
    assert output_of(run_machine(sfn, make_state_machine, text, input)) == {"value": expected}


def test_json_to_string_round_trips(sfn, make_state_machine):
    text = chain(("F", {"Type": "Pass", "Parameters": {"text.$": "States.JsonToString($.someJson)"}}))
    data = {"name": "Foo", "zipcode": "98101"}
    out = output_of(run_machine(sfn, make_state_machine, text, {"someJson": data}))
    assert isinstance(out["text"], str)
    assert json.loads(out["text"]) == data
    assert " " not in out["text"]  # AWS serializes compactly


def test_uuid_and_math_random(sfn, make_state_machine):
    text = chain(("F", {"Type": "Pass", "Parameters": {"id.$": "States.UUID()",
                                                        "n.$": "States.MathRandom($.start, $.end)"}}))
    out = output_of(run_machine(sfn, make_state_machine, text, {"start": 1, "end": 999}))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", out["id"]), out
    assert isinstance(out["n"], int) and 1 <= out["n"] <= 999


def test_intrinsic_failure_fails_execution(sfn, make_state_machine):
    # Index out of range: the state fails with States.IntrinsicFailure (uncaught → execution FAILED).
    text = chain(("F", {"Type": "Pass", "Parameters": {"v.$": "States.ArrayGetItem($.a, 10)"}}))
    described = run_machine(sfn, make_state_machine, text, {"a": [1]})
    assert described["status"] == "FAILED"
    assert described["error"] in ("States.IntrinsicFailure", "States.Runtime"), described


# --- Choice -------------------------------------------------------------------------------------------

ROUTER = definition({
    "Route": {"Type": "Choice", "Choices": [
        {"And": [{"Variable": "$.n", "NumericGreaterThan": 10}, {"Variable": "$.kind", "StringEquals": "big"}],
         "Next": "Big"},
        {"Variable": "$.n", "NumericLessThanEquals": 0, "Next": "NonPositive"},
        {"Variable": "$.tag", "IsPresent": True, "Next": "Tagged"},
        {"Or": [{"Variable": "$.kind", "StringEquals": "x"}, {"Variable": "$.kind", "StringMatches": "log-*"}],
         "Next": "Pattern"},
        {"Not": {"Variable": "$.n", "NumericEqualsPath": "$.limit"}, "Next": "NotLimit"},
    ], "Default": "Other"},
    **{name: {"Type": "Pass", "Result": name, "End": True}
       for name in ("Big", "NonPositive", "Tagged", "Pattern", "NotLimit", "Other")},
})


@pytest.mark.parametrize("input,branch", [
    ({"n": 11, "kind": "big", "limit": 0}, "Big"),
    ({"n": 0, "kind": "big", "limit": 0}, "NonPositive"),
    ({"n": 5, "kind": "k", "tag": "t", "limit": 0}, "Tagged"),
    ({"n": 5, "kind": "log-2024", "limit": 0}, "Pattern"),
    ({"n": 5, "kind": "q", "limit": 6}, "NotLimit"),
    ({"n": 5, "kind": "q", "limit": 5}, "Other"),
    ({"n": 11.5, "kind": "small", "limit": 11.5}, "Other"),
])
def test_choice_routes(sfn, make_state_machine, input, branch):
    assert output_of(run_machine(sfn, make_state_machine, ROUTER, input)) == branch


def test_choice_history_events(sfn, make_state_machine):
    described = run_machine(sfn, make_state_machine, ROUTER, {"n": 11, "kind": "big"})
    assert types_of(history(sfn, described["executionArn"])) == [
        "ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited",
        "ExecutionSucceeded"]


def test_choice_without_match_fails_with_no_choice_matched(sfn, make_state_machine):
    text = definition({
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
        "One": {"Type": "Succeed"},
    })
    described = run_machine(sfn, make_state_machine, text, {"n": 2})
    assert described["status"] == "FAILED"
    assert described["error"] == "States.NoChoiceMatched"


def test_choice_timestamps_and_booleans(sfn, make_state_machine):
    text = definition({
        "Route": {"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.at", "TimestampGreaterThan": "2020-01-01T00:00:00Z"},
                     {"Variable": "$.flag", "BooleanEquals": True},
                     {"Variable": "$.flag", "IsBoolean": True}],
             "Next": "Recent"}], "Default": "Old"},
        "Recent": {"Type": "Pass", "Result": "recent", "End": True},
        "Old": {"Type": "Pass", "Result": "old", "End": True},
    })
    machine = make_state_machine(text)
    assert output_of(run(sfn, machine, {"at": "2024-05-01T12:00:00Z", "flag": True})) == "recent"
    assert output_of(run(sfn, machine, {"at": "2019-05-01T12:00:00Z", "flag": True})) == "old"


def test_choice_on_missing_variable_fails_with_states_runtime(sfn, make_state_machine):
    text = definition({
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.absent", "NumericEquals": 1, "Next": "One"}],
                  "Default": "One"},
        "One": {"Type": "Succeed"},
    })
    described = run_machine(sfn, make_state_machine, text, {"present": 1})
    assert (described["status"], described["error"]) == ("FAILED", "States.Runtime")


# --- Wait -----------------------------------------------------------------------------------------------

def test_wait_seconds(sfn, make_state_machine):
    text = chain(("Nap", {"Type": "Wait", "Seconds": 1}), ("Done", {"Type": "Pass", "Result": "woke"}))
    begun = time.monotonic()
    described = run_machine(sfn, make_state_machine, text, timeout=10)
    assert time.monotonic() - begun < 8
    assert output_of(described) == "woke"
    assert types_of(history(sfn, described["executionArn"]))[:3] == [
        "ExecutionStarted", "WaitStateEntered", "WaitStateExited"]


def test_wait_seconds_path_and_past_timestamp(sfn, make_state_machine):
    text = chain(("ByPath", {"Type": "Wait", "SecondsPath": "$.delay"}),
                 ("Past", {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z"}),
                 ("PastPath", {"Type": "Wait", "TimestampPath": "$.when"}))
    described = run_machine(sfn, make_state_machine, text, {"delay": 0, "when": "2002-02-02T00:00:00Z"}, timeout=5)
    assert output_of(described) == {"delay": 0, "when": "2002-02-02T00:00:00Z"}


def test_wait_60_seconds_with_time_scale(brume_factory):
    # `time_scale: 100` in the stack config makes Brume's clock for waits run 100x faster, so a
    # 60 s Wait takes ~0.6 s of real time.
    from harness import free_port, render_config
    port = free_port()
    config = render_config(port)
    if "time_scale" not in config:
        config = config.replace("stack: e2e\n", "stack: e2e\ntime_scale: 100\n")
    server = brume_factory(config_text=config, port=port, name="scaled")
    sfn = make_sfn_client(server.endpoint)
    machine = sfn.create_state_machine(name=unique_name("scaled"), roleArn=ROLE_ARN, definition=chain(
        ("Long", {"Type": "Wait", "Seconds": 60}), ("After", {"Type": "Pass", "Result": "done"})))["stateMachineArn"]
    begun = time.monotonic()
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    described = wait_for_status(sfn, arn, "SUCCEEDED", timeout=8)
    assert time.monotonic() - begun < 8
    assert json.loads(described["output"]) == "done"


# --- Fail / Succeed -----------------------------------------------------------------------------------

def test_fail_with_error_and_cause(sfn, make_state_machine):
    text = chain(("Work", {"Type": "Pass"}), ("Stop", {"Type": "Fail", "Error": "Order.Invalid", "Cause": "bad order"}))
    described = run_machine(sfn, make_state_machine, text)
    assert (described["status"], described["error"], described["cause"]) == ("FAILED", "Order.Invalid", "bad order")


def test_fail_with_error_path_and_cause_path(sfn, make_state_machine):
    text = definition({"Stop": {"Type": "Fail", "ErrorPath": "$.code",
                                "CausePath": "States.Format('order {} rejected', $.id)"}})
    described = run_machine(sfn, make_state_machine, text, {"code": "Order.Rejected", "id": 42})
    assert (described["error"], described["cause"]) == ("Order.Rejected", "order 42 rejected")


def test_succeed_state_output_is_input(sfn, make_state_machine):
    text = definition({"Ok": {"Type": "Succeed", "OutputPath": "$.x"}})
    assert output_of(run_machine(sfn, make_state_machine, text, {"x": {"y": 1}, "z": 2})) == {"y": 1}


def test_execution_timeout_seconds_times_out(sfn, make_state_machine):
    text = definition({"Hold": {"Type": "Wait", "Seconds": 30, "End": True}}, TimeoutSeconds=1)
    machine = make_state_machine(text)
    begun = time.monotonic()
    described = run(sfn, machine, timeout=10)
    assert time.monotonic() - begun < 8
    assert described["status"] == "TIMED_OUT"
    assert types_of(history(sfn, described["executionArn"]))[-1] == "ExecutionTimedOut"
    listed = sfn.list_executions(stateMachineArn=machine, statusFilter="TIMED_OUT")["executions"]
    assert [e["executionArn"] for e in listed] == [described["executionArn"]]


def test_catch_without_result_path_replaces_input_with_error(sfn, make_state_machine):
    text = definition({
        "Both": {"Type": "Parallel", "End": True,
                 "Branches": [{"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "E", "Cause": "C"}}}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
        "Handler": {"Type": "Pass", "End": True},
    })
    assert output_of(run_machine(sfn, make_state_machine, text, {"lost": True})) == {"Error": "E", "Cause": "C"}


# --- Parallel -------------------------------------------------------------------------------------------

def branch(state_name, state):
    return {"StartAt": state_name, "States": {state_name: {**state, "End": True}}}


def test_parallel_collects_branch_outputs_in_order(sfn, make_state_machine):
    text = chain(("Both", {"Type": "Parallel", "ResultPath": "$.results", "Branches": [
        branch("A", {"Type": "Wait", "Seconds": 1, "OutputPath": "$.x"}),
        branch("B", {"Type": "Pass", "Result": "b"}),
        branch("C", {"Type": "Pass", "Parameters": {"double.$": "States.MathAdd($.x, $.x)"}}),
    ]}))
    described = run_machine(sfn, make_state_machine, text, {"x": 4})
    assert output_of(described) == {"x": 4, "results": [4, "b", {"double": 8}]}
    kinds = types_of(history(sfn, described["executionArn"]))
    for kind in ("ParallelStateEntered", "ParallelStateStarted", "ParallelStateSucceeded", "ParallelStateExited"):
        assert kind in kinds, kinds
    assert kinds.count("PassStateEntered") == 2 and kinds.count("WaitStateEntered") == 1


def test_parallel_result_selector(sfn, make_state_machine):
    text = chain(("Both", {"Type": "Parallel", "ResultSelector": {"first.$": "$[0]", "count.$": "States.ArrayLength($)"},
                           "Branches": [branch("A", {"Type": "Pass", "Result": 1}),
                                        branch("B", {"Type": "Pass", "Result": 2})]}))
    assert output_of(run_machine(sfn, make_state_machine, text)) == {"first": 1, "count": 2}


def test_parallel_branch_failure_is_caught(sfn, make_state_machine):
    text = definition({
        "Both": {"Type": "Parallel", "Next": "Done",
                 "Branches": [branch("Ok", {"Type": "Pass"}),
                              {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "Branch.Err",
                                                                    "Cause": "branch broke"}}}],
                 "Catch": [{"ErrorEquals": ["Branch.Err"], "ResultPath": "$.caught", "Next": "Recovered"}]},
        "Done": {"Type": "Pass", "Result": "not here", "End": True},
        "Recovered": {"Type": "Pass", "End": True},
    })
    described = run_machine(sfn, make_state_machine, text, {"in": 1})
    assert output_of(described) == {"in": 1, "caught": {"Error": "Branch.Err", "Cause": "branch broke"}}
    assert "ParallelStateFailed" in types_of(history(sfn, described["executionArn"]))


def test_uncaught_parallel_failure_fails_execution(sfn, make_state_machine):
    text = chain(("Both", {"Type": "Parallel", "Branches": [
        {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "Deep", "Cause": "inner"}}}]}))
    described = run_machine(sfn, make_state_machine, text)
    assert (described["status"], described["error"], described["cause"]) == ("FAILED", "Deep", "inner")


# --- Map (inline) ------------------------------------------------------------------------------------

def test_inline_map_with_item_selector_and_index(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.out",
                           "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value",
                                            "offset.$": "$.offset"},
                           "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Add",
                                             "States": {"Add": {"Type": "Pass", "End": True, "Parameters": {
                                                 "i.$": "$.index", "sum.$": "States.MathAdd($.value.n, $.offset)"}}}}}))
    described = run_machine(sfn, make_state_machine, text, {"offset": 100, "items": [{"n": 1}, {"n": 2}, {"n": 3}]})
    assert output_of(described)["out"] == [{"i": 0, "sum": 101}, {"i": 1, "sum": 102}, {"i": 2, "sum": 103}]
    kinds = types_of(history(sfn, described["executionArn"]))
    for kind in ("MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateExited"):
        assert kind in kinds, kinds
    assert kinds.count("MapIterationStarted") == 3 and kinds.count("MapIterationSucceeded") == 3


def test_map_legacy_iterator_and_parameters(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "MaxConcurrency": 1, "Parameters": {"v.$": "$$.Map.Item.Value"},
                           "Iterator": {"StartAt": "Up", "States": {"Up": {
                               "Type": "Pass", "End": True, "Parameters": {"s.$": "States.Format('<{}>', $.v)"}}}}}))
    assert output_of(run_machine(sfn, make_state_machine, text, ["a", "b"])) == [{"s": "<a>"}, {"s": "<b>"}]


def test_map_of_parallel(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "ItemsPath": "$.xs", "ItemProcessor": {"StartAt": "Fan", "States": {
        "Fan": {"Type": "Parallel", "End": True, "Branches": [
            branch("Same", {"Type": "Pass"}),
            branch("Twice", {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"}})]}}}}))
    assert output_of(run_machine(sfn, make_state_machine, text, {"xs": [1, 5]})) == [[1, {"v": 2}], [5, {"v": 10}]]


def test_map_items_path_not_an_array_fails_with_states_runtime(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "ItemsPath": "$.items",
                           "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}))
    described = run_machine(sfn, make_state_machine, text, {"items": {"not": "an array"}})
    assert (described["status"], described["error"]) == ("FAILED", "States.Runtime")


def test_map_over_empty_array(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "ItemsPath": "$.items",
                           "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}))
    assert output_of(run_machine(sfn, make_state_machine, text, {"items": []})) == []


def test_map_iteration_failure_fails_map(sfn, make_state_machine):
    text = chain(("Each", {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 1, "Next": "Bad"}],
                  "Default": "Good"},
        "Bad": {"Type": "Fail", "Error": "TooBig", "Cause": "item over 1"},
        "Good": {"Type": "Succeed"}}}}))
    described = run_machine(sfn, make_state_machine, text, {"items": [0, 1, 2]})
    assert (described["status"], described["error"]) == ("FAILED", "TooBig")
    assert "MapStateFailed" in types_of(history(sfn, described["executionArn"]))


# --- variables (Assign) ----------------------------------------------------------------------------

def test_assign_and_read_variables(sfn, make_state_machine):
    text = chain(
        ("Init", {"Type": "Pass", "Assign": {"counter": 1, "greeting.$": "$.name", "items": [1, 2]}}),
        ("Drop", {"Type": "Pass", "Result": {"unrelated": True}}),  # the state output no longer has `name`
        ("Use", {"Type": "Pass", "Parameters": {"c.$": "$counter", "g.$": "$greeting",
                                                 "msg.$": "States.Format('hi {}', $greeting)",
                                                 "n.$": "States.ArrayLength($items)"}}),
    )
    out = output_of(run_machine(sfn, make_state_machine, text, {"name": "alice"}))
    assert out == {"c": 1, "g": "alice", "msg": "hi alice", "n": 2}


def test_assigned_variables_in_choice_and_history(sfn, make_state_machine):
    text = definition({
        "Init": {"Type": "Pass", "Assign": {"limit": 3, "who": "bob"}, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$limit", "NumericEquals": 3, "Next": "Three"}],
                  "Default": "Other"},
        "Three": {"Type": "Pass", "Result": "three", "End": True},
        "Other": {"Type": "Pass", "Result": "other", "End": True},
    })
    described = run_machine(sfn, make_state_machine, text)
    assert output_of(described) == "three"
    exited = next(e for e in history(sfn, described["executionArn"])
                  if e["type"] == "PassStateExited" and e["stateExitedEventDetails"]["name"] == "Init")
    # AWS: "Map of variable name and value as a serialized JSON representation."
    assigned = exited["stateExitedEventDetails"]["assignedVariables"]
    assert {k: json.loads(v) for k, v in assigned.items()} == {"limit": 3, "who": "bob"}


def test_invalid_time_scale_refuses_to_start(brume_factory):
    from harness import free_port, render_config
    from test_config import expect_startup_failure
    port = free_port()
    config = render_config(port).replace("stack: e2e\n", "stack: e2e\ntime_scale: 0\n")
    server = brume_factory(config_text=config, port=port, wait=False, name="badscale")
    expect_startup_failure(server, "time_scale")
