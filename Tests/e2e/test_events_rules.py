"""EventBridge rules, targets, buses and tags: CRUD, pagination, AWS's error codes, PutEvents
validation and TestEventPattern, through boto3 and the AWS CLI."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from eventshelpers import ACCOUNT, entry, make_events_client, queue_arn, rule_arn, unique_rule

PATTERN = json.dumps({"source": ["e2e.app"]})


@pytest.fixture(scope="module")
def events(brume):
    return make_events_client(brume.endpoint)


@pytest.fixture
def rule(events):
    """A fresh rule on the default bus, its targets and itself removed after the test."""
    name = unique_rule()
    events.put_rule(Name=name, EventPattern=PATTERN)
    yield name
    targets = [t["Id"] for t in events.list_targets_by_rule(Rule=name).get("Targets", [])]
    if targets:
        events.remove_targets(Rule=name, Ids=targets)
    events.delete_rule(Name=name)


def error_of(call, *args, **kwargs) -> dict:
    with pytest.raises(ClientError) as raised:
        call(*args, **kwargs)
    return {**raised.value.response["Error"], "Status": raised.value.response["ResponseMetadata"]["HTTPStatusCode"]}


def test_rule_lifecycle(events, rule):
    described = events.describe_rule(Name=rule)
    assert described["Arn"] == rule_arn(rule)
    assert described["EventPattern"] == PATTERN and described["State"] == "ENABLED"
    assert described["EventBusName"] == "default" and described["CreatedBy"] == ACCOUNT
    events.disable_rule(Name=rule)
    assert events.describe_rule(Name=rule)["State"] == "DISABLED"
    events.enable_rule(Name=rule)
    assert events.describe_rule(Name=rule)["State"] == "ENABLED"
    # PutRule on an existing rule replaces its settings.
    arn = events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["other"]}), Description="changed", State="DISABLED")["RuleArn"]
    assert arn == rule_arn(rule)
    described = events.describe_rule(Name=rule)
    assert described["Description"] == "changed" and described["State"] == "DISABLED"


def test_list_rules_prefix_and_pages(events):
    prefix = unique_rule("page")
    names = [f"{prefix}-{i}" for i in range(5)]
    for name in names:
        events.put_rule(Name=name, EventPattern=PATTERN)
    try:
        first = events.list_rules(NamePrefix=prefix, Limit=2)
        assert [r["Name"] for r in first["Rules"]] == names[:2] and "NextToken" in first
        seen = [r["Name"] for r in first["Rules"]]
        token = first["NextToken"]
        while token:
            page = events.list_rules(NamePrefix=prefix, Limit=2, NextToken=token)
            seen += [r["Name"] for r in page["Rules"]]
            token = page.get("NextToken")
        assert seen == names
        assert all(r["Arn"] == rule_arn(r["Name"]) for r in first["Rules"])
        assert error_of(events.list_rules, NextToken="bogus")["Code"] == "ValidationException"
    finally:
        for name in names:
            events.delete_rule(Name=name)


def test_rule_errors(events, rule):
    missing = error_of(events.describe_rule, Name="no-such-rule-e2e")
    assert missing["Code"] == "ResourceNotFoundException" and missing["Status"] == 400
    assert missing["Message"] == "Rule no-such-rule-e2e does not exist on EventBus default."
    assert error_of(events.enable_rule, Name="no-such-rule-e2e")["Code"] == "ResourceNotFoundException"
    bad = error_of(events.put_rule, Name=unique_rule(), EventPattern="{not json")
    assert bad["Code"] == "InvalidEventPatternException"
    neither = error_of(events.put_rule, Name=unique_rule())
    assert neither["Code"] == "ValidationException"
    assert neither["Message"] == "Parameter(s) EventPattern or ScheduleExpression must be specified."
    assert error_of(events.put_rule, Name="bad name", EventPattern=PATTERN)["Code"] == "ValidationException"
    schedule = error_of(events.put_rule, Name=unique_rule(), ScheduleExpression="rate(1 minute)")
    assert schedule["Code"] == "ValidationException" and "ScheduleExpression" in schedule["Message"]
    no_bus = error_of(events.put_rule, Name=unique_rule(), EventPattern=PATTERN, EventBusName="no-such-bus-e2e")
    assert no_bus["Code"] == "ResourceNotFoundException" and no_bus["Message"] == "Event bus no-such-bus-e2e does not exist."
    # Deleting a rule that does not exist is no error.
    events.delete_rule(Name="no-such-rule-e2e")


def test_targets(events, rule, queue):
    arn = queue_arn(queue)
    answer = events.put_targets(Rule=rule, Targets=[
        {"Id": "a", "Arn": arn},
        {"Id": "b", "Arn": arn, "InputPath": "$.detail", "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 120}},
        {"Id": "c", "Arn": arn, "InputTransformer": {"InputPathsMap": {"s": "$.source"}, "InputTemplate": '{"from": <s>}'}},
    ])
    assert answer["FailedEntryCount"] == 0 and answer["FailedEntries"] == []
    targets = events.list_targets_by_rule(Rule=rule)["Targets"]
    assert [t["Id"] for t in targets] == ["a", "b", "c"]
    assert targets[1]["RetryPolicy"] == {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 120}
    assert targets[2]["InputTransformer"]["InputTemplate"] == '{"from": <s>}'
    page = events.list_targets_by_rule(Rule=rule, Limit=2)
    assert [t["Id"] for t in page["Targets"]] == ["a", "b"]
    assert [t["Id"] for t in events.list_targets_by_rule(Rule=rule, NextToken=page["NextToken"])["Targets"]] == ["c"]
    assert rule in events.list_rule_names_by_target(TargetArn=arn)["RuleNames"]

    refused = error_of(events.delete_rule, Name=rule)
    assert refused["Code"] == "ValidationException" and refused["Message"] == "Rule can't be deleted since it has targets."
    both = error_of(events.put_targets, Rule=rule, Targets=[{"Id": "d", "Arn": arn, "Input": "{}", "InputPath": "$.detail"}])
    assert both["Code"] == "ValidationException"
    too_many = error_of(events.put_targets, Rule=rule, Targets=[{"Id": f"x{i}", "Arn": arn} for i in range(3)])
    assert too_many["Code"] == "LimitExceededException"
    fifo = error_of(events.put_targets, Rule=rule, Targets=[{"Id": "f", "Arn": arn + ".fifo"}])
    assert fifo["Code"] == "ValidationException" and "SqsParameters" in fifo["Message"]
    missing = error_of(events.put_targets, Rule="no-such-rule-e2e", Targets=[{"Id": "a", "Arn": arn}])
    assert missing["Code"] == "ResourceNotFoundException"

    assert events.remove_targets(Rule=rule, Ids=["a", "b"])["FailedEntryCount"] == 0
    assert [t["Id"] for t in events.list_targets_by_rule(Rule=rule)["Targets"]] == ["c"]


def test_targets_refuse_what_brume_cannot_deliver(events, rule, queue, make_queue):
    standard, fifo = queue_arn(queue), queue_arn(make_queue("refusals", fifo=True))
    refused = [
        {"Id": "sns", "Arn": f"arn:aws:sns:us-east-1:{ACCOUNT}:topic"},
        {"Id": "kinesis", "Arn": standard, "KinesisParameters": {"PartitionKeyPath": "$.id"}},
        {"Id": "http", "Arn": standard, "HttpParameters": {"HeaderParameters": {"a": "b"}}},
        {"Id": "group", "Arn": standard, "SqsParameters": {"MessageGroupId": "g"}},
        {"Id": "nogroup", "Arn": fifo},
        {"Id": "fifodlq", "Arn": standard, "DeadLetterConfig": {"Arn": fifo}},
        {"Id": "region", "Arn": standard.replace("us-east-1", "eu-west-1")},
        {"Id": "account", "Arn": standard.replace(ACCOUNT, "111122223333")},
        {"Id": "empty", "Arn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:"},
    ]
    for target in refused:
        error = error_of(events.put_targets, Rule=rule, Targets=[target])
        assert error["Code"] == "ValidationException", (target, error)
    assert events.list_targets_by_rule(Rule=rule)["Targets"] == []
    other = "arn:aws:events:eu-west-1:111122223333:event-bus/default"
    assert error_of(events.describe_rule, Name=rule, EventBusName=other)["Code"] == "ResourceNotFoundException"
    answer = events.put_events(Entries=[{**entry({"n": 1}), "EventBusName": other}])
    assert answer["Entries"][0]["ErrorCode"] == "ResourceNotFoundException"


def test_put_events_per_entry_errors(events):
    answer = events.put_events(Entries=[
        entry({"n": 1}),
        {"DetailType": "x", "Detail": "{}"},
        entry(source="aws.s3"),
        {"Source": "e2e.app", "DetailType": "x", "Detail": "[1, 2]"},
        entry(EventBusName="no-such-bus-e2e"),
    ])
    assert answer["FailedEntryCount"] == 4
    results = answer["Entries"]
    assert len(results[0]["EventId"]) == 36 and "ErrorCode" not in results[0]
    assert results[1]["ErrorCode"] == "InvalidArgument"
    assert results[1]["ErrorMessage"] == "Parameter Source is not valid. Reason: Source is a required argument."
    assert results[2] == {"ErrorCode": "NotAuthorizedForSourceException", "ErrorMessage": "Not authorized for the source."}
    assert results[3] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert results[4]["ErrorCode"] == "ResourceNotFoundException"


def test_put_events_request_limits(brume):
    unchecked = make_events_client(brume.endpoint, validate=False)
    eleven = error_of(unchecked.put_events, Entries=[entry()] * 11)
    assert eleven["Code"] == "ValidationException"
    big = error_of(unchecked.put_events, Entries=[entry({"x": "y" * 200_000}), entry({"x": "y" * 100_000})])
    assert big["Code"] == "ValidationException" and big["Message"] == "Total size of the entries in the request is over the limit."


def test_test_event_pattern(events):
    event = json.dumps({"id": "1", "account": ACCOUNT, "source": "e2e.app", "time": "2024-01-01T00:00:00Z", "region": "us-east-1",
                        "resources": [], "detail-type": "x", "detail": {"n": 5}})
    assert events.test_event_pattern(EventPattern=PATTERN, Event=event)["Result"] is True
    assert events.test_event_pattern(EventPattern=json.dumps({"source": ["other"]}), Event=event)["Result"] is False
    assert error_of(events.test_event_pattern, EventPattern="[1]", Event=event)["Code"] == "InvalidEventPatternException"
    assert error_of(events.test_event_pattern, EventPattern=PATTERN, Event=json.dumps({"source": "x"}))["Code"] == "ValidationException"


def test_event_buses_and_tags(events):
    name = unique_rule("bus")
    arn = events.create_event_bus(Name=name, Tags=[{"Key": "team", "Value": "data"}])["EventBusArn"]
    try:
        assert arn == f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/{name}"
        assert error_of(events.create_event_bus, Name=name)["Code"] == "ResourceAlreadyExistsException"
        assert events.describe_event_bus(Name=name)["Arn"] == arn
        assert events.describe_event_bus()["Name"] == "default"
        names = [b["Name"] for b in events.list_event_buses()["EventBuses"]]
        assert "default" in names and name in names
        assert events.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "team", "Value": "data"}]
        rule = events.put_rule(Name="on-bus", EventBusName=name, EventPattern=PATTERN)["RuleArn"]
        assert rule == rule_arn("on-bus", bus=name)
        events.tag_resource(ResourceARN=rule, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
        events.untag_resource(ResourceARN=rule, TagKeys=["a"])
        assert events.list_tags_for_resource(ResourceARN=rule)["Tags"] == [{"Key": "b", "Value": "2"}]
        assert [r["Name"] for r in events.list_rules(EventBusName=name)["Rules"]] == ["on-bus"]
        events.delete_rule(Name="on-bus", EventBusName=name)
    finally:
        events.delete_event_bus(Name=name)
    assert error_of(events.describe_event_bus, Name=name)["Code"] == "ResourceNotFoundException"


def test_unimplemented_operations_say_so(events):
    error = error_of(events.list_archives)
    assert error["Code"] == "UnknownOperationException" and "ListArchives" in error["Message"]


def test_cli_rule_round_trip(aws, queue):
    name = unique_rule("cli")
    created = json.loads(aws("events", "put-rule", "--name", name, "--event-pattern", PATTERN).stdout)
    assert created["RuleArn"] == rule_arn(name)
    aws("events", "put-targets", "--rule", name, "--targets", f"Id=q,Arn={queue_arn(queue)}")
    listed = json.loads(aws("events", "list-targets-by-rule", "--rule", name).stdout)
    assert listed["Targets"][0]["Arn"] == queue_arn(queue)
    failed = aws("events", "delete-rule", "--name", name, check=False)
    assert failed.returncode != 0 and "ValidationException" in failed.stderr
    aws("events", "remove-targets", "--rule", name, "--ids", "q")
    aws("events", "delete-rule", "--name", name)
    missing = aws("events", "describe-rule", "--name", name, check=False)
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr
