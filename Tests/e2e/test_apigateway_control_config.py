"""REST APIs declared in localstack.yml (`resources.apis`): imported, deployed and keyed at start,
with their invoke URLs printed under the ready line, the same across restarts."""

from __future__ import annotations

import json
import re
import time

import boto3
import requests

from harness import ACCESS_KEY, REGION, SECRET_KEY

KEY_VALUE = "declared-key-0123456789abcdef"

DOCUMENT = {
    "openapi": "3.0.1",
    "info": {"title": "front-door-doc", "version": "1"},
    "paths": {"/hello": {"get": {
        "security": [{"api_key": []}],
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {
            "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": '{"hello": "$stageVariables.who"}'}}},
        },
    }}},
    "components": {"securitySchemes": {"api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}}},
}


def config(port: int) -> str:
    return f"""
version: 1
stack: declared-apis
region: us-east-1
account: "000000000000"
edge: {{ host: 127.0.0.1, port: {port} }}
auth: relaxed
credentials: {{ test: test }}
services:
  apigateway: {{}}
resources:
  apis:
    - name: front
      openapi: api.json
      stage: prod
      variables: {{ who: world }}
      keys:
        - name: partner
          value: {KEY_VALUE}
        - name: generated
      usage_plans:
        - name: partners
          throttle: {{ rate_limit: 50, burst_limit: 10 }}
          quota: {{ limit: 1000, period: DAY }}
          keys: [partner, generated]
"""


def invoke_urls(server) -> dict[str, str]:
    for _ in range(50):
        found = dict(re.findall(r"^API (\S+): (\S+)$", server.stdout(), re.M))
        if found:
            return found
        time.sleep(0.1)
    return {}


def test_declared_api_is_deployed_at_start(brume_factory, tmp_path):
    from harness import free_port
    (tmp_path / "api.json").write_text(json.dumps(DOCUMENT))
    data = tmp_path / "data"
    port = free_port()
    server = brume_factory(config_text=config(port), port=port, data_dir=data)
    urls = invoke_urls(server)
    assert set(urls) == {"front"}
    match = re.fullmatch(rf"http://([a-z0-9]{{10}})\.execute-api\.localhost:{port}/prod/", urls["front"])
    assert match, urls
    api_id = match.group(1)

    apigw = boto3.client("apigateway", endpoint_url=server.endpoint, region_name=REGION,
                         aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
    api = apigw.get_rest_api(restApiId=api_id)
    assert api["name"] == "front"
    assert apigw.get_stage(restApiId=api_id, stageName="prod")["variables"] == {"who": "world"}
    keys = {k["name"]: k for k in apigw.get_api_keys(includeValues=True)["items"]}
    assert keys["partner"]["value"] == KEY_VALUE and keys["partner"]["enabled"] is True
    assert keys["generated"]["enabled"] is True and len(keys["generated"]["value"]) >= 20
    plan = apigw.get_usage_plans()["items"][0]
    assert plan["name"] == "partners" and plan["apiStages"] == [{"apiId": api_id, "stage": "prod"}]
    assert plan["throttle"] == {"burstLimit": 10, "rateLimit": 50.0} and plan["quota"]["limit"] == 1000
    assert {k["name"] for k in apigw.get_usage_plan_keys(usagePlanId=plan["id"])["items"]} == {"partner", "generated"}

    listed = requests.get(f"{server.endpoint}/_brume/resources", timeout=10).json()
    assert f"front: {urls['front']}" in json.dumps(listed)

    # The front door answers: with the declared key, not without one.
    url = f"{server.endpoint}/restapis/{api_id}/prod/_user_request_/hello"
    assert requests.get(url, timeout=10).status_code == 403
    answer = requests.get(url, headers={"x-api-key": KEY_VALUE}, timeout=10)
    assert answer.status_code == 200 and answer.json() == {"hello": "world"}

    # A restart re-deploys over the same API: same id, same generated key, one declared deployment.
    generated = keys["generated"]["value"]
    assert server.terminate() == 0
    again = brume_factory(config_text=config(port), port=port, data_dir=data, name="again")
    assert invoke_urls(again) == urls
    apigw = boto3.client("apigateway", endpoint_url=again.endpoint, region_name=REGION,
                         aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
    assert [a["id"] for a in apigw.get_rest_apis()["items"]] == [api_id]
    assert apigw.get_api_key(apiKey=keys["generated"]["id"], includeValue=True)["value"] == generated
    assert len(apigw.get_deployments(restApiId=api_id)["items"]) == 1


def test_bad_declarations_stop_the_start(brume_factory, tmp_path):
    from harness import free_port
    port = free_port()
    (tmp_path / "api.json").write_text('{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {"/a b": {}}}')
    server = brume_factory(config_text=config(port), port=port, wait=False)
    code = server.wait_exit(60)
    assert code not in (None, 0)
    assert "Invalid OpenAPI input" in server.output()
