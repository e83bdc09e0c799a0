"""`auth: strict` with the JSON-protocol services: boto3 signs the SHA-256 of a JSON body without
sending it in `x-amz-content-sha256`, so the edge must hash the body to verify; Step Functions
tasks call SQS through the edge with signed requests of their own."""

import json

import pytest
from botocore.exceptions import ClientError

from sfnhelpers import ROLE_ARN, chain, make_sfn_client, output_of, run, unique_name
from sqshelpers import make_sqs_client


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    from harness import EXTERNAL_ENDPOINT, launch
    if EXTERNAL_ENDPOINT:
        pytest.skip("starts its own brume process; not possible with BRUME_E2E_ENDPOINT")
    server = launch(tmp_path_factory.mktemp("strict-json"), auth="strict", name="strict-json")
    yield server
    server.terminate()


def test_json_requests_with_bodies_verify(strict_server):
    sqs = make_sqs_client(strict_server.endpoint)
    url = sqs.create_queue(QueueName=unique_name("strict"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="signed")
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]["Body"] == "signed"


def test_a_wrong_secret_is_refused(strict_server):
    sqs = make_sqs_client(strict_server.endpoint, secret_key="not-the-secret")
    with pytest.raises(ClientError) as info:
        sqs.create_queue(QueueName=unique_name("strict"))
    assert info.value.response["Error"]["Code"] == "InvalidSignatureException"


def test_step_functions_tasks_sign_their_calls(strict_server):
    sqs = make_sqs_client(strict_server.endpoint)
    sfn = make_sfn_client(strict_server.endpoint)
    url = sqs.create_queue(QueueName=unique_name("strict-task"))["QueueUrl"]
    text = chain(("Send", {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                           "Parameters": {"QueueUrl": url, "MessageBody": {"n.$": "$.n"}}}))
    machine = sfn.create_state_machine(name=unique_name("strict"), definition=text, roleArn=ROLE_ARN)["stateMachineArn"]
    out = output_of(run(sfn, machine, {"n": 1}))
    message = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]
    assert json.loads(message["Body"]) == {"n": 1}
    assert out["MessageId"] == message["MessageId"]
