#!/usr/bin/env python3
"""The kernel's decoder against capstone, for as long as you like.

Runs the checks of tests/test_trust_decoder.py (the same case streams, the same `judge`)
for `--seconds` seconds from `--seed`: whitelist encodings (every covering encoding first,
then random ones), random byte strings and near misses take turns in batches of 200.
It prints what was checked and every finding; a finding (a disagreement with capstone, a
whitelist encoding the kernel rejects, bytes inside the documented subset that the kernel
rejects, or bytes outside it that the kernel accepts) makes the exit status 1.

    .venv/bin/python bench/trust_decoder.py                     # 60 s, seed 1
    .venv/bin/python bench/trust_decoder.py --seconds 600 --seed 7
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import test_trust_decoder as checks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.seconds
    # one independent stream per kind, so a run's cases do not depend on the time split
    seeds = random.Random(args.seed)
    covering = checks.whitelist_cases(random.Random(seeds.randrange(1 << 63)))
    streams = [covering,
               checks.random_cases(random.Random(seeds.randrange(1 << 63))),
               checks.near_miss_cases(random.Random(seeds.randrange(1 << 63)))]
    tally = checks.Tally()
    # turns in batches, so each kind gets about a third of the time whatever its length
    turn = 0
    while time.monotonic() < deadline:
        stream = streams[turn % 3]
        for _ in range(200):
            source, buf, offset, expected_length = next(stream)
            checks.judge(buf, offset, tally, source, expected_length)
        turn += 1
    c = tally.counts
    print(f"seed {args.seed}, {args.seconds:g} s")
    print(f"whitelist encodings: {c['whitelist tried']} tried, {c['whitelist agreed']} agreed")
    for source in ("random", "near miss"):
        print(f"{source} strings: {c[source + ' tried']} tried, {c[source + ' accepted']} accepted "
              f"({c[source + ' agreed']} agreed), "
              f"{c[source + ' rejected, outside the subset']} rejected and outside the subset, "
              f"{c[source + ' rejected, capstone cannot decode']} rejected and undecodable by "
              f"capstone, {c[source + ' rejected, intended (allow-list)']} rejected as intended")
    print(f"disagreements and other findings: {tally.finding_count}")
    for f in tally.findings:
        print("\n" + f)
    return 1 if tally.finding_count else 0


if __name__ == "__main__":
    sys.exit(main())
