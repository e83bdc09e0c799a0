"""Hostile documents for members that carry a language of their own.

ASL definitions (JSONPath, intrinsic functions, Wait and Retry arithmetic), EventBridge event
patterns and input transformers, Logs filter patterns, SQS policy attributes and execution inputs
are parsed deeper than the wire layer. The `nasty-document` mutation puts one of these where the
operation's model has such a member, so the protocol fuzzer reaches those parsers through the
front door.
"""

from __future__ import annotations

import json
import random

BIG = 9223372036854775807


def _pass(parameters: dict) -> str:
    return json.dumps({"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": parameters, "End": True}}})


def _state(state: dict) -> str:
    state = dict(state)
    state.setdefault("End", True) if state.get("Type") not in ("Choice", "Succeed", "Fail") else None
    return json.dumps({"StartAt": "S", "States": {"S": state, "T": {"Type": "Succeed"}}})


INTRINSICS = [
    f"States.ArrayRange(1, {BIG}, 1)", f"States.ArrayRange(-{BIG}, {BIG}, {BIG})", "States.ArrayRange(1, 2, 0)",
    f"States.MathRandom(-{BIG + 1}, {BIG})", f"States.MathRandom({BIG}, -{BIG})", f"States.MathAdd({BIG}, 1)",
    f"States.MathAdd(-{BIG + 1}, -1)", "States.MathAdd(1e400, 1)", f"States.ArrayPartition(States.Array(1,2), {BIG})",
    "States.ArrayPartition(States.Array(1,2), 0)", f"States.ArrayGetItem(States.Array(1), -{BIG + 1})",
    f"States.ArrayGetItem(States.Array(1), {BIG})", "States.StringSplit('a', '')", "States.Hash('x', 'NOPE')",
    "States.Base64Decode('%%%')", "States.Format('{}{}{}', 1)", "States.Format('\\\\{}')", "States.StringToJson('[[[[')",
    "States.JsonToString($$)", "States.UUID(1)", "States.JsonMerge($, $, true)", "States.Array(" * 500 + ")" * 500,
    "States.ArrayUnique(States.Array(" + ",".join(["1"] * 5000) + "))", "States.Format('" + "{}" * 2000 + "')",
    "States.MathRandom(1, 2, 99999999999999999999)", "States.ArrayLength($.a[" + "0][" * 500 + "0])",
]

JSON_PATHS = ["$" + "[0]" * 5000, "$..a..b..c..d", "$[?(@.a > 1e999)]", f"$[-{BIG + 1}:{BIG}:0]", "$[?(@",
              "$['\\u0000']", "$.a[*][*][*][*][*][*][*]", "$$.Map.Item.Value" * 50, "$[" + "9" * 40 + "]", "$.."]

ASL = [
    *[_pass({"r.$": call}) for call in INTRINSICS],
    *[_state({"Type": "Pass", "InputPath": path}) for path in JSON_PATHS],
    _state({"Type": "Wait", "Seconds": BIG * 10}), _state({"Type": "Wait", "Timestamp": "99999-01-01T00:00:00Z"}),
    _state({"Type": "Wait", "Seconds": -1}), _state({"Type": "Wait", "Timestamp": "2025-02-30T25:61:61.9999999999Z"}),
    _state({"Type": "Pass", "Result": 1, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": BIG,
                                                    "BackoffRate": 1e308, "IntervalSeconds": BIG}]}),
    _state({"Type": "Map", "MaxConcurrency": BIG * 2, "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}}}),
    _state({"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1e400, "Next": "T"}]}),
    _state({"Type": "Choice", "Choices": [{"Variable": "$.a", "TimestampEquals": "garbage", "Next": "T"}]}),
    _state({"Type": "Choice", "Choices": [{"Variable": "$.a", "StringMatches": "*" * 10000 + "\\", "Next": "T"}]}),
    _state({"Type": "Choice", "Choices": [{"Not": {"Not": {"Not": {"Variable": "$.a", "IsPresent": True}}}, "Next": "T"}]}),
    json.dumps({"StartAt": "S", "States": {"S": {"Type": "Parallel", "Branches": [json.loads(_pass({}))] * 500, "End": True}}}),
    json.dumps({"StartAt": "S", "States": {f"S{i}": {"Type": "Pass", "Next": f"S{i + 1}"} for i in range(3000)}}),
    json.dumps({"StartAt": "S", "States": {"S": {"Type": "Pass", "Next": "S"}}}),
    json.dumps({"StartAt": "S", "QueryLanguage": "JSONata", "States": {"S": {"Type": "Pass", "Output": "{% $x %}", "End": True}}}),
]

EVENT_PATTERNS = [
    {"source": [{"numeric": [">", 1e308]}]}, {"a": [{"numeric": ["<", 0, ">", 10, "=", 5]}]},
    {"a": [{"numeric": [">", "x"]}]}, {"a": [{"prefix": ""}]}, {"a": [{"wildcard": "*" * 5000}]},
    {"a": [{"wildcard": "a*" * 200 + "b"}]}, {"a": [{"cidr": "10.0.0.0/99"}]}, {"a": [{"cidr": "::ffff:1.2.3.4/129"}]},
    {"a": [{"anything-but": {"prefix": {"x": 1}}}]}, {"a": [{"anything-but": [{"numeric": [">", 1]}]}]},
    {"a": [{"equals-ignore-case": 5}]}, {"a": [{"exists": "yes"}]}, {"$or": [{"a": [1]}] * 200},
    {"a": [{"suffix": {"equals-ignore-case": ""}}]}, {"a": ["x"] * 10000},
]
EVENT_PATTERNS = [json.dumps(p) for p in EVENT_PATTERNS] + [
    '{"a":' * depth + '["x"]' + "}" * depth for depth in (50, 500, 5000)]

EVENTS = [json.dumps({"id": "1", "account": "000000000000", "source": "s", "time": t, "region": "us-east-1",
                      "detail-type": "d", "detail": {"a": 1e308}, "resources": []})
          for t in ("99999-01-01T00:00:00Z", "garbage", "", "2025-02-30T25:61:61Z")]

TEMPLATES = ["<" * 1000, "<a>" * 1000, '{"a": <a>}', '"<aws.events.event>"', "<aws.events.event.json>" * 500,
             "{" * 5000, "<$>", "\\u0000<a>"]

FILTER_PATTERNS = ["{ $.a = 1e400 }", "[a, b", "%[%", '"', "?" * 1000, "{ $." + "a." * 2000 + "b = 1 }", "-" * 100,
                   '{ ($.a = 1) && ($.b = 2) || ' * 200 + "}", "%" + "(" * 1000 + "%"]

SQS_ATTRIBUTES = [
    {"RedrivePolicy": '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:x","maxReceiveCount":99999999999999999999}'},
    {"RedrivePolicy": "{" * 5000}, {"RedriveAllowPolicy": '{"redrivePermission":"byQueue","sourceQueueArns":' + '["x"]' * 1 + "}"},
    {"Policy": '{"Statement":' + "[" * 5000 + "]" * 5000 + "}"}, {"MaximumMessageSize": "99999999999999999999"},
    {"VisibilityTimeout": "-9223372036854775809"}, {"MessageRetentionPeriod": "1e3"}, {"DelaySeconds": " 5"},
]

INPUTS = ["[" * 100000 + "]" * 100000, '{"a":1e400}', '{"a":-0}', '{"a":' + "1" * 10000 + "}", '{"a":"\\ud800"}',
          json.dumps({f"k{i}": i for i in range(50000)}), "null", '"x"', "{}" * 2]


def nasty(rng: random.Random, member: str):
    """A hostile value for `member`, or None when the member carries no document the fuzzer knows."""
    lowered = member.lower()
    if lowered == "definition":
        return rng.choice(ASL)
    if lowered == "eventpattern":
        return rng.choice(EVENT_PATTERNS)
    if lowered == "event":
        return rng.choice(EVENTS)
    if lowered in ("detail", "input"):
        return rng.choice(INPUTS)
    if lowered == "inputtemplate":
        return rng.choice(TEMPLATES)
    if lowered == "inputpathsmap":
        return {"a": rng.choice(JSON_PATHS), "b": "$.detail"}
    if lowered == "inputpath":
        return rng.choice(JSON_PATHS)
    if lowered == "filterpattern":
        return rng.choice(FILTER_PATTERNS)
    if lowered == "attributes":
        return dict(rng.choice(SQS_ATTRIBUTES))
    return None
