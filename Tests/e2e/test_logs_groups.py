"""CloudWatch Logs log groups and streams through boto3: create, describe (filters, order,
pagination), delete, retention, tags, and the errors AWS answers."""

import uuid

import pytest

from logshelpers import ACCOUNT, events, group_arn, logs_error, unique_group

NO_GROUP = "The specified log group does not exist."
NO_STREAM = "The specified log stream does not exist."


def test_group_lifecycle(logs, make_log_group):
    name = make_log_group("life", tags={"team": "data"})
    [group] = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    assert group["logGroupName"] == name
    assert group["arn"] == group_arn(name) + ":*"
    assert group["logGroupArn"] == group_arn(name)
    assert group["storedBytes"] == 0 and group["metricFilterCount"] == 0
    assert group["logGroupClass"] == "STANDARD"
    assert "retentionInDays" not in group
    assert group["creationTime"] > 1_600_000_000_000

    with logs_error("ResourceAlreadyExistsException", "The specified log group already exists"):
        logs.create_log_group(logGroupName=name)
    logs.delete_log_group(logGroupName=name)
    assert logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"] == []
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.delete_log_group(logGroupName=name)


@pytest.mark.parametrize("bad", ["has space", "colon:name", "x" * 513, "star*"])
def test_invalid_group_names(logs, bad):
    with logs_error("InvalidParameterException") as info:
        logs.create_log_group(logGroupName=bad)
    assert "logGroupName" in info.value.response["Error"]["Message"]


def test_describe_groups_filters_and_pagination(logs, make_log_group):
    base = f"/e2e/page/{uuid.uuid4().hex[:8]}"
    names = sorted(make_log_group(name=f"{base}/{i:02d}-{tag}") for i, tag in
                   enumerate(["alpha", "Beta", "alpha2", "gamma", "alpha3"]))
    [only] = logs.describe_log_groups(logGroupNamePrefix=f"{base}/01")["logGroups"]
    assert only["logGroupName"] == f"{base}/01-Beta"

    # Pages of two, in ASCII name order, joined by nextToken.
    seen, token, pages = [], None, 0
    while True:
        page = logs.describe_log_groups(logGroupNamePrefix=base, limit=2, **({"nextToken": token} if token else {}))
        pages += 1
        assert len(page["logGroups"]) <= 2
        seen += [g["logGroupName"] for g in page["logGroups"]]
        token = page.get("nextToken")
        if not token:
            break
    assert seen == names and pages == 3

    # The botocore paginator follows the same tokens.
    paginated = [g["logGroupName"] for p in logs.get_paginator("describe_log_groups").paginate(
        logGroupNamePrefix=base, PaginationConfig={"PageSize": 1}) for g in p["logGroups"]]
    assert paginated == names

    # A pattern is a case-sensitive substring and reports only name, ARN and creation time.
    matched = logs.describe_log_groups(logGroupNamePattern="alpha")["logGroups"]
    mine = [g for g in matched if g["logGroupName"].startswith(base)]
    assert [g["logGroupName"] for g in mine] == [n for n in names if "alpha" in n]
    assert set(mine[0]) == {"logGroupName", "arn", "creationTime"}

    with logs_error("InvalidParameterException"):
        logs.describe_log_groups(logGroupNamePrefix=base, logGroupNamePattern="alpha")
    with logs_error("InvalidParameterException"):
        logs.describe_log_groups(limit=51)
    with logs_error("InvalidParameterException", "The specified nextToken is invalid."):
        logs.describe_log_groups(nextToken="bogus")


def test_streams_lifecycle_and_order(logs, make_log_group):
    group = make_log_group("streams", streams=("b-stream", "a-stream", "c-stream"))
    with logs_error("ResourceAlreadyExistsException", "The specified log stream already exists"):
        logs.create_log_stream(logGroupName=group, logStreamName="a-stream")
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.create_log_stream(logGroupName=unique_group("missing"), logStreamName="s")
    with logs_error("InvalidParameterException"):
        logs.create_log_stream(logGroupName=group, logStreamName="bad:name")

    # c gets the oldest event, a the newest; b none.
    now = events("x")[0]["timestamp"]
    logs.put_log_events(logGroupName=group, logStreamName="c-stream", logEvents=[{"timestamp": now - 5000, "message": "c"}])
    logs.put_log_events(logGroupName=group, logStreamName="a-stream", logEvents=[{"timestamp": now, "message": "a"}])

    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert [s["logStreamName"] for s in streams] == ["a-stream", "b-stream", "c-stream"]
    a = streams[0]
    assert a["firstEventTimestamp"] == a["lastEventTimestamp"] == now
    assert a["lastIngestionTime"] >= a["creationTime"]
    assert a["arn"] == f"{group_arn(group)}:log-stream:a-stream"
    assert a["storedBytes"] == 0
    assert "firstEventTimestamp" not in streams[1]

    by_time = logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", descending=True)["logStreams"]
    assert [s["logStreamName"] for s in by_time] == ["a-stream", "c-stream", "b-stream"]
    assert [s["logStreamName"] for s in logs.describe_log_streams(
        logGroupName=group, logStreamNamePrefix="b")["logStreams"]] == ["b-stream"]
    with logs_error("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix."):
        logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", logStreamNamePrefix="a")

    # Pages of one, by identifier (the group's ARN), joined by nextToken.
    paged = [s["logStreamName"] for p in logs.get_paginator("describe_log_streams").paginate(
        logGroupIdentifier=group_arn(group), PaginationConfig={"PageSize": 1}) for s in p["logStreams"]]
    assert paged == ["a-stream", "b-stream", "c-stream"]

    logs.delete_log_stream(logGroupName=group, logStreamName="a-stream")
    with logs_error("ResourceNotFoundException", NO_STREAM):
        logs.delete_log_stream(logGroupName=group, logStreamName="a-stream")
    assert [s["logStreamName"] for s in logs.describe_log_streams(logGroupName=group)["logStreams"]] == ["b-stream", "c-stream"]
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.describe_log_streams(logGroupName=unique_group("missing"))
    with logs_error("InvalidParameterException"):
        logs.describe_log_streams()


def test_stored_bytes_follow_events(logs, make_log_group):
    group = make_log_group("bytes", streams=("s", "t"))
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events("hello", "wörld"))
    logs.put_log_events(logGroupName=group, logStreamName="t", logEvents=events("abc"))
    [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert described["storedBytes"] == 5 + 6 + 3
    logs.delete_log_stream(logGroupName=group, logStreamName="s")
    [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert described["storedBytes"] == 3


def test_retention_policy(logs, make_log_group):
    group = make_log_group("retention")
    logs.put_retention_policy(logGroupName=group, retentionInDays=7)
    [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert described["retentionInDays"] == 7
    with logs_error("InvalidParameterException") as info:
        logs.put_retention_policy(logGroupName=group, retentionInDays=2)
    assert "Member must satisfy enum value set: [1, 3, 5, 7, 14" in info.value.response["Error"]["Message"]
    logs.delete_retention_policy(logGroupName=group)
    [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert "retentionInDays" not in described
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.put_retention_policy(logGroupName=unique_group("missing"), retentionInDays=1)
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.delete_retention_policy(logGroupName=unique_group("missing"))


def test_tags_by_name_and_by_arn(logs, make_log_group):
    group = make_log_group("tags", tags={"a": "1"})
    assert logs.list_tags_log_group(logGroupName=group)["tags"] == {"a": "1"}
    logs.tag_log_group(logGroupName=group, tags={"b": "2", "a": "one"})
    assert logs.list_tags_log_group(logGroupName=group)["tags"] == {"a": "one", "b": "2"}
    logs.untag_log_group(logGroupName=group, tags=["a"])
    assert logs.list_tags_log_group(logGroupName=group)["tags"] == {"b": "2"}

    for arn in (group_arn(group), group_arn(group) + ":*"):
        logs.tag_resource(resourceArn=arn, tags={"env": "test"})
        assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2", "env": "test"}
        logs.untag_resource(resourceArn=arn, tagKeys=["env"])
        assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}

    with logs_error("TooManyTagsException"):
        logs.tag_resource(resourceArn=group_arn(group), tags={f"k{i}": "v" for i in range(50)})
    with logs_error("InvalidParameterException"):
        logs.tag_resource(resourceArn=group_arn(group), tags={"bad\u0000key": "v"})
    missing = unique_group("missing")
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.list_tags_for_resource(resourceArn=group_arn(missing))
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.list_tags_log_group(logGroupName=missing)


def test_groups_are_per_region(brume, logs, make_log_group):
    from logshelpers import make_logs_client
    group = make_log_group("region")
    other = make_logs_client(brume.endpoint, region="eu-west-1")
    assert other.describe_log_groups(logGroupNamePrefix=group)["logGroups"] == []
    with logs_error("ResourceNotFoundException", NO_GROUP):
        other.describe_log_streams(logGroupName=group)
    # The ARN names the region, so an identifier reaches the group from anywhere.
    assert other.describe_log_streams(logGroupIdentifier=group_arn(group))["logStreams"] == []
    assert ACCOUNT in group_arn(group)


def test_unimplemented_operations_answer_unknown_operation(logs, make_log_group):
    group = make_log_group("unimplemented")
    with logs_error("UnknownOperationException") as info:
        logs.put_metric_filter(logGroupName=group, filterName="f", filterPattern="ERROR",
                               metricTransformations=[{"metricName": "m", "metricNamespace": "n", "metricValue": "1"}])
    assert "PutMetricFilter" in info.value.response["Error"]["Message"]
    with logs_error("UnknownOperationException"):
        logs.start_query(logGroupName=group, startTime=0, endTime=1, queryString="fields @message")
    with logs_error("UnknownOperationException"):
        logs.describe_subscription_filters(logGroupName=group)
