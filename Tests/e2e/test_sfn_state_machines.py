"""Step Functions state machines: Create/Describe/Update/Delete/List, definition validation
(InvalidDefinition and ValidateStateMachineDefinition) and tags — as real AWS behaves."""

import json
import time

import pytest

from sfnhelpers import (OTHER_ROLE_ARN, ROLE_ARN, definition, delete_machine_quietly, pass_definition, sfn_error,
                        state_machine_arn, unique_name)


# --- CreateStateMachine / DescribeStateMachine ------------------------------------------------

def test_create_and_describe_standard(sfn):
    name = unique_name("create")
    text = pass_definition({"hello": "world"})
    created = sfn.create_state_machine(name=name, definition=text, roleArn=ROLE_ARN)
    try:
        arn = created["stateMachineArn"]
        assert arn == state_machine_arn(name)
        assert created["creationDate"]
        described = sfn.describe_state_machine(stateMachineArn=arn)
        assert described["stateMachineArn"] == arn
        assert described["name"] == name
        assert described["status"] == "ACTIVE"
        assert described["type"] == "STANDARD"  # the default type
        assert described["roleArn"] == ROLE_ARN
        assert json.loads(described["definition"]) == json.loads(text)
        assert described["creationDate"] == created["creationDate"]
        # Defaults AWS reports for a machine created without logging or tracing settings.
        assert described["loggingConfiguration"] == {"level": "OFF", "includeExecutionData": False}
        assert described["tracingConfiguration"] == {"enabled": False}
    finally:
        delete_machine_quietly(sfn, created["stateMachineArn"])


@pytest.mark.parametrize("options", [
    {"publish": True},
    {"versionDescription": "v1"},
    {"encryptionConfiguration": {"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/mine"}},
])
def test_options_brume_cannot_honour_are_refused_not_ignored(sfn, options):
    # Versions and customer managed keys are not supported by Brume yet: the request fails and
    # creates nothing, rather than succeeding without the option taking effect.
    name = unique_name("unsupported")
    with sfn_error(sfn, "ValidationException") as info:
        sfn.create_state_machine(name=name, definition=pass_definition(), roleArn=ROLE_ARN, **options)
    assert "not supported by Brume yet" in info.value.response["Error"]["Message"]
    assert all(m["name"] != name for m in sfn.list_state_machines()["stateMachines"])


def test_aws_owned_key_encryption_is_accepted(sfn, make_state_machine):
    arn = make_state_machine(pass_definition(), encryptionConfiguration={"type": "AWS_OWNED_KEY"})
    assert sfn.describe_state_machine(stateMachineArn=arn)["status"] == "ACTIVE"


def test_create_express(sfn, make_state_machine):
    arn = make_state_machine(pass_definition(), type="EXPRESS")
    assert sfn.describe_state_machine(stateMachineArn=arn)["type"] == "EXPRESS"


def test_definition_is_returned_as_sent(sfn, make_state_machine):
    # AWS stores the definition text as given (whitespace and key order included).
    text = '{\n  "Comment": "kept as is",\n  "StartAt": "P",\n  "States": {"P": {"Type": "Pass", "End": true}}\n}'
    arn = make_state_machine(text)
    assert sfn.describe_state_machine(stateMachineArn=arn)["definition"] == text


def test_create_is_idempotent_for_identical_request(sfn):
    # AWS: "CreateStateMachine is an idempotent API ... based on the state machine name,
    # definition, type, LoggingConfiguration, TracingConfiguration, and EncryptionConfiguration".
    name = unique_name("idem")
    text = pass_definition()
    first = sfn.create_state_machine(name=name, definition=text, roleArn=ROLE_ARN)
    try:
        again = sfn.create_state_machine(name=name, definition=text, roleArn=ROLE_ARN)
        assert again["stateMachineArn"] == first["stateMachineArn"]
        assert again["creationDate"] == first["creationDate"]
    finally:
        delete_machine_quietly(sfn, first["stateMachineArn"])


def test_create_with_other_role_is_still_idempotent(sfn):
    # AWS: "If a following request has a different roleArn or tags, Step Functions will ignore
    # these differences and treat it as an idempotent request of the previous. In this case,
    # roleArn and tags will not be updated, even if they are different."
    name = unique_name("idemrole")
    text = pass_definition()
    first = sfn.create_state_machine(name=name, definition=text, roleArn=ROLE_ARN,
                                     tags=[{"key": "a", "value": "1"}])["stateMachineArn"]
    try:
        again = sfn.create_state_machine(name=name, definition=text, roleArn=OTHER_ROLE_ARN,
                                         tags=[{"key": "b", "value": "2"}])["stateMachineArn"]
        assert again == first
        assert sfn.describe_state_machine(stateMachineArn=first)["roleArn"] == ROLE_ARN
        assert sfn.list_tags_for_resource(resourceArn=first)["tags"] == [{"key": "a", "value": "1"}]
    finally:
        delete_machine_quietly(sfn, first)


def test_create_with_same_name_other_type_is_already_exists(sfn):
    name = unique_name("othertype")
    arn = sfn.create_state_machine(name=name, definition=pass_definition(), roleArn=ROLE_ARN)["stateMachineArn"]
    try:
        with sfn_error(sfn, "StateMachineAlreadyExists"):
            sfn.create_state_machine(name=name, definition=pass_definition(), roleArn=ROLE_ARN, type="EXPRESS")
    finally:
        delete_machine_quietly(sfn, arn)


def test_create_with_same_name_other_definition_is_already_exists(sfn):
    name = unique_name("exists")
    arn = sfn.create_state_machine(name=name, definition=pass_definition(), roleArn=ROLE_ARN)["stateMachineArn"]
    try:
        with sfn_error(sfn, "StateMachineAlreadyExists"):
            sfn.create_state_machine(name=name, definition=pass_definition({"other": 1}), roleArn=ROLE_ARN)
    finally:
        delete_machine_quietly(sfn, arn)


# (Over-long names are refused by botocore's own parameter validation before sending.)
@pytest.mark.parametrize("name", ["has space", "brace{", "star*", "slash/x", "colon:x"])
def test_invalid_names(sfn, name):
    with sfn_error(sfn, "InvalidName"):
        sfn.create_state_machine(name=name, definition=pass_definition(), roleArn=ROLE_ARN)


def test_describe_missing_machine(sfn):
    arn = state_machine_arn(unique_name("missing"))
    with sfn_error(sfn, "StateMachineDoesNotExist") as info:
        sfn.describe_state_machine(stateMachineArn=arn)
    assert info.value.response["Error"]["Message"] == f"State Machine Does Not Exist: '{arn}'"


def test_responses_are_aws_json_1_0(sfn, make_state_machine):
    arn = make_state_machine(pass_definition())
    response = sfn.describe_state_machine(stateMachineArn=arn)
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.0"
    assert response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-requestid")


def test_describe_with_malformed_arn(sfn):
    with sfn_error(sfn, "InvalidArn"):
        sfn.describe_state_machine(stateMachineArn="not-an-arn")


# --- InvalidDefinition ------------------------------------------------------------------------

def create_error(sfn, text: str) -> str:
    with sfn_error(sfn, "InvalidDefinition") as info:
        sfn.create_state_machine(name=unique_name("bad"), definition=text, roleArn=ROLE_ARN)
    message = info.value.response["Error"]["Message"]
    # AWS: Invalid State Machine Definition: '<CODE>: <detail> at <location>, <CODE>: ...'
    assert message.startswith("Invalid State Machine Definition: '"), message
    assert message.endswith("'"), message
    return message


def test_state_without_type_is_schema_validation_failed(sfn):
    message = create_error(sfn, definition({"X": {"End": True}}))
    assert "SCHEMA_VALIDATION_FAILED" in message, message
    assert "at /States/X" in message, message


def test_unknown_field_is_schema_validation_failed(sfn):
    message = create_error(sfn, definition({"X": {"Type": "Pass", "End": True, "Bogus": 1}}))
    assert "SCHEMA_VALIDATION_FAILED" in message, message
    assert "/States/X" in message, message


def test_missing_next_target_is_missing_transition_target(sfn):
    message = create_error(sfn, definition({"X": {"Type": "Pass", "Next": "Nowhere"}}))
    assert "MISSING_TRANSITION_TARGET" in message, message
    assert "/States/X/Next" in message, message


def test_start_at_unknown_state_is_invalid(sfn):
    message = create_error(sfn, json.dumps({"StartAt": "Ghost", "States": {"X": {"Type": "Pass", "End": True}}}))
    assert "Ghost" in message, message


def test_unreachable_state_is_missing_transition_target(sfn):
    # AWS: MISSING_TRANSITION_TARGET: State "Orphan" is not reachable. at /States/Orphan
    message = create_error(sfn, definition({"A": {"Type": "Pass", "End": True},
                                            "Orphan": {"Type": "Pass", "End": True}}))
    assert "MISSING_TRANSITION_TARGET" in message, message
    assert "/States/Orphan" in message, message


@pytest.mark.parametrize("states", [
    {"X": {"Type": "Choice", "Default": "Y"}, "Y": {"Type": "Succeed"}},          # Choice without Choices
    {"X": {"Type": "Fail", "Next": "Y"}, "Y": {"Type": "Succeed"}},               # Fail cannot have Next
    {"X": {"Type": "Task", "End": True}},                                         # Task without Resource
    {"X": {"Type": "Pass", "Next": "X", "End": True}},                            # both Next and End
    {"X": {"Type": "Wait", "End": True}},                                         # Wait without a duration
    {"X": {"Type": "Bogus", "End": True}},                                        # unknown type
    {"X": {"Type": "Parallel", "End": True, "Branches": []}},                     # no branches
    {"X": {"Type": "Pass", "End": True, "ResultSelector": {"a": 1}}},              # Pass has no ResultSelector
    {"X": {"Type": "Wait", "Seconds": 1, "Timestamp": "2020-01-01T00:00:00Z", "End": True}},  # two durations
    {"X": {"Type": "Pass", "End": True, "Parameters": {"v.$": "not a path"}}},   # .$ value is no path
    {"X": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericBogus": 1, "Next": "Y"}]},
     "Y": {"Type": "Succeed"}},                                                   # unknown comparison
])
def test_structurally_invalid_states(sfn, states):
    message = create_error(sfn, definition(states))
    assert "/States/X" in message, message


@pytest.mark.parametrize("value", ["not a path", "States.format('test-{}.json', $.Comment)", "States.Nope($.a)"])
def test_dollar_field_must_be_path_or_known_intrinsic(sfn, value):
    # AWS checks intrinsic function names at creation: a real report of `States.format(...)`
    # (lower-case f) got exactly this message (serverless-step-functions issue #399).
    message = create_error(sfn, definition({"X": {"Type": "Pass", "End": True, "Parameters": {"outputPath.$": value}}}))
    assert ("SCHEMA_VALIDATION_FAILED: The value for the field 'outputPath.$' must be a valid JSONPath or a "
            "valid intrinsic function call at /States/X/Parameters") in message, message


@pytest.mark.parametrize("states", [
    {"X": {"Type": "Pass", "Next": "Nowhere"}},
    {"X": {"Type": "Fail", "Next": "X"}},
])
def test_validate_fails_what_create_refuses(sfn, states):
    text = definition(states)
    with sfn_error(sfn, "InvalidDefinition"):
        sfn.create_state_machine(name=unique_name("parity"), definition=text, roleArn=ROLE_ARN)
    assert sfn.validate_state_machine_definition(definition=text)["result"] == "FAIL"


def test_states_all_must_be_alone_and_last(sfn):
    retry = [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Other"]}]
    create_error(sfn, definition({"X": {"Type": "Parallel", "End": True, "Retry": retry,
                                        "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}]}}))


def test_not_json_is_invalid_json_description(sfn):
    message = create_error(sfn, "{ this is not json")
    assert "INVALID_JSON_DESCRIPTION" in message, message


def test_unsupported_integration_is_rejected(sfn):
    # Brume contract (not AWS: AWS would accept these): services Brume does not emulate yet are
    # refused at creation with AWS's InvalidDefinition shape, never accepted and failed later.
    for resource in ("arn:aws:states:::dynamodb:putItem", "arn:aws:states:::glue:startJobRun.sync"):
        state = {"Type": "Task", "Resource": resource, "Parameters": {"X": 1}, "End": True}
        message = create_error(sfn, definition({"Call": state}))
        assert "is not supported by Brume yet" in message, message


# --- ValidateStateMachineDefinition --------------------------------------------------------------

def test_validate_ok(sfn):
    result = sfn.validate_state_machine_definition(definition=pass_definition(), type="STANDARD")
    assert result["result"] == "OK"
    assert [d for d in result["diagnostics"] if d["severity"] == "ERROR"] == []


def test_validate_fail_with_diagnostics(sfn):
    result = sfn.validate_state_machine_definition(definition=definition({"X": {"End": True}}))
    assert result["result"] == "FAIL"
    errors = [d for d in result["diagnostics"] if d["severity"] == "ERROR"]
    assert errors, result
    assert errors[0]["code"] == "SCHEMA_VALIDATION_FAILED"
    assert errors[0]["message"]
    assert errors[0]["location"] == "/States/X"


def test_validate_missing_transition_target(sfn):
    result = sfn.validate_state_machine_definition(definition=definition({"X": {"Type": "Pass", "Next": "Nowhere"}}))
    assert result["result"] == "FAIL"
    codes = {d["code"] for d in result["diagnostics"]}
    assert "MISSING_TRANSITION_TARGET" in codes, result


# --- UpdateStateMachine ---------------------------------------------------------------------------

def test_update_definition_and_role(sfn, make_state_machine):
    arn = make_state_machine(pass_definition({"v": 1}))
    new_text = pass_definition({"v": 2})
    updated = sfn.update_state_machine(stateMachineArn=arn, definition=new_text, roleArn=OTHER_ROLE_ARN)
    assert updated["updateDate"]
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert json.loads(described["definition"]) == json.loads(new_text)
    assert described["roleArn"] == OTHER_ROLE_ARN


def test_update_with_invalid_definition(sfn, make_state_machine):
    arn = make_state_machine(pass_definition())
    with sfn_error(sfn, "InvalidDefinition"):
        sfn.update_state_machine(stateMachineArn=arn, definition=definition({"X": {"End": True}}))
    assert json.loads(sfn.describe_state_machine(stateMachineArn=arn)["definition"]) == json.loads(pass_definition())


def test_update_without_changes_is_missing_required_parameter(sfn, make_state_machine):
    # AWS: at least one of definition, roleArn, loggingConfiguration, tracingConfiguration.
    arn = make_state_machine(pass_definition())
    with sfn_error(sfn, "MissingRequiredParameter"):
        sfn.update_state_machine(stateMachineArn=arn)


def test_update_missing_machine(sfn):
    with sfn_error(sfn, "StateMachineDoesNotExist"):
        sfn.update_state_machine(stateMachineArn=state_machine_arn(unique_name("gone")), definition=pass_definition())


# --- DeleteStateMachine ---------------------------------------------------------------------------

def test_delete_state_machine(sfn):
    arn = sfn.create_state_machine(name=unique_name("del"), definition=pass_definition(),
                                   roleArn=ROLE_ARN)["stateMachineArn"]
    sfn.delete_state_machine(stateMachineArn=arn)
    # AWS marks it DELETING and removes it once no execution is open; with none, it goes quickly.
    deadline = time.monotonic() + 5
    while True:
        try:
            status = sfn.describe_state_machine(stateMachineArn=arn)["status"]
        except sfn.exceptions.StateMachineDoesNotExist:
            break
        assert status == "DELETING"
        assert time.monotonic() < deadline, "state machine still DELETING after 5 s"
        time.sleep(0.1)
    listed = [m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]]
    assert arn not in listed


# --- ListStateMachines ------------------------------------------------------------------------

def all_machines(sfn, **kwargs):
    machines, token, pages = [], None, 0
    while True:
        page = sfn.list_state_machines(**kwargs, **({"nextToken": token} if token else {}))
        machines.extend(page["stateMachines"])
        pages += 1
        token = page.get("nextToken")
        if not token:
            return machines, pages


def test_list_state_machines_entries(sfn, make_state_machine):
    arn = make_state_machine(pass_definition(), type="EXPRESS")
    entry = next(m for m in all_machines(sfn)[0] if m["stateMachineArn"] == arn)
    assert entry["name"] == arn.rsplit(":", 1)[1]
    assert entry["type"] == "EXPRESS"
    assert entry["creationDate"]


def test_list_state_machines_pagination(sfn, make_state_machine):
    arns = {make_state_machine(pass_definition(), prefix="page") for _ in range(3)}
    first = sfn.list_state_machines(maxResults=1)
    assert len(first["stateMachines"]) == 1
    assert first.get("nextToken")
    machines, pages = all_machines(sfn, maxResults=1)
    listed = [m["stateMachineArn"] for m in machines]
    assert arns <= set(listed)
    assert len(listed) == len(set(listed)), "a machine was listed twice across pages"
    assert pages >= 3


def test_list_with_bad_token(sfn):
    with sfn_error(sfn, "InvalidToken"):
        sfn.list_state_machines(nextToken="garbage-token")


# --- tags -----------------------------------------------------------------------------------------

def tags_of(sfn, arn):
    return {t["key"]: t["value"] for t in sfn.list_tags_for_resource(resourceArn=arn)["tags"]}


def test_tags_lifecycle(sfn, make_state_machine):
    arn = make_state_machine(pass_definition(), tags=[{"key": "team", "value": "data"}])
    assert tags_of(sfn, arn) == {"team": "data"}
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "test"}, {"key": "team", "value": "ops"}])
    assert tags_of(sfn, arn) == {"team": "ops", "env": "test"}
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert tags_of(sfn, arn) == {"env": "test"}


def test_tags_on_missing_machine(sfn):
    with sfn_error(sfn, "ResourceNotFound"):
        sfn.list_tags_for_resource(resourceArn=state_machine_arn(unique_name("notag")))
