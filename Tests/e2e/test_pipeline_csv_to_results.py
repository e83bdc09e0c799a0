"""The reference pipeline's fan-out step end to end, through boto3 only: a CSV uploaded to a
bucket with EventBridge notifications → an EventBridge rule on "Object Created" → a state
machine whose Distributed Map reads the CSV with ItemBatcher → a Lambda function per batch →
the ResultWriter's files in S3."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from harness import REGION
from lambdahelpers import make_client, py_zip, unique_function
from sfnhelpers import ROLE_ARN, definition, history, types_of, unique_name

SUM_BATCH = """
def handler(event, context):
    rows = event["Items"]
    return {"job": event["BatchInput"]["job"], "rows": len(rows), "total": round(sum(float(r["amount"]) for r in rows), 2)}
"""


@pytest.fixture
def events(brume):
    return make_client("events", brume.endpoint)


@pytest.fixture
def lam(brume):
    return make_client("lambda", brume.endpoint)


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out")


def test_uploaded_csv_fans_out_to_a_function_per_batch_and_results_land_in_s3(s3, sfn, events, lam, make_state_machine):
    uploads, results = f"e2e-in-{uuid.uuid4().hex[:8]}", f"e2e-out-{uuid.uuid4().hex[:8]}"
    for name in (uploads, results):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_notification_configuration(Bucket=uploads, NotificationConfiguration={"EventBridgeConfiguration": {}})

    function = unique_function("batch")
    lam.create_function(FunctionName=function, Runtime="python3.12", Handler="app.handler", Role=ROLE_ARN,
                        Code={"ZipFile": py_zip(SUM_BATCH)}, Timeout=30)
    fan = {
        "Type": "Map", "End": True, "Label": "rows",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                       "Parameters": {"Bucket.$": "$.detail.bucket.name", "Key.$": "$.detail.object.key"}},
        "ItemBatcher": {"MaxItemsPerBatch": 4, "BatchInput": {"job.$": "$.detail.object.key"}},
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Sum",
            "States": {"Sum": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
                               "Parameters": {"FunctionName": function, "Payload.$": "$"}, "End": True}},
        },
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": results, "Prefix": "runs"}},
    }
    machine = make_state_machine(definition({"Fan": fan}), prefix="pipeline")

    rule = unique_name("csv-uploaded")
    events.put_rule(Name=rule, EventPattern=json.dumps({
        "source": ["aws.s3"], "detail-type": ["Object Created"],
        "detail": {"bucket": {"name": [uploads]}, "object": {"key": [{"suffix": ".csv"}]}}}))
    events.put_targets(Rule=rule, Targets=[{"Id": "fan-out", "Arn": machine, "RoleArn": "arn:aws:iam::000000000000:role/events"}])
    try:
        rows = ["id,amount"] + [f"{i},{i}.50" for i in range(10)]
        s3.put_object(Bucket=uploads, Key="incoming/orders.csv", Body="\n".join(rows).encode())
        s3.put_object(Bucket=uploads, Key="incoming/readme.txt", Body=b"not a csv")

        execution = wait_for(lambda: sfn.list_executions(stateMachineArn=machine)["executions"])[0]
        described = wait_for(lambda: (d := sfn.describe_execution(executionArn=execution["executionArn"]))["status"] != "RUNNING" and d)
        assert described["status"] == "SUCCEEDED", described
        event = json.loads(described["input"])
        assert event["source"] == "aws.s3" and event["detail-type"] == "Object Created"
        assert event["detail"]["object"]["key"] == "incoming/orders.csv" and event["region"] == REGION
        assert "MapRunStarted" in types_of(history(sfn, execution["executionArn"]))

        output = json.loads(described["output"])
        manifest = json.loads(s3.get_object(Bucket=results, Key=output["ResultWriterDetails"]["Key"])["Body"].read())
        [succeeded] = manifest["ResultFiles"]["SUCCEEDED"]
        assert manifest["ResultFiles"]["FAILED"] == []
        entries = json.loads(s3.get_object(Bucket=results, Key=succeeded["Key"])["Body"].read())
        outputs = sorted((json.loads(e["Output"]) for e in entries), key=lambda o: o["total"])
        assert [o["rows"] for o in outputs] == [4, 4, 2] or sorted(o["rows"] for o in outputs) == [2, 4, 4]
        assert round(sum(o["total"] for o in outputs), 2) == round(sum(i + 0.5 for i in range(10)), 2)
        assert {o["job"] for o in outputs} == {"incoming/orders.csv"}
        # Only the CSV matched the rule.
        assert len(sfn.list_executions(stateMachineArn=machine)["executions"]) == 1
    finally:
        events.remove_targets(Rule=rule, Ids=["fan-out"])
        events.delete_rule(Name=rule)
        lam.delete_function(FunctionName=function)
