"""SQS on the stack clock: moving it with `POST /_brume/clock` makes delayed and invisible messages
receivable and wakes the long polls waiting for them, instead of a test sleeping.

Each test runs its own stack, since moving the clock moves it for every service."""

import threading
import time

from harness import http
from sqshelpers import make_sqs_client, unique_queue


def advance(endpoint, seconds):
    response = http().post(f"{endpoint}/_brume/clock", json={"advanceSeconds": seconds}, timeout=30)
    assert response.status_code == 200, response.text


def own_stack(brume_factory):
    server = brume_factory()
    return server, make_sqs_client(server.endpoint)


def test_advancing_the_clock_ends_delays_and_visibility_timeouts(brume_factory):
    server, sqs = own_stack(brume_factory)
    url = sqs.create_queue(QueueName=unique_queue("clock"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="in ten minutes", DelaySeconds=600)
    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []
    advance(server.endpoint, 601)
    received = sqs.receive_message(QueueUrl=url, VisibilityTimeout=3600)["Messages"]
    assert [m["Body"] for m in received] == ["in ten minutes"]
    # Hidden for an hour of stack time: an advance past it brings the message back.
    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []
    advance(server.endpoint, 3601)
    again = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"]
    assert again[0]["Attributes"]["ApproximateReceiveCount"] == "2"


def test_advancing_the_clock_wakes_a_long_poll_waiting_for_a_delayed_message(brume_factory):
    server, sqs = own_stack(brume_factory)
    url = sqs.create_queue(QueueName=unique_queue("clockpoll"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="late", DelaySeconds=900)
    result = {}

    def poll():
        started = time.monotonic()
        result["messages"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages", [])
        result["took"] = time.monotonic() - started

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(1)
    advance(server.endpoint, 900)
    poller.join(30)
    assert [m["Body"] for m in result["messages"]] == ["late"]
    # Woken by the advance, long before its 20 seconds (or the 15 minutes of delay) ran out.
    assert result["took"] < 15


def test_advancing_the_clock_reopens_a_fifo_group(brume_factory):
    server, sqs = own_stack(brume_factory)
    url = sqs.create_queue(QueueName=unique_queue("clockfifo", fifo=True),
                           Attributes={"FifoQueue": "true", "VisibilityTimeout": "600"})["QueueUrl"]
    for body in ("m1", "m2"):
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="g", MessageDeduplicationId=body)
    first = sqs.receive_message(QueueUrl=url)["Messages"]
    assert [m["Body"] for m in first] == ["m1"]
    # The group is locked while m1 is in flight; extending its timeout moves when it opens.
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"], VisibilityTimeout=1200)
    advance(server.endpoint, 601)
    assert sqs.receive_message(QueueUrl=url).get("Messages", []) == []
    advance(server.endpoint, 600)
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]] == ["m1", "m2"]
