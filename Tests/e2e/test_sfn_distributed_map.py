"""Distributed Map through boto3 and the AWS CLI: items from the state input or from S3 (CSV,
JSON, JSON Lines, listObjectsV2 past one page), ItemSelector, ItemBatcher, child executions
listed by Map Run, DescribeMapRun/ListMapRuns/UpdateMapRun, tolerated failures and the
ResultWriter's files in S3."""

from __future__ import annotations

import json
import os
import signal
import time
import uuid

from sfnhelpers import (ROLE_ARN, definition, history, make_sfn_client, output_of, run, sfn_error, types_of, unique_name,
                        wait_for_event, wait_for_execution)


def distributed(processor_states: dict, *, execution_type: str = "STANDARD", **fields) -> dict:
    """A Distributed Map state whose children run `processor_states`."""
    return {
        "Type": "Map", "End": True,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": execution_type},
            "StartAt": next(iter(processor_states)), "States": processor_states,
        },
        **fields,
    }


ECHO = {"Echo": {"Type": "Pass", "End": True}}
FAIL_ODD = {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 100, "Next": "Bad"}], "Default": "Good"},
    "Bad": {"Type": "Fail", "Error": "TooBig", "Cause": "n is over 100"},
    "Good": {"Type": "Succeed"},
}


def put(s3, bucket: str, key: str, body: str) -> None:
    s3.put_object(Bucket=bucket, Key=key, Body=body.encode())


def read_json(s3, bucket: str, key: str):
    return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())


def test_items_from_the_input_run_as_child_executions(sfn, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemsPath="$.items", Label="fan")}))
    described = run(sfn, machine, {"items": [{"n": 1}, {"n": 2}, {"n": 3}]}, timeout=30)
    assert described["status"] == "SUCCEEDED"
    assert output_of(described) == [{"n": 1}, {"n": 2}, {"n": 3}]

    events = history(sfn, described["executionArn"])
    assert types_of(events) == ["ExecutionStarted", "MapStateEntered", "MapRunStarted", "MapRunSucceeded", "MapStateExited",
                                "ExecutionSucceeded"]
    map_run = events[2]["mapRunStartedEventDetails"]["mapRunArn"]
    name = machine.split(":")[-1]
    assert map_run.startswith(f"arn:aws:states:us-east-1:000000000000:mapRun:{name}/fan:")

    runs = sfn.list_map_runs(executionArn=described["executionArn"])["mapRuns"]
    assert [r["mapRunArn"] for r in runs] == [map_run]
    assert runs[0]["stateMachineArn"] == machine and "stopDate" in runs[0]

    info = sfn.describe_map_run(mapRunArn=map_run)
    assert info["status"] == "SUCCEEDED" and info["executionArn"] == described["executionArn"]
    assert info["itemCounts"]["total"] == 3 and info["itemCounts"]["succeeded"] == 3
    assert info["executionCounts"]["succeeded"] == 3 and info["executionCounts"]["running"] == 0
    assert info["maxConcurrency"] == 0 and info["toleratedFailureCount"] == 0

    children = sfn.list_executions(mapRunArn=map_run)["executions"]
    assert len(children) == 3 and all(c["status"] == "SUCCEEDED" and c["mapRunArn"] == map_run for c in children)
    assert all(c["stateMachineArn"] == f"{machine}/fan" for c in children)
    child = sfn.describe_execution(executionArn=children[0]["executionArn"])
    assert child["mapRunArn"] == map_run and json.loads(child["input"]) in [{"n": 1}, {"n": 2}, {"n": 3}]
    assert types_of(history(sfn, child["executionArn"])) == ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                                               "ExecutionSucceeded"]
    for_child = sfn.describe_state_machine_for_execution(executionArn=child["executionArn"])
    assert for_child["mapRunArn"] == map_run and for_child["label"] == "fan"


def test_csv_from_s3_with_item_selector_and_batches(sfn, s3, bucket, make_state_machine):
    rows = "\n".join(["id,name"] + [f"{i},item-{i}" for i in range(7)]) + "\n"
    put(s3, bucket, "data/rows.csv", rows)
    machine = make_state_machine(definition({"Fan": distributed(
        ECHO,
        ItemReader={"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket.$": "$.bucket", "Key": "data/rows.csv"}},
        ItemSelector={"row.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
        ItemBatcher={"MaxItemsPerBatch": 3, "BatchInput": {"job.$": "$.job"}},
    )}))
    described = run(sfn, machine, {"bucket": bucket, "job": "j1"}, timeout=30)
    assert described["status"] == "SUCCEEDED", described
    batches = output_of(described)
    assert [len(b["Items"]) for b in batches] == [3, 3, 1]
    assert batches[0] == {"BatchInput": {"job": "j1"}, "Items": [
        {"row": {"id": "0", "name": "item-0"}, "index": 0}, {"row": {"id": "1", "name": "item-1"}, "index": 1},
        {"row": {"id": "2", "name": "item-2"}, "index": 2}]}
    map_run = history(sfn, described["executionArn"])[2]["mapRunStartedEventDetails"]["mapRunArn"]
    info = sfn.describe_map_run(mapRunArn=map_run)
    assert info["itemCounts"]["total"] == 7 and info["executionCounts"]["total"] == 3


def test_json_and_jsonl_readers_and_max_items(sfn, s3, bucket, make_state_machine):
    put(s3, bucket, "a.json", json.dumps([{"k": i} for i in range(5)]))
    put(s3, bucket, "a.jsonl", "\n".join(json.dumps({"k": i}) for i in range(5)) + "\n")
    for key, input_type in (("a.json", "JSON"), ("a.jsonl", "JSONL")):
        machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemReader={
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": input_type, "MaxItems": 4},
            "Parameters": {"Bucket": bucket, "Key": key}})}))
        described = run(sfn, machine, {}, timeout=30)
        assert described["status"] == "SUCCEEDED", described
        assert output_of(described) == [{"k": i} for i in range(4)]


def test_s3_inventory_manifest_reads_its_gzip_csv_files(sfn, s3, bucket, make_state_machine):
    import gzip
    for index, rows in enumerate([[("a.txt", 1), ("b.txt", 2)], [("c.txt", 3)]]):
        text = "".join(f'"{bucket}","{key}","{size}"\n' for key, size in rows)
        s3.put_object(Bucket=bucket, Key=f"inventory/data/{index}.csv.gz", Body=gzip.compress(text.encode()))
    manifest = {"sourceBucket": bucket, "destinationBucket": f"arn:aws:s3:::{bucket}", "version": "2016-11-30",
                "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size",
                "files": [{"key": f"inventory/data/{i}.csv.gz", "size": 1, "MD5checksum": "x"} for i in range(2)]}
    put(s3, bucket, "inventory/manifest.json", json.dumps(manifest))
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemReader={
        "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
        "Parameters": {"Bucket": bucket, "Key": "inventory/manifest.json"}})}))
    described = run(sfn, machine, {}, timeout=30)
    assert described["status"] == "SUCCEEDED", described
    assert output_of(described) == [{"Bucket": bucket, "Key": key, "Size": size} for key, size in
                                    (("a.txt", "1"), ("b.txt", "2"), ("c.txt", "3"))]


def test_list_objects_v2_reads_every_page(sfn, s3, bucket, make_state_machine):
    keys = [f"many/{i:05d}.txt" for i in range(1_050)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    put(s3, bucket, "other/skip.txt", "x")
    machine = make_state_machine(definition({"Fan": distributed(
        {"Key": {"Type": "Pass", "OutputPath": "$.Items[0].Key", "End": True}},
        ItemReader={"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": bucket, "Prefix": "many/"}},
        ItemBatcher={"MaxItemsPerBatch": 100},
    )}))
    described = run(sfn, machine, {}, timeout=60)
    assert described["status"] == "SUCCEEDED", described
    assert output_of(described) == keys[::100]
    map_run = history(sfn, described["executionArn"])[2]["mapRunStartedEventDetails"]["mapRunArn"]
    assert sfn.describe_map_run(mapRunArn=map_run)["itemCounts"]["total"] == 1_050


def test_listed_object_items_have_the_aws_shape(sfn, s3, bucket, make_state_machine):
    put(s3, bucket, "one/a.txt", "hello")
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemReader={
        "Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": bucket, "Prefix": "one/"}})}))
    [item] = output_of(run(sfn, machine, {}, timeout=30))
    assert set(item) == {"Etag", "Key", "LastModified", "Size", "StorageClass"}
    assert item["Key"] == "one/a.txt" and item["Size"] == 5 and isinstance(item["LastModified"], int)
    assert item["Etag"] == s3.head_object(Bucket=bucket, Key="one/a.txt")["ETag"]


def test_failures_within_the_tolerated_count_do_not_fail_the_map(sfn, make_state_machine):
    items = [{"n": n} for n in (1, 500, 2, 600, 3)]
    machine = make_state_machine(definition({"Fan": distributed(FAIL_ODD, ItemsPath="$.items", ToleratedFailureCount=2)}))
    described = run(sfn, machine, {"items": items}, timeout=30)
    assert described["status"] == "SUCCEEDED", described
    map_run = history(sfn, described["executionArn"])[2]["mapRunStartedEventDetails"]["mapRunArn"]
    info = sfn.describe_map_run(mapRunArn=map_run)
    assert info["itemCounts"]["failed"] == 2 and info["itemCounts"]["succeeded"] == 3
    assert info["toleratedFailureCount"] == 2
    failed = sfn.list_executions(mapRunArn=map_run, statusFilter="FAILED")["executions"]
    assert len(failed) == 2


def test_failures_over_the_threshold_fail_the_map_run(sfn, make_state_machine):
    items = [{"n": n} for n in (1, 500, 2, 600, 3)]
    machine = make_state_machine(definition({"Fan": distributed(FAIL_ODD, ItemsPath="$.items", MaxConcurrency=1,
                                                                ToleratedFailurePercentage=20)}))
    described = run(sfn, machine, {"items": items}, timeout=30)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.ExceedToleratedFailureThreshold"
    events = history(sfn, described["executionArn"])
    assert "MapRunFailed" in types_of(events)
    failed = next(e for e in events if e["type"] == "MapRunFailed")["mapRunFailedEventDetails"]
    assert failed["error"] == "States.ExceedToleratedFailureThreshold"
    map_run = events[2]["mapRunStartedEventDetails"]["mapRunArn"]
    assert sfn.describe_map_run(mapRunArn=map_run)["status"] == "FAILED"


def test_a_failure_with_no_threshold_is_caught_like_any_map_error(sfn, make_state_machine):
    fan = distributed(FAIL_ODD, ItemsPath="$.items")
    fan.pop("End")
    fan.update(Next="Caught", Catch=[{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Next": "Caught"}])
    machine = make_state_machine(definition({"Fan": fan, "Caught": {"Type": "Pass", "End": True}}))
    described = run(sfn, machine, {"items": [{"n": 700}]}, timeout=30)
    assert described["status"] == "SUCCEEDED"
    assert output_of(described)["Error"] == "States.ExceedToleratedFailureThreshold"


def test_result_writer_exports_results_to_s3(sfn, s3, bucket, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(
        FAIL_ODD, execution_type="EXPRESS", ItemsPath="$.items", ToleratedFailurePercentage=50,
        ResultWriter={"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": bucket, "Prefix": "results"}},
    )}))
    described = run(sfn, machine, {"items": [{"n": 1}, {"n": 200}, {"n": 3}]}, timeout=30)
    assert described["status"] == "SUCCEEDED", described
    out = output_of(described)
    map_run = out["MapRunArn"]
    run_id = map_run.split(":")[-1]
    assert out["ResultWriterDetails"] == {"Bucket": bucket, "Key": f"results/{run_id}/manifest.json"}
    manifest = read_json(s3, bucket, f"results/{run_id}/manifest.json")
    assert manifest["DestinationBucket"] == bucket and manifest["MapRunArn"] == map_run
    assert [f["Key"] for f in manifest["ResultFiles"]["SUCCEEDED"]] == [f"results/{run_id}/SUCCEEDED_0.json"]
    assert [f["Key"] for f in manifest["ResultFiles"]["FAILED"]] == [f"results/{run_id}/FAILED_0.json"]
    assert manifest["ResultFiles"]["PENDING"] == []
    succeeded = read_json(s3, bucket, f"results/{run_id}/SUCCEEDED_0.json")
    assert sorted(json.loads(e["Input"])["n"] for e in succeeded) == [1, 3]
    assert all(e["Status"] == "SUCCEEDED" and e["StateMachineArn"] == f"{machine}/{map_run.split('/')[1].split(':')[0]}"
               for e in succeeded)
    [failed] = read_json(s3, bucket, f"results/{run_id}/FAILED_0.json")
    assert failed["Error"] == "TooBig" and failed["Cause"] == "n is over 100" and failed["Status"] == "FAILED"
    assert sfn.describe_map_run(mapRunArn=map_run)["itemCounts"]["resultsWritten"] == 3


def test_writer_config_writes_compact_json_lines(sfn, s3, bucket, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(
        {"Wrap": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": True}}, ItemsPath="$",
        ResultWriter={"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": bucket, "Prefix": "lines/"},
                      "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
    )}))
    described = run(sfn, machine, [1, 2, 3], timeout=30)
    assert described["status"] == "SUCCEEDED", described
    manifest = read_json(s3, bucket, output_of(described)["ResultWriterDetails"]["Key"])
    [succeeded] = manifest["ResultFiles"]["SUCCEEDED"]
    assert succeeded["Key"].startswith("lines/") and "//" not in succeeded["Key"]
    lines = s3.get_object(Bucket=bucket, Key=succeeded["Key"])["Body"].read().decode().splitlines()
    assert sorted(json.loads(line)["n"] for line in lines) == [1, 2, 3]


def test_update_map_run_changes_a_running_run(sfn, make_state_machine):
    wait = {"Wait": {"Type": "Wait", "Seconds": 1, "End": True}}
    machine = make_state_machine(definition({"Fan": distributed(wait, ItemsPath="$.items", MaxConcurrency=1)}))
    started = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"items": list(range(6))}))
    arn = started["executionArn"]
    map_run = None
    for _ in range(100):
        runs = sfn.list_map_runs(executionArn=arn)["mapRuns"]
        if runs:
            map_run = runs[0]["mapRunArn"]
            break
        time.sleep(0.05)
    assert map_run
    sfn.update_map_run(mapRunArn=map_run, maxConcurrency=6, toleratedFailureCount=3)
    info = sfn.describe_map_run(mapRunArn=map_run)
    assert info["maxConcurrency"] == 6 and info["toleratedFailureCount"] == 3
    assert wait_for_execution(sfn, arn, timeout=30)["status"] == "SUCCEEDED"


def test_map_run_errors(sfn):
    missing = "arn:aws:states:us-east-1:000000000000:mapRun:nope/label:0c8e7b5a-0000-0000-0000-000000000000"
    with sfn_error(sfn, "ResourceNotFound"):
        sfn.describe_map_run(mapRunArn=missing)
    with sfn_error(sfn, "InvalidArn"):
        sfn.describe_map_run(mapRunArn="arn:aws:states:us-east-1:000000000000:execution:a:b")
    with sfn_error(sfn, "ValidationException"):
        sfn.update_map_run(mapRunArn=missing)
    with sfn_error(sfn, "ResourceNotFound"):
        sfn.update_map_run(mapRunArn=missing, maxConcurrency=2)
    with sfn_error(sfn, "ValidationException"):
        sfn.list_executions(stateMachineArn="arn:aws:states:us-east-1:000000000000:stateMachine:x", mapRunArn=missing)


def test_definitions_are_validated(sfn):
    bad_reader = definition({"Fan": distributed(ECHO, ItemReader={"Resource": "arn:aws:states:::s3:getObject",
                                                                    "Parameters": {"Bucket": "b", "Key": "k"}})})
    with sfn_error(sfn, "InvalidDefinition"):
        sfn.create_state_machine(name=f"e2e-bad-{uuid.uuid4().hex[:8]}", definition=bad_reader,
                                 roleArn="arn:aws:iam::000000000000:role/r")
    inline_reader = definition({"Fan": {"Type": "Map", "End": True, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                                        "ItemProcessor": {"StartAt": "E", "States": ECHO and {"E": {"Type": "Pass", "End": True}}}}})
    with sfn_error(sfn, "InvalidDefinition"):
        sfn.create_state_machine(name=f"e2e-bad-{uuid.uuid4().hex[:8]}", definition=inline_reader,
                                 roleArn="arn:aws:iam::000000000000:role/r")


def test_express_machines_cannot_run_a_distributed_map(sfn):
    text = definition({"Fan": distributed(ECHO, ItemsPath="$")})
    with sfn_error(sfn, "InvalidDefinition") as info:
        sfn.create_state_machine(name=unique_name("express"), definition=text, roleArn=ROLE_ARN, type="EXPRESS")
    assert "/States/Fan/ItemProcessor/ProcessorConfig/Mode" in info.value.response["Error"]["Message"]
    validated = sfn.validate_state_machine_definition(definition=text, type="EXPRESS")
    assert validated["result"] == "FAIL" and validated["diagnostics"][0]["code"] == "SCHEMA_VALIDATION_FAILED"


def test_given_headers_another_delimiter_a_version_and_path_fields(sfn, s3, bucket, make_state_machine):
    # An unversioned object's version is "null"; any other id is S3's InvalidArgument.
    s3.put_object(Bucket=bucket, Key="v.csv", Body=b'1|"a|b"\n2|c\n3|d\n4|e\n')
    machine = make_state_machine(definition({"Fan": distributed(ECHO, MaxConcurrencyPath="$.width", ToleratedFailureCountPath="$.tolerated",
        ItemReader={"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["n", "text"],
                                     "CSVDelimiter": "PIPE", "MaxItemsPath": "$.max"},
                    "Parameters": {"Bucket": bucket, "Key": "v.csv", "VersionId.$": "$.version"}},
        ItemBatcher={"MaxItemsPerBatchPath": "$.batch"})}))
    described = run(sfn, machine, {"version": "null", "max": 3, "batch": 2, "width": 1, "tolerated": 0}, timeout=30)
    assert described["status"] == "SUCCEEDED", described
    assert output_of(described) == [{"Items": [{"n": "1", "text": "a|b"}, {"n": "2", "text": "c"}]}, {"Items": [{"n": "3", "text": "d"}]}]
    map_run = history(sfn, described["executionArn"])[2]["mapRunStartedEventDetails"]["mapRunArn"]
    assert sfn.describe_map_run(mapRunArn=map_run)["maxConcurrency"] == 1
    wrong = run(sfn, machine, {"version": "no-such-version", "max": 3, "batch": 2, "width": 1, "tolerated": 0}, timeout=30)
    assert wrong["status"] == "FAILED" and wrong["error"] == "States.ItemReaderFailed" and "InvalidArgument" in wrong["cause"]


def test_a_result_writer_without_a_bucket_fails_before_any_child(sfn, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemsPath="$.items", ResultWriter={
        "Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": 5, "Prefix": "p"}})}))
    described = run(sfn, machine, {"items": [1, 2]}, timeout=30)
    assert described["status"] == "FAILED" and described["error"] == "States.ResultWriterFailed"
    assert sfn.list_map_runs(executionArn=described["executionArn"])["mapRuns"] == []


def test_stopping_the_parent_aborts_the_map_run_and_its_children(sfn, make_state_machine):
    nap = {"Nap": {"Type": "Wait", "Seconds": 30, "End": True}}
    machine = make_state_machine(definition({"Fan": distributed(nap, ItemsPath="$")}))
    arn = sfn.start_execution(stateMachineArn=machine, input="[1, 2]")["executionArn"]
    wait_for_event(sfn, arn, "MapRunStarted")
    map_run = sfn.list_map_runs(executionArn=arn)["mapRuns"][0]["mapRunArn"]
    deadline = time.monotonic() + 10
    while len(sfn.list_executions(mapRunArn=map_run)["executions"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    sfn.stop_execution(executionArn=arn, error="Halt", cause="test")
    deadline = time.monotonic() + 10
    while sfn.describe_map_run(mapRunArn=map_run)["status"] == "RUNNING" and time.monotonic() < deadline:
        time.sleep(0.05)
    info = sfn.describe_map_run(mapRunArn=map_run)
    assert info["status"] == "ABORTED" and info["executionCounts"]["aborted"] == 2
    assert {c["status"] for c in sfn.list_executions(mapRunArn=map_run)["executions"]} == {"ABORTED"}


def test_list_executions_redrive_filter(sfn, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemsPath="$")}))
    described = run(sfn, machine, [1], timeout=30)
    assert [e["executionArn"] for e in sfn.list_executions(stateMachineArn=machine, redriveFilter="NOT_REDRIVEN")["executions"]] \
        == [described["executionArn"]]
    assert sfn.list_executions(stateMachineArn=machine, redriveFilter="REDRIVEN")["executions"] == []
    with sfn_error(sfn, "ValidationException"):
        make_sfn_client_without_validation(sfn).list_executions(stateMachineArn=machine, redriveFilter="SOMETIMES")


def make_sfn_client_without_validation(sfn):
    import boto3
    from botocore.config import Config
    return boto3.session.Session().client(
        "stepfunctions", endpoint_url=sfn.meta.endpoint_url, aws_access_key_id="test", aws_secret_access_key="test",
        region_name="us-east-1", config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))


def test_cli_lists_map_runs_and_children(sfn, aws, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemsPath="$.items")}))
    described = run(sfn, machine, {"items": [1, 2]}, timeout=30)
    runs = json.loads(aws("stepfunctions", "list-map-runs", "--execution-arn", described["executionArn"]).stdout)["mapRuns"]
    assert len(runs) == 1
    info = json.loads(aws("stepfunctions", "describe-map-run", "--map-run-arn", runs[0]["mapRunArn"]).stdout)
    assert info["status"] == "SUCCEEDED" and info["itemCounts"]["succeeded"] == 2
    children = json.loads(aws("stepfunctions", "list-executions", "--map-run-arn", runs[0]["mapRunArn"]).stdout)["executions"]
    assert sorted(json.loads(sfn.describe_execution(executionArn=c["executionArn"])["input"]) for c in children) == [1, 2]


def test_a_missing_dataset_fails_with_item_reader_failed(sfn, bucket, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemReader={
        "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
        "Parameters": {"Bucket": bucket, "Key": "missing.json"}})}))
    described = run(sfn, machine, {}, timeout=30)
    assert described["status"] == "FAILED"
    assert described["error"] == "States.ItemReaderFailed" and "NoSuchKey" in described["cause"]


def test_a_result_writer_to_a_missing_bucket_fails_with_result_writer_failed(sfn, make_state_machine):
    machine = make_state_machine(definition({"Fan": distributed(ECHO, ItemsPath="$", ResultWriter={
        "Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": f"missing-{uuid.uuid4().hex[:8]}", "Prefix": "p"}})}))
    described = run(sfn, machine, [1], timeout=30)
    assert described["status"] == "FAILED" and described["error"] == "States.ResultWriterFailed"


def test_a_map_run_interrupted_by_kill_9_is_aborted_and_the_map_runs_again(brume_factory, tmp_path):
    # STANDARD workflows are durable: the parent resumes in its Map state, which starts a new
    # Map Run; the one that was running when the process died ends ABORTED, with its children.
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    sfn = make_sfn_client(first.endpoint)
    nap = {"Nap": {"Type": "Wait", "Seconds": 2, "End": True}}
    text = definition({"Fan": distributed(nap, ItemsPath="$")})
    machine = sfn.create_state_machine(name=unique_name("dmap"), definition=text, roleArn=ROLE_ARN)["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, input="[1, 2, 3]")["executionArn"]
    wait_for_event(sfn, arn, "MapRunStarted")
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    second = brume_factory(data_dir=data_dir, name="restarted")
    sfn = make_sfn_client(second.endpoint)
    described = wait_for_execution(sfn, arn, timeout=20)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == [1, 2, 3]
    runs = sfn.list_map_runs(executionArn=arn)["mapRuns"]
    assert len(runs) == 2
    interrupted, again = (sfn.describe_map_run(mapRunArn=r["mapRunArn"]) for r in runs)
    assert interrupted["status"] == "ABORTED" and interrupted["executionCounts"]["running"] == 0
    assert all(c["status"] == "ABORTED" for c in sfn.list_executions(mapRunArn=runs[0]["mapRunArn"])["executions"])
    assert again["status"] == "SUCCEEDED" and again["itemCounts"]["succeeded"] == 3
