#!/usr/bin/env python3
"""Long-running fuzzing of every Certa input parser with malformed input.

This runs the properties of tests/test_trust_malformed.py (its `TARGETS`: the module file
reader, the kernel on broken files, certificates and interfaces, the runtime loader, and the
C frontend) with fresh random examples, for as long as it is given, instead of the test's
fixed few hundred. Each property says what its target may do with bad input (return a clean
result or raise its one documented error: ModuleFormatError, a Verdict naming a rule,
LoadError, a positioned CompileError) and anything else is a failure.

    .venv/bin/python bench/trust_malformed.py                  # 60 s, split over the targets
    .venv/bin/python bench/trust_malformed.py --seconds 600 --seed 7

It prints, per target, the examples tried, the failures, and how the examples ended (which
rule rejected them, or accepted / compiled): the spread shows how deep the mutants reach.
Open findings that the test file tolerates while they are unfixed are counted as such.
Exit status 1 if any example failed.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_trust_malformed as fuzz  # noqa: E402

MAX_BATCH = 200     # examples per hypothesis run; runs repeat until the target's time is up


def run_target(name: str, prop, sample, seconds: float, base_seed: int | None) -> tuple:
    """(outcomes Counter, failure messages) of `prop` run for about `seconds`."""
    outcomes: collections.Counter = collections.Counter()
    failures: list[str] = []

    def body(data):
        try:
            outcomes[prop(sample, data)] += 1
        except Exception as e:      # noqa: BLE001 - a failure is recorded, and the run goes on
            outcomes["FAILED"] += 1
            failures.append(f"{type(e).__name__}: {e}")

    start = time.monotonic()
    deadline = start + seconds
    batch_no, size = 0, 5
    while time.monotonic() < deadline:
        # The deadline is checked between runs, never inside one (hypothesis takes an example
        # that stops early for a flaky strategy), so each run is sized to the time left.
        # Shrinking is off: the property messages already show the input, and a failure
        # must not eat the time budget.
        test = settings(database=None, max_examples=size, deadline=None,
                        phases=[Phase.generate], verbosity=Verbosity.quiet,
                        suppress_health_check=list(HealthCheck))(given(data=st.data())(body))
        if base_seed is not None:
            test = seed(base_seed * 1_000_003 + batch_no)(test)
        test()
        batch_no += 1
        done = sum(outcomes.values())
        per_example = (time.monotonic() - start) / max(done, 1)
        size = int(min(MAX_BATCH, max(1, (deadline - time.monotonic()) / per_example)))
    return outcomes, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="total time, split over the targets")
    ap.add_argument("--seed", type=int, default=None, help="make the run reproducible")
    ap.add_argument("--only", default=None, help="run only targets whose name contains this")
    args = ap.parse_args()

    targets = {k: v for k, v in fuzz.TARGETS.items() if args.only is None or args.only in k}
    if not targets:
        print(f"no target matches {args.only!r}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="certa-trust-") as tmp:
        start = time.monotonic()
        sample = fuzz.build_sample(Path(tmp) / "work")
        budget = max(args.seconds - (time.monotonic() - start), 1.0)
        total_weight = sum(w for _, _, w in targets.values())
        total_examples = total_failures = 0
        all_failures = []
        print(f"{'target':40} {'examples':>9} {'failures':>9}   outcomes")
        for name, (prop, _, weight) in targets.items():
            outcomes, failures = run_target(name, prop, sample, budget * weight / total_weight,
                                            args.seed)
            n = sum(outcomes.values())
            total_examples += n
            total_failures += len(failures)
            all_failures += [(name, f) for f in failures]
            spread = ", ".join(f"{k} {v}" for k, v in outcomes.most_common(6))
            print(f"{name:40} {n:9} {len(failures):9}   {spread}", flush=True)
        print(f"{'total':40} {total_examples:9} {total_failures:9}   "
              f"({time.monotonic() - start:.0f} s)")
    for name, msg in all_failures[:10]:
        print(f"\nFAILED {name}: {msg[:1500]}", file=sys.stderr)
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
