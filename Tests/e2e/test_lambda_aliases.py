"""Lambda aliases: create, read, list, update (with weighted routing), delete, and invokes
through an alias running the version it points at."""

from __future__ import annotations

import io
import json
import uuid
import zipfile

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import ACCESS_KEY, REGION, SECRET_KEY

ROLE = "arn:aws:iam::000000000000:role/e2e-alias"


def code(version: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", f"def handler(event, context):\n    return {{'code': {version}, 'arn': context.invoked_function_arn}}\n")
    return buffer.getvalue()


@pytest.fixture
def lam(brume):
    return boto3.session.Session().client(
        "lambda", endpoint_url=brume.endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        region_name=REGION, config=Config(retries={"total_max_attempts": 1}))


@pytest.fixture
def versioned(lam):
    """A function with versions 1 and 2 (code 1 and 2) and $LATEST at code 3."""
    name = f"e2e-alias-{uuid.uuid4().hex[:10]}"
    lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role=ROLE, Code={"ZipFile": code(1)},
                        Publish=True)
    lam.update_function_code(FunctionName=name, ZipFile=code(2), Publish=True)
    lam.update_function_code(FunctionName=name, ZipFile=code(3))
    yield name
    lam.delete_function(FunctionName=name)


def invoke(lam, name, qualifier=None):
    kwargs = {"FunctionName": name, "Payload": b"{}"}
    if qualifier:
        kwargs["Qualifier"] = qualifier
    answer = lam.invoke(**kwargs)
    return json.loads(answer["Payload"].read()), answer["ExecutedVersion"]


def test_alias_lifecycle(lam, versioned):
    function_arn = f"arn:aws:lambda:{REGION}:000000000000:function:{versioned}"
    created = lam.create_alias(FunctionName=versioned, Name="live", FunctionVersion="1", Description="first")
    assert created["AliasArn"] == f"{function_arn}:live"
    assert created["FunctionVersion"] == "1" and created["Description"] == "first" and created["RevisionId"]
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201

    fetched = lam.get_alias(FunctionName=versioned, Name="live")
    assert fetched["RevisionId"] == created["RevisionId"]
    lam.create_alias(FunctionName=versioned, Name="beta", FunctionVersion="2")
    assert [a["Name"] for a in lam.list_aliases(FunctionName=versioned)["Aliases"]] == ["beta", "live"]
    assert [a["Name"] for a in lam.list_aliases(FunctionName=versioned, FunctionVersion="2")["Aliases"]] == ["beta"]

    updated = lam.update_alias(FunctionName=versioned, Name="live", FunctionVersion="2", RevisionId=created["RevisionId"])
    assert updated["FunctionVersion"] == "2" and updated["RevisionId"] != created["RevisionId"]
    with pytest.raises(ClientError) as error:
        lam.update_alias(FunctionName=versioned, Name="live", Description="x", RevisionId=created["RevisionId"])
    assert error.value.response["Error"]["Code"] == "PreconditionFailedException"

    lam.delete_alias(FunctionName=versioned, Name="live")
    with pytest.raises(ClientError) as error:
        lam.get_alias(FunctionName=versioned, Name="live")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert error.value.response["Error"]["Message"] == f"Alias not found: {function_arn}:live"


def test_alias_errors(lam, versioned):
    lam.create_alias(FunctionName=versioned, Name="live", FunctionVersion="1")
    with pytest.raises(ClientError) as error:
        lam.create_alias(FunctionName=versioned, Name="live", FunctionVersion="1")
    assert error.value.response["Error"]["Code"] == "ResourceConflictException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    with pytest.raises(ClientError) as error:
        lam.create_alias(FunctionName=versioned, Name="other", FunctionVersion="9")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as error:
        lam.create_alias(FunctionName=versioned, Name="123", FunctionVersion="1")
    assert error.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ClientError) as error:
        lam.delete_function(FunctionName=versioned, Qualifier="1")
    assert error.value.response["Error"]["Code"] == "ResourceConflictException"


def test_invoke_through_an_alias_runs_its_version(lam, versioned):
    lam.create_alias(FunctionName=versioned, Name="live", FunctionVersion="1")
    payload, executed = invoke(lam, versioned, "live")
    assert payload["code"] == 1 and executed == "1"
    assert payload["arn"].endswith(f":function:{versioned}:live")
    payload, executed = invoke(lam, f"{versioned}:live")
    assert payload["code"] == 1
    lam.update_alias(FunctionName=versioned, Name="live", FunctionVersion="2")
    assert invoke(lam, versioned, "live")[0]["code"] == 2
    assert invoke(lam, versioned)[0]["code"] == 3
    assert invoke(lam, versioned, "1") == ({"code": 1, "arn": f"arn:aws:lambda:{REGION}:000000000000:function:{versioned}:1"}, "1")


def test_weighted_alias_sends_a_share_to_the_additional_version(lam, versioned):
    lam.create_alias(FunctionName=versioned, Name="canary", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
    assert lam.get_alias(FunctionName=versioned, Name="canary")["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.5}}
    versions = {invoke(lam, versioned, "canary")[1] for _ in range(40)}
    assert versions == {"1", "2"}
    with pytest.raises(ClientError) as error:
        lam.update_alias(FunctionName=versioned, Name="canary", RoutingConfig={"AdditionalVersionWeights": {"2": 1.5}})
    assert error.value.response["Error"]["Code"] == "ValidationException"
