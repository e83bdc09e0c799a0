"""API Gateway's REST API control plane through boto3 and the AWS CLI: the wire as AWS writes it
(201 on create, `item` lists, epoch timestamps, `{"message"}` errors with x-amzn-ErrorType),
resources, methods, integrations, deployments, stages, keys, usage plans and GetUsage."""

from __future__ import annotations

import json
import uuid

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import ACCESS_KEY, REGION, SECRET_KEY, cli_output


@pytest.fixture(scope="module")
def apigw(brume):
    return boto3.client(
        "apigateway", endpoint_url=brume.endpoint, region_name=REGION,
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"max_attempts": 1}),
    )


@pytest.fixture
def api(apigw):
    created = apigw.create_rest_api(name=f"api-{uuid.uuid4().hex[:8]}")
    yield created
    try:
        apigw.delete_rest_api(restApiId=created["id"])
    except ClientError:
        pass


def error(excinfo):
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"]["Message"]


def add_mock_method(apigw, api_id, resource_id, http_method="GET"):
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})


# --- REST APIs ---------------------------------------------------------------------------------

def test_create_rest_api_answers_201_with_root_resource(apigw, api):
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert len(api["id"]) == 10 and api["rootResourceId"]
    assert api["apiKeySource"] == "HEADER" and api["endpointConfiguration"]["types"] == ["EDGE"]
    assert api["createdDate"].year >= 2020
    resources = apigw.get_resources(restApiId=api["id"])["items"]
    assert [(r["id"], r["path"]) for r in resources] == [(api["rootResourceId"], "/")]
    models = sorted(m["name"] for m in apigw.get_models(restApiId=api["id"])["items"])
    assert models == ["Empty", "Error"]
    listed = [a["id"] for a in apigw.get_rest_apis(limit=500)["items"]]
    assert api["id"] in listed


def test_raw_wire_uses_item_and_epoch_seconds(brume, apigw, api):
    # Unsigned GETs reach the service by path; the body is AWS's wire, not boto3's view of it.
    raw = requests.get(f"{brume.endpoint}/restapis/{api['id']}", timeout=10).json()
    assert isinstance(raw["createdDate"], int)
    listing = requests.get(f"{brume.endpoint}/restapis/{api['id']}/resources", timeout=10).json()
    assert "item" in listing and listing["item"][0]["path"] == "/"
    missing = requests.get(f"{brume.endpoint}/restapis/nosuchapi0", timeout=10)
    assert missing.status_code == 404
    assert missing.headers["x-amzn-ErrorType"] == "NotFoundException"
    assert missing.json() == {"message": "Invalid API identifier specified 000000000000:nosuchapi0"}


def test_update_rest_api_with_patch_operations(apigw, api):
    updated = apigw.update_rest_api(restApiId=api["id"], patchOperations=[
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
        {"op": "add", "path": "/binaryMediaTypes/image~1png", "value": ""},
        {"op": "replace", "path": "/description", "value": "d"},
    ])
    assert updated["name"] == "renamed" and updated["apiKeySource"] == "AUTHORIZER"
    assert updated["binaryMediaTypes"] == ["image/png"] and updated["description"] == "d"
    removed = apigw.update_rest_api(restApiId=api["id"], patchOperations=[{"op": "remove", "path": "/binaryMediaTypes/image~1png"}])
    assert "binaryMediaTypes" not in removed
    with pytest.raises(ClientError) as excinfo:
        apigw.update_rest_api(restApiId=api["id"], patchOperations=[
            {"op": "replace", "path": "/name", "value": "would-change"},
            {"op": "replace", "path": "/nonsense", "value": "x"},
        ])
    assert error(excinfo)[0] == "BadRequestException"
    # Bad input changes nothing, not even the operations before the bad one.
    assert apigw.get_rest_api(restApiId=api["id"])["name"] == "renamed"


def test_unknown_api_is_not_found(apigw):
    with pytest.raises(ClientError) as excinfo:
        apigw.get_rest_api(restApiId="abcdefghij")
    assert error(excinfo) == ("NotFoundException", "Invalid API identifier specified 000000000000:abcdefghij")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_paging_with_limit_and_position(apigw):
    ids = [apigw.create_rest_api(name=f"page-{i}")["id"] for i in range(3)]
    try:
        seen, position = [], None
        while True:
            page = apigw.get_rest_apis(limit=1, **({"position": position} if position else {}))
            assert len(page["items"]) <= 1
            seen += [item["id"] for item in page["items"]]
            position = page.get("position")
            if not position:
                break
        assert set(ids) <= set(seen) and len(seen) == len(set(seen))
    finally:
        for api_id in ids:
            apigw.delete_rest_api(restApiId=api_id)


# --- Resources, methods, integrations ----------------------------------------------------------

def test_resources_methods_and_integrations(apigw, api):
    api_id, root = api["id"], api["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")
    assert pets["ResponseMetadata"]["HTTPStatusCode"] == 201 and pets["path"] == "/pets"
    pet = apigw.create_resource(restApiId=api_id, parentId=pets["id"], pathPart="{petId}")
    assert pet["path"] == "/pets/{petId}"
    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")
    assert error(excinfo) == ("ConflictException", "Another resource with the same parent already has this name: pets")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api_id, parentId=root, pathPart="bad path")
    assert error(excinfo)[0] == "BadRequestException"

    method = apigw.put_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", authorizationType="NONE",
                              apiKeyRequired=True, requestParameters={"method.request.path.petId": True})
    assert method["ResponseMetadata"]["HTTPStatusCode"] == 201 and method["apiKeyRequired"] is True
    with pytest.raises(ClientError) as excinfo:
        apigw.put_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", authorizationType="NONE")
    assert error(excinfo) == ("ConflictException", "Method already exists for this resource")

    integration = apigw.put_integration(
        restApiId=api_id, resourceId=pet["id"], httpMethod="GET", type="AWS_PROXY", integrationHttpMethod="POST",
        uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations",
    )
    assert integration["type"] == "AWS_PROXY" and integration["httpMethod"] == "POST"
    assert integration["timeoutInMillis"] == 29000 and integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    with pytest.raises(ClientError) as excinfo:
        apigw.put_integration(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", type="HTTP",
                              integrationHttpMethod="GET", uri="not-a-url")
    assert error(excinfo) == ("BadRequestException", "Invalid HTTP endpoint specified for URI")
    with pytest.raises(ClientError) as excinfo:
        apigw.put_integration(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", type="MOCK", timeoutInMillis=30000)
    assert error(excinfo) == ("BadRequestException", "Timeout should be between 50 ms and 29000 ms")
    # The failed puts left the integration as it was.
    assert apigw.get_integration(restApiId=api_id, resourceId=pet["id"], httpMethod="GET")["type"] == "AWS_PROXY"

    apigw.put_method_response(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", statusCode="200",
                              responseParameters={"method.response.header.X-Pet": False})
    apigw.put_integration_response(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", statusCode="200",
                                   selectionPattern="", responseTemplates={"application/json": "$input.body"})
    apigw.update_integration_response(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", statusCode="200",
                                      patchOperations=[{"op": "replace", "path": "/selectionPattern", "value": "2\\d{2}"}])
    got = apigw.get_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET")
    assert got["methodResponses"]["200"]["responseParameters"] == {"method.response.header.X-Pet": False}
    assert got["methodIntegration"]["integrationResponses"]["200"]["selectionPattern"] == "2\\d{2}"

    updated = apigw.update_method(restApiId=api_id, resourceId=pet["id"], httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/apiKeyRequired", "value": "false"},
        {"op": "add", "path": "/requestParameters/method.request.querystring.q", "value": "false"},
    ])
    assert updated["apiKeyRequired"] is False
    assert updated["requestParameters"] == {"method.request.path.petId": True, "method.request.querystring.q": False}

    plain = {r["path"]: r for r in apigw.get_resources(restApiId=api_id)["items"]}
    assert plain["/pets/{petId}"]["resourceMethods"] == {"GET": {}}
    embedded = {r["path"]: r for r in apigw.get_resources(restApiId=api_id, embed=["methods"])["items"]}
    assert embedded["/pets/{petId}"]["resourceMethods"]["GET"]["methodIntegration"]["type"] == "AWS_PROXY"

    renamed = apigw.update_resource(restApiId=api_id, resourceId=pets["id"],
                                    patchOperations=[{"op": "replace", "path": "/pathPart", "value": "animals"}])
    assert renamed["path"] == "/animals"
    assert apigw.get_resource(restApiId=api_id, resourceId=pet["id"])["path"] == "/animals/{petId}"

    apigw.delete_resource(restApiId=api_id, resourceId=pets["id"])
    with pytest.raises(ClientError) as excinfo:
        apigw.get_resource(restApiId=api_id, resourceId=pet["id"])
    assert error(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


# --- Deployments and stages --------------------------------------------------------------------

def test_deployment_needs_methods_and_creates_stage(apigw, api):
    api_id, root = api["id"], api["rootResourceId"]
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert error(excinfo) == ("BadRequestException", "The REST API doesn't contain any methods")
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert error(excinfo) == ("BadRequestException", "No integration defined for method")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")

    deployment = apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"alias": "live"}, description="first")
    assert deployment["ResponseMetadata"]["HTTPStatusCode"] == 201 and deployment["description"] == "first"
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert stage["deploymentId"] == deployment["id"] and stage["variables"] == {"alias": "live"}

    stage = apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "50"},
        {"op": "replace", "path": "/~1/GET/throttling/rateLimit", "value": "7"},
        {"op": "replace", "path": "/variables/color", "value": "blue"},
        {"op": "remove", "path": "/variables/alias"},
    ])
    assert stage["methodSettings"]["*/*"]["throttlingRateLimit"] == 100.0
    assert stage["methodSettings"]["*/*"]["throttlingBurstLimit"] == 50
    assert stage["methodSettings"]["/GET"]["throttlingRateLimit"] == 7.0
    assert stage["variables"] == {"color": "blue"}

    with pytest.raises(ClientError) as excinfo:
        apigw.create_stage(restApiId=api_id, stageName="dev", deploymentId=deployment["id"])
    assert error(excinfo) == ("ConflictException", "Stage already exists")
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_deployment(restApiId=api_id, deploymentId=deployment["id"])
    assert error(excinfo)[0] == "BadRequestException"

    second = apigw.create_deployment(restApiId=api_id)
    prod = apigw.create_stage(restApiId=api_id, stageName="prod", deploymentId=second["id"])
    assert prod["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert sorted(s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]) == ["dev", "prod"]
    assert {d["id"] for d in apigw.get_deployments(restApiId=api_id)["items"]} == {deployment["id"], second["id"]}
    apigw.delete_stage(restApiId=api_id, stageName="prod")
    apigw.delete_deployment(restApiId=api_id, deploymentId=second["id"])
    with pytest.raises(ClientError) as excinfo:
        apigw.get_stage(restApiId=api_id, stageName="prod")
    assert error(excinfo)[0] == "NotFoundException"


# --- API keys, usage plans, usage --------------------------------------------------------------

def test_api_keys(apigw):
    key = apigw.create_api_key(name=f"client-{uuid.uuid4().hex[:6]}", customerId="acme")
    try:
        assert key["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert key["enabled"] is False and len(key["value"]) >= 20
        assert "value" not in apigw.get_api_key(apiKey=key["id"])
        assert apigw.get_api_key(apiKey=key["id"], includeValue=True)["value"] == key["value"]
        listed = apigw.get_api_keys(nameQuery=key["name"], includeValues=True)["items"]
        assert [(k["id"], k["value"]) for k in listed] == [(key["id"], key["value"])]
        assert [k["id"] for k in apigw.get_api_keys(customerId="acme", limit=500)["items"]].count(key["id"]) == 1
        assert "value" not in apigw.get_api_keys(nameQuery=key["name"])["items"][0]
        enabled = apigw.update_api_key(apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/enabled", "value": "true"}])
        assert enabled["enabled"] is True
    finally:
        apigw.delete_api_key(apiKey=key["id"])
    for value, message in [("short", "API Key value should be at least 20 characters"),
                           ("x" * 129, "API Key value exceeds maximum size of 128 characters")]:
        with pytest.raises(ClientError) as excinfo:
            apigw.create_api_key(name="bad", value=value)
        assert error(excinfo) == ("BadRequestException", message)


def test_import_api_keys_from_csv(apigw):
    plan = apigw.create_usage_plan(name="imported")
    value = "imp" + uuid.uuid4().hex
    body = f"Name,key,description,Enabled,usageplanIds\nimported-key,{value},An imported key,TRUE,{plan['id']}\n"
    imported = apigw.import_api_keys(body=body.encode(), format="csv")
    try:
        assert imported["ResponseMetadata"]["HTTPStatusCode"] == 201 and len(imported["ids"]) == 1
        key = apigw.get_api_key(apiKey=imported["ids"][0], includeValue=True)
        assert key["value"] == value and key["enabled"] is True and key["description"] == "An imported key"
        assert [k["id"] for k in apigw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]] == imported["ids"]
        with pytest.raises(ClientError) as excinfo:
            apigw.import_api_keys(body=b"Name,key\nx,tooshort\n", format="csv")
        assert error(excinfo)[0] == "BadRequestException"
    finally:
        for key_id in imported["ids"]:
            apigw.delete_api_key(apiKey=key_id)
        apigw.delete_usage_plan(usagePlanId=plan["id"])


def deployed_api(apigw, api):
    api_id, root = api["id"], api["rootResourceId"]
    add_mock_method(apigw, api_id, root)
    apigw.create_deployment(restApiId=api_id, stageName="prod")
    return api_id


def test_usage_plans_keys_and_usage(apigw, api):
    api_id = deployed_api(apigw, api)
    plan = apigw.create_usage_plan(
        name="gold", apiStages=[{"apiId": api_id, "stage": "prod", "throttle": {"/GET": {"rateLimit": 5, "burstLimit": 2}}}],
        throttle={"rateLimit": 10, "burstLimit": 20}, quota={"limit": 1000, "period": "DAY"},
    )
    key = apigw.create_api_key(name="gold-client", enabled=True)
    try:
        assert plan["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert plan["apiStages"][0]["throttle"]["/GET"] == {"rateLimit": 5.0, "burstLimit": 2}
        plan_key = apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        assert plan_key["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert plan_key["id"] == key["id"] and plan_key["type"] == "API_KEY" and plan_key["value"] == key["value"]
        with pytest.raises(ClientError) as excinfo:
            apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        assert error(excinfo)[0] == "ConflictException"
        assert [p["id"] for p in apigw.get_usage_plans(keyId=key["id"])["items"]] == [plan["id"]]

        updated = apigw.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
            {"op": "replace", "path": "/quota/limit", "value": "500"},
            {"op": "replace", "path": "/throttle/rateLimit", "value": "3"},
            {"op": "replace", "path": f"/apiStages/{api_id}:prod/throttle/~1/GET/rateLimit", "value": "4"},
        ])
        assert updated["quota"]["limit"] == 500 and updated["throttle"]["rateLimit"] == 3.0
        assert updated["apiStages"][0]["throttle"]["/GET"]["rateLimit"] == 4.0

        usage = apigw.get_usage(usagePlanId=plan["id"], startDate="2026-01-01", endDate="2026-01-03")
        assert usage["usagePlanId"] == plan["id"] and usage["startDate"] == "2026-01-01"
        assert usage["items"] == {key["id"]: [[0, 500], [0, 500], [0, 500]]}

        apigw.delete_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"])
        assert apigw.get_usage_plan_keys(usagePlanId=plan["id"])["items"] == []
    finally:
        apigw.delete_api_key(apiKey=key["id"])
        apigw.delete_usage_plan(usagePlanId=plan["id"])
    with pytest.raises(ClientError) as excinfo:
        apigw.create_usage_plan(name="bad", apiStages=[{"apiId": api_id, "stage": "nostage"}])
    assert error(excinfo)[0] == "NotFoundException"


def test_get_usage_wire_key_is_values(brume, apigw):
    plan = apigw.create_usage_plan(name="raw")
    try:
        raw = requests.get(f"{brume.endpoint}/usageplans/{plan['id']}/usage?startDate=2026-01-01&endDate=2026-01-01", timeout=10).json()
        assert raw == {"usagePlanId": plan["id"], "startDate": "2026-01-01", "endDate": "2026-01-01", "values": {}}
    finally:
        apigw.delete_usage_plan(usagePlanId=plan["id"])


# --- Authorizers, validators, models, gateway responses, tags ----------------------------------

LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations"


def test_authorizers_and_cognito_refusal(apigw, api):
    api_id = api["id"]
    token = apigw.create_authorizer(restApiId=api_id, name="tok", type="TOKEN", authorizerUri=LAMBDA_URI,
                                    identitySource="method.request.header.Authorization")
    assert token["ResponseMetadata"]["HTTPStatusCode"] == 201 and token["authorizerResultTtlInSeconds"] == 300
    request = apigw.create_authorizer(restApiId=api_id, name="req", type="REQUEST", authorizerUri=LAMBDA_URI,
                                      identitySource="method.request.header.X-User,method.request.querystring.token",
                                      authorizerResultTtlInSeconds=0)
    assert request["type"] == "REQUEST"
    with pytest.raises(ClientError) as excinfo:
        apigw.create_authorizer(restApiId=api_id, name="cog", type="COGNITO_USER_POOLS",
                                providerARNs=["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x"],
                                identitySource="method.request.header.Authorization")
    code, message = error(excinfo)
    assert code == "BadRequestException" and "COGNITO_USER_POOLS" in message and "Cognito" in message
    apigw.put_method(restApiId=api_id, resourceId=api["rootResourceId"], httpMethod="GET",
                     authorizationType="CUSTOM", authorizerId=token["id"])
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_authorizer(restApiId=api_id, authorizerId=token["id"])
    assert error(excinfo)[0] == "ConflictException"
    updated = apigw.update_authorizer(restApiId=api_id, authorizerId=request["id"],
                                      patchOperations=[{"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "60"}])
    assert updated["authorizerResultTtlInSeconds"] == 60
    assert {a["id"] for a in apigw.get_authorizers(restApiId=api_id)["items"]} == {token["id"], request["id"]}


def test_validators_models_gateway_responses(apigw, api):
    api_id = api["id"]
    validator = apigw.create_request_validator(restApiId=api_id, name="body", validateRequestBody=True)
    assert validator["validateRequestBody"] is True and validator["validateRequestParameters"] is False
    model = apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json",
                               schema=json.dumps({"type": "object", "required": ["name"]}))
    assert model["ResponseMetadata"]["HTTPStatusCode"] == 201
    with pytest.raises(ClientError) as excinfo:
        apigw.create_model(restApiId=api_id, name="Broken", contentType="application/json", schema="{not json")
    assert error(excinfo)[0] == "BadRequestException"
    assert apigw.get_model(restApiId=api_id, modelName="Pet")["schema"] == model["schema"]

    responses = {r["responseType"]: r for r in apigw.get_gateway_responses(restApiId=api_id, limit=500)["items"]}
    assert responses["UNAUTHORIZED"]["statusCode"] == "401" and responses["UNAUTHORIZED"]["defaultResponse"] is True
    assert "statusCode" not in responses["DEFAULT_4XX"] and len(responses) == 21
    put = apigw.put_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX",
                                     responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"})
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 201 and put["defaultResponse"] is False
    got = apigw.get_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")
    assert got["responseParameters"] == {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}
    apigw.delete_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")
    assert apigw.get_gateway_response(restApiId=api_id, responseType="DEFAULT_4XX")["defaultResponse"] is True


def test_tags_on_arns(apigw, api):
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api['id']}"
    apigw.tag_resource(resourceArn=arn, tags={"team": "edge", "env": "test"})
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "edge", "env": "test"}
    apigw.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "edge"}
    assert apigw.get_rest_api(restApiId=api["id"])["tags"] == {"team": "edge"}


def test_unimplemented_operation_names_itself(apigw):
    with pytest.raises(ClientError) as excinfo:
        apigw.get_account()
    code, message = error(excinfo)
    assert code == "UnknownOperationException" and "GetAccount" in message


# --- AWS CLI -----------------------------------------------------------------------------------

def test_aws_cli_round_trip(aws):
    created = cli_output(aws("apigateway", "create-rest-api", "--name", "cli-api"))
    api_id = created["id"]
    try:
        resource = cli_output(aws("apigateway", "create-resource", "--rest-api-id", api_id,
                                  "--parent-id", created["rootResourceId"], "--path-part", "hello"))
        aws("apigateway", "put-method", "--rest-api-id", api_id, "--resource-id", resource["id"],
            "--http-method", "GET", "--authorization-type", "NONE", "--api-key-required")
        aws("apigateway", "put-integration", "--rest-api-id", api_id, "--resource-id", resource["id"],
            "--http-method", "GET", "--type", "MOCK", "--request-templates", '{"application/json": "{\\"statusCode\\": 200}"}')
        deployment = cli_output(aws("apigateway", "create-deployment", "--rest-api-id", api_id, "--stage-name", "v1"))
        stage = cli_output(aws("apigateway", "get-stage", "--rest-api-id", api_id, "--stage-name", "v1"))
        assert stage["deploymentId"] == deployment["id"]
        key = cli_output(aws("apigateway", "create-api-key", "--name", "cli-key", "--enabled"))
        assert key["enabled"] is True
        plan = cli_output(aws("apigateway", "create-usage-plan", "--name", "cli-plan",
                              "--api-stages", f"apiId={api_id},stage=v1", "--throttle", "burstLimit=5,rateLimit=2",
                              "--quota", "limit=100,period=MONTH"))
        aws("apigateway", "create-usage-plan-key", "--usage-plan-id", plan["id"], "--key-id", key["id"], "--key-type", "API_KEY")
        usage = cli_output(aws("apigateway", "get-usage", "--usage-plan-id", plan["id"],
                               "--start-date", "2026-03-01", "--end-date", "2026-03-02"))
        assert usage["items"] == {key["id"]: [[0, 100], [0, 100]]}
        failed = aws("apigateway", "get-rest-api", "--rest-api-id", "nosuchapi1", check=False)
        assert failed.returncode != 0 and "NotFoundException" in failed.stderr
        aws("apigateway", "delete-usage-plan", "--usage-plan-id", plan["id"])
        aws("apigateway", "delete-api-key", "--api-key", key["id"])
    finally:
        aws("apigateway", "delete-rest-api", "--rest-api-id", api_id, check=False)
