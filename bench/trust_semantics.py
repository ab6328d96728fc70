#!/usr/bin/env python3
"""The kernel's instruction semantics against this machine's CPU, for as long as you like.

Draws random straight-line cases (tests/trust/concrete.py: 1..6 whitelisted instructions at
every width, edge values, frame memory, divisions that do and do not fault, claimed-exact
arithmetic), steps the unchanged kernel through each on concrete values and runs every
prefix natively (tests/trust/native.py), until the time is up. Prints how many cases,
instructions and claims (exact, range, condition, division) were checked, and every
disagreement — a claim of the kernel the CPU refutes — grouped by instruction, with the
first instance of each in full (bytes, values, the false claim). Exit status 1 if there is
any disagreement, else 0. A seed always gives the same cases in the same order (how many
run in the time depends on the machine), so "case #N" of a seed is reproduced by drawing
N + 1 cases from `random.Random(seed)` with `random_case`.

    .venv/bin/python bench/trust_semantics.py                 # 60 s, seed 0
    .venv/bin/python bench/trust_semantics.py --seconds 600 --seed 7
"""
from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.trust.concrete import Tally, compare, random_case  # noqa: E402
from tests.trust.native import NativeRunner  # noqa: E402


def instruction_shape(message: str) -> str:
    """The disagreeing instruction with numbers and registers blanked: one group per form."""
    m = re.match(r"case #\d+, after instruction \d+ \((.*?)\):", message)
    text = m.group(1) if m else message.splitlines()[0]
    return re.sub(r"\b(0x[0-9a-f]+|[re]?[a-d]x|[re]?[sd]i|[re]?[sb]p|r\d+[dwb]?|[a-d]l|[sd]il|[sb]pl)\b", "_", text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random cases (default 0)")
    ap.add_argument("--show", type=int, default=1, help="full instances shown per group (default 1)")
    args = ap.parse_args(argv)

    runner = NativeRunner()
    rng = random.Random(args.seed)
    tally = Tally()
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        for _ in range(50):
            compare(random_case(rng), runner, tally)

    print(f"seed {args.seed}, {args.seconds:g} s")
    print(f"cases                  {tally.cases}")
    print(f"instructions compared  {tally.instructions}")
    print(f"exact claims checked   {tally.exact}  (registers, rsp, frame slots after each instruction)")
    print(f"range facts checked    {tally.ranges}  ({tally.vacuous} vacuous: about values kept nowhere)")
    print(f"condition claims       {tally.flags}  (jcc taken/not taken and all 16 codes after cmp/test)")
    print(f"division claims        {tally.divisions}  (faults: {dict(tally.faults) or 'none'})")
    print(f"exactness claims held  {tally.claimed_exact}  (certificate 'exact' offsets, term then checked)")
    print(f"frame-area accesses    {tally.area_accesses}  (non-constant stack addresses, in a frame area)")
    print(f"terms left unchecked   {tally.unchecked}  (over variables nothing bound; expected 0)")
    print(f"cases cut short        kernel rejections {dict(tally.rejected) or 'none'}, "
          f"false obligations {dict(tally.unprovable) or 'none'}")
    print(f"disagreements          {len(tally.disagreements)}")
    groups = collections.defaultdict(list)
    for d in tally.disagreements:
        groups[instruction_shape(d)].append(d)
    for shape, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {len(items)} x {shape}")
        for d in items[:args.show]:
            print(d)
    return 1 if tally.disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
