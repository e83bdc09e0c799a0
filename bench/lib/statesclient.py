"""Step Functions client used by the benchmark: raw awsJson1.0 over keep-alive HTTP."""

from __future__ import annotations

from .sqsclient import RawJsonClient


class RawStates(RawJsonClient):
    """awsJson1.0 Step Functions requests (`AWSStepFunctions.<Operation>`, signing name `states`).

    Every call, StartSyncExecution included, goes to the edge endpoint itself: the `sync-`
    host prefix AWS uses for StartSyncExecution is not needed by either server."""

    TARGET_PREFIX, SERVICE = "AWSStepFunctions", "states"
