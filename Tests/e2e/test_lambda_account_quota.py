"""The account's concurrency quota (`services.lambda.account_concurrency`): beyond it every
invoke is throttled with ConcurrentInvocationLimitExceeded, as AWS throttles an account."""

from __future__ import annotations

import json
import threading
import time

from harness import free_port, render_config
from lambdahelpers import ROLE, make_lambda_client, py_zip

SLEEPER = "import time\ndef handler(event, context):\n    time.sleep(event.get('sleep', 0))\n    return 'done'\n"


def test_account_quota_throttles_beyond_it(brume_factory):
    port = free_port()
    config = render_config(port).replace("  lambda: {}\n", "  lambda: { account_concurrency: 1 }\n")
    assert "account_concurrency: 1" in config
    server = brume_factory(config_text=config, port=port)
    lam = make_lambda_client(server.endpoint)
    lam.create_function(FunctionName="quota", Runtime="python3.12", Handler="app.handler", Role=ROLE,
                        Code={"ZipFile": py_zip(SLEEPER)}, Timeout=10)
    assert lam.get_account_settings()["AccountLimit"]["ConcurrentExecutions"] == 1

    results = {}

    def slow():
        # The probes below may hold the only slot for an instant when this starts: then this
        # invoke is the throttled one, and it tries again.
        for _ in range(100):
            try:
                results["slow"] = lam.invoke(FunctionName="quota", Payload=json.dumps({"sleep": 2}))["StatusCode"]
                return
            except lam.exceptions.TooManyRequestsException:
                time.sleep(0.02)

    thread = threading.Thread(target=slow)
    thread.start()
    # Once the slow invoke holds the only slot, the next one is throttled.
    deadline = time.monotonic() + 5
    throttled = None
    while time.monotonic() < deadline and throttled is None:
        try:
            lam.invoke(FunctionName="quota", Payload=b"{}")
            time.sleep(0.05)
        except lam.exceptions.TooManyRequestsException as error:
            throttled = error.response
    thread.join()
    assert results["slow"] == 200
    assert throttled is not None, "a second concurrent invoke was never throttled"
    assert throttled["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert throttled["Reason"] == "ConcurrentInvocationLimitExceeded"
