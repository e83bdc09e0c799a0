"""KMS grants and key policies through boto3 and the AWS CLI: stored, listed, retired and
revoked as AWS does, policies validated as resource policies (neither is enforced yet)."""

import json

import pytest
from botocore.exceptions import ClientError

from harness import cli_output as out
from test_kms import ACCOUNT, error_code, make_kms


@pytest.fixture(scope="module")
def kms(brume):
    return make_kms(brume.endpoint)


def test_grants_lifecycle(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    grantee = f"arn:aws:iam::{ACCOUNT}:role/app"
    admin = f"arn:aws:iam::{ACCOUNT}:role/admin"
    grant = kms.create_grant(KeyId=key_id, GranteePrincipal=grantee, RetiringPrincipal=admin,
                             Operations=["Decrypt", "GenerateDataKey"], Name="app",
                             Constraints={"EncryptionContextEquals": {"tenant": "t1"}})
    assert kms.create_grant(KeyId=key_id, GranteePrincipal=grantee, RetiringPrincipal=admin,
                            Operations=["GenerateDataKey", "Decrypt"], Name="app",
                            Constraints={"EncryptionContextEquals": {"tenant": "t1"}})["GrantId"] == grant["GrantId"]
    [listed] = kms.list_grants(KeyId=key_id)["Grants"]
    assert listed["GrantId"] == grant["GrantId"] and listed["GranteePrincipal"] == grantee
    assert listed["Constraints"] == {"EncryptionContextEquals": {"tenant": "t1"}}
    retirable = kms.list_retirable_grants(RetiringPrincipal=admin)["Grants"]
    assert grant["GrantId"] in [g["GrantId"] for g in retirable]
    kms.retire_grant(GrantToken=grant["GrantToken"])
    assert kms.list_grants(KeyId=key_id)["Grants"] == []
    second = kms.create_grant(KeyId=key_id, GranteePrincipal=grantee, Operations=["Encrypt"])
    with pytest.raises(ClientError) as excinfo:
        kms.revoke_grant(KeyId=key_id, GrantId="0" * 64)
    assert error_code(excinfo) == "InvalidGrantIdException"
    kms.revoke_grant(KeyId=key_id, GrantId=second["GrantId"])
    assert kms.list_grants(KeyId=key_id)["Grants"] == []


def test_key_policy_round_trip_and_validation(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    assert kms.list_key_policies(KeyId=key_id)["PolicyNames"] == ["default"]
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "app", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/app"},
        "Action": ["kms:Decrypt"], "Resource": "*"}]})
    kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=policy)
    assert json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"]) == json.loads(policy)
    with pytest.raises(ClientError) as excinfo:
        kms.put_key_policy(KeyId=key_id, PolicyName="default",
                           Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}))
    assert error_code(excinfo) == "MalformedPolicyDocumentException"
    assert json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"]) == json.loads(policy)


def test_grants_with_cli(aws):
    key_id = out(aws("kms", "create-key"))["KeyMetadata"]["KeyId"]
    grant = out(aws("kms", "create-grant", "--key-id", key_id, "--grantee-principal", f"arn:aws:iam::{ACCOUNT}:role/cli",
                    "--operations", "Decrypt", "Encrypt"))
    assert [g["GrantId"] for g in out(aws("kms", "list-grants", "--key-id", key_id))["Grants"]] == [grant["GrantId"]]
    aws("kms", "revoke-grant", "--key-id", key_id, "--grant-id", grant["GrantId"])
    assert out(aws("kms", "get-key-policy", "--key-id", key_id, "--policy-name", "default"))["Policy"]
