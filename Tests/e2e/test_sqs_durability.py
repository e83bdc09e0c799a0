"""SQS state survives `kill -9`: acknowledged messages are never lost, deleted ones never return,
in-flight ones keep their deadline, FIFO order and deduplication hold across restarts."""

import os
import signal
import threading
import time

import pytest

from sqshelpers import make_sqs_client, receive_all, unique_queue


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


def kill_9(server):
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=10)


def drain(sqs, url, *, settle_empty=2, timeout=20.0, **kwargs):
    """Receive-and-delete until `settle_empty` consecutive empty long polls; returns messages in
    receive order."""
    seen, empties = [], 0
    deadline = time.monotonic() + timeout
    while empties < settle_empty and time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                       VisibilityTimeout=60, **kwargs).get("Messages", [])
        if not messages:
            empties += 1
            continue
        empties = 0
        seen.extend(messages)
        sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return seen


def test_messages_survive_kill_9(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    sqs = make_sqs_client(first.endpoint)
    standard = sqs.create_queue(QueueName=unique_queue("dur"))["QueueUrl"]
    parked = sqs.create_queue(QueueName=unique_queue("parked"))["QueueUrl"]
    fifo = sqs.create_queue(QueueName=unique_queue("durfifo", fifo=True), Attributes={"FifoQueue": "true"})["QueueUrl"]

    # Standard: 40 acknowledged sends (single and batch, with attributes).
    sent = {}
    for i in range(20):
        body = f"single-{i}"
        sent[body] = sqs.send_message(QueueUrl=standard, MessageBody=body, MessageAttributes={
            "i": {"DataType": "Number", "StringValue": str(i)}})["MessageId"]
    for batch in range(2):
        entries = [{"Id": str(i), "MessageBody": f"batch-{batch}-{i}"} for i in range(10)]
        result = sqs.send_message_batch(QueueUrl=standard, Entries=entries)
        assert result.get("Failed", []) == []
        for entry in result["Successful"]:
            sent[f"batch-{batch}-{entry['Id']}"] = entry["MessageId"]

    # Consume some: 10 deleted, 5 in flight with a 1-hour timeout, 5 in flight with 1 second.
    got = receive_all(sqs, standard, expected=20, visibility=3600, timeout=10)[:20]
    assert len(got) == 20
    deleted, long_flight, short_flight = got[:10], got[10:15], got[15:20]
    for message in deleted:
        sqs.delete_message(QueueUrl=standard, ReceiptHandle=message["ReceiptHandle"])
    for message in short_flight:
        sqs.change_message_visibility(QueueUrl=standard, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=1)

    # A queue attribute change must persist too.
    sqs.set_queue_attributes(QueueUrl=parked, Attributes={"VisibilityTimeout": "77"})
    sqs.tag_queue(QueueUrl=parked, Tags={"keep": "me"})

    # FIFO: three groups of five, the first message of group A received and deleted.
    fifo_sent = {g: [f"{g}-{i}" for i in range(5)] for g in "ABC"}
    fifo_ids = {}
    for i in range(5):
        for group in "ABC":
            body = fifo_sent[group][i]
            fifo_ids[body] = sqs.send_message(QueueUrl=fifo, MessageBody=body, MessageGroupId=group,
                                              MessageDeduplicationId=body)["MessageId"]
    head = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1, MessageSystemAttributeNames=["MessageGroupId"])
    head = head["Messages"][0]
    sqs.delete_message(QueueUrl=fifo, ReceiptHandle=head["ReceiptHandle"])
    fifo_sent[head["Attributes"]["MessageGroupId"]].remove(head["Body"])

    kill_9(first)
    second = brume_factory(data_dir=data_dir, port=first.port)
    sqs = make_sqs_client(second.endpoint)

    # FIFO dedup outlives the restart: resending an acknowledged dedup id is suppressed.
    again = sqs.send_message(QueueUrl=fifo, MessageBody="A-3", MessageGroupId="A", MessageDeduplicationId="A-3")
    assert again["MessageId"] == fifo_ids["A-3"]
    assert sqs.send_message(QueueUrl=fifo, MessageBody=head["Body"], MessageGroupId=head["Attributes"][
        "MessageGroupId"], MessageDeduplicationId=head["Body"])["MessageId"] == fifo_ids[head["Body"]]

    # In-flight (1 hour) messages stay invisible; the 1-second ones come back.
    expected = set(sent) - {m["Body"] for m in deleted} - {m["Body"] for m in long_flight}
    drained = drain(sqs, standard, MessageAttributeNames=["All"])
    bodies = [m["Body"] for m in drained]
    assert sorted(set(bodies)) == sorted(expected), "lost or resurrected messages"
    for message in drained:
        assert message["MessageId"] == sent[message["Body"]]
        if message["Body"].startswith("single-"):
            assert message["MessageAttributes"]["i"]["StringValue"] == message["Body"].split("-")[1]
    counts = sqs.get_queue_attributes(QueueUrl=standard, AttributeNames=["ApproximateNumberOfMessagesNotVisible"])
    assert counts["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "5"

    received = drain(sqs, fifo, MessageSystemAttributeNames=["MessageGroupId"])
    per_group = {g: [] for g in "ABC"}
    for message in received:
        per_group[message["Attributes"]["MessageGroupId"]].append(message["Body"])
    assert per_group == fifo_sent

    assert sqs.get_queue_attributes(QueueUrl=parked, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
        "VisibilityTimeout": "77"}
    assert sqs.list_queue_tags(QueueUrl=parked)["Tags"] == {"keep": "me"}


def test_in_flight_deadline_survives_restart(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    sqs = make_sqs_client(first.endpoint)
    url = sqs.create_queue(QueueName=unique_queue("deadline"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="short")
    message = sqs.receive_message(QueueUrl=url, VisibilityTimeout=4, WaitTimeSeconds=2)["Messages"][0]
    kill_9(first)
    second = brume_factory(data_dir=data_dir, port=first.port)
    sqs = make_sqs_client(second.endpoint)
    # It comes back once its (original) deadline passes, with its receive count kept.
    back = receive_all(sqs, url, expected=1, timeout=15, MessageSystemAttributeNames=["ApproximateReceiveCount"])
    assert [m["MessageId"] for m in back] == [message["MessageId"]]
    assert back[0]["Attributes"]["ApproximateReceiveCount"] == "2"


def test_producers_killed_mid_stream_lose_nothing_acknowledged(brume_factory, data_dir):
    first = brume_factory(data_dir=data_dir)
    setup = make_sqs_client(first.endpoint)
    standard = setup.create_queue(QueueName=unique_queue("stream"))["QueueUrl"]
    fifo = setup.create_queue(QueueName=unique_queue("streamfifo", fifo=True),
                              Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    acknowledged = {standard: [], fifo: []}
    stop = threading.Event()

    # Clients are made before the producers start: building one takes long enough on a busy
    # machine that producers made inside the threads sometimes sent nothing before the kill.
    clients = {(url, w): make_sqs_client(first.endpoint, read_timeout=5) for w in range(2) for url in (standard, fifo)}

    def produce(url, worker):
        client = clients[(url, worker)]
        i = 0
        while not stop.is_set():
            body = f"w{worker}-{i:05d}"
            try:
                if url == fifo:
                    client.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=f"g{worker}")
                else:
                    client.send_message(QueueUrl=url, MessageBody=body)
            except Exception:  # noqa: BLE001 - the server is being killed
                return
            acknowledged[url].append(body)
            i += 1

    threads = [threading.Thread(target=produce, args=(url, w)) for w in range(2) for url in (standard, fifo)]
    for thread in threads:
        thread.start()
    # Kill once every queue has acknowledged a few messages (or after 20 s, which fails below).
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not all(len(bodies) > 5 for bodies in acknowledged.values()):
        time.sleep(0.05)
    time.sleep(0.5)
    kill_9(first)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    assert all(len(bodies) > 5 for bodies in acknowledged.values()), {k: len(v) for k, v in acknowledged.items()}

    second = brume_factory(data_dir=data_dir, port=first.port)
    sqs = make_sqs_client(second.endpoint)
    got_standard = {m["Body"] for m in drain(sqs, standard, timeout=60)}
    missing = set(acknowledged[standard]) - got_standard
    assert not missing, f"{len(missing)} acknowledged standard messages lost, e.g. {sorted(missing)[:5]}"

    got_fifo = drain(sqs, fifo, timeout=60, MessageSystemAttributeNames=["MessageGroupId"])
    missing = set(acknowledged[fifo]) - {m["Body"] for m in got_fifo}
    assert not missing, f"{len(missing)} acknowledged FIFO messages lost, e.g. {sorted(missing)[:5]}"
    for worker in range(2):
        order = [m["Body"] for m in got_fifo if m["Attributes"]["MessageGroupId"] == f"g{worker}"]
        assert order == sorted(order), f"group g{worker} out of order"
