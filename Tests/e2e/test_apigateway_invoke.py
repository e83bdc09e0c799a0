"""API Gateway data plane: calling deployed REST APIs with `requests`, built with boto3. Invoke URLs
in their three forms, routing, MOCK and Lambda proxy integrations, the proxy event, API keys,
usage-plan throttles and quotas on the stack clock (with GetUsage agreeing), and the headers every
answer carries."""

from __future__ import annotations

import time

import pytest
import requests

from apigwhelpers import apigw, rest_api  # noqa: F401 (fixtures)
from apigwhelpers import (
    add_method, add_resource, advance_clock, deploy, invoke_url, lambda_uri, make_apigw_client, stack_time, unique_api,
)
from lambdahelpers import make_lambda_client, py_zip, unique_function, ROLE, PY

ECHO_EVENT = """
import json
def handler(event, context):
    return {"statusCode": 200, "headers": {"X-Echo": "yes"}, "multiValueHeaders": {"X-Multi": ["a", "b"]},
            "body": json.dumps(event)}
"""

MALFORMED = """
def handler(event, context):
    return {"statusCode": 200, "body": {"not": "a string"}}
"""

MOCK_JSON = {"application/json": '{"statusCode": 200}'}



def mock_method(apigw, api_id, resource_id, http_method, body_template, status="200", **kwargs):
    add_method(apigw, api_id, resource_id, http_method,
               integration={"type": "MOCK", "requestTemplates": MOCK_JSON}, **kwargs)
    apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, statusCode=status)
    apigw.put_integration_response(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, statusCode=status,
                                   selectionPattern="", responseTemplates={"application/json": body_template})


def assert_gateway_headers(response):
    assert response.headers.get("x-amzn-RequestId"), response.headers
    assert response.headers.get("x-amz-apigw-id"), response.headers
    assert response.headers.get("X-Amzn-Trace-Id", "").startswith("Root=1-"), response.headers


@pytest.fixture
def routed_api(apigw, rest_api):
    """/pets GET, /pets/{id} GET, /pets/mine GET and /{proxy+} ANY, each a MOCK naming its resource."""
    api_id = rest_api("routes")
    template = '{"resource": "$context.resourcePath", "id": "$input.params(\'id\')", "proxy": "$input.params(\'proxy\')"}'
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/pets"), "GET", template)
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/pets/{id}"), "GET", template)
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/pets/mine"), "GET", template)
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/{proxy+}"), "ANY", template)
    deploy(apigw, api_id)
    return api_id


@pytest.mark.parametrize("form", ["aws", "user", "host"])
def test_invoke_url_forms_route_to_the_most_specific_resource(brume, routed_api, form, resolve_localhost):
    def get(path, method="GET"):
        return requests.request(method, invoke_url(brume.endpoint, routed_api, "prod", path, form), timeout=30)

    response = get("/pets/mine")
    assert response.status_code == 200, response.text
    assert response.json()["resource"] == "/pets/mine"
    assert_gateway_headers(response)
    assert response.headers["Content-Type"].startswith("application/json")

    assert get("/pets/42").json() == {"resource": "/pets/{id}", "id": "42", "proxy": ""}
    assert get("/pets").json()["resource"] == "/pets"
    deep = get("/a/b/c", method="DELETE")
    assert deep.json() == {"resource": "/{proxy+}", "id": "", "proxy": "a/b/c"}
    # /pets/{id} has no POST: the greedy ANY resource takes it.
    assert get("/pets/42", method="POST").json()["resource"] == "/{proxy+}"


def test_no_route_is_missing_authentication_token(brume, apigw, rest_api):
    api_id = rest_api("noroute")
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/only"), "GET", '{"ok": true}')
    deploy(apigw, api_id)
    for path, method in [("/nothing", "GET"), ("/only", "PUT"), ("/only/deeper", "GET"), ("/", "GET")]:
        response = requests.request(method, invoke_url(brume.endpoint, api_id, "prod", path), timeout=30)
        assert response.status_code == 403, (path, response.text)
        assert response.json() == {"message": "Missing Authentication Token"}
        assert response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
        assert_gateway_headers(response)
    # A stage that does not exist.
    response = requests.get(invoke_url(brume.endpoint, api_id, "nostage", "/only"), timeout=30)
    assert response.status_code == 403
    assert response.json() == {"message": "Forbidden"}


def test_mock_request_template_selects_the_integration_response(brume, apigw, rest_api):
    api_id = rest_api("mock")
    resource = add_resource(apigw, api_id, "/status")
    add_method(apigw, api_id, resource, "GET", integration={
        "type": "MOCK",
        "requestTemplates": {"application/json": '{"statusCode": $input.params(\'code\')}'},
    })
    for status, pattern, template in [("200", "", '{"ok": true}'), ("404", "404", '{"missing": "$context.requestId"}')]:
        apigw.put_method_response(restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=status)
        apigw.put_integration_response(
            restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=status, selectionPattern=pattern,
            responseTemplates={"application/json": template},
            **({"responseParameters": {"method.response.header.X-Found": "'no'"}} if status == "404" else {}))
    deploy(apigw, api_id)
    ok = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/status?code=200"), timeout=30)
    assert (ok.status_code, ok.json()) == (200, {"ok": True})
    missing = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/status?code=404"), timeout=30)
    assert missing.status_code == 404, missing.text
    assert missing.headers["X-Found"] == "no"
    assert missing.json() == {"missing": missing.headers["x-amzn-RequestId"]}


def proxy_api(apigw, rest_api, function, *, path="/items/{id}", method="ANY", **method_kwargs):
    api_id = rest_api("proxy")
    resource = add_resource(apigw, api_id, path)
    add_method(apigw, api_id, resource, method,
               integration={"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(function)}, **method_kwargs)
    return api_id


def test_lambda_proxy_event_is_payload_format_1_0(brume, apigw, rest_api, make_function):
    function = make_function(ECHO_EVENT)
    api_id = proxy_api(apigw, rest_api, function)
    deploy(apigw, api_id, variables={"color": "blue"})
    response = requests.post(invoke_url(brume.endpoint, api_id, "prod", "/items/7?a=1&a=2&b=x"),
                             data='{"hello": "world"}', headers={"Content-Type": "application/json", "X-Custom": "c"},
                             timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["X-Echo"] == "yes"
    assert response.headers["X-Multi"] == "a, b" or response.headers["X-Multi"] == "a,b"
    assert_gateway_headers(response)
    event = response.json()
    assert "version" not in event
    assert event["resource"] == "/items/{id}"
    assert event["path"] == "/items/7"
    assert event["httpMethod"] == "POST"
    assert event["headers"]["X-Custom"] == "c"
    # What API Gateway adds for the backend.
    assert event["headers"]["X-Amzn-Trace-Id"] == response.headers["X-Amzn-Trace-Id"]
    assert event["headers"]["X-Forwarded-For"] == "127.0.0.1"
    assert event["headers"]["X-Forwarded-Proto"] == "http"
    assert event["headers"]["X-Forwarded-Port"] == brume.endpoint.rsplit(":", 1)[1]
    assert event["multiValueHeaders"]["X-Custom"] == ["c"]
    assert event["queryStringParameters"] == {"a": "2", "b": "x"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"], "b": ["x"]}
    assert event["pathParameters"] == {"id": "7"}
    assert event["stageVariables"] == {"color": "blue"}
    assert event["body"] == '{"hello": "world"}'
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["apiId"] == api_id
    assert context["stage"] == "prod"
    assert context["resourcePath"] == "/items/{id}"
    assert context["httpMethod"] == "POST"
    assert context["path"] == "/prod/items/7"
    assert context["protocol"] == "HTTP/1.1"
    assert context["accountId"] == "000000000000"
    assert context["requestId"] == response.headers["x-amzn-RequestId"]
    assert context["extendedRequestId"] == response.headers["x-amz-apigw-id"]
    assert context["domainPrefix"] == api_id
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert "python-requests" in context["identity"]["userAgent"]
    assert isinstance(context["requestTimeEpoch"], int)
    assert context["resourceId"]

    # Absent query strings and bodies are null, not empty.
    bare = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/items/8"), timeout=60).json()
    assert bare["queryStringParameters"] is None
    assert bare["multiValueQueryStringParameters"] is None
    assert bare["body"] is None


def test_malformed_lambda_answer_is_502(brume, apigw, rest_api, make_function):
    function = make_function(MALFORMED)
    api_id = proxy_api(apigw, rest_api, function, path="/bad", method="GET")
    deploy(apigw, api_id)
    response = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/bad"), timeout=60)
    assert response.status_code == 502, response.text
    assert response.json() == {"message": "Internal server error"}
    assert_gateway_headers(response)


def test_api_key_required(brume, apigw, rest_api, make_function):
    function = make_function(ECHO_EVENT)
    api_id = proxy_api(apigw, rest_api, function, path="/keyed", method="GET", apiKeyRequired=True)
    deploy(apigw, api_id)
    plan = apigw.create_usage_plan(name=unique_api("plan"), apiStages=[{"apiId": api_id, "stage": "prod"}])["id"]
    key = apigw.create_api_key(name=unique_api("key"), enabled=True, value="k" * 20 + unique_api("v"))
    apigw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
    other = apigw.create_api_key(name=unique_api("nokey"), enabled=True)  # in no plan
    disabled = apigw.create_api_key(name=unique_api("off"), enabled=False)
    apigw.create_usage_plan_key(usagePlanId=plan, keyId=disabled["id"], keyType="API_KEY")
    url = invoke_url(brume.endpoint, api_id, "prod", "/keyed")
    for headers in [{}, {"x-api-key": "wrong-value-wrong-value"}, {"x-api-key": other["value"]}, {"x-api-key": disabled["value"]}]:
        response = requests.get(url, headers=headers, timeout=60)
        assert response.status_code == 403, (headers, response.text)
        assert response.json() == {"message": "Forbidden"}
        assert response.headers["x-amzn-ErrorType"] == "ForbiddenException"
    good = requests.get(url, headers={"x-api-key": key["value"]}, timeout=60)
    assert good.status_code == 200, good.text
    identity = good.json()["requestContext"]["identity"]
    assert identity["apiKey"] == key["value"]
    assert identity["apiKeyId"] == key["id"]


def test_usage_plan_throttle_and_quota_on_the_stack_clock(brume_factory):
    """Its own stack, since it moves the clock: a plan of one request per 100 s (burst 2) and 5 a day; the slow rate
    keeps real time between calls (a cold start) from refilling the bucket, so only the clock moves decide."""
    server = brume_factory()
    apigw = make_apigw_client(server.endpoint)
    lam = make_lambda_client(server.endpoint)
    function = unique_function("quota")
    lam.create_function(FunctionName=function, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(ECHO_EVENT)})
    api_id = apigw.create_rest_api(name=unique_api("quota"))["id"]
    resource = add_resource(apigw, api_id, "/metered")
    add_method(apigw, api_id, resource, "GET", apiKeyRequired=True,
               integration={"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(function)})
    deploy(apigw, api_id)
    plan = apigw.create_usage_plan(
        name="client-a", apiStages=[{"apiId": api_id, "stage": "prod"}],
        throttle={"rateLimit": 0.01, "burstLimit": 2}, quota={"limit": 5, "period": "DAY", "offset": 0})["id"]
    key = apigw.create_api_key(name="client-a", enabled=True)
    apigw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
    url = invoke_url(server.endpoint, api_id, "prod", "/metered")
    headers = {"x-api-key": key["value"]}

    def call():
        return requests.get(url, headers=headers, timeout=60)

    # Start well inside a UTC day, so the calls below share one quota period.
    now = stack_time(server.endpoint)
    if now % 86400 > 80000:
        advance_clock(server.endpoint, 86400 - now % 86400 + 60)

    statuses = [call().status_code for _ in range(3)]
    assert statuses == [200, 200, 429], statuses
    throttled = call()
    assert throttled.status_code == 429
    assert throttled.json() == {"message": "Too Many Requests"}
    assert throttled.headers["x-amzn-ErrorType"] == "TooManyRequestsException"

    advance_clock(server.endpoint, 200)
    assert [call().status_code for _ in range(2)] == [200, 200]
    advance_clock(server.endpoint, 100)
    assert call().status_code == 200  # the 5th counted call
    advance_clock(server.endpoint, 100)
    over = call()
    assert over.status_code == 429, over.text
    assert over.json() == {"message": "Limit Exceeded"}
    assert over.headers["x-amzn-ErrorType"] == "LimitExceededException"

    day = time.strftime("%Y-%m-%d", time.gmtime(stack_time(server.endpoint)))
    usage = apigw.get_usage(usagePlanId=plan, keyId=key["id"], startDate=day, endDate=day)
    assert usage["items"][key["id"]] == [[5, 0]], usage

    # The next day the quota starts over.
    advance_clock(server.endpoint, 86400)
    assert call().status_code == 200


def test_stage_method_settings_throttle(brume_factory):
    server = brume_factory()
    apigw = make_apigw_client(server.endpoint)
    api_id = apigw.create_rest_api(name=unique_api("stagethrottle"))["id"]
    mock_method(apigw, api_id, add_resource(apigw, api_id, "/limited"), "GET", '{"ok": true}')
    deploy(apigw, api_id)
    apigw.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "0.01"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "1"},
    ])
    url = invoke_url(server.endpoint, api_id, "prod", "/limited")
    assert [requests.get(url, timeout=30).status_code for _ in range(2)] == [200, 429]
    advance_clock(server.endpoint, 100)
    assert requests.get(url, timeout=30).status_code == 200
