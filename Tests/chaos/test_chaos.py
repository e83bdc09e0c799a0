"""CI's short chaos mode: about a minute of load across S3, SQS, Step Functions and EventBridge
with five SIGKILLs, and nothing acknowledged may be lost. `scripts/chaos` runs the long mode."""

from __future__ import annotations

import os

import pytest

from chaos import Options, run
from stack import BRUME_BIN


@pytest.mark.skipif(not BRUME_BIN.exists(), reason=f"no brume binary at {BRUME_BIN}; run `swift build`")
def test_acknowledged_writes_survive_kill_9_under_load(tmp_path):
    kills = int(os.environ.get("BRUME_CHAOS_KILLS", "5"))
    outcome = run(Options(kills=kills, seconds=45, settle=90, workdir=tmp_path))
    report = outcome.report()
    print(report)
    assert outcome.kills == kills, report
    assert all(count > 0 for count in outcome.acknowledged.values()), report
    assert outcome.findings.writes_lost() == 0, report
    assert outcome.findings.corrupt_databases == [], report
    assert outcome.ledger.problems == [], report
