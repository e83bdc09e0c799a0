"""API Gateway data plane: Lambda authorizers (TOKEN and REQUEST: allow, explicit deny, a policy
cached across a {proxy+} resource, Unauthorized, a broken authorizer, identity validation without a
call), `AWS_IAM` methods verifying SigV4, and request validators."""

from __future__ import annotations

import json

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from apigwhelpers import apigw, rest_api  # noqa: F401 (fixtures)
from apigwhelpers import REGION, add_method, add_resource, deploy, invoke_url, lambda_uri

ECHO_EVENT = """
import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}
"""

# Decides by token; counts its own calls so the tests can see the cache.
AUTHORIZER = """
CALLS = 0
def handler(event, context):
    global CALLS
    CALLS += 1
    token = event.get("authorizationToken") or event.get("headers", {}).get("X-Token", "")
    arn = event["methodArn"]
    api_root = arn.split("/")[0]
    if token == "unauthorized":
        raise Exception("Unauthorized")
    if token == "broken":
        return {"nonsense": True}
    effect = "Deny" if token == "deny" else "Allow"
    return {
        "principalId": "user-" + token,
        "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": effect, "Resource": api_root + "/*/*/open/*"}]},
        "context": {"calls": CALLS, "tier": "gold", "admin": False},
    }
"""



def authorized_api(apigw, rest_api, make_function, kind="TOKEN", **authorizer_kwargs):
    echo = make_function(ECHO_EVENT)
    authorizer_fn = make_function(AUTHORIZER, prefix="authz")
    api_id = rest_api("authz")
    identity = "method.request.header.Authorization" if kind == "TOKEN" else "method.request.header.X-Token"
    authorizer = apigw.create_authorizer(
        restApiId=api_id, name="decider", type=kind, authorizerUri=lambda_uri(authorizer_fn), identitySource=identity,
        **authorizer_kwargs)["id"]
    for path in ["/open/{proxy+}", "/closed"]:
        add_method(apigw, api_id, add_resource(apigw, api_id, path), "ANY", authorization="CUSTOM", authorizerId=authorizer,
                   integration={"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(echo)})
    deploy(apigw, api_id)
    return api_id


def test_token_authorizer_allow_deny_and_cache_across_proxy(brume, apigw, rest_api, make_function):
    api_id = authorized_api(apigw, rest_api, make_function)
    url = lambda path: invoke_url(brume.endpoint, api_id, "prod", path)

    first = requests.get(url("/open/a"), headers={"Authorization": "alice"}, timeout=60)
    assert first.status_code == 200, first.text
    authorizer = first.json()["requestContext"]["authorizer"]
    assert authorizer["principalId"] == "user-alice"
    assert authorizer["tier"] == "gold"
    calls = authorizer["calls"]
    # Another path under the same {proxy+}: the cached policy decides, the function is not called again.
    second = requests.get(url("/open/b/c"), headers={"Authorization": "alice"}, timeout=60)
    assert second.status_code == 200, second.text
    assert second.json()["requestContext"]["authorizer"]["calls"] == calls
    # The cached policy does not cover /closed: evaluated again against that method ARN, it denies.
    closed = requests.get(url("/closed"), headers={"Authorization": "alice"}, timeout=60)
    assert closed.status_code == 403, closed.text
    assert closed.json() == {"Message": "User is not authorized to access this resource"}
    assert closed.headers["x-amzn-ErrorType"] == "AccessDeniedException"

    deny = requests.get(url("/open/a"), headers={"Authorization": "deny"}, timeout=60)
    assert deny.status_code == 403
    assert deny.json() == {"Message": "User is not authorized to access this resource with an explicit deny"}


def test_token_authorizer_unauthorized_missing_and_broken(brume, apigw, rest_api, make_function):
    api_id = authorized_api(apigw, rest_api, make_function, identityValidationExpression="^[a-z]+$",
                            authorizerResultTtlInSeconds=0)
    url = invoke_url(brume.endpoint, api_id, "prod", "/open/x")
    for headers in [{}, {"Authorization": "UPPER-fails-validation"}, {"Authorization": "unauthorized"}]:
        response = requests.get(url, headers=headers, timeout=60)
        assert response.status_code == 401, (headers, response.text)
        assert response.json() == {"message": "Unauthorized"}
        assert response.headers["x-amzn-ErrorType"] == "UnauthorizedException"
    broken = requests.get(url, headers={"Authorization": "broken"}, timeout=60)
    assert broken.status_code == 500, broken.text
    assert broken.json() == {"message": None}


def test_request_authorizer(brume, apigw, rest_api, make_function):
    api_id = authorized_api(apigw, rest_api, make_function, kind="REQUEST")
    url = invoke_url(brume.endpoint, api_id, "prod", "/open/thing")
    assert requests.get(url, timeout=60).status_code == 401
    allowed = requests.get(url, headers={"X-Token": "bob"}, timeout=60)
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["requestContext"]["authorizer"]["principalId"] == "user-bob"
    assert requests.get(url, headers={"X-Token": "deny"}, timeout=60).status_code == 403


def test_gateway_responses_restyle_failures(brume, apigw, rest_api, make_function):
    api_id = authorized_api(apigw, rest_api, make_function)
    apigw.put_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX",
                               responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                               responseTemplates={"application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType"}'})
    deploy(apigw, api_id)
    response = requests.get(invoke_url(brume.endpoint, api_id, "prod", "/open/x"), timeout=60)
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"error": "Unauthorized", "type": "UNAUTHORIZED"}


def test_aws_iam_method_verifies_sigv4(brume, apigw, rest_api, make_function):
    echo = make_function(ECHO_EVENT)
    api_id = rest_api("iam")
    add_method(apigw, api_id, add_resource(apigw, api_id, "/signed"), "GET", authorization="AWS_IAM",
               integration={"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(echo)})
    deploy(apigw, api_id)
    url = invoke_url(brume.endpoint, api_id, "prod", "/signed")
    unsigned = requests.get(url, timeout=60)
    assert unsigned.status_code == 403
    assert unsigned.json() == {"message": "Missing Authentication Token"}

    def signed(secret):
        request = AWSRequest(method="GET", url=url)
        SigV4Auth(Credentials("test", secret), "execute-api", REGION).add_auth(request)
        return requests.get(url, headers=dict(request.headers), timeout=60)

    good = signed("test")
    assert good.status_code == 200, good.text
    assert good.json()["requestContext"]["identity"]["accessKey"] == "test"
    bad = signed("wrong-secret")
    assert bad.status_code == 403
    assert bad.headers["x-amzn-ErrorType"] == "InvalidSignatureException"


def test_request_validators(brume, apigw, rest_api):
    api_id = rest_api("validate")
    apigw.create_model(restApiId=api_id, name="Item", contentType="application/json", schema=json.dumps({
        "$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1}, "price": {"type": "number", "minimum": 0}}}))
    apigw.create_model(restApiId=api_id, name="Order", contentType="application/json", schema=json.dumps({
        "type": "object", "required": ["item"],
        "properties": {"item": {"$ref": f"https://apigateway.amazonaws.com/restapis/{api_id}/models/Item"}}}))
    validator = apigw.create_request_validator(restApiId=api_id, name="all", validateRequestBody=True,
                                               validateRequestParameters=True)["id"]
    resource = add_resource(apigw, api_id, "/orders")
    add_method(apigw, api_id, resource, "POST", integration={"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}},
               requestValidatorId=validator, requestParameters={"method.request.querystring.source": True},
               requestModels={"application/json": "Order"})
    apigw.put_method_response(restApiId=api_id, resourceId=resource, httpMethod="POST", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=resource, httpMethod="POST", statusCode="200",
                                   selectionPattern="", responseTemplates={"application/json": '{"accepted": true}'})
    deploy(apigw, api_id)
    url = invoke_url(brume.endpoint, api_id, "prod", "/orders")
    headers = {"Content-Type": "application/json"}

    missing = requests.post(url, data=json.dumps({"item": {"name": "x"}}), headers=headers, timeout=30)
    assert missing.status_code == 400
    assert missing.json() == {"message": "Missing required request parameters: [source]"}
    bad = requests.post(url + "?source=web", data=json.dumps({"item": {"price": -1}}), headers=headers, timeout=30)
    assert bad.status_code == 400, bad.text
    assert bad.json() == {"message": "Invalid request body"}
    assert bad.headers["x-amzn-ErrorType"] == "BadRequestException"
    good = requests.post(url + "?source=web", data=json.dumps({"item": {"name": "x", "price": 2}}), headers=headers, timeout=30)
    assert good.status_code == 200, good.text
    assert good.json() == {"accepted": True}


def test_strict_stack_after_moving_the_clock(brume_factory):
    """With auth: strict and the stack clock a day ahead, unsigned invoke calls still reach the gateway, and its own
    signed call to Lambda is not refused as skewed (it signs with real time, as the edge checks)."""
    from apigwhelpers import advance_clock, make_apigw_client
    from lambdahelpers import PY, ROLE, make_lambda_client, py_zip, unique_function
    server = brume_factory(auth="strict")
    apigw, lam = make_apigw_client(server.endpoint), make_lambda_client(server.endpoint)
    function = unique_function("strict")
    lam.create_function(FunctionName=function, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(ECHO_EVENT)})
    api_id = apigw.create_rest_api(name="strict")["id"]
    add_method(apigw, api_id, add_resource(apigw, api_id, "/call"), "GET",
               integration={"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": lambda_uri(function)})
    deploy(apigw, api_id)
    advance_clock(server.endpoint, 86400)
    response = requests.get(invoke_url(server.endpoint, api_id, "prod", "/call"), headers={"Authorization": "Bearer token"},
                            timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["headers"]["Authorization"] == "Bearer token"
