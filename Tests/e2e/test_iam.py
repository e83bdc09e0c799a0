"""IAM through boto3: users, groups, roles, managed policies and their versions, inline and
attached policies, access keys, tags, pagination, the simulator, and AWS's errors."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from iamhelpers import ACCOUNT, allow, make_client, policy, trust, unique


@pytest.fixture(scope="module")
def iam(brume):
    return make_client("iam", brume.endpoint)


def error_of(excinfo) -> tuple[str, str, int]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"], excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_user_lifecycle(iam):
    name = unique("alice")
    created = iam.create_user(UserName=name, Path="/team/", Tags=[{"Key": "env", "Value": "test"}])["User"]
    assert created["UserName"] == name
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/team/{name}"
    assert created["UserId"].startswith("AIDA") and len(created["UserId"]) == 21
    assert created["Path"] == "/team/"
    got = iam.get_user(UserName=name)["User"]
    assert got["UserId"] == created["UserId"]
    assert got["Tags"] == [{"Key": "env", "Value": "test"}]
    assert name in [u["UserName"] for u in iam.list_users(PathPrefix="/team/")["Users"]]

    with pytest.raises(ClientError) as excinfo:
        iam.create_user(UserName=name)
    assert error_of(excinfo) == ("EntityAlreadyExists", f"User with name {name} already exists.", 409)

    iam.tag_user(UserName=name, Tags=[{"Key": "team", "Value": "data"}, {"Key": "env", "Value": "prod"}])
    assert iam.list_user_tags(UserName=name)["Tags"] == [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "data"}]
    iam.untag_user(UserName=name, TagKeys=["env"])
    assert iam.list_user_tags(UserName=name)["Tags"] == [{"Key": "team", "Value": "data"}]

    iam.delete_user(UserName=name)
    with pytest.raises(ClientError) as excinfo:
        iam.get_user(UserName=name)
    assert error_of(excinfo) == ("NoSuchEntity", f"The user with name {name} cannot be found.", 404)


def test_invalid_names_are_validation_errors(iam):
    with pytest.raises(ClientError) as excinfo:
        iam.create_user(UserName="bad name")
    assert excinfo.value.response["Error"]["Code"] == "ValidationError"


def test_list_users_paginates(iam):
    prefix = f"/{unique('page')}/"
    names = sorted(unique("u") for _ in range(5))
    for name in names:
        iam.create_user(UserName=name, Path=prefix)
    try:
        first = iam.list_users(PathPrefix=prefix, MaxItems=2)
        assert first["IsTruncated"] is True
        assert [u["UserName"] for u in first["Users"]] == names[:2]
        second = iam.list_users(PathPrefix=prefix, MaxItems=2, Marker=first["Marker"])
        assert [u["UserName"] for u in second["Users"]] == names[2:4]
        paginated = [u["UserName"] for page in iam.get_paginator("list_users").paginate(PathPrefix=prefix, PaginationConfig={"PageSize": 2})
                     for u in page["Users"]]
        assert paginated == names
    finally:
        for name in names:
            iam.delete_user(UserName=name)


def test_groups_and_membership(iam):
    group, user = unique("devs"), unique("bob")
    created = iam.create_group(GroupName=group)["Group"]
    assert created["GroupId"].startswith("AGPA")
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:group/{group}"
    iam.create_user(UserName=user)
    iam.add_user_to_group(GroupName=group, UserName=user)
    assert [u["UserName"] for u in iam.get_group(GroupName=group)["Users"]] == [user]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=user)["Groups"]] == [group]
    with pytest.raises(ClientError) as excinfo:
        iam.delete_group(GroupName=group)
    assert error_of(excinfo) == ("DeleteConflict", "Cannot delete entity, must remove users from group first.", 409)
    iam.remove_user_from_group(GroupName=group, UserName=user)
    iam.delete_group(GroupName=group)
    iam.delete_user(UserName=user)


def test_role_with_trust_policy(iam):
    name = unique("app")
    document = trust({"Service": "lambda.amazonaws.com"})
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=document, Description="runs the app")["Role"]
    assert role["RoleId"].startswith("AROA")
    assert role["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/{name}"
    got = iam.get_role(RoleName=name)["Role"]
    # botocore decodes the URL-encoded document into a dict, as it does against AWS.
    assert got["AssumeRolePolicyDocument"] == json.loads(document)
    assert got["Description"] == "runs the app"
    assert got["MaxSessionDuration"] == 3600
    iam.update_assume_role_policy(RoleName=name, PolicyDocument=trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}))
    assert iam.get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    iam.delete_role(RoleName=name)


@pytest.mark.parametrize("document, message", [
    ("not json", "Syntax errors in policy."),
    (policy({"Effect": "Allow", "Action": "sts:AssumeRole"}), "Missing required field Principal"),
    (policy({"Effect": "Allow", "Principal": {"AWS": "nobody"}, "Action": "sts:AssumeRole"}), 'Invalid principal in policy: "AWS":"nobody"'),
])
def test_trust_policies_are_validated(iam, document, message):
    with pytest.raises(ClientError) as excinfo:
        iam.create_role(RoleName=unique("bad"), AssumeRolePolicyDocument=document)
    assert error_of(excinfo) == ("MalformedPolicyDocument", message, 400)


@pytest.mark.parametrize("document, message", [
    (policy({"Effect": "Allow", "Action": "GetObject", "Resource": "*"}), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
    (policy({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}), "Policy document should not specify a principal."),
    (policy({"Effect": "Allow", "Action": "s3:*", "Resource": "bucket"}), 'Resource bucket must be in ARN format or "*".'),
    (policy({"Effect": "Allow", "Action": "s3:*"}), "Policy statement must contain resources."),
])
def test_identity_policies_are_validated(iam, document, message):
    with pytest.raises(ClientError) as excinfo:
        iam.create_policy(PolicyName=unique("bad"), PolicyDocument=document)
    assert error_of(excinfo) == ("MalformedPolicyDocument", message, 400)


def test_managed_policy_versions(iam):
    name = unique("pol")
    v1 = policy(allow("s3:GetObject"))
    created = iam.create_policy(PolicyName=name, PolicyDocument=v1, Description="reads")["Policy"]
    arn = created["Arn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:policy/{name}"
    assert created["PolicyId"].startswith("ANPA")
    assert created["DefaultVersionId"] == "v1"
    for n in range(2, 6):
        version = iam.create_policy_version(PolicyArn=arn, PolicyDocument=policy(allow(f"s3:Put{n}")))["PolicyVersion"]
        assert version["VersionId"] == f"v{n}" and version["IsDefaultVersion"] is False
    with pytest.raises(ClientError) as excinfo:
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=v1)
    assert error_of(excinfo) == ("LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.", 409)
    with pytest.raises(ClientError) as excinfo:
        iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    assert error_of(excinfo) == ("DeleteConflict", "Cannot delete the default version of a policy.", 409)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v3")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v3"
    iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [v["VersionId"] for v in versions] == ["v5", "v4", "v3", "v2"]
    assert [v["IsDefaultVersion"] for v in versions] == [False, False, True, False]
    six = iam.create_policy_version(PolicyArn=arn, PolicyDocument=v1, SetAsDefault=True)["PolicyVersion"]
    assert six["VersionId"] == "v6" and six["IsDefaultVersion"] is True
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v6")["PolicyVersion"]["Document"] == json.loads(v1)
    iam.delete_policy(PolicyArn=arn)
    with pytest.raises(ClientError) as excinfo:
        iam.get_policy(PolicyArn=arn)
    assert error_of(excinfo) == ("NoSuchEntity", f"Policy {arn} was not found.", 404)


def test_managed_policy_size_limit(iam):
    big = policy(allow([f"s3:Action{n:05d}" for n in range(400)]))
    with pytest.raises(ClientError) as excinfo:
        iam.create_policy(PolicyName=unique("big"), PolicyDocument=big)
    assert error_of(excinfo) == ("LimitExceeded", "Cannot exceed quota for PolicySize: 6144", 409)


def test_attach_and_inline_policies(iam):
    user, role, group = unique("carol"), unique("worker"), unique("ops")
    iam.create_user(UserName=user)
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.create_group(GroupName=group)
    arn = iam.create_policy(PolicyName=unique("attach"), PolicyDocument=policy(allow("sqs:*")))["Policy"]["Arn"]
    basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    try:
        iam.attach_user_policy(UserName=user, PolicyArn=arn)
        iam.attach_group_policy(GroupName=group, PolicyArn=arn)
        iam.attach_role_policy(RoleName=role, PolicyArn=arn)
        iam.attach_role_policy(RoleName=role, PolicyArn=basic)
        attached = iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
        assert {p["PolicyArn"] for p in attached} == {arn, basic}
        assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 3
        entities = iam.list_entities_for_policy(PolicyArn=arn)
        assert [u["UserName"] for u in entities["PolicyUsers"]] == [user]
        assert [r["RoleName"] for r in entities["PolicyRoles"]] == [role]
        with pytest.raises(ClientError) as excinfo:
            iam.delete_policy(PolicyArn=arn)
        assert error_of(excinfo)[0] == "DeleteConflict"
        with pytest.raises(ClientError) as excinfo:
            iam.attach_role_policy(RoleName=role, PolicyArn=f"arn:aws:iam::{ACCOUNT}:policy/missing")
        assert error_of(excinfo) == ("NoSuchEntity", f"Policy arn:aws:iam::{ACCOUNT}:policy/missing does not exist or is not attachable.", 404)

        inline = policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))
        iam.put_role_policy(RoleName=role, PolicyName="read", PolicyDocument=inline)
        iam.put_user_policy(UserName=user, PolicyName="read", PolicyDocument=inline)
        iam.put_group_policy(GroupName=group, PolicyName="read", PolicyDocument=inline)
        assert iam.list_role_policies(RoleName=role)["PolicyNames"] == ["read"]
        got = iam.get_role_policy(RoleName=role, PolicyName="read")
        assert got["PolicyDocument"] == json.loads(inline) and got["RoleName"] == role
        assert iam.get_user_policy(UserName=user, PolicyName="read")["PolicyDocument"] == json.loads(inline)
        with pytest.raises(ClientError) as excinfo:
            iam.delete_role(RoleName=role)
        assert error_of(excinfo) == ("DeleteConflict", "Cannot delete entity, must delete policies first.", 409)
        with pytest.raises(ClientError) as excinfo:
            iam.get_role_policy(RoleName=role, PolicyName="nope")
        assert error_of(excinfo) == ("NoSuchEntity", "The role policy with name nope cannot be found.", 404)
    finally:
        for kind, name in (("user", user), ("role", role), ("group", group)):
            getattr(iam, f"delete_{kind}_policy")(**{f"{kind.capitalize()}Name": name, "PolicyName": "read"})
            getattr(iam, f"detach_{kind}_policy")(**{f"{kind.capitalize()}Name": name, "PolicyArn": arn})
        iam.detach_role_policy(RoleName=role, PolicyArn=basic)
        iam.delete_policy(PolicyArn=arn)
        iam.delete_user(UserName=user)
        iam.delete_role(RoleName=role)
        iam.delete_group(GroupName=group)


def test_access_keys(iam):
    user = unique("dave")
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    assert key["AccessKeyId"].startswith("AKIA") and len(key["AccessKeyId"]) == 20
    assert len(key["SecretAccessKey"]) == 40 and key["Status"] == "Active"
    iam.create_access_key(UserName=user)
    with pytest.raises(ClientError) as excinfo:
        iam.create_access_key(UserName=user)
    assert error_of(excinfo) == ("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409)
    with pytest.raises(ClientError) as excinfo:
        iam.delete_user(UserName=user)
    assert error_of(excinfo) == ("DeleteConflict", "Cannot delete entity, must delete access keys first.", 409)
    iam.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    listed = {k["AccessKeyId"]: k["Status"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}
    assert listed[key["AccessKeyId"]] == "Inactive" and len(listed) == 2
    for key_id in listed:
        iam.delete_access_key(UserName=user, AccessKeyId=key_id)
    with pytest.raises(ClientError) as excinfo:
        iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    assert error_of(excinfo) == ("NoSuchEntity", f"The Access Key with id {key['AccessKeyId']} cannot be found.", 404)
    iam.delete_user(UserName=user)


def test_simulate_custom_policy(iam):
    documents = [
        policy(allow("s3:*", "arn:aws:s3:::data/*")),
        policy({"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
               {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}),
    ]
    results = iam.simulate_custom_policy(
        PolicyInputList=documents, ActionNames=["s3:GetObject", "s3:DeleteObject", "iam:CreateUser"],
        ResourceArns=["arn:aws:s3:::data/k"])["EvaluationResults"]
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in results}
    assert decisions == {"s3:GetObject": "allowed", "s3:DeleteObject": "explicitDeny", "iam:CreateUser": "implicitDeny"}
    denied = next(r for r in results if r["EvalActionName"] == "s3:DeleteObject")
    assert denied["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.2"
    inside = iam.simulate_custom_policy(PolicyInputList=documents, ActionNames=["sqs:SendMessage"], ContextEntries=[
        {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["10.1.2.3"], "ContextKeyType": "ip"}])["EvaluationResults"]
    outside = iam.simulate_custom_policy(PolicyInputList=documents, ActionNames=["sqs:SendMessage"], ContextEntries=[
        {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["8.8.8.8"], "ContextKeyType": "ip"}])["EvaluationResults"]
    assert inside[0]["EvalDecision"] == "allowed" and outside[0]["EvalDecision"] == "implicitDeny"


def test_simulate_principal_policy_includes_groups(iam):
    user, group = unique("erin"), unique("readers")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    iam.put_group_policy(GroupName=group, PolicyName="read", PolicyDocument=policy(allow("s3:GetObject")))
    iam.put_user_policy(UserName=user, PolicyName="home", PolicyDocument=policy(
        allow("s3:PutObject", "arn:aws:s3:::home/${aws:username}/*")))
    try:
        source = f"arn:aws:iam::{ACCOUNT}:user/{user}"
        results = iam.simulate_principal_policy(
            PolicySourceArn=source, ActionNames=["s3:GetObject", "s3:PutObject"],
            ResourceArns=[f"arn:aws:s3:::home/{user}/f", "arn:aws:s3:::home/other/f"])["EvaluationResults"]
        decisions = {(r["EvalActionName"], r["EvalResourceName"]): r["EvalDecision"] for r in results}
        assert decisions[("s3:GetObject", "arn:aws:s3:::home/other/f")] == "allowed"
        assert decisions[("s3:PutObject", f"arn:aws:s3:::home/{user}/f")] == "allowed"
        assert decisions[("s3:PutObject", "arn:aws:s3:::home/other/f")] == "implicitDeny"
    finally:
        iam.delete_user_policy(UserName=user, PolicyName="home")
        iam.delete_group_policy(GroupName=group, PolicyName="read")
        iam.remove_user_from_group(GroupName=group, UserName=user)
        iam.delete_group(GroupName=group)
        iam.delete_user(UserName=user)


def test_instance_profiles(iam):
    profile, role = unique("ip"), unique("ec2")
    created = iam.create_instance_profile(InstanceProfileName=profile, Path="/app/")["InstanceProfile"]
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:instance-profile/app/{profile}"
    assert created["InstanceProfileId"].startswith("AIPA") and created["Roles"] == []
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"Service": "ec2.amazonaws.com"}))
    iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=role)
    assert [r["RoleName"] for r in iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"]] == [role]
    assert [p["InstanceProfileName"] for p in iam.list_instance_profiles_for_role(RoleName=role)["InstanceProfiles"]] == [profile]
    assert profile in [p["InstanceProfileName"] for p in iam.list_instance_profiles(PathPrefix="/app/")["InstanceProfiles"]]
    with pytest.raises(ClientError) as excinfo:
        iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=role)
    assert error_of(excinfo) == ("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409)
    with pytest.raises(ClientError) as excinfo:
        iam.delete_instance_profile(InstanceProfileName=profile)
    assert error_of(excinfo) == ("DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", 409)
    iam.remove_role_from_instance_profile(InstanceProfileName=profile, RoleName=role)
    iam.delete_instance_profile(InstanceProfileName=profile)
    iam.delete_role(RoleName=role)
    with pytest.raises(ClientError) as excinfo:
        iam.get_instance_profile(InstanceProfileName=profile)
    assert error_of(excinfo) == ("NoSuchEntity", f"Instance Profile {profile} cannot be found.", 404)


def test_unimplemented_operations_answer_an_error(iam):
    with pytest.raises(ClientError) as excinfo:
        iam.create_service_linked_role(AWSServiceName="elasticbeanstalk.amazonaws.com")
    assert error_of(excinfo) == ("NotImplemented", "CreateServiceLinkedRole is not implemented by Brume yet.", 501)
