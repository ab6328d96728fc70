#!/usr/bin/env python3
"""Mutation fuzzing for a given time: no mutant the kernel accepts may touch memory it does
not own (tests/trust/mutate.py; the oracle is tests/trust/oracle.py).

Compiles the programs of tests/certified/ (or those named), then mutates their code bytes,
certificate fields, contract fields and section sizes, checks every mutant with the kernel
and runs every accepted one under the emulator oracle. Prints mutants tried, accepted and
run, and the violations (must be 0); exit status 1 if there is any.

    .venv/bin/python bench/trust_mutate.py --seconds 600            # a long run
    .venv/bin/python bench/trust_mutate.py --seconds 30 --seed 7 strings linked_list
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certa.compiler.pipeline import compile_file  # noqa: E402
from tests.trust.mutate import Base, Tally, fuzz  # noqa: E402


def bases(names: list) -> list:
    srcs = sorted((ROOT / "tests" / "certified").glob("*.c"))
    if names:
        srcs = [p for p in srcs if p.stem in names]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for src in srcs:
            mod = Path(tmp) / (src.stem + ".cm")
            compile_file(str(src), str(mod))
            out.append(Base(src.stem, mod.read_bytes(), [mod.name]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*", help="names of tests/certified programs (default: all)")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    bs = bases(args.programs)
    rng = random.Random(args.seed)
    end = time.monotonic() + args.seconds
    tally = fuzz(bs, rng, lambda: time.monotonic() < end, Tally())
    print(f"{len(bs)} programs, {args.seconds:.0f} s, seed {args.seed}: {tally.line()}")
    for v in tally.violations:
        print("VIOLATION:", v)
    return 1 if tally.violations else 0


if __name__ == "__main__":
    sys.exit(main())
