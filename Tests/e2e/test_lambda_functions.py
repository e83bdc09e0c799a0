"""The Lambda control plane through boto3: create/get/list/update/delete, AWS's error codes and
messages, pagination, versions, tags, reserved concurrency, event invoke configs, account
settings, and the operations Brume does not implement yet."""

from __future__ import annotations

import base64
import hashlib

import pytest
from botocore.exceptions import ClientError

from lambdahelpers import (
    PY, ROLE, function_arn, invoke, lambda_error, make_lambda_client, py_zip, queue_arn, unique_function,
)

SOURCE_V1 = "def handler(event, context):\n    return {'version': 1}\n"
SOURCE_V2 = "def handler(event, context):\n    return {'version': 2}\n"


def not_found(name: str, qualifier: str | None = None) -> str:
    return f"Function not found: {function_arn(name, qualifier)}"


@pytest.fixture(scope="module")
def lam_raw(brume):
    """A Lambda client without botocore's parameter checks, so out-of-range values reach Brume."""
    return make_lambda_client(brume.endpoint, validate=False)


# --- create / get --------------------------------------------------------------------------------

def test_create_function_answers_as_aws(lam):
    code = py_zip(SOURCE_V1)
    name = unique_function("create")
    created = lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": code},
                                  Description="first", Environment={"Variables": {"STAGE": "test"}})
    try:
        assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert created["FunctionName"] == name
        assert created["FunctionArn"] == function_arn(name)
        assert created["Runtime"] == PY and created["Handler"] == "app.handler" and created["Role"] == ROLE
        assert created["Version"] == "$LATEST"
        assert created["Timeout"] == 3 and created["MemorySize"] == 128
        assert created["Description"] == "first"
        assert created["CodeSize"] == len(code)
        assert created["CodeSha256"] == base64.b64encode(hashlib.sha256(code).digest()).decode()
        assert created["PackageType"] == "Zip"
        assert created["Architectures"] == ["x86_64"]
        assert created["EphemeralStorage"] == {"Size": 512}
        assert created["Environment"] == {"Variables": {"STAGE": "test"}}
        assert created["State"] in ("Pending", "Active")
        assert created["RevisionId"]
        assert created["LoggingConfig"]["LogGroup"] == f"/aws/lambda/{name}"

        config = lam.get_function_configuration(FunctionName=name)
        assert config["State"] == "Active" and config["LastUpdateStatus"] == "Successful"
        assert config["CodeSha256"] == created["CodeSha256"]

        got = lam.get_function(FunctionName=name)
        assert got["Configuration"]["FunctionArn"] == function_arn(name)
        assert got["Code"]["RepositoryType"] == "S3"
        assert got["Code"]["Location"]
        # The same function by ARN.
        assert lam.get_function(FunctionName=function_arn(name))["Configuration"]["FunctionName"] == name
    finally:
        lam.delete_function(FunctionName=name)


def test_get_function_code_location_downloads_the_package(lam, make_function):
    from harness import http
    code = py_zip(SOURCE_V1)
    name = make_function(zip=code)
    location = lam.get_function(FunctionName=name)["Code"]["Location"]
    # AWS: a presigned HTTPS URL any HTTP client can fetch.
    assert location.startswith(("http://", "https://")), location
    download = http().get(location, timeout=10)
    assert download.status_code == 200
    assert download.content == code


def test_create_from_s3_object(lam, s3, bucket):
    s3.put_object(Bucket=bucket, Key="pkg/app.zip", Body=py_zip(SOURCE_V2))
    name = unique_function("s3code")
    lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE,
                        Code={"S3Bucket": bucket, "S3Key": "pkg/app.zip"})
    try:
        _, payload = invoke(lam, name)
        assert payload == {"version": 2}
    finally:
        lam.delete_function(FunctionName=name)


def test_create_from_missing_s3_object_is_refused(lam, bucket):
    with lambda_error("InvalidParameterValueException", 400,
                      "Error occurred while GetObject. S3 Error Code: NoSuchKey. "
                      "S3 Error Message: The specified key does not exist."):
        lam.create_function(FunctionName=unique_function("s3miss"), Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"S3Bucket": bucket, "S3Key": "nope.zip"})


def test_create_from_missing_s3_bucket_is_refused(lam):
    from s3helpers import unique_bucket
    with lambda_error("InvalidParameterValueException", 400,
                      "Error occurred while GetObject. S3 Error Code: NoSuchBucket. "
                      "S3 Error Message: The specified bucket does not exist"):
        lam.create_function(FunctionName=unique_function("s3miss"), Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"S3Bucket": unique_bucket(), "S3Key": "app.zip"})


def test_create_existing_function_conflicts(lam, make_function):
    name = make_function()
    with lambda_error("ResourceConflictException", 409, f"Function already exist: {name}"):
        lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": py_zip(SOURCE_V1)})


def test_missing_function_is_not_found_everywhere(lam):
    name = unique_function("ghost")
    message = not_found(name)
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.get_function(FunctionName=name)
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.get_function_configuration(FunctionName=name)
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.invoke(FunctionName=name, Payload=b"{}")
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.delete_function(FunctionName=name)


def test_missing_function_is_not_found_for_updates_and_publish(lam):
    name = unique_function("ghost")
    message = not_found(name)
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.update_function_configuration(FunctionName=name, Timeout=5)
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.update_function_code(FunctionName=name, ZipFile=py_zip(SOURCE_V1))
    with lambda_error("ResourceNotFoundException", 404, message):
        lam.publish_version(FunctionName=name)


@pytest.mark.parametrize("runtime,message", [
    ("python3.7", "The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda "
                  "functions. We recommend you use the new runtime (python3.13) while creating or updating functions."),
])
def test_deprecated_runtime_is_refused(lam, runtime, message):
    with lambda_error("InvalidParameterValueException", 400, message):
        lam.create_function(FunctionName=unique_function("old"), Runtime=runtime, Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": py_zip(SOURCE_V1)})


def test_reserved_environment_variable_is_refused(lam):
    with lambda_error("InvalidParameterValueException", 400,
                      "Lambda was unable to configure your environment variables because the environment variables "
                      "you have provided contains reserved keys that are currently not supported for modification. "
                      "Reserved keys used in this request: AWS_REGION"):
        lam.create_function(FunctionName=unique_function("envres"), Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": py_zip(SOURCE_V1)}, Environment={"Variables": {"AWS_REGION": "eu-west-1"}})


def test_environment_over_4_kb_is_refused(lam, make_function):
    variables = {"BIG": "x" * 4100}
    message = ("Lambda was unable to configure your environment variables because the environment variables you have "
               "provided exceeded the 4KB limit. String measured: ")
    with lambda_error("InvalidParameterValueException", 400, contains=message):
        lam.create_function(FunctionName=unique_function("bigenv"), Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": py_zip(SOURCE_V1)}, Environment={"Variables": variables})
    name = make_function()
    with lambda_error("InvalidParameterValueException", 400, contains=message):
        lam.update_function_configuration(FunctionName=name, Environment={"Variables": variables})


def test_runtime_and_handler_are_mandatory_for_zip(lam):
    with lambda_error("InvalidParameterValueException", 400,
                      "Runtime and Handler are mandatory parameters for functions created with deployment packages."):
        lam.create_function(FunctionName=unique_function("nort"), Role=ROLE, Code={"ZipFile": py_zip(SOURCE_V1)})


def test_bad_zip_is_refused(lam):
    name = unique_function("badzip")
    with lambda_error("InvalidParameterValueException", 400,
                      "Could not unzip uploaded file. Please check your file, then try to upload again."):
        lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": b"this is not a zip file"})
    with lambda_error("ResourceNotFoundException", 404):
        lam.get_function(FunctionName=name)


@pytest.mark.parametrize("member,value,constraint", [
    ("Timeout", 0, "at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    ("Timeout", 901, "at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"),
    ("MemorySize", 64, "at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"),
])
def test_out_of_range_settings_fail_validation(lam_raw, member, value, constraint):
    with lambda_error("ValidationException", 400,
                      f"1 validation error detected: Value '{value}' {constraint}"):
        lam_raw.create_function(FunctionName=unique_function("range"), Runtime=PY, Handler="app.handler", Role=ROLE,
                                Code={"ZipFile": py_zip(SOURCE_V1)}, **{member: value})


def test_bad_function_name_fails_validation(lam_raw):
    with lambda_error("ValidationException", 400, contains="at 'functionName' failed to satisfy constraint"):
        lam_raw.create_function(FunctionName="bad name!", Runtime=PY, Handler="app.handler", Role=ROLE,
                                Code={"ZipFile": py_zip(SOURCE_V1)})


def test_update_configuration_with_bad_value_fails_validation(lam_raw, make_function):
    name = make_function()
    with lambda_error("ValidationException", 400, contains="at 'timeout'"):
        lam_raw.update_function_configuration(FunctionName=name, Timeout=901)
    assert lam_raw.get_function_configuration(FunctionName=name)["Timeout"] == 3


# --- list ----------------------------------------------------------------------------------------

def all_listed(lam, **kwargs) -> tuple[list[dict], list[int]]:
    found, sizes, marker = [], [], None
    while True:
        page = lam.list_functions(**kwargs, **({"Marker": marker} if marker else {}))
        found.extend(page["Functions"])
        sizes.append(len(page["Functions"]))
        marker = page.get("NextMarker")
        if not marker:
            return found, sizes


def test_list_functions_pages_with_marker(lam, make_function):
    names = {make_function(prefix="page") for _ in range(5)}
    listed, sizes = all_listed(lam, MaxItems=2)
    mine = [f["FunctionName"] for f in listed if f["FunctionName"] in names]
    assert sorted(mine) == sorted(names)  # each exactly once
    assert max(sizes) <= 2 and len(sizes) >= 3
    first = lam.list_functions(MaxItems=2)
    assert len(first["Functions"]) == 2 and first["NextMarker"]


def test_list_functions_all_versions(lam, make_function):
    name = make_function(SOURCE_V1)
    lam.publish_version(FunctionName=name)
    latest_only = [f for f in lam.list_functions()["Functions"] if f["FunctionName"] == name]
    assert [f["Version"] for f in latest_only] == ["$LATEST"]
    listed, _ = all_listed(lam, FunctionVersion="ALL")
    versions = sorted(f["Version"] for f in listed if f["FunctionName"] == name)
    assert versions == ["$LATEST", "1"]
    assert {f["FunctionArn"] for f in listed if f["FunctionName"] == name} == {function_arn(name, "1"), function_arn(name)}


# --- update --------------------------------------------------------------------------------------

def test_update_code_takes_effect(lam, make_function):
    name = make_function(SOURCE_V1)
    assert invoke(lam, name)[1] == {"version": 1}
    code = py_zip(SOURCE_V2)
    updated = lam.update_function_code(FunctionName=name, ZipFile=code)
    assert updated["CodeSha256"] == base64.b64encode(hashlib.sha256(code).digest()).decode()
    assert updated["CodeSize"] == len(code)
    assert invoke(lam, name)[1] == {"version": 2}


def test_update_configuration_and_revision_id(lam, make_function):
    name = make_function()
    before = lam.get_function_configuration(FunctionName=name)
    updated = lam.update_function_configuration(FunctionName=name, Timeout=7, MemorySize=256, Description="d",
                                                Environment={"Variables": {"STAGE": "1"}}, RevisionId=before["RevisionId"])
    assert updated["Timeout"] == 7 and updated["MemorySize"] == 256 and updated["Description"] == "d"
    assert updated["Environment"] == {"Variables": {"STAGE": "1"}}
    assert updated["RevisionId"] != before["RevisionId"]
    got = lam.get_function_configuration(FunctionName=name)
    assert (got["Timeout"], got["MemorySize"], got["RevisionId"]) == (7, 256, updated["RevisionId"])


def test_update_configuration_with_stale_revision_id_fails(lam, make_function):
    name = make_function()
    stale = lam.get_function_configuration(FunctionName=name)["RevisionId"]
    lam.update_function_configuration(FunctionName=name, Timeout=4)
    # AWS: PreconditionFailedException, HTTP 412.
    with lambda_error("PreconditionFailedException", 412,
                      "The Revision Id provided does not match the latest Revision Id. "
                      "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"):
        lam.update_function_configuration(FunctionName=name, Timeout=5, RevisionId=stale)
    assert lam.get_function_configuration(FunctionName=name)["Timeout"] == 4


# --- versions ------------------------------------------------------------------------------------

def test_publish_versions_and_invoke_them(lam, make_function):
    name = make_function(SOURCE_V1)
    first = lam.publish_version(FunctionName=name, Description="one")
    assert first["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert first["Version"] == "1" and first["FunctionArn"] == function_arn(name, "1")
    assert first["Description"] == "one"
    # Unchanged $LATEST: the existing version comes back.
    assert lam.publish_version(FunctionName=name)["Version"] == "1"

    lam.update_function_code(FunctionName=name, ZipFile=py_zip(SOURCE_V2))
    assert lam.publish_version(FunctionName=name)["Version"] == "2"

    versions = lam.list_versions_by_function(FunctionName=name)["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]

    response, payload = invoke(lam, name, Qualifier="1")
    assert payload == {"version": 1} and response["ExecutedVersion"] == "1"
    response, payload = invoke(lam, f"{name}:2")
    assert payload == {"version": 2} and response["ExecutedVersion"] == "2"
    response, payload = invoke(lam, name)
    assert payload == {"version": 2} and response["ExecutedVersion"] == "$LATEST"
    got = lam.get_function(FunctionName=name, Qualifier="1")["Configuration"]
    assert got["Version"] == "1" and got["FunctionArn"] == function_arn(name, "1")
    with lambda_error("ResourceNotFoundException", 404, not_found(name, "9")):
        lam.invoke(FunctionName=name, Qualifier="9", Payload=b"{}")


def test_update_code_with_publish(lam, make_function):
    name = make_function(SOURCE_V1)
    updated = lam.update_function_code(FunctionName=name, ZipFile=py_zip(SOURCE_V2), Publish=True)
    assert updated["Version"] == "1" and updated["FunctionArn"] == function_arn(name, "1")
    response, payload = invoke(lam, name, Qualifier="1")
    assert payload == {"version": 2} and response["ExecutedVersion"] == "1"


def test_publish_version_with_wrong_code_sha_is_refused(lam, make_function):
    name = make_function()
    with lambda_error("InvalidParameterValueException", 400, contains="CodeSHA256"):
        lam.publish_version(FunctionName=name, CodeSha256="AAAA")


def test_delete_a_version(lam, make_function):
    name = make_function(SOURCE_V1)
    lam.publish_version(FunctionName=name)
    deleted = lam.delete_function(FunctionName=name, Qualifier="1")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with lambda_error("ResourceNotFoundException", 404, not_found(name, "1")):
        lam.get_function(FunctionName=name, Qualifier="1")
    assert [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]] == ["$LATEST"]
    with lambda_error("InvalidParameterValueException", 400, "$LATEST version cannot be deleted without deleting the function."):
        lam.delete_function(FunctionName=name, Qualifier="$LATEST")
    # Version numbers are never reused.
    lam.update_function_configuration(FunctionName=name, Timeout=9)
    assert lam.publish_version(FunctionName=name)["Version"] == "2"


def test_delete_function_removes_it(lam):
    name = unique_function("del")
    lam.create_function(FunctionName=name, Runtime=PY, Handler="app.handler", Role=ROLE, Code={"ZipFile": py_zip(SOURCE_V1)})
    assert lam.delete_function(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with lambda_error("ResourceNotFoundException", 404, not_found(name)):
        lam.get_function(FunctionName=name)
    assert name not in [f["FunctionName"] for f in all_listed(lam)[0]]


# --- tags ----------------------------------------------------------------------------------------

def test_tags(lam, make_function):
    name = make_function(Tags={"team": "data"})
    arn = function_arn(name)
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "data"}
    lam.tag_resource(Resource=arn, Tags={"env": "dev", "team": "platform"})
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "platform", "env": "dev"}
    assert lam.get_function(FunctionName=name)["Tags"] == {"team": "platform", "env": "dev"}
    lam.untag_resource(Resource=arn, TagKeys=["team"])
    assert lam.list_tags(Resource=arn)["Tags"] == {"env": "dev"}


def test_tags_of_missing_function(lam):
    arn = function_arn(unique_function("ghost"))
    with lambda_error("ResourceNotFoundException", 404):
        lam.list_tags(Resource=arn)
    with lambda_error("ResourceNotFoundException", 404):
        lam.tag_resource(Resource=arn, Tags={"a": "b"})


# --- concurrency and account -----------------------------------------------------------------------

def test_function_concurrency(lam, make_function):
    name = make_function()
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    before = lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"]
    assert lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=5)["ReservedConcurrentExecutions"] == 5
    assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 5
    assert lam.get_function(FunctionName=name)["Concurrency"] == {"ReservedConcurrentExecutions": 5}
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == before - 5
    assert lam.delete_function_concurrency(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == before


def test_concurrency_cannot_eat_the_unreserved_minimum(lam, make_function):
    name = make_function()
    with lambda_error("InvalidParameterValueException", 400,
                      "Specified ReservedConcurrentExecutions for function decreases account's "
                      "UnreservedConcurrentExecution below its minimum value of [100]."):
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=950)


def test_account_settings(lam, make_function):
    before = lam.get_account_settings()
    assert before["AccountLimit"]["ConcurrentExecutions"] == 1000
    assert before["AccountLimit"]["CodeSizeZipped"] == 52428800
    assert before["AccountLimit"]["CodeSizeUnzipped"] == 262144000
    make_function()
    after = lam.get_account_settings()
    assert after["AccountUsage"]["FunctionCount"] == before["AccountUsage"]["FunctionCount"] + 1
    assert after["AccountUsage"]["TotalCodeSize"] > before["AccountUsage"]["TotalCodeSize"]


# --- event invoke configs ---------------------------------------------------------------------------

def test_event_invoke_config_lifecycle(lam, make_function, make_queue, sqs):
    name = make_function()
    ok_queue = queue_arn(make_queue("ok").rsplit("/", 1)[1])
    bad_queue = queue_arn(make_queue("bad").rsplit("/", 1)[1])
    with lambda_error("ResourceNotFoundException", 404,
                      f"The function {function_arn(name)} doesn't have an EventInvokeConfig"):
        lam.get_function_event_invoke_config(FunctionName=name)

    put = lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=1, MaximumEventAgeInSeconds=120,
                                               DestinationConfig={"OnSuccess": {"Destination": ok_queue}})
    assert put["FunctionArn"] == function_arn(name)
    assert put["MaximumRetryAttempts"] == 1 and put["MaximumEventAgeInSeconds"] == 120
    assert put["DestinationConfig"]["OnSuccess"] == {"Destination": ok_queue}

    # Update merges; Put replaces.
    updated = lam.update_function_event_invoke_config(FunctionName=name,
                                                      DestinationConfig={"OnFailure": {"Destination": bad_queue}})
    assert updated["MaximumRetryAttempts"] == 1
    assert updated["DestinationConfig"]["OnSuccess"] == {"Destination": ok_queue}
    assert updated["DestinationConfig"]["OnFailure"] == {"Destination": bad_queue}
    got = lam.get_function_event_invoke_config(FunctionName=name)
    assert got["DestinationConfig"] == updated["DestinationConfig"]

    replaced = lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    assert replaced["MaximumRetryAttempts"] == 0 and "MaximumEventAgeInSeconds" not in replaced
    assert not replaced["DestinationConfig"].get("OnSuccess", {}).get("Destination")

    listed = lam.list_function_event_invoke_configs(FunctionName=name)["FunctionEventInvokeConfigs"]
    assert [c["FunctionArn"] for c in listed] == [function_arn(name)]

    assert lam.delete_function_event_invoke_config(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert lam.list_function_event_invoke_configs(FunctionName=name)["FunctionEventInvokeConfigs"] == []


def test_event_invoke_config_limits(lam_raw, make_function):
    name = make_function()
    with lambda_error("ValidationException", 400, contains="at 'maximumRetryAttempts'"):
        lam_raw.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=3)
    with lambda_error("ValidationException", 400, contains="at 'maximumEventAgeInSeconds'"):
        lam_raw.put_function_event_invoke_config(FunctionName=name, MaximumEventAgeInSeconds=30)


# --- not implemented (function URLs, layers) -----------------------------------------------------------------------------

def test_unimplemented_operations_say_so(lam, make_function):
    name = make_function()
    with lambda_error("UnknownOperationException", 400, contains="CreateFunctionUrlConfig"):
        lam.create_function_url_config(FunctionName=name, AuthType="NONE")
    with pytest.raises(ClientError) as info:
        lam.list_layers()
    assert info.value.response["Error"]["Code"] == "UnknownOperationException", info.value.response
    assert "layers" in info.value.response["Error"]["Message"].lower(), info.value.response


@pytest.mark.parametrize("extra", [
    {"CodeSigningConfigArn": "arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-0123456789abcdef0"},
    {"SnapStart": {"ApplyOn": "PublishedVersions"}},
    {"Layers": ["arn:aws:lambda:us-east-1:000000000000:layer:l:1"]},
    {"LoggingConfig": {"LogFormat": "JSON"}},
    {"LoggingConfig": {"LogFormat": "Text", "ApplicationLogLevel": "DEBUG"}},
])
def test_features_brume_lacks_are_refused_not_ignored(lam, extra):
    from lambdahelpers import ROLE, py_zip, unique_function
    with pytest.raises(ClientError) as error:
        lam.create_function(FunctionName=unique_function("refused"), Runtime="python3.12", Handler="app.handler", Role=ROLE,
                            Code={"ZipFile": py_zip("def handler(e, c):\n    return e\n")}, **extra)
    assert error.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert "Brume does not support" in error.value.response["Error"]["Message"]
