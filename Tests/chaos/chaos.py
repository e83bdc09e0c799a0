#!/usr/bin/env python3
"""Chaos run: concurrent clients write to S3, SQS (standard and FIFO), Step Functions and
EventBridge while the stack is killed with SIGKILL at random moments and started again on the
same data directory and port. Afterwards every acknowledged write is checked, and every SQLite
file in the data directory gets `PRAGMA integrity_check`.

    python3 Tests/chaos/chaos.py --kills 5 --seconds 60     # the short mode CI runs
    scripts/chaos --kills 50 --seconds 600                  # the long mode

Exits 1 when anything acknowledged was lost, a database is corrupt, or a client saw an answer
it should not have; 0 otherwise. Loopback only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger import Ledger, Retrier  # noqa: E402
from stack import ChaosStack, integrity_check, sqlite_files  # noqa: E402
from verify import (Findings, check_events, check_executions, check_fifo_queue, check_objects,  # noqa: E402
                    check_standard_queue)
from workload import create_resources, new_run_id, start_clients  # noqa: E402


@dataclass
class Options:
    kills: int = 5
    seconds: float = 60.0
    min_gap: float = 0.3
    max_gap: float = 3.0
    settle: float = 120.0
    seed: int | None = None
    workdir: Path | None = None
    keep: bool = False


@dataclass
class Outcome:
    acknowledged: dict[str, int]
    kills: int
    load_seconds: float
    restart_seconds: list[float]
    findings: Findings
    ledger: Ledger
    seed: int
    workdir: Path
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        f = self.findings
        return bool(f.writes_lost() or f.corrupt_databases or self.ledger.problems or not f.databases_checked)

    def report(self) -> str:
        f = self.findings
        lines = [f"chaos run (seed {self.seed}, data in {self.workdir})"]
        lines.append("operations acknowledged:")
        for kind, count in self.acknowledged.items():
            lines.append(f"  {kind:<24} {count}")
        lines.append(f"  {'total':<24} {sum(self.acknowledged.values())}")
        if self.restart_seconds:
            ordered = sorted(self.restart_seconds)
            lines.append(f"kills survived: {self.kills} in {self.load_seconds:.0f} s of load "
                         f"(restart to healthy: median {ordered[len(ordered) // 2]:.2f} s, max {ordered[-1]:.2f} s)")
        else:
            lines.append(f"kills survived: {self.kills}")
        cut = dict(self.ledger.cut_off)
        lines.append(f"attempts cut off by kills (each tried again): {sum(cut.values())} {cut}")
        if self.ledger.server_errors:
            lines.append(f"5xx answers (retried): {dict(self.ledger.server_errors)}")
        lines.append(f"acknowledged FIFO messages sent again and deduplicated: {self.ledger.fifo_resends}")
        lines.append(f"executions by status: {f.execution_statuses}")
        lines.append(f"redeliveries (allowed, at least once): {f.duplicates}")
        lines.append(f"databases checked: {f.databases_checked}, corrupt: {len(f.corrupt_databases)}")
        for problem in f.corrupt_databases:
            lines.append(f"  CORRUPT {problem}")
        for problem in self.ledger.problems[:20]:
            lines.append(f"  UNEXPECTED {problem}")
        for detail in f.details:
            lines.append(f"  LOST {detail}")
        lines.extend(self.notes)
        lines.append(f"writes lost: {f.writes_lost()} {f.lost if f.lost else ''}".rstrip())
        return "\n".join(lines)


def run(options: Options, log=print) -> Outcome:
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    chooser = random.Random(seed)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="brume-chaos-"))
    stack = ChaosStack(workdir)
    ledger, stop = Ledger(), threading.Event()
    restarts: list[float] = []
    kills = 0
    notes: list[str] = []
    try:
        stack.start()
        resources = create_resources(stack.endpoint, new_run_id(), Retrier(ledger, stop))
        clients = start_clients(stack.endpoint, resources, ledger, stop, seed)
        began = time.monotonic()
        while kills < options.kills and time.monotonic() - began < options.seconds:
            time.sleep(chooser.uniform(options.min_gap, options.max_gap))
            note_crash(stack, ledger)
            stack.kill()
            kills += 1
            restarts.append(stack.start())
            log(f"kill {kills}/{options.kills}: restarted in {restarts[-1]:.2f} s, "
                f"{sum(ledger.acknowledged().values())} operations acknowledged so far")
        time.sleep(1.0)  # the last incarnation takes load too
        load_seconds = time.monotonic() - began
        stop.set()
        note_crash(stack, ledger)
        for client in clients:
            client.join(timeout=120)
            if client.is_alive():
                notes.append(f"client {client.name} did not stop within 120 s")
        log("load stopped; checking every acknowledged write")
        findings = Findings()
        check_objects(stack.endpoint, ledger, findings)
        check_standard_queue(stack.endpoint, resources, ledger, findings, timeout=options.settle)
        check_fifo_queue(stack.endpoint, resources, ledger, findings, timeout=options.settle)
        check_executions(stack.endpoint, resources, ledger, findings, timeout=options.settle)
        check_events(stack.endpoint, resources, ledger, findings, timeout=options.settle)
        note_crash(stack, ledger)
        # One last kill: the files are checked as a crash leaves them.
        stack.kill()
        notes.extend(f"brume logged {count}x: {line}" for line, count in stack.logged_errors().most_common(8))
        databases = sqlite_files(stack.data_dir)
        findings.databases_checked = len(databases)
        for path in databases:
            verdict = integrity_check(path)
            if verdict != "ok":
                findings.corrupt_databases.append(f"{path.relative_to(stack.data_dir)}: {verdict[:300]}")
    finally:
        stop.set()
        stack.kill()
    outcome = Outcome(ledger.acknowledged(), kills, load_seconds, restarts, findings, ledger, seed, workdir, notes)
    if not outcome.failed and not options.keep and options.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return outcome


def note_crash(stack: ChaosStack, ledger: Ledger) -> None:
    """A stack that exited before the harness killed it crashed: that fails the run."""
    if not stack.is_running():
        ledger.problem(f"brume exited by itself with code {stack.process.returncode} "
                       f"(incarnation {stack.incarnations}):\n{stack.log_tail()}")
        stack.start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=5, help="SIGKILLs to survive (default 5)")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="upper bound on the load phase; it ends after --kills kills or this (default 60)")
    parser.add_argument("--min-gap", type=float, default=0.3, help="shortest uptime between kills (s)")
    parser.add_argument("--max-gap", type=float, default=3.0, help="longest uptime between kills (s)")
    parser.add_argument("--settle", type=float, default=120.0,
                        help="how long each check may wait for executions and deliveries to finish (s)")
    parser.add_argument("--seed", type=int, help="seed for sizes and kill moments")
    parser.add_argument("--workdir", type=Path, help="keep the data directory and log here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args(argv)
    options = Options(kills=args.kills, seconds=args.seconds, min_gap=args.min_gap, max_gap=args.max_gap,
                      settle=args.settle, seed=args.seed, workdir=args.workdir, keep=args.keep)
    outcome = run(options, log=lambda line: print(line, flush=True))
    print(outcome.report(), flush=True)
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())
