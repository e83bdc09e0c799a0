"""Queues declared in the stack config, and config errors about them."""

import json
import uuid

from harness import free_port, render_config
from sqshelpers import ACCOUNT, attributes_of, queue_arn, receive_all
from test_config import expect_startup_failure, needs_own_process


def url_of(brume, name):
    return f"{brume.endpoint}/{ACCOUNT}/{name}"


def test_declared_queues_exist(brume, sqs):
    for name in ("declared-dlq", "declared-work", "declared-orders.fifo"):
        assert sqs.get_queue_url(QueueName=name)["QueueUrl"] == url_of(brume, name)
    listed = sqs.list_queues(QueueNamePrefix="declared-")["QueueUrls"]
    assert {url_of(brume, n) for n in ("declared-dlq", "declared-work", "declared-orders.fifo")} <= set(listed)


def test_declared_queue_attributes_redrive_and_tags(brume, sqs):
    url = url_of(brume, "declared-work")
    attrs = attributes_of(sqs, url)
    assert attrs["VisibilityTimeout"] == "45"
    assert attrs["QueueArn"] == queue_arn("declared-work")
    redrive = json.loads(attrs["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == "arn:aws:sqs:us-east-1:000000000000:declared-dlq"
    assert int(redrive["maxReceiveCount"]) == 3
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "data"}
    assert url in sqs.list_dead_letter_source_queues(QueueUrl=url_of(brume, "declared-dlq"))["queueUrls"]
    dlq_attrs = attributes_of(sqs, url_of(brume, "declared-dlq"))
    assert dlq_attrs["VisibilityTimeout"] == "30"
    assert "RedrivePolicy" not in dlq_attrs


def test_declared_fifo_queue(brume, sqs):
    url = url_of(brume, "declared-orders.fifo")
    attrs = attributes_of(sqs, url, "FifoQueue", "ContentBasedDeduplication")
    assert attrs == {"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    body = f"order-{uuid.uuid4()}"
    first = sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="orders")
    assert sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="orders")["MessageId"] == first["MessageId"]
    got = receive_all(sqs, url, expected=1, timeout=5, delete=True)
    assert [m["Body"] for m in got] == [body]


# --- config errors -----------------------------------------------------------------------------

def with_queue(port, yaml_lines: str) -> str:
    """stack.yml with extra queue entries appended after the declared ones (as queues[3], ...);
    `resources.queues` is the last block of stack.yml."""
    text = render_config(port)
    assert text.rstrip().splitlines()[-1].startswith("      attributes:"), "queues must be stack.yml's last block"
    return text.rstrip("\n") + "\n" + yaml_lines


def start_bad(brume_factory, lines):
    port = free_port()
    return brume_factory(config_text=with_queue(port, lines), port=port, wait=False)


@needs_own_process
def test_dead_letter_to_undeclared_queue_fails(brume_factory):
    server = start_bad(brume_factory, "    - name: orphan\n      dead_letter: { queue: nowhere-queue, max_receive_count: 3 }\n")
    output = expect_startup_failure(server, "dead_letter", "nowhere-queue")
    assert server.config_path.name in output


@needs_own_process
def test_out_of_range_attribute_fails(brume_factory):
    server = start_bad(brume_factory, '    - name: slow\n      attributes: { VisibilityTimeout: "99999" }\n')
    expect_startup_failure(server, "VisibilityTimeout")


@needs_own_process
def test_unknown_attribute_fails(brume_factory):
    server = start_bad(brume_factory, '    - name: odd\n      attributes: { Bogus: "1" }\n')
    expect_startup_failure(server, "Bogus")


@needs_own_process
def test_invalid_queue_name_fails(brume_factory):
    server = start_bad(brume_factory, '    - name: "bad name!"\n')
    output = expect_startup_failure(server)
    # The message must point at the entry: its key path or the offending name.
    assert "queues[3].name" in output or "bad name!" in output, output


@needs_own_process
def test_invalid_max_receive_count_fails(brume_factory):
    server = start_bad(brume_factory, "    - name: zero\n      dead_letter: { queue: declared-dlq, max_receive_count: 0 }\n")
    expect_startup_failure(server, "max_receive_count")


@needs_own_process
def test_fifo_queue_with_standard_dead_letter_fails(brume_factory):
    server = start_bad(brume_factory, '    - name: mixed.fifo\n      attributes: { FifoQueue: "true" }\n'
                                      "      dead_letter: { queue: declared-dlq, max_receive_count: 3 }\n")
    output = expect_startup_failure(server)
    # Naming the entry (its key path or name) and the dead-letter problem is enough.
    assert "dead_letter" in output or "queues[3]" in output or "mixed.fifo" in output, output
    assert "dead" in output.lower(), output


@needs_own_process
def test_unknown_queue_key_fails(brume_factory):
    server = start_bad(brume_factory, "    - name: typo\n      visiblity: 3\n")
    expect_startup_failure(server, "visiblity")


@needs_own_process
def test_declared_queues_survive_restart_without_duplicates(brume_factory, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first = brume_factory(data_dir=data_dir)
    from sqshelpers import make_sqs_client
    sqs = make_sqs_client(first.endpoint)
    url = url_of(first, "declared-work")
    sqs.send_message(QueueUrl=url, MessageBody="kept across restart")
    first.terminate()
    second = brume_factory(data_dir=data_dir, port=first.port)
    sqs = make_sqs_client(second.endpoint)
    assert attributes_of(sqs, url, "VisibilityTimeout")["VisibilityTimeout"] == "45"
    assert [m["Body"] for m in receive_all(sqs, url, expected=1, timeout=5)] == ["kept across restart"]
    assert sorted(sqs.list_queues(QueueNamePrefix="declared-")["QueueUrls"]) == sorted(
        url_of(second, n) for n in ("declared-dlq", "declared-orders.fifo", "declared-work"))
