"""CloudWatch Logs events through boto3: PutLogEvents' rules, GetLogEvents' tokens and
FilterLogEvents' patterns and pages."""

from logshelpers import DAY_MS, HOUR_MS, all_filtered, events, group_arn, logs_error, now_ms, unique_group

NO_GROUP = "The specified log group does not exist."
NO_STREAM = "The specified log stream does not exist."


def put(logs, group, stream, *messages, **kwargs):
    return logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events(*messages, **kwargs))


def test_put_and_get_events(logs, make_log_group):
    group = make_log_group("put", streams=("s",))
    first = put(logs, group, "s", "one", "two")
    assert first["nextSequenceToken"]
    assert "rejectedLogEventsInfo" not in first
    # The sequence token is ignored, as AWS ignores it now: a stale one is accepted.
    second = logs.put_log_events(logGroupName=group, logStreamName="s", sequenceToken="stale",
                                 logEvents=events("three"))
    assert second["nextSequenceToken"] != first["nextSequenceToken"]

    got = logs.get_log_events(logGroupName=group, logStreamName="s")
    assert [e["message"] for e in got["events"]] == ["one", "two", "three"]
    assert all(e["ingestionTime"] >= e["timestamp"] for e in got["events"])
    assert got["nextForwardToken"].startswith("f/") and got["nextBackwardToken"].startswith("b/")
    # By identifier (ARN) as well as by name.
    by_arn = logs.get_log_events(logGroupIdentifier=group_arn(group), logStreamName="s", startFromHead=True)
    assert [e["message"] for e in by_arn["events"]] == ["one", "two", "three"]


def test_put_errors(logs, make_log_group):
    group = make_log_group("puterr", streams=("s",))
    now = now_ms()
    with logs_error("InvalidParameterException",
                    "Log events in a single PutLogEvents request must be in chronological order."):
        logs.put_log_events(logGroupName=group, logStreamName="s",
                            logEvents=[{"timestamp": now, "message": "b"}, {"timestamp": now - 1, "message": "a"}])
    with logs_error("InvalidParameterException",
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours."):
        logs.put_log_events(logGroupName=group, logStreamName="s",
                            logEvents=[{"timestamp": now - 25 * HOUR_MS, "message": "a"}, {"timestamp": now, "message": "b"}])
    with logs_error("InvalidParameterException") as info:
        logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events(*["m"] * 10_001, step=0))
    assert "10000" in info.value.response["Error"]["Message"]
    # 1,048,576 bytes counting 26 per event: two events of 524,262 fit, one byte more does not.
    logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events("x" * 524_262, "y" * 524_262))
    with logs_error("InvalidParameterException", "Upload too large: 1048577 bytes exceeds limit of 1048576"):
        logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=events("x" * 524_262, "y" * 524_263))
    with logs_error("ResourceNotFoundException", NO_STREAM):
        put(logs, group, "missing", "m")
    with logs_error("ResourceNotFoundException", NO_GROUP):
        put(logs, unique_group("missing"), "s", "m")
    # Nothing refused was stored.
    messages = [e["message"] for e in logs.get_log_events(logGroupName=group, logStreamName="s")["events"]]
    assert len(messages) == 2 and messages[0].startswith("x")


def test_too_old_and_too_new_events_are_reported_not_failed(logs, make_log_group):
    group = make_log_group("rejected", streams=("s",))
    now = now_ms()
    batch = [
        {"timestamp": now - 15 * DAY_MS, "message": "too old 1"},
        {"timestamp": now - 15 * DAY_MS + 1, "message": "too old 2"},
        {"timestamp": now - 1000, "message": "kept 1"},
        {"timestamp": now, "message": "kept 2"},
        {"timestamp": now + 3 * HOUR_MS, "message": "too new"},
    ]
    answer = logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=batch)
    assert answer["rejectedLogEventsInfo"] == {"tooOldLogEventEndIndex": 2, "tooNewLogEventStartIndex": 4}
    got = logs.get_log_events(logGroupName=group, logStreamName="s")["events"]
    assert [e["message"] for e in got] == ["kept 1", "kept 2"]

    # A retention shorter than 14 days expires older events.
    logs.put_retention_policy(logGroupName=group, retentionInDays=1)
    answer = logs.put_log_events(logGroupName=group, logStreamName="s", logEvents=[
        {"timestamp": now - 2 * DAY_MS, "message": "expired"}, {"timestamp": now - 2 * DAY_MS + 5, "message": "expired 2"}])
    assert answer["rejectedLogEventsInfo"] == {"expiredLogEventEndIndex": 2}
    assert "nextSequenceToken" not in answer


def test_get_log_events_tokens(logs, make_log_group):
    group = make_log_group("tokens", streams=("s",))
    start = now_ms() - 60_000
    put(logs, group, "s", *[f"e{i}" for i in range(7)], start=start, step=10)

    # From the head, three at a time, until the forward token comes back unchanged.
    pages, token, seen = 0, None, []
    while True:
        page = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True, limit=3,
                                   **({"nextToken": token} if token else {}))
        pages += 1
        seen += [e["message"] for e in page["events"]]
        if page["nextForwardToken"] == token:
            assert page["events"] == []
            break
        token = page["nextForwardToken"]
    assert seen == [f"e{i}" for i in range(7)] and pages == 4

    # New events are found from the last forward token.
    put(logs, group, "s", "late", start=start + 1000)
    page = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True, nextToken=token)
    assert [e["message"] for e in page["events"]] == ["late"]

    # Without startFromHead the newest page comes first; backward tokens walk to the start.
    newest = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3)
    assert [e["message"] for e in newest["events"]] == ["e5", "e6", "late"]
    back = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3, nextToken=newest["nextBackwardToken"])
    assert [e["message"] for e in back["events"]] == ["e2", "e3", "e4"]
    back = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3, nextToken=back["nextBackwardToken"])
    assert [e["message"] for e in back["events"]] == ["e0", "e1"]
    end = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3, nextToken=back["nextBackwardToken"])
    assert end["events"] == [] and end["nextBackwardToken"] == back["nextBackwardToken"]

    # startTime is inclusive, endTime exclusive.
    ranged = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True,
                                 startTime=start + 20, endTime=start + 50)
    assert [e["message"] for e in ranged["events"]] == ["e2", "e3", "e4"]

    with logs_error("InvalidParameterException", "The specified nextToken is invalid."):
        logs.get_log_events(logGroupName=group, logStreamName="s", nextToken="f/garbage")
    with logs_error("InvalidParameterException"):
        logs.get_log_events(logGroupName=group, logStreamName="s", limit=10_001)
    with logs_error("ResourceNotFoundException", NO_STREAM):
        logs.get_log_events(logGroupName=group, logStreamName="missing")
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.get_log_events(logGroupName=unique_group("missing"), logStreamName="s")
    with logs_error("InvalidParameterException"):
        logs.get_log_events(logGroupName=group, logGroupIdentifier=group, logStreamName="s")


def test_empty_stream_tokens_let_clients_stop(logs, make_log_group):
    group = make_log_group("empty", streams=("s",))
    page = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True)
    assert page["events"] == []
    again = logs.get_log_events(logGroupName=group, logStreamName="s", startFromHead=True, nextToken=page["nextForwardToken"])
    assert again["events"] == [] and again["nextForwardToken"] == page["nextForwardToken"]


def test_filter_log_events_interleaves_and_matches(logs, make_log_group):
    group = make_log_group("filter", streams=("app-1", "app-2", "other"))
    start = now_ms() - 60_000
    put(logs, group, "app-1", "ERROR disk full", "INFO ok", start=start, step=20)
    put(logs, group, "app-2", "WARN slow", "ERROR Exiting now", start=start + 10, step=20)
    put(logs, group, "other", "Failed to process record 7", start=start + 5)

    everything, _ = all_filtered(logs, logGroupName=group)
    assert [(e["logStreamName"], e["message"]) for e in everything] == [
        ("app-1", "ERROR disk full"), ("other", "Failed to process record 7"), ("app-2", "WARN slow"),
        ("app-1", "INFO ok"), ("app-2", "ERROR Exiting now")]
    assert len({e["eventId"] for e in everything}) == 5

    def messages(**kwargs):
        return [e["message"] for e in all_filtered(logs, logGroupName=group, **kwargs)[0]]

    assert messages(filterPattern="ERROR") == ["ERROR disk full", "ERROR Exiting now"]
    assert messages(filterPattern="ERROR full") == ["ERROR disk full"]
    assert messages(filterPattern="ERROR -Exiting") == ["ERROR disk full"]
    assert messages(filterPattern="?WARN ?INFO") == ["WARN slow", "INFO ok"]
    assert messages(filterPattern='"Failed to process"') == ["Failed to process record 7"]
    assert messages(filterPattern="error") == []
    assert messages(logStreamNames=["app-2"]) == ["WARN slow", "ERROR Exiting now"]
    assert messages(logStreamNamePrefix="app-", filterPattern="ERROR") == ["ERROR disk full", "ERROR Exiting now"]
    assert messages(startTime=start + 10, endTime=start + 20) == ["WARN slow", "INFO ok"]

    by_arn, _ = all_filtered(logs, logGroupIdentifier=group_arn(group) + ":*", filterPattern="WARN")
    assert [e["message"] for e in by_arn] == ["WARN slow"]

    for unsupported in ['{ $.level = "ERROR" }', "[ip, user]", "%ERR%", "ERROR ?WARN", "RequestId:"]:
        with logs_error("InvalidParameterException"):
            logs.filter_log_events(logGroupName=group, filterPattern=unsupported)
    with logs_error("InvalidParameterException"):
        logs.filter_log_events(logGroupName=group, logStreamNames=["app-1"], logStreamNamePrefix="app")
    with logs_error("ResourceNotFoundException", NO_GROUP):
        logs.filter_log_events(logGroupName=unique_group("missing"))


def test_filter_log_events_pages(logs, make_log_group):
    group = make_log_group("fpages", streams=("a", "b"))
    start = now_ms() - 60_000
    put(logs, group, "a", *[f"a{i} match" for i in range(5)], start=start, step=2)
    put(logs, group, "b", *[f"b{i} {'match' if i % 2 else 'skip'}" for i in range(5)], start=start + 1, step=2)

    found, pages = all_filtered(logs, logGroupName=group, filterPattern="match", limit=2)
    assert [e["message"] for e in found] == ["a0 match", "a1 match", "b1 match", "a2 match", "a3 match",
                                             "b3 match", "a4 match"]
    assert pages == 4
    page = logs.filter_log_events(logGroupName=group, filterPattern="match", limit=2)
    assert page["nextToken"] and page["searchedLogStreams"]
    # The botocore paginator agrees.
    paginated = [e["message"] for p in logs.get_paginator("filter_log_events").paginate(
        logGroupName=group, filterPattern="match", PaginationConfig={"PageSize": 3}) for e in p["events"]]
    assert paginated == [e["message"] for e in found]
    with logs_error("InvalidParameterException", "The specified nextToken is invalid."):
        logs.filter_log_events(logGroupName=group, nextToken="nope")


def test_deleting_a_group_removes_its_events(logs, make_log_group):
    name = unique_group("recreate")
    make_log_group(name=name, streams=("s",))
    put(logs, name, "s", "before")
    logs.delete_log_group(logGroupName=name)
    logs.create_log_group(logGroupName=name)
    logs.create_log_stream(logGroupName=name, logStreamName="s")
    assert logs.get_log_events(logGroupName=name, logStreamName="s")["events"] == []
    assert logs.filter_log_events(logGroupName=name)["events"] == []
