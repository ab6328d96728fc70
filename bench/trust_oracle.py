#!/usr/bin/env python3
"""Every certified program under the emulator oracle: no access outside its regions.

What this guarantees when it exits 0: each program of tests/certified/ and each program of
tests/c/ except those tests/c/uncertified.txt lists (the ones `certa cc` cannot certify) was
compiled with its certificate, accepted by the kernel, and run to completion under
tests/trust/oracle.py (with its `// args:` line) without a single violation: every load and
store inside one object, heap block, header length word, the live stack or the import
table, no write to read-only memory, no fault, no fetch outside .text. It prints the number
of programs run, the instructions emulated and the violations found; any violation, any
program that no longer certifies or is refused by the kernel, or any run that exhausts its
step budget makes the exit status 1. (Stdout and exit status against the real runtime are
compared by tests/test_trust_oracle.py on a sample; this bench covers every program.)

    .venv/bin/python bench/trust_oracle.py                 # all (~200 programs, minutes)
    .venv/bin/python bench/trust_oracle.py --only 20 -v    # the first 20, one line each
    .venv/bin/python bench/trust_oracle.py --jobs 2 algo_crc32 strings   # by name

For a mutation fuzzer: `oracle_verdict(data, argv, max_insns)` checks module bytes with the
kernel and, if it accepts them, runs them under the oracle with that step budget:

    from bench.trust_oracle import oracle_verdict
    result = oracle_verdict(mutant_bytes, ["prog"], max_insns=2_000_000)
    if result is not None and result.violations: ...        # a kernel-accepted unsafe mutant

(`run_module` itself, without the kernel, is re-exported too.)
"""
from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certa.compiler.module_writer import write_module  # noqa: E402
from certa.compiler.pipeline import Report, compile_image  # noqa: E402
from certa.kernel.check import check_module  # noqa: E402
from tests.test_programs import UNCERTIFIED, program_args  # noqa: E402
from tests.trust.oracle import OracleResult, run_module  # noqa: E402,F401

MAX_INSNS = 200_000_000        # the longest program (algo_collatz) needs about 50 million


def oracle_verdict(data: bytes, argv: list, max_insns: int = MAX_INSNS) -> OracleResult | None:
    """None if the kernel refuses `data`; otherwise the oracle's run of its main(argv)."""
    if not check_module(bytes(data)).ok:
        return None
    return run_module(bytes(data), argv, max_insns=max_insns)


def programs() -> list[Path]:
    certified = sorted((ROOT / "tests" / "certified").glob("*.c"))
    c = [p for p in sorted((ROOT / "tests" / "c").glob("*.c")) if p.name not in UNCERTIFIED]
    return certified + c


def examine(path: Path) -> dict:
    """Compile, kernel-check and run one program; a picklable record."""
    start = time.perf_counter()
    rec = {"name": f"{path.parent.name}/{path.stem}", "error": None, "violations": [],
           "instructions": 0, "outcome": "", "ran": False}
    try:
        report = Report()
        image = compile_image(str(path), None, report)
        if not report.certified:
            rec["error"] = f"not certified: {report.why_not}"
            return rec
        data = write_module(image)
        verdict = check_module(data)
        if not verdict.ok:
            rec["error"] = f"refused by the kernel: {verdict.message()}"
            return rec
        t = time.perf_counter()
        result = run_module(data, [path.stem, *program_args(path)], max_insns=MAX_INSNS)
        rec["emulation_s"] = time.perf_counter() - t
        rec["ran"] = True
        rec["instructions"] = result.instructions
        rec["violations"] = [str(v) for v in result.violations]
        if result.out_of_steps:
            rec["error"] = f"ran out of {MAX_INSNS} steps"
        rec["outcome"] = (f"trap {result.trap[0]}" if result.trap else f"status {result.status}")
    except Exception as e:                          # reported, counted as a failure
        rec["error"] = f"{type(e).__name__}: {e}"
    finally:
        rec["seconds"] = time.perf_counter() - start
    return rec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="program stems to run (default: all)")
    ap.add_argument("--only", type=int, metavar="N", help="run only the first N programs")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per program")
    args = ap.parse_args(argv)

    todo = programs()
    if args.names:
        todo = [p for p in todo if p.stem in args.names]
        missing = set(args.names) - {p.stem for p in todo}
        if missing:
            print(f"no certified program named {sorted(missing)}", file=sys.stderr)
            return 1
    if args.only is not None:
        todo = todo[:args.only]

    start = time.perf_counter()
    if args.jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(args.jobs, mp_context=ctx) as pool:
            records = list(pool.map(examine, todo))
    else:
        records = []
        for p in todo:
            records.append(examine(p))
            if args.verbose:
                report_line(records[-1])
    if args.verbose and args.jobs > 1:
        for r in records:
            report_line(r)

    bad = [r for r in records if r["violations"]]
    errors = [r for r in records if r["error"]]
    for r in bad:
        print(f"VIOLATION in {r['name']} ({len(r['violations'])}):")
        for v in r["violations"][:10]:
            print(f"    {v}")
    for r in errors:
        print(f"ERROR in {r['name']}: {r['error']}")
    print(f"programs run: {sum(r['ran'] for r in records)} of {len(records)}")
    print(f"instructions emulated: {sum(r['instructions'] for r in records):,}")
    print(f"emulation time: {sum(r.get('emulation_s', 0) for r in records):.1f} s "
          f"(wall {time.perf_counter() - start:.1f} s with compiling)")
    print(f"violations: {sum(len(r['violations']) for r in records)}")
    return 1 if bad or errors else 0


def report_line(r: dict) -> None:
    what = r["error"] or f"{len(r['violations'])} violation(s), {r['outcome']}"
    print(f"{r['name']:40s} {r['instructions']:>12,} insns {r['seconds']:6.1f} s  {what}",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())
