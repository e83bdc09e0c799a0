"""STS through boto3: GetCallerIdentity for the root credentials, IAM users' keys and role
sessions; AssumeRole with trust policies; GetSessionToken; GetAccessKeyInfo; expiry on the
stack clock; and the credentials accepted by a strict stack."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from harness import http
from iamhelpers import ACCOUNT, make_client, trust, unique
from sqshelpers import make_sqs_client


@pytest.fixture(scope="module")
def iam(brume):
    return make_client("iam", brume.endpoint)


@pytest.fixture(scope="module")
def sts(brume):
    return make_client("sts", brume.endpoint)


def test_root_caller_identity(sts):
    identity = sts.get_caller_identity()
    assert identity["Account"] == ACCOUNT
    assert identity["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"
    assert identity["UserId"] == ACCOUNT


def test_user_access_key_identity(brume, iam):
    user = unique("frank")
    created = iam.create_user(UserName=user)["User"]
    key = iam.create_access_key(UserName=user)["AccessKey"]
    try:
        as_user = make_client("sts", brume.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
        identity = as_user.get_caller_identity()
        assert identity == {**identity, "Account": ACCOUNT, "Arn": created["Arn"], "UserId": created["UserId"]}
        assert make_client("iam", brume.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"]).get_user()["User"]["UserName"] == user
        info = make_client("sts", brume.endpoint).get_access_key_info(AccessKeyId=key["AccessKeyId"])
        assert info["Account"] == ACCOUNT
    finally:
        iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
        iam.delete_user(UserName=user)


def test_assume_role_and_session_identity(brume, iam, sts):
    role = unique("deployer")
    arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))["Role"]
    try:
        assumed = sts.assume_role(RoleArn=arn["Arn"], RoleSessionName="ci", DurationSeconds=900)
        credentials = assumed["Credentials"]
        assert credentials["AccessKeyId"].startswith("ASIA") and len(credentials["AccessKeyId"]) == 20
        assert credentials["SessionToken"]
        assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/ci"
        assert assumed["AssumedRoleUser"]["AssumedRoleId"] == f"{arn['RoleId']}:ci"
        session = make_client("sts", brume.endpoint, access_key=credentials["AccessKeyId"],
                              secret_key=credentials["SecretAccessKey"], session_token=credentials["SessionToken"])
        identity = session.get_caller_identity()
        assert identity["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/ci"
        assert identity["UserId"] == f"{arn['RoleId']}:ci"
    finally:
        iam.delete_role(RoleName=role)


def test_assume_role_refused_by_the_trust_policy(brume, iam, sts):
    role, user = unique("locked"), unique("gina")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    try:
        as_user = make_client("sts", brume.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
        role_arn = f"arn:aws:iam::{ACCOUNT}:role/{role}"
        with pytest.raises(ClientError) as excinfo:
            as_user.assume_role(RoleArn=role_arn, RoleSessionName="sess")
        error = excinfo.value.response["Error"]
        assert error["Code"] == "AccessDenied"
        assert error["Message"] == f"User: arn:aws:iam::{ACCOUNT}:user/{user} is not authorized to perform: sts:AssumeRole on resource: {role_arn}"
        with pytest.raises(ClientError) as excinfo:
            sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{unique('missing')}", RoleSessionName="sess")
        assert excinfo.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
        iam.delete_user(UserName=user)
        iam.delete_role(RoleName=role)


def test_session_token_and_expiry_on_the_stack_clock(brume_factory):
    server = brume_factory(name="sts-clock")
    iam, sts = make_client("iam", server.endpoint), make_client("sts", server.endpoint)
    role = unique("short")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"AWS": ACCOUNT}))
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{role}", RoleSessionName="sess", DurationSeconds=900)["Credentials"]
    session = make_client("sts", server.endpoint, access_key=credentials["AccessKeyId"],
                          secret_key=credentials["SecretAccessKey"], session_token=credentials["SessionToken"])
    assert session.get_caller_identity()["Arn"].endswith(f"assumed-role/{role}/sess")
    token = sts.get_session_token(DurationSeconds=900)["Credentials"]
    assert token["AccessKeyId"].startswith("ASIA")

    moved = http().post(f"{server.endpoint}/_brume/clock", json={"advanceSeconds": 901}, timeout=30)
    assert moved.status_code == 200, moved.text
    with pytest.raises(ClientError) as excinfo:
        session.get_caller_identity()
    assert excinfo.value.response["Error"]["Code"] == "ExpiredToken"
    assert excinfo.value.response["Error"]["Message"] == "The security token included in the request is expired"


def test_strict_stack_accepts_issued_credentials(brume_factory):
    server = brume_factory(name="sts-strict", auth="strict")
    iam = make_client("iam", server.endpoint)
    user = unique("hank")
    created = iam.create_user(UserName=user)["User"]
    key = iam.create_access_key(UserName=user)["AccessKey"]
    as_user = make_client("sts", server.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    assert as_user.get_caller_identity()["Arn"] == created["Arn"]
    # The key signs requests to every service, in the user's account.
    user_sqs = make_sqs_client(server.endpoint, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    url = user_sqs.create_queue(QueueName=unique("strict-q"))["QueueUrl"]
    assert f"/{ACCOUNT}/" in url
    wrong = make_client("sts", server.endpoint, access_key=key["AccessKeyId"], secret_key="x" * 40)
    with pytest.raises(ClientError) as excinfo:
        wrong.get_caller_identity()
    assert excinfo.value.response["Error"]["Code"] == "SignatureDoesNotMatch"

    iam.create_role(RoleName="strict-role", AssumeRolePolicyDocument=trust({"AWS": ACCOUNT}))
    credentials = make_client("sts", server.endpoint).assume_role(
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/strict-role", RoleSessionName="sess")["Credentials"]
    session = make_client("sts", server.endpoint, access_key=credentials["AccessKeyId"],
                          secret_key=credentials["SecretAccessKey"], session_token=credentials["SessionToken"])
    assert session.get_caller_identity()["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/strict-role/sess"
    tokenless = make_client("sts", server.endpoint, access_key=credentials["AccessKeyId"], secret_key=credentials["SecretAccessKey"])
    with pytest.raises(ClientError) as excinfo:
        tokenless.get_caller_identity()
    assert excinfo.value.response["Error"]["Code"] == "InvalidClientTokenId"

    iam.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    with pytest.raises(ClientError) as excinfo:
        as_user.get_caller_identity()
    assert excinfo.value.response["Error"]["Code"] == "InvalidClientTokenId"


def test_unimplemented_sts_operations_answer_an_error(sts):
    with pytest.raises(ClientError) as excinfo:
        sts.get_federation_token(Name="federated")
    assert excinfo.value.response["Error"]["Code"] == "NotImplemented"
