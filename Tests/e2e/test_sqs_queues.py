"""SQS queue management: CreateQueue, GetQueueUrl, ListQueues, queue attributes, DeleteQueue,
PurgeQueue, tags, permissions and ListDeadLetterSourceQueues — as real AWS SQS behaves."""

import json
import time

import pytest

from sqshelpers import (ACCOUNT, attributes_of, delete_queue_quietly, make_sqs_client, name_of, queue_arn,
                        sqs_error, unique_queue)

NON_EXISTENT = ("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue")


# --- CreateQueue -------------------------------------------------------------------------------

def test_create_queue_returns_url_with_account_and_name(brume, sqs, make_queue):
    url = make_queue("create")
    assert url == f"{brume.endpoint}/{ACCOUNT}/{name_of(url)}"
    assert sqs.get_queue_url(QueueName=name_of(url))["QueueUrl"] == url


def test_create_queue_is_idempotent_with_same_attributes(sqs):
    name = unique_queue("idem")
    first = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "7"})["QueueUrl"]
    try:
        again = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "7"})["QueueUrl"]
        assert again == first
    finally:
        delete_queue_quietly(sqs, first)


def test_create_queue_with_different_attributes_is_queue_name_exists(sqs):
    name = unique_queue("exists")
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "7"})["QueueUrl"]
    try:
        # botocore's QueueNameExists shape; its query-compatible code is QueueAlreadyExists.
        with sqs_error(sqs, "QueueNameExists", "QueueAlreadyExists"):
            sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "8"})
    finally:
        delete_queue_quietly(sqs, url)


@pytest.mark.parametrize("name", ["has space", "dot.in.name", "slash/name", "a" * 81, "ünï"])
def test_invalid_standard_queue_names(sqs, name):
    # AWS: "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.create_queue(QueueName=name)


def test_queue_name_of_80_characters_with_hyphen_and_underscore_is_valid(sqs):
    name = ("e2e-max_" + "x" * 80)[:80]
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    try:
        assert name_of(url) == name
    finally:
        delete_queue_quietly(sqs, url)


def test_fifo_suffix_without_fifo_attribute_is_invalid_name(sqs):
    # A standard queue name cannot contain '.', so "x.fifo" without FifoQueue=true is rejected.
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.create_queue(QueueName=unique_queue("nofifoattr", fifo=True))


def test_fifo_attribute_without_fifo_suffix_is_invalid(sqs):
    # AWS: "The name of a FIFO queue can only include alphanumeric characters, hyphens, or
    # underscores, must end with .fifo suffix and be 1 to 80 in length."
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.create_queue(QueueName=unique_queue("nosuffix"), Attributes={"FifoQueue": "true"})


def test_fifo_queue_name_may_be_80_characters_including_suffix(sqs):
    name = ("e2e-fifo80-" + "y" * 80)[:75] + ".fifo"
    url = sqs.create_queue(QueueName=name, Attributes={"FifoQueue": "true"})["QueueUrl"]
    try:
        assert name_of(url) == name
    finally:
        delete_queue_quietly(sqs, url)
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.create_queue(QueueName="z" + name, Attributes={"FifoQueue": "true"})


@pytest.mark.parametrize("attribute,value", [
    ("VisibilityTimeout", "-1"), ("VisibilityTimeout", "43201"),
    ("DelaySeconds", "901"), ("DelaySeconds", "-1"),
    ("MaximumMessageSize", "1023"), ("MaximumMessageSize", "1048577"),
    ("MessageRetentionPeriod", "59"), ("MessageRetentionPeriod", "1209601"),
    ("ReceiveMessageWaitTimeSeconds", "21"),
    ("VisibilityTimeout", "abc"),
])
def test_attribute_out_of_range_is_invalid_attribute_value(sqs, attribute, value):
    # AWS: InvalidAttributeValue "Invalid value for the parameter <Name>."
    with sqs_error(sqs, "InvalidAttributeValue", "InvalidAttributeValue"):
        sqs.create_queue(QueueName=unique_queue("range"), Attributes={attribute: value})


@pytest.mark.parametrize("attribute,value", [
    ("VisibilityTimeout", "0"), ("VisibilityTimeout", "43200"), ("DelaySeconds", "900"),
    ("MaximumMessageSize", "1024"), ("MaximumMessageSize", "1048576"),
    ("MessageRetentionPeriod", "60"), ("MessageRetentionPeriod", "1209600"),
    ("ReceiveMessageWaitTimeSeconds", "20"),
])
def test_attribute_bounds_are_accepted(sqs, make_queue, attribute, value):
    url = make_queue("bounds", **{attribute: value})
    assert attributes_of(sqs, url, attribute)[attribute] == value


def test_unknown_attribute_is_invalid_attribute_name(sqs):
    # AWS: InvalidAttributeName "Unknown Attribute Bogus."
    with sqs_error(sqs, "InvalidAttributeName", "InvalidAttributeName"):
        sqs.create_queue(QueueName=unique_queue("unknown"), Attributes={"Bogus": "1"})


def test_create_queue_with_tags(sqs, make_queue):
    url = make_queue("tagged", tags={"team": "data", "env": "test"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "data", "env": "test"}


# --- GetQueueUrl ---------------------------------------------------------------------------------

def test_get_queue_url(sqs, queue):
    assert sqs.get_queue_url(QueueName=name_of(queue))["QueueUrl"] == queue


def test_get_queue_url_with_owner_account(sqs, queue):
    assert sqs.get_queue_url(QueueName=name_of(queue), QueueOwnerAWSAccountId=ACCOUNT)["QueueUrl"] == queue


def test_get_queue_url_of_missing_queue(sqs):
    with sqs_error(sqs, *NON_EXISTENT) as info:
        sqs.get_queue_url(QueueName=unique_queue("missing"))
    # AWS: "The specified queue does not exist."
    assert "does not exist" in info.value.response["Error"]["Message"]
    assert info.value.response["Error"].get("Type") == "Sender"


def test_twelve_digit_access_key_is_its_own_account(brume, sqs):
    other = make_sqs_client(brume.endpoint, access_key="111122223333", secret_key="test")
    name = unique_queue("acct")
    url = other.create_queue(QueueName=name)["QueueUrl"]
    try:
        assert url == f"{brume.endpoint}/111122223333/{name}"
        assert attributes_of(other, url, "QueueArn")["QueueArn"] == queue_arn(name, account="111122223333")
        assert url not in sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", [])
        with sqs_error(sqs, *NON_EXISTENT):
            sqs.get_queue_url(QueueName=name)
    finally:
        delete_queue_quietly(other, url)


# --- ListQueues --------------------------------------------------------------------------------

def test_list_queues_by_prefix(sqs, make_queue):
    prefix = unique_queue("list")
    urls = set()
    for suffix in ("a", "b", "c"):
        url = sqs.create_queue(QueueName=f"{prefix}-{suffix}")["QueueUrl"]
        urls.add(url)
    try:
        listed = sqs.list_queues(QueueNamePrefix=prefix)
        assert set(listed["QueueUrls"]) == urls
        # AWS: "You must set MaxResults to receive a value for NextToken in the response."
        assert "NextToken" not in listed
        assert sqs.list_queues(QueueNamePrefix=f"{prefix}-b")["QueueUrls"] == [u for u in urls if u.endswith("-b")]
        assert sqs.list_queues(QueueNamePrefix=prefix + "-zzz").get("QueueUrls", []) == []
    finally:
        for url in urls:
            delete_queue_quietly(sqs, url)


def test_list_queues_paging(sqs):
    prefix = unique_queue("page")
    urls = {sqs.create_queue(QueueName=f"{prefix}-{i}")["QueueUrl"] for i in range(5)}
    try:
        seen, token, pages = [], None, 0
        while True:
            kwargs = {"QueueNamePrefix": prefix, "MaxResults": 2}
            if token:
                kwargs["NextToken"] = token
            page = sqs.list_queues(**kwargs)
            assert len(page.get("QueueUrls", [])) <= 2
            seen += page.get("QueueUrls", [])
            pages += 1
            token = page.get("NextToken")
            if not token:
                break
            assert pages < 10
        assert sorted(seen) == sorted(urls)
        assert pages == 3
        paginated = sqs.get_paginator("list_queues").paginate(QueueNamePrefix=prefix,
                                                              PaginationConfig={"PageSize": 4})
        assert sorted(paginated.search("QueueUrls[]")) == sorted(urls)
    finally:
        for url in urls:
            delete_queue_quietly(sqs, url)


@pytest.mark.parametrize("max_results", [0, 1001])
def test_list_queues_max_results_range(sqs, max_results):
    # AWS documents MaxResults as 1 to 1000; out-of-range values are InvalidParameterValue
    # (not confirmed against AWS here: exact code taken from the documented parameter range).
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.list_queues(MaxResults=max_results)


# --- Get/SetQueueAttributes --------------------------------------------------------------------

def test_default_attributes(sqs, queue):
    attrs = attributes_of(sqs, queue)
    name = name_of(queue)
    assert attrs["QueueArn"] == queue_arn(name)
    assert attrs["VisibilityTimeout"] == "30"
    assert attrs["DelaySeconds"] == "0"
    assert attrs["MessageRetentionPeriod"] == "345600"
    assert attrs["ReceiveMessageWaitTimeSeconds"] == "0"
    # Since August 2025 the default (and maximum) message size is 1 MiB.
    assert attrs["MaximumMessageSize"] == "1048576"
    for counter in ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                    "ApproximateNumberOfMessagesDelayed"):
        assert attrs[counter] == "0"
    created, modified = int(attrs["CreatedTimestamp"]), int(attrs["LastModifiedTimestamp"])
    assert abs(created - time.time()) < 120
    assert modified >= created
    for absent in ("FifoQueue", "ContentBasedDeduplication", "RedrivePolicy", "Policy"):
        assert absent not in attrs


def test_get_specific_attributes_only(sqs, queue):
    attrs = attributes_of(sqs, queue, "VisibilityTimeout", "QueueArn")
    assert set(attrs) == {"VisibilityTimeout", "QueueArn"}


def test_no_attribute_names_returns_no_attributes(sqs, queue):
    assert sqs.get_queue_attributes(QueueUrl=queue).get("Attributes", {}) == {}


def test_get_unknown_attribute_name(sqs, queue):
    with sqs_error(sqs, "InvalidAttributeName", "InvalidAttributeName"):
        sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["Bogus"])


def test_set_queue_attributes(sqs, queue):
    before = int(attributes_of(sqs, queue, "LastModifiedTimestamp")["LastModifiedTimestamp"])
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"VisibilityTimeout": "12", "DelaySeconds": "3",
                                                         "MaximumMessageSize": "2048"})
    attrs = attributes_of(sqs, queue)
    assert (attrs["VisibilityTimeout"], attrs["DelaySeconds"], attrs["MaximumMessageSize"]) == ("12", "3", "2048")
    assert int(attrs["LastModifiedTimestamp"]) >= before


def test_set_queue_attributes_validation(sqs, queue):
    with sqs_error(sqs, "InvalidAttributeValue", "InvalidAttributeValue"):
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"VisibilityTimeout": "43201"})
    with sqs_error(sqs, "InvalidAttributeName", "InvalidAttributeName"):
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Nope": "1"})
    assert attributes_of(sqs, queue, "VisibilityTimeout")["VisibilityTimeout"] == "30"


def test_approximate_counts(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="one")
    sqs.send_message(QueueUrl=queue, MessageBody="two")
    sqs.send_message(QueueUrl=queue, MessageBody="later", DelaySeconds=30)
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=60)["Messages"]
    assert len(received) == 1
    attrs = attributes_of(sqs, queue, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                          "ApproximateNumberOfMessagesDelayed")
    assert attrs == {"ApproximateNumberOfMessages": "1", "ApproximateNumberOfMessagesNotVisible": "1",
                     "ApproximateNumberOfMessagesDelayed": "1"}
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=received[0]["ReceiptHandle"])
    assert attributes_of(sqs, queue, "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessagesNotVisible": "0"}


def test_operations_on_missing_queue(brume, sqs):
    url = f"{brume.endpoint}/{ACCOUNT}/{unique_queue('gone')}"
    for call in (lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]),
                 lambda: sqs.send_message(QueueUrl=url, MessageBody="x"),
                 lambda: sqs.receive_message(QueueUrl=url),
                 lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "1"}),
                 lambda: sqs.purge_queue(QueueUrl=url),
                 lambda: sqs.delete_queue(QueueUrl=url)):
        with sqs_error(sqs, *NON_EXISTENT):
            call()


# --- DeleteQueue / PurgeQueue ------------------------------------------------------------------

def test_delete_queue(sqs):
    name = unique_queue("del")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="bye")
    sqs.delete_queue(QueueUrl=url)
    with sqs_error(sqs, *NON_EXISTENT):
        sqs.get_queue_url(QueueName=name)
    with sqs_error(sqs, *NON_EXISTENT):
        sqs.send_message(QueueUrl=url, MessageBody="x")
    assert url not in sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", [])


def test_purge_queue(sqs, queue):
    for i in range(3):
        sqs.send_message(QueueUrl=queue, MessageBody=f"m{i}")
    sqs.purge_queue(QueueUrl=queue)
    assert sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []) == []
    assert attributes_of(sqs, queue, "ApproximateNumberOfMessages")["ApproximateNumberOfMessages"] == "0"
    # AWS: only one PurgeQueue per queue every 60 seconds, 403 in both protocols (as recorded
    # against AWS; the API reference's 400 is not what it sends).
    with sqs_error(sqs, "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", status=403):
        sqs.purge_queue(QueueUrl=queue)
    # (Not asserted: AWS says messages sent right after a purge "might be deleted while the queue
    # is being purged".)


def test_recreate_deleted_queue_too_soon(sqs):
    # AWS: "You must wait 60 seconds after deleting a queue before you can create another with
    # the same name." (QueueDeletedRecently, query code AWS.SimpleQueueService.QueueDeletedRecently)
    name = unique_queue("recent")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    with sqs_error(sqs, "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"):
        sqs.create_queue(QueueName=name)


# --- tags --------------------------------------------------------------------------------------

def test_tag_untag_list(sqs, queue):
    assert sqs.list_queue_tags(QueueUrl=queue).get("Tags", {}) == {}
    sqs.tag_queue(QueueUrl=queue, Tags={"a": "1", "b": "2"})
    sqs.tag_queue(QueueUrl=queue, Tags={"b": "3", "c": "x"})
    assert sqs.list_queue_tags(QueueUrl=queue)["Tags"] == {"a": "1", "b": "3", "c": "x"}
    sqs.untag_queue(QueueUrl=queue, TagKeys=["a", "missing"])
    assert sqs.list_queue_tags(QueueUrl=queue)["Tags"] == {"b": "3", "c": "x"}


def test_tags_on_missing_queue(brume, sqs):
    url = f"{brume.endpoint}/{ACCOUNT}/{unique_queue('notags')}"
    with sqs_error(sqs, *NON_EXISTENT):
        sqs.list_queue_tags(QueueUrl=url)
    with sqs_error(sqs, *NON_EXISTENT):
        sqs.tag_queue(QueueUrl=url, Tags={"a": "b"})


# --- permissions -------------------------------------------------------------------------------

def _as_list(value):
    return value if isinstance(value, list) else [value]


def test_add_and_remove_permission(sqs, queue):
    sqs.add_permission(QueueUrl=queue, Label="send-only", AWSAccountIds=["111122223333"],
                       Actions=["SendMessage", "ReceiveMessage"])
    policy = json.loads(attributes_of(sqs, queue, "Policy")["Policy"])
    statements = policy["Statement"]
    assert [s["Sid"] for s in statements] == ["send-only"]
    statement = statements[0]
    assert statement["Effect"] == "Allow"
    assert _as_list(statement["Principal"]["AWS"]) == ["arn:aws:iam::111122223333:root"]
    assert sorted(a.lower() for a in _as_list(statement["Action"])) == ["sqs:receivemessage", "sqs:sendmessage"]
    assert statement["Resource"] == queue_arn(name_of(queue))

    sqs.add_permission(QueueUrl=queue, Label="second", AWSAccountIds=["444455556666"], Actions=["*"])
    sids = [s["Sid"] for s in json.loads(attributes_of(sqs, queue, "Policy")["Policy"])["Statement"]]
    assert sorted(sids) == ["second", "send-only"]

    # Duplicate label: InvalidParameterValue "Value send-only for parameter Label is invalid.
    # Reason: Already exists." (peer emulators validated against AWS report the same code).
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.add_permission(QueueUrl=queue, Label="send-only", AWSAccountIds=["111122223333"],
                           Actions=["SendMessage"])

    sqs.remove_permission(QueueUrl=queue, Label="send-only")
    sids = [s["Sid"] for s in json.loads(attributes_of(sqs, queue, "Policy")["Policy"])["Statement"]]
    assert sids == ["second"]
    # Unknown label: InvalidParameterValue "... Reason: can't find label on existing policy."
    with sqs_error(sqs, None, "InvalidParameterValue"):
        sqs.remove_permission(QueueUrl=queue, Label="never-added")
    sqs.remove_permission(QueueUrl=queue, Label="second")
    remaining = attributes_of(sqs, queue, "Policy").get("Policy")
    assert not remaining or json.loads(remaining).get("Statement") in (None, [])


def test_permission_on_missing_queue(brume, sqs):
    url = f"{brume.endpoint}/{ACCOUNT}/{unique_queue('noperm')}"
    with sqs_error(sqs, *NON_EXISTENT):
        sqs.add_permission(QueueUrl=url, Label="x", AWSAccountIds=["111122223333"], Actions=["SendMessage"])


# --- dead-letter source queues -----------------------------------------------------------------

def test_list_dead_letter_source_queues(sqs, make_queue):
    dlq = make_queue("dlq")
    dlq_arn = attributes_of(sqs, dlq, "QueueArn")["QueueArn"]
    policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
    first = make_queue("src1", RedrivePolicy=policy)
    second = make_queue("src2")
    make_queue("unrelated")
    sqs.set_queue_attributes(QueueUrl=second, Attributes={"RedrivePolicy": policy})
    assert sorted(sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"]) == sorted([first, second])
    assert sqs.list_dead_letter_source_queues(QueueUrl=first).get("queueUrls", []) == []
    redrive = json.loads(attributes_of(sqs, first, "RedrivePolicy")["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == dlq_arn
    assert int(redrive["maxReceiveCount"]) == 2
