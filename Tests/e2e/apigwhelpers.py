"""API Gateway data-plane helpers: a boto3 client, the `apigw` and `rest_api` fixtures (REST APIs
deleted after each test), building methods, deploying, invoke URLs in their three forms, and moving
the stack clock."""

from __future__ import annotations

import uuid

import pytest
import requests

from lambdahelpers import make_client

REGION = "us-east-1"
ACCOUNT = "000000000000"


def make_apigw_client(endpoint: str):
    return make_client("apigateway", endpoint)


def unique_api(prefix: str = "api") -> str:
    return f"e2e-{prefix}-{uuid.uuid4().hex[:10]}"


def lambda_uri(function_name: str) -> str:
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{function_name}"
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{arn}/invocations"


def root_id(apigw, api_id: str) -> str:
    return next(item["id"] for item in apigw.get_resources(restApiId=api_id)["items"] if item["path"] == "/")


def add_resource(apigw, api_id: str, path: str) -> str:
    """Creates each missing segment of `path` (`/pets/{id}`); returns the last resource's id."""
    resources = {item["path"]: item["id"] for item in apigw.get_resources(restApiId=api_id)["items"]}
    current = "/"
    parent = resources["/"]
    for part in [p for p in path.split("/") if p]:
        current = current.rstrip("/") + "/" + part
        if current not in resources:
            resources[current] = apigw.create_resource(restApiId=api_id, parentId=parent, pathPart=part)["id"]
        parent = resources[current]
    return parent


def add_method(apigw, api_id: str, resource_id: str, http_method: str, *, integration: dict,
               authorization: str = "NONE", **method_kwargs) -> None:
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, authorizationType=authorization,
                     **method_kwargs)
    apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod=http_method, **integration)


def deploy(apigw, api_id: str, stage: str = "prod", **kwargs) -> None:
    apigw.create_deployment(restApiId=api_id, stageName=stage, **kwargs)


def invoke_url(endpoint: str, api_id: str, stage: str, path: str, form: str = "aws") -> str:
    """The invoke URL in one of its forms: `aws` (/_aws/execute-api/...), `user` (/restapis/.../_user_request_/...)
    or `host` ({api}.execute-api.localhost; needs the resolve_localhost fixture)."""
    path = path if path.startswith("/") else "/" + path
    if form == "aws":
        return f"{endpoint}/_aws/execute-api/{api_id}/{stage}{path}"
    if form == "user":
        return f"{endpoint}/restapis/{api_id}/{stage}/_user_request_{path}"
    port = endpoint.rsplit(":", 1)[1]
    return f"http://{api_id}.execute-api.localhost:{port}/{stage}{path.lstrip('/') and path}"


@pytest.fixture(scope="module")
def apigw(brume):
    return make_apigw_client(brume.endpoint)


@pytest.fixture
def rest_api(apigw):
    created = []

    def create(prefix="api", **kwargs):
        api_id = apigw.create_rest_api(name=unique_api(prefix), **kwargs)["id"]
        created.append(api_id)
        return api_id

    yield create
    for api_id in created:
        try:
            apigw.delete_rest_api(restApiId=api_id)
        except Exception:
            pass


# --- the stack clock -------------------------------------------------------------------------------

def advance_clock(endpoint: str, seconds: float) -> dict:
    response = requests.post(f"{endpoint}/_brume/clock", json={"advanceSeconds": seconds}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def stack_time(endpoint: str) -> float:
    response = requests.get(f"{endpoint}/_brume/clock", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["stackTimeEpochSeconds"]
