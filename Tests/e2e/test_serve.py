"""`brume serve s3` runs S3 alone; a stack whose config names its endpoint forwards to it."""

from harness import free_port, http, render_config
from s3helpers import unique_bucket


def remote_config(port: int, endpoint: str) -> str:
    """The suite's stack with S3 served elsewhere: its buckets belong to that process's config."""
    config = render_config(port).split("resources:")[0]
    return config.replace("  s3: {}", f"  s3: {{ endpoint: '{endpoint}' }}")


def test_serve_runs_one_service_alone(brume_factory):
    served = brume_factory(command=("serve", "s3"), name="s3-alone")
    response = http().get(f"{served.endpoint}/_brume/health")
    assert response.headers["x-amzn-RequestId"]
    health = response.json()
    assert health["services"] == {"s3": "running"}
    assert "services: s3" in served.stdout()


def test_up_forwards_s3_to_the_endpoint_in_the_config(brume_factory):
    served = brume_factory(command=("serve", "s3"), name="s3-alone")
    edge_port = free_port()
    config = remote_config(edge_port, served.endpoint)
    assert served.endpoint in config
    edge = brume_factory(config_text=config, port=edge_port, name="edge")

    health = http().get(f"{edge.endpoint}/_brume/health").json()
    # stack.yml also enables sqs, stepfunctions, logs, lambda, events, apigateway, kms, iam and sts,
    # which this edge runs itself.
    assert health["services"] == {"s3": f"remote {served.endpoint}", "sqs": "running",
                                  "stepfunctions": "running", "logs": "running", "lambda": "running", "events": "running",
                                  "apigateway": "running", "kms": "running", "iam": "running", "sts": "running"}

    # Objects written through the edge live in the separately served process, and back.
    name = unique_bucket("fwd")
    edge_client, served_client = edge.client(), served.client()
    edge_client.create_bucket(Bucket=name)
    body = bytes(range(256)) * 4096  # 1 MiB, streamed both ways
    edge_client.put_object(Bucket=name, Key="k", Body=body)
    assert served_client.get_object(Bucket=name, Key="k")["Body"].read() == body
    assert edge_client.get_object(Bucket=name, Key="k")["Body"].read() == body

    # Errors come back in S3's envelope with S3's request id header.
    response = http().get(f"{edge.endpoint}/{name}/missing")
    assert response.status_code == 404
    assert "<Code>NoSuchKey</Code>" in response.text
    assert response.headers["x-amz-request-id"]

    # A pre-signed URL made for the edge still verifies in the served process: the host is forwarded.
    url = edge_client.generate_presigned_url("get_object", Params={"Bucket": name, "Key": "k"}, ExpiresIn=60)
    assert http().get(url).content == body


def test_unreachable_endpoint_is_service_unavailable(brume_factory):
    dead = free_port()
    edge_port = free_port()
    config = remote_config(edge_port, f"http://127.0.0.1:{dead}")
    edge = brume_factory(config_text=config, port=edge_port, name="edge")
    response = http().get(f"{edge.endpoint}/some-bucket/key")
    assert response.status_code == 503
    assert "<Code>ServiceUnavailable</Code>" in response.text


def test_status_reports_a_running_stack_and_fails_without_one(brume):
    import subprocess
    from harness import BRUME_BIN

    running = subprocess.run([str(BRUME_BIN), "status", "--endpoint", brume.endpoint],
                             capture_output=True, text=True, timeout=30)
    assert running.returncode == 0, running.stderr
    assert '"s3" : "running"' in running.stdout

    nothing = subprocess.run([str(BRUME_BIN), "status", "--endpoint", f"http://127.0.0.1:{free_port()}"],
                             capture_output=True, text=True, timeout=30)
    assert nothing.returncode != 0
    assert "no Brume answers" in nothing.stderr


def test_buckets_declared_for_a_remote_s3_are_an_error(brume_factory, tmp_path):
    import subprocess
    from harness import BRUME_BIN
    config = render_config(free_port()).replace("  s3: {}", "  s3: { endpoint: 'http://127.0.0.1:1' }")
    assert "preexisting" in config  # the suite's stack declares a bucket
    path = tmp_path / "remote.yml"
    path.write_text(config)
    result = subprocess.run([str(BRUME_BIN), "up", "--config", str(path), "--ephemeral"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "declare them in that process's config" in result.stderr
