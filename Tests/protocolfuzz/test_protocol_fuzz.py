"""The protocol fuzzer's short mode, run by scripts/test: a fixed seed, about 60 s in total.

It starts its own `brume up` (from a copy of `.build/debug/brume`, or BRUME_BIN) once with
`auth: relaxed` and once with `auth: strict`, sends mutated requests for every operation of every
service Brume serves, and fails on any finding that Tests/protocolfuzz/known_issues.py does not
list. Known issues are printed in the summary, never silently ignored.
"""

from __future__ import annotations

import os

import pytest

from campaign import Settings, run, summary
from known_issues import KNOWN_ISSUES
from stack import DEFAULT_BIN, private_copy

SEED = 1
SECONDS_PER_MODE = float(os.environ.get("BRUME_PROTOCOL_FUZZ_SECONDS", "30"))


@pytest.fixture(scope="module")
def binary(tmp_path_factory):
    if not DEFAULT_BIN.exists():
        pytest.fail(f"brume binary not found at {DEFAULT_BIN}; run `swift build` or set BRUME_BIN")
    return private_copy(DEFAULT_BIN, tmp_path_factory.mktemp("bin"))


@pytest.mark.parametrize("auth", ["relaxed", "strict"])
def test_no_request_takes_brume_down(auth, binary, tmp_path, capsys):
    settings = Settings(seed=SEED, duration=SECONDS_PER_MODE, auth=auth, output=tmp_path / auth, binary=binary)
    report = run(settings, log=lambda line: None)
    text = summary(report)
    with capsys.disabled():
        print("\n" + text)
    assert sum(report.tried.values()) > 0
    unknown = report.unknown()
    details = "\n".join(
        f"{f.verdict} {f.case.service} {f.case.operation.name} [{f.case.mutation.name}] {f.case.description[:100]}"
        for f in unknown[:20])
    assert not unknown, f"{len(unknown)} findings not in known_issues.py (reproductions in {settings.output}):\n{details}"


def test_known_issues_name_real_mutation_classes():
    from mutations import MUTATION_CLASSES
    from oracle import SEVERITY
    names = {c.name for c in MUTATION_CLASSES}
    for issue in KNOWN_ISSUES:
        assert issue.mutation in names | {"*"}, issue
        assert issue.verdict in SEVERITY, issue
