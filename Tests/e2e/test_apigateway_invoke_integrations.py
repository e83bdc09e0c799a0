"""API Gateway data plane, integration types: Lambda non-proxy (AWS with selectionPattern on the
error message), HTTP_PROXY and HTTP (real outbound calls), and AWS service integrations through the
edge: SQS SendMessage by path, S3 PUT/GET/DELETE by path, Step Functions StartExecution and
EventBridge PutEvents by action."""

from __future__ import annotations

import json

import requests

from apigwhelpers import apigw, rest_api  # noqa: F401 (fixtures)
from apigwhelpers import ACCOUNT, REGION, add_method, add_resource, deploy, invoke_url, lambda_uri, unique_api
from lambdahelpers import receive
from s3helpers import unique_bucket

MAYBE_FAIL = """
def handler(event, context):
    if event.get("fail"):
        raise ValueError("NotFound: no such thing " + str(event.get("id")))
    return {"id": event.get("id"), "ok": True}
"""



def responses(apigw, api_id, resource, method, entries):
    """entries: (status, selectionPattern, template, responseParameters)."""
    for status, pattern, template, parameters in entries:
        apigw.put_method_response(restApiId=api_id, resourceId=resource, httpMethod=method, statusCode=status)
        kwargs = {"selectionPattern": pattern} if pattern is not None else {}
        if template is not None:
            kwargs["responseTemplates"] = {"application/json": template}
        if parameters:
            kwargs["responseParameters"] = parameters
        apigw.put_integration_response(restApiId=api_id, resourceId=resource, httpMethod=method, statusCode=status, **kwargs)


def test_lambda_non_proxy_with_selection_pattern(brume, apigw, rest_api, make_function):
    function = make_function(MAYBE_FAIL)
    api_id = rest_api("lambda-aws")
    resource = add_resource(apigw, api_id, "/things/{id}")
    add_method(apigw, api_id, resource, "GET", integration={
        "type": "AWS", "integrationHttpMethod": "POST", "uri": lambda_uri(function),
        "requestTemplates": {"application/json": '{"id": "$input.params(\'id\')", "fail": $input.params(\'fail\').equals("yes")}'},
    })
    responses(apigw, api_id, resource, "GET", [
        ("200", None, None, None),
        ("404", "NotFound:.*", '{"error": "$input.path(\'$.errorMessage\')"}', None),
    ])
    deploy(apigw, api_id)
    ok = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/things/9?fail=no"), timeout=60)
    assert ok.status_code == 200, ok.text
    assert ok.json() == {"id": "9", "ok": True}
    missing = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/things/9?fail=yes"), timeout=60)
    assert missing.status_code == 404, missing.text
    assert missing.json() == {"error": "NotFound: no such thing 9"}


def test_http_proxy_and_http_call_out(brume, apigw, rest_api):
    api_id = rest_api("http")
    proxy = add_resource(apigw, api_id, "/brume/{proxy+}")
    add_method(apigw, api_id, proxy, "ANY", requestParameters={"method.request.path.proxy": True}, integration={
        "type": "HTTP_PROXY", "integrationHttpMethod": "ANY", "uri": f"{brume.endpoint}/_brume/{{proxy}}",
        "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"},
    })
    plain = add_resource(apigw, api_id, "/health")
    add_method(apigw, api_id, plain, "GET", integration={
        "type": "HTTP", "integrationHttpMethod": "GET", "uri": f"{brume.endpoint}/_brume/health",
    })
    responses(apigw, api_id, plain, "GET", [("200", None, '{"stack": "$input.path(\'$.stack\')"}', None)])
    deploy(apigw, api_id)
    health = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/brume/health"), timeout=60)
    assert health.status_code == 200, health.text
    assert "services" in health.json()
    missing = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/brume/nothing-here"), timeout=60)
    assert missing.status_code == 404
    mapped = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/health"), timeout=60)
    assert mapped.status_code == 200, mapped.text
    assert mapped.json() == {"stack": health.json()["stack"]}


def test_sqs_send_message_by_path(brume, apigw, rest_api):
    from sqshelpers import make_sqs_client
    sqs = make_sqs_client(brume.endpoint)
    queue = unique_api("q")
    queue_url = sqs.create_queue(QueueName=queue)["QueueUrl"]
    api_id = rest_api("sqs")
    resource = add_resource(apigw, api_id, "/webhook")
    add_method(apigw, api_id, resource, "POST", integration={
        "type": "AWS", "integrationHttpMethod": "POST", "uri": f"arn:aws:apigateway:{REGION}:sqs:path/{ACCOUNT}/{queue}",
        "requestParameters": {"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"},
        "requestTemplates": {"application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"},
        "passthroughBehavior": "NEVER",
    })
    responses(apigw, api_id, resource, "POST", [("200", None, '{"queued": true}', None)])
    deploy(apigw, api_id)
    response = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/webhook"), json={"event": "push", "n": 1}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json() == {"queued": True}
    got = receive(sqs, queue_url, 1)
    assert [json.loads(m["Body"]) for m in got] == [{"event": "push", "n": 1}]
    # NEVER passthrough: a content type without a template is 415.
    refused = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/webhook"), data="x", headers={"Content-Type": "text/plain"},
                            timeout=60)
    assert refused.status_code == 415, refused.text
    assert refused.json() == {"message": "Unsupported Media Type"}


def test_s3_put_get_delete_by_path(brume, apigw, rest_api, s3):
    bucket = unique_bucket()
    s3.create_bucket(Bucket=bucket)
    api_id = rest_api("s3")
    resource = add_resource(apigw, api_id, "/files/{key}")
    for method in ["PUT", "GET", "DELETE"]:
        add_method(apigw, api_id, resource, method, requestParameters={"method.request.path.key": True}, integration={
            "type": "AWS", "integrationHttpMethod": method, "uri": f"arn:aws:apigateway:{REGION}:s3:path/{bucket}/{{object}}",
            "requestParameters": {"integration.request.path.object": "method.request.path.key"},
        })
        responses(apigw, api_id, resource, method, [("200", None, None, None), ("404", "404", '{"missing": true}', None)])
    deploy(apigw, api_id)
    url = invoke_url(brume.endpoint, api_id, "prod", "/files/note.txt")
    assert requests.put(url, data="hello from the gateway", headers={"Content-Type": "text/plain"}, timeout=60).status_code == 200
    assert s3.get_object(Bucket=bucket, Key="note.txt")["Body"].read() == b"hello from the gateway"
    got = requests.get(url, timeout=60)
    assert (got.status_code, got.text) == (200, "hello from the gateway")
    assert requests.delete(url, timeout=60).status_code == 200
    gone = requests.get(url, timeout=60)
    assert gone.status_code == 404, gone.text
    assert gone.json() == {"missing": True}
    s3.delete_bucket(Bucket=bucket)


def test_step_functions_and_eventbridge_by_action(brume, apigw, rest_api, sfn):
    machine = sfn.create_state_machine(
        name=unique_api("sm"), roleArn=f"arn:aws:iam::{ACCOUNT}:role/sfn",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}))["stateMachineArn"]
    api_id = rest_api("actions")
    start = add_resource(apigw, api_id, "/start")
    add_method(apigw, api_id, start, "POST", integration={
        "type": "AWS", "integrationHttpMethod": "POST", "uri": f"arn:aws:apigateway:{REGION}:states:action/StartExecution",
        "requestTemplates": {"application/json":
                             '{"stateMachineArn": "' + machine + '", "input": "$util.escapeJavaScript($input.body)"}'},
    })
    responses(apigw, api_id, start, "POST", [("200", None, None, None)])
    events = add_resource(apigw, api_id, "/events")
    add_method(apigw, api_id, events, "POST", integration={
        "type": "AWS", "integrationHttpMethod": "POST", "uri": f"arn:aws:apigateway:{REGION}:events:action/PutEvents",
        "requestTemplates": {"application/json":
                             '{"Entries": [{"Source": "e2e.gateway", "DetailType": "webhook", "Detail": "$util.escapeJavaScript($input.body)"}]}'},
    })
    responses(apigw, api_id, events, "POST", [("200", None, None, None)])
    deploy(apigw, api_id)
    started = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/start"), json={"a": 1}, timeout=60)
    assert started.status_code == 200, started.text
    execution = started.json()["executionArn"]
    assert sfn.describe_execution(executionArn=execution)["input"] == '{"a":1}' or \
        json.loads(sfn.describe_execution(executionArn=execution)["input"]) == {"a": 1}
    put = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/events"), json={"b": 2}, timeout=60)
    assert put.status_code == 200, put.text
    assert put.json()["FailedEntryCount"] == 0


SLOW = """
import time
def handler(event, context):
    time.sleep(3)
    return {"statusCode": 200, "body": "late"}
"""

BINARY = """
import base64
def handler(event, context):
    data = base64.b64decode(event["body"]) if event["isBase64Encoded"] else event["body"].encode()
    return {"statusCode": 200, "headers": {"Content-Type": "application/octet-stream"},
            "body": base64.b64encode(bytes(reversed(data))).decode(), "isBase64Encoded": True}
"""


def test_integration_timeout_is_504(brume, apigw, rest_api, make_function):
    function = make_function(SLOW, Timeout=10)
    api_id = rest_api("timeout")
    add_method(apigw, api_id, add_resource(apigw, api_id, "/slow"), "GET", integration={
        "type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(function), "timeoutInMillis": 1000})
    deploy(apigw, api_id)
    response = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/slow"), timeout=60)
    assert response.status_code == 504, response.text
    assert response.json() == {"message": "Endpoint request timed out"}


def test_binary_round_trip_through_lambda_proxy(brume, apigw, rest_api, make_function):
    function = make_function(BINARY)
    api_id = rest_api("binary", binaryMediaTypes=["application/octet-stream"])
    add_method(apigw, api_id, add_resource(apigw, api_id, "/flip"), "POST", integration={
        "type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(function)})
    deploy(apigw, api_id)
    payload = bytes(range(256))
    url = invoke_url(brume.endpoint, api_id, "prod", "/flip")
    binary = requests.post(url, data=payload, headers={"Content-Type": "application/octet-stream", "Accept": "application/octet-stream"},
                           timeout=60)
    assert binary.status_code == 200, binary.text
    assert binary.content == bytes(reversed(payload))
    # Without a binary Accept the client gets the base64 text the function sent.
    text = requests.post(url, data=payload, headers={"Content-Type": "application/octet-stream", "Accept": "application/json"}, timeout=60)
    assert text.status_code == 200
    import base64
    assert base64.b64decode(text.content) == bytes(reversed(payload))


def test_step_functions_start_sync_execution(brume, apigw, rest_api, sfn):
    machine = sfn.create_state_machine(
        name=unique_api("express"), roleArn=f"arn:aws:iam::{ACCOUNT}:role/sfn", type="EXPRESS",
        definition=json.dumps({"StartAt": "Shape", "States": {"Shape": {"Type": "Pass", "Parameters": {"got.$": "$.n"}, "End": True}}}))
    api_id = rest_api("sync")
    resource = add_resource(apigw, api_id, "/run")
    add_method(apigw, api_id, resource, "POST", integration={
        "type": "AWS", "integrationHttpMethod": "POST", "uri": f"arn:aws:apigateway:{REGION}:states:action/StartSyncExecution",
        "requestTemplates": {"application/json":
                             '{"stateMachineArn": "' + machine["stateMachineArn"] + '", "input": "$util.escapeJavaScript($input.body)"}'},
    })
    responses(apigw, api_id, resource, "POST", [("200", None, "$input.path('$.output')", None)])
    deploy(apigw, api_id)
    response = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/run"), json={"n": 7}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json() == {"got": 7}


def test_request_override_sets_the_backend_path_and_headers(brume, apigw, rest_api, s3):
    bucket = unique_bucket()
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="chosen.txt", Body=b"picked by the template")
    api_id = rest_api("override")
    resource = add_resource(apigw, api_id, "/pick")
    add_method(apigw, api_id, resource, "GET", integration={
        "type": "HTTP", "integrationHttpMethod": "GET", "uri": f"{brume.endpoint}/{bucket}/{{key}}",
        "requestTemplates": {"application/json": '#set($context.requestOverride.path.key = "chosen.txt")'
                                                 '#set($context.requestOverride.header.Range = "bytes=0-5")'},
    })
    responses(apigw, api_id, resource, "GET", [("200", "2\\d\\d", "$input.body", None)])
    deploy(apigw, api_id)
    response = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/pick"), timeout=60)
    assert response.status_code == 200, response.text
    assert response.text == "picked"
    s3.delete_object(Bucket=bucket, Key="chosen.txt")
    s3.delete_bucket(Bucket=bucket)


def test_content_handling_converts_binary_both_ways(brume, apigw, rest_api, s3):
    import base64
    bucket = unique_bucket()
    s3.create_bucket(Bucket=bucket)
    api_id = rest_api("binary-s3", binaryMediaTypes=["image/png"])
    raw = add_resource(apigw, api_id, "/raw/{key}")
    decoded = add_resource(apigw, api_id, "/decoded/{key}")
    for resource, method, handling in [(raw, "PUT", None), (decoded, "PUT", "CONVERT_TO_BINARY"), (raw, "GET", None)]:
        integration = {"type": "AWS", "integrationHttpMethod": method, "uri": f"arn:aws:apigateway:{REGION}:s3:path/{bucket}/{{key}}"}
        if handling:
            integration["contentHandling"] = handling
        add_method(apigw, api_id, resource, method, integration=integration)
        apigw.put_method_response(restApiId=api_id, resourceId=resource, httpMethod=method, statusCode="200")
        apigw.put_integration_response(restApiId=api_id, resourceId=resource, httpMethod=method, statusCode="200", selectionPattern="",
                                       **({"contentHandling": "CONVERT_TO_TEXT"} if method == "GET" else {}))
    deploy(apigw, api_id)
    png = bytes([0x89, 0x50, 0x4E, 0x47, 0, 255, 10, 13])
    put = requests.put(invoke_url(brume.endpoint, api_id, "prod", "/raw/a.png"), data=png, headers={"Content-Type": "image/png"}, timeout=60)
    assert put.status_code == 200, put.text
    assert s3.get_object(Bucket=bucket, Key="a.png")["Body"].read() == png
    # A base64 text body decoded to bytes before the call (CONVERT_TO_BINARY).
    text = requests.put(invoke_url(brume.endpoint, api_id, "prod", "/decoded/b.bin"), data=base64.b64encode(b"\x00\x01\xfe"),
                        headers={"Content-Type": "text/plain"}, timeout=60)
    assert text.status_code == 200, text.text
    assert s3.get_object(Bucket=bucket, Key="b.bin")["Body"].read() == b"\x00\x01\xfe"
    # A binary answer base64-encoded for the client (CONVERT_TO_TEXT).
    s3.put_object(Bucket=bucket, Key="c.png", Body=png, ContentType="image/png")
    got = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/raw/c.png"), timeout=60)
    assert got.status_code == 200, got.text
    assert base64.b64decode(got.content) == png
    for key in ["a.png", "b.bin", "c.png"]:
        s3.delete_object(Bucket=bucket, Key=key)
    s3.delete_bucket(Bucket=bucket)
