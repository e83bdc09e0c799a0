"""ImportRestApi and PutRestApi through boto3 and the AWS CLI: OpenAPI 3.0 (JSON) and Swagger 2.0
(YAML) with the x-amazon-apigateway-* extensions, merge and overwrite, and bad documents."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import ACCESS_KEY, REGION, SECRET_KEY, cli_output

LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:000000000000:function:{name}/invocations")

OPENAPI = {
    "openapi": "3.0.1",
    "info": {"title": "pets", "version": "1.0", "description": "pet store"},
    "x-amazon-apigateway-api-key-source": "HEADER",
    "x-amazon-apigateway-binary-media-types": ["image/png"],
    "x-amazon-apigateway-request-validators": {
        "all": {"validateRequestBody": True, "validateRequestParameters": True},
        "params": {"validateRequestBody": False, "validateRequestParameters": True},
    },
    "x-amazon-apigateway-request-validator": "params",
    "x-amazon-apigateway-gateway-responses": {
        "UNAUTHORIZED": {"statusCode": 401, "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
                         "responseTemplates": {"application/json": '{"message": $context.error.messageString}'}},
    },
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "parameters": [{"name": "limit", "in": "query", "required": False, "schema": {"type": "integer"}}],
                "security": [{"api_key": []}],
                "responses": {"200": {"description": "ok", "headers": {"X-Next": {"schema": {"type": "string"}}},
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pets"}}}}},
                "x-amazon-apigateway-integration": {
                    "type": "aws_proxy", "httpMethod": "POST", "uri": LAMBDA_URI.format(name="pets"),
                },
            },
            "post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "security": [{"tokenauth": []}],
                "x-amazon-apigateway-request-validator": "all",
                "responses": {"201": {"description": "created"}},
                "x-amazon-apigateway-integration": {
                    "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 201}'},
                    "passthroughBehavior": "when_no_templates",
                    "responses": {"default": {"statusCode": "201", "responseTemplates": {"application/json": '{"ok": true}'}},
                                  "4\\d{2}": {"statusCode": "400"}},
                },
            },
        },
        "/pets/{petId}": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "x-amazon-apigateway-any-method": {
                "responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "http://example.com/pets/{petId}",
                                                    "requestParameters": {"integration.request.path.petId": "method.request.path.petId"}},
            },
        },
    },
    "components": {
        "schemas": {
            "Pet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            "Pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
        },
        "securitySchemes": {
            "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
            "tokenauth": {
                "type": "apiKey", "name": "Authorization", "in": "header",
                "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": LAMBDA_URI.format(name="auth"),
                                                   "authorizerResultTtlInSeconds": 60},
            },
        },
    },
}

SWAGGER_YAML = """
swagger: "2.0"
info:
  title: orders
  version: "2"
basePath: /v1
consumes: [application/json]
produces: [application/json]
paths:
  /orders:
    post:
      parameters:
        - in: body
          name: order
          required: true
          schema:
            $ref: "#/definitions/Order"
        - in: header
          name: X-Client
          required: true
          type: string
      responses:
        "200":
          description: ok
          schema:
            $ref: "#/definitions/Order"
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders
        requestParameters:
          integration.request.header.Content-Type: "'application/x-www-form-urlencoded'"
        requestTemplates:
          application/json: Action=SendMessage&MessageBody=$input.body
        responses:
          default:
            statusCode: "200"
definitions:
  Order:
    type: object
    properties:
      id:
        type: string
"""


@pytest.fixture(scope="module")
def apigw(brume):
    return boto3.client("apigateway", endpoint_url=brume.endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        config=Config(retries={"max_attempts": 1}))


def methods_by_path(apigw, api_id):
    return {r["path"]: r.get("resourceMethods", {}) for r in apigw.get_resources(restApiId=api_id, embed=["methods"], limit=500)["items"]}


def test_import_openapi3_with_extensions(apigw):
    api = apigw.import_rest_api(body=json.dumps(OPENAPI).encode())
    try:
        assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert api["name"] == "pets" and api["version"] == "1.0" and api["description"] == "pet store"
        assert api["binaryMediaTypes"] == ["image/png"] and api["apiKeySource"] == "HEADER"
        paths = methods_by_path(apigw, api["id"])
        assert set(paths) == {"/", "/pets", "/pets/{petId}"}

        get = paths["/pets"]["GET"]
        assert get["apiKeyRequired"] is True and get["authorizationType"] == "NONE" and get["operationName"] == "listPets"
        assert get["requestParameters"] == {"method.request.querystring.limit": False}
        assert get["methodResponses"]["200"]["responseParameters"] == {"method.response.header.X-Next": False}
        assert get["methodResponses"]["200"]["responseModels"] == {"application/json": "Pets"}
        assert get["methodIntegration"]["type"] == "AWS_PROXY" and get["methodIntegration"]["httpMethod"] == "POST"

        validators = {v["name"]: v for v in apigw.get_request_validators(restApiId=api["id"])["items"]}
        authorizers = {a["name"]: a for a in apigw.get_authorizers(restApiId=api["id"])["items"]}
        assert get["requestValidatorId"] == validators["params"]["id"]

        post = paths["/pets"]["POST"]
        assert post["authorizationType"] == "CUSTOM" and post["authorizerId"] == authorizers["tokenauth"]["id"]
        assert authorizers["tokenauth"]["type"] == "TOKEN"
        assert authorizers["tokenauth"]["identitySource"] == "method.request.header.Authorization"
        assert authorizers["tokenauth"]["authorizerResultTtlInSeconds"] == 60
        assert post["requestValidatorId"] == validators["all"]["id"] and validators["all"]["validateRequestBody"] is True
        assert post["requestModels"] == {"application/json": "Pet"}
        integration = post["methodIntegration"]
        assert integration["type"] == "MOCK" and integration["passthroughBehavior"] == "WHEN_NO_TEMPLATES"
        assert integration["integrationResponses"]["201"].get("selectionPattern") is None
        assert integration["integrationResponses"]["400"]["selectionPattern"] == "4\\d{2}"

        anything = paths["/pets/{petId}"]["ANY"]
        assert anything["requestParameters"] == {"method.request.path.petId": True}
        assert anything["methodIntegration"]["type"] == "HTTP_PROXY"
        assert anything["methodIntegration"]["requestParameters"] == {"integration.request.path.petId": "method.request.path.petId"}

        models = {m["name"]: m for m in apigw.get_models(restApiId=api["id"])["items"]}
        assert json.loads(models["Pet"]["schema"])["required"] == ["name"]
        unauthorized = apigw.get_gateway_response(restApiId=api["id"], responseType="UNAUTHORIZED")
        assert unauthorized["defaultResponse"] is False and unauthorized["statusCode"] == "401"
        assert unauthorized["responseParameters"] == {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}

        # The imported API deploys as it is.
        deployment = apigw.create_deployment(restApiId=api["id"], stageName="prod")
        assert apigw.get_stage(restApiId=api["id"], stageName="prod")["deploymentId"] == deployment["id"]
    finally:
        apigw.delete_rest_api(restApiId=api["id"])


def test_import_swagger2_yaml(apigw):
    api = apigw.import_rest_api(body=SWAGGER_YAML.encode())
    try:
        assert api["name"] == "orders"
        post = methods_by_path(apigw, api["id"])["/orders"]["POST"]
        assert post["requestParameters"] == {"method.request.header.X-Client": True}
        assert post["requestModels"] == {"application/json": "Order"}
        assert post["methodResponses"]["200"]["responseModels"] == {"application/json": "Order"}
        integration = post["methodIntegration"]
        assert integration["type"] == "AWS" and integration["uri"].endswith(":sqs:path/000000000000/orders")
        assert integration["requestTemplates"] == {"application/json": "Action=SendMessage&MessageBody=$input.body"}
        assert integration["integrationResponses"]["200"]["statusCode"] == "200"
    finally:
        apigw.delete_rest_api(restApiId=api["id"])


def test_put_rest_api_merge_and_overwrite(apigw):
    api = apigw.import_rest_api(body=json.dumps(OPENAPI).encode())
    try:
        extra = {"openapi": "3.0.1", "info": {"title": "pets", "version": "1.1"},
                 "paths": {"/health": {"get": {"responses": {"200": {"description": "ok"}},
                                               "x-amazon-apigateway-integration": {"type": "mock",
                                                   "requestTemplates": {"application/json": '{"statusCode": 200}'}}}}}}
        merged = apigw.put_rest_api(restApiId=api["id"], mode="merge", body=json.dumps(extra).encode())
        assert merged["version"] == "1.1"
        assert set(methods_by_path(apigw, api["id"])) == {"/", "/pets", "/pets/{petId}", "/health"}

        apigw.put_rest_api(restApiId=api["id"], mode="overwrite", body=json.dumps(extra).encode())
        paths = methods_by_path(apigw, api["id"])
        assert set(paths) == {"/", "/health"} and set(paths["/health"]) == {"GET"}
        assert apigw.get_authorizers(restApiId=api["id"])["items"] == []

        with pytest.raises(ClientError) as excinfo:
            apigw.put_rest_api(restApiId=api["id"], mode="replace", body=json.dumps(extra).encode())
        assert excinfo.value.response["Error"]["Code"] == "BadRequestException"
    finally:
        apigw.delete_rest_api(restApiId=api["id"])


@pytest.mark.parametrize("body", [
    b"not a document: [",
    b'{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}',
    b'{"swagger": "1.2"}',
    b'{"openapi": "3.0.1", "info": {"title": "x"}, "paths": {"/a b": {"get": {"responses": {}}}}}',
    json.dumps({"openapi": "3.0.1", "info": {"title": "x"}, "paths": {"/a": {"get": {"responses": {},
        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "ftp://nowhere"}}}}}).encode(),
])
def test_bad_documents_are_bad_requests_and_create_nothing(apigw, body):
    before = {a["id"] for a in apigw.get_rest_apis(limit=500)["items"]}
    with pytest.raises(ClientError) as excinfo:
        apigw.import_rest_api(body=body)
    assert excinfo.value.response["Error"]["Code"] == "BadRequestException"
    assert {a["id"] for a in apigw.get_rest_apis(limit=500)["items"]} == before


def test_fail_on_warnings(apigw):
    document = {"openapi": "3.0.1", "info": {"title": "warned"},
                "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}}
    with pytest.raises(ClientError) as excinfo:
        apigw.import_rest_api(body=json.dumps(document).encode(), failOnWarnings=True)
    assert "No integration defined" in excinfo.value.response["Error"]["Message"]
    api = apigw.import_rest_api(body=json.dumps(document).encode())
    try:
        assert any("No integration defined" in w for w in api["warnings"])
    finally:
        apigw.delete_rest_api(restApiId=api["id"])


def test_aws_cli_import(aws, tmp_path):
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(OPENAPI))
    api = cli_output(aws("apigateway", "import-rest-api", "--body", f"fileb://{spec}"))
    try:
        assert api["name"] == "pets"
        resources = cli_output(aws("apigateway", "get-resources", "--rest-api-id", api["id"]))["items"]
        assert {r["path"] for r in resources} == {"/", "/pets", "/pets/{petId}"}
    finally:
        aws("apigateway", "delete-rest-api", "--rest-api-id", api["id"], check=False)


def test_export_round_trips_through_import(apigw):
    api = apigw.import_rest_api(body=json.dumps(OPENAPI).encode())
    copies = []
    try:
        apigw.create_deployment(restApiId=api["id"], stageName="prod")
        for export_type in ("oas30", "swagger"):
            exported = apigw.get_export(restApiId=api["id"], stageName="prod", exportType=export_type,
                                        parameters={"extensions": "integrations"}, accepts="application/json")
            document = json.loads(exported["body"].read())
            assert ("openapi" if export_type == "oas30" else "swagger") in document
            assert set(document["paths"]) == {"/pets", "/pets/{petId}"}
            assert document["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["type"] == "aws_proxy"
            copy = apigw.import_rest_api(body=json.dumps(document).encode())
            copies.append(copy["id"])
            assert methods_by_path(apigw, copy["id"]).keys() == methods_by_path(apigw, api["id"]).keys()
            post = methods_by_path(apigw, copy["id"])["/pets"]["POST"]
            assert post["authorizationType"] == "CUSTOM" and post["methodIntegration"]["type"] == "MOCK"
            assert methods_by_path(apigw, copy["id"])["/pets"]["GET"]["apiKeyRequired"] is True
        plain = json.loads(apigw.get_export(restApiId=api["id"], stageName="prod", exportType="oas30")["body"].read())
        assert "x-amazon-apigateway-integration" not in plain["paths"]["/pets"]["get"]
        yaml_export = apigw.get_export(restApiId=api["id"], stageName="prod", exportType="oas30", accepts="application/yaml")
        assert yaml_export["body"].read().decode().lstrip().startswith(("openapi", "info", "paths", "components", "servers"))
        with pytest.raises(ClientError) as excinfo:
            apigw.get_export(restApiId=api["id"], stageName="prod", exportType="raml")
        assert excinfo.value.response["Error"]["Code"] == "BadRequestException"
    finally:
        for api_id in copies + [api["id"]]:
            apigw.delete_rest_api(restApiId=api_id)
