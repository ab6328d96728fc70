#!/usr/bin/env python3
"""How much of the test corpus the compiler certifies, and whether the kernel agrees.

Compiles every program of tests/c/ (or the files given), and for each reports whether a
certificate was produced, the kernel's verdict on the module, the accesses proven and
checked at run time, and the compile time; then a summary: the share certified, the first
reason for the rest (grouped), and any module the compiler certified that the kernel
refused (that would be a compiler bug: the run exits 1).

    .venv/bin/python bench/certified.py              # all of tests/c, 2 processes;
                                                     # writes docs/certification.md
    .venv/bin/python bench/certified.py -j 1 FILE.c  # some files (prints only)
    .venv/bin/python bench/certified.py -v --out /tmp/c.md  # and each program's reason
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certa.compiler.module_writer import write_module  # noqa: E402
from certa.compiler.pipeline import Report, compile_image  # noqa: E402
from certa.diagnostics import CompileError  # noqa: E402
from certa.kernel.check import check_module  # noqa: E402


def one(path: str) -> dict:
    report = Report()
    start = time.perf_counter()
    try:
        image = compile_image(path, None, report)
    except CompileError as e:
        return {"path": path, "certified": False, "why": f"compile error: {e}", "accepted": False}
    seconds = time.perf_counter() - start
    verdict = check_module(write_module(image)) if report.certified else None
    return {"path": path, "certified": report.certified, "why": report.why_not,
            "accepted": bool(verdict and verdict.ok),
            "kernel": verdict.message() if verdict else "",
            "checked": len(report.checks), "proven": report.proven_accesses, "seconds": seconds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("-j", type=int, default=2, help="processes")
    ap.add_argument("-v", action="store_true", help="list every program not certified, with its reason")
    ap.add_argument("--out", default=None, help="Markdown report (default: docs/certification.md "
                    "when no files are given)")
    args = ap.parse_args()
    out = args.out or (None if args.files else str(ROOT / "docs" / "certification.md"))
    files = args.files or sorted(str(p) for p in (ROOT / "tests" / "c").glob("*.c"))
    with Pool(args.j) as pool:
        results = pool.map(one, files)
    certified = [r for r in results if r["certified"]]
    disagreements = [r for r in certified if not r["accepted"]]
    lines = [f"{len(certified)}/{len(results)} certified; the kernel accepts "
             f"{len(certified) - len(disagreements)} of them",
             f"run-time checks in user code: {sum(r.get('checked', 0) for r in results)}, "
             f"array accesses proven without one: {sum(r.get('proven', 0) for r in results)}"]
    times = sorted(r.get("seconds", 0) for r in results)
    if times:
        lines.append(f"compile time per program: median {times[len(times) // 2]:.2f} s, "
                     f"max {times[-1]:.2f} s")
    reasons = collections.Counter(re.sub(r"0x[0-9a-f]+|\d+", "N", r["why"])[:100]
                                  for r in results if not r["certified"])
    lines.append("not certified, by first reason:")
    lines += [f"{n:4d}  {why}" for why, n in reasons.most_common()]
    if args.v:
        lines += [f"  {Path(r['path']).name}: {r['why']}" for r in results if not r["certified"]]
    lines += [f"KERNEL REFUSED a certified module: {r['path']}: {r['kernel']}" for r in disagreements]
    print("\n".join(lines))
    if out:
        Path(out).write_text(
            "# Certification of the test corpus\n\n"
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
            "`.venv/bin/python bench/certified.py`: every program of tests/c/ compiled, its "
            "certificate (when the compiler makes one) checked by the kernel.\n\n```\n"
            + "\n".join(lines) + "\n```\n")
        print(f"wrote {out}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
