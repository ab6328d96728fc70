"""Kernel and certificate figures, measured in one run (writes docs/kernel-benchmarks.md).

1. Checking speed: every program in tests/certified/ is compiled with its certificate and
   checked by the kernel (best of 5): instructions and KiB of code per second, obligations,
   certificate size as a ratio of code size, compile time.
2. The cost of run-time checks: each kernel in bench/kernels/ is compiled twice in this
   process — as users get it (bounds and divisor checks inserted) and with the checks turned
   off — and `bench(n)` is timed under both (best of 3); the ratio is the checks' cost.

    .venv/bin/python bench/kernel.py [--quick] [--out FILE]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certa.compiler import codegen  # noqa: E402
from certa.compiler.pipeline import compile_file  # noqa: E402
from certa.kernel.check import check_module  # noqa: E402
from certa.runtime import load  # noqa: E402


def best(f, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def checking(tmp: Path, reps: int) -> list[str]:
    rows = ["| program | functions | instructions | obligations | cert / code | compile s | check ms | instructions/s | KiB code/s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for src in sorted((ROOT / "tests" / "certified").glob("*.c")):
        out = tmp / (src.stem + ".cm")
        t = time.perf_counter()
        compile_file(str(src), str(out))
        compile_s = time.perf_counter() - t
        data = out.read_bytes()
        v = check_module(data)
        if not v.ok:
            rows.append(f"| {src.stem} | rejected: {v.message()} |")
            continue
        s = best(lambda: check_module(data), reps)
        rows.append(f"| {src.stem} | {v.functions} | {v.instructions} | {v.obligations} | "
                    f"{v.cert_bytes / v.code_bytes:.2f} | {compile_s:.2f} | {s * 1000:.1f} | "
                    f"{v.instructions / s:,.0f} | {v.code_bytes / 1024 / s:,.0f} |")
    return rows


def check_cost(tmp: Path, reps: int, quick: bool) -> list[str]:
    rows = ["| kernel | n | with checks ms | without ms | cost (ratio) |", "|---|---:|---:|---:|---:|"]
    ratios = []
    for src in sorted((ROOT / "bench" / "kernels").glob("*.c")):
        m = re.search(r"#define\s+DEFAULT_N\s+(\d+)", src.read_text())
        n = 1 if quick or not m else int(m.group(1))
        times = []
        for checks in (True, False):
            codegen.RUNTIME_CHECKS = checks
            try:
                out = tmp / f"{src.stem}-{int(checks)}.cm"
                compile_file(str(src), str(out))
                mod = load(str(out))
                times.append(best(lambda: mod.call("bench", n), reps))
            finally:
                codegen.RUNTIME_CHECKS = True
        r = times[0] / times[1]
        ratios.append(r)
        rows.append(f"| {src.stem} | {n} | {times[0] * 1000:.1f} | {times[1] * 1000:.1f} | {r:.2f} |")
    geo = 1.0
    for r in ratios:
        geo *= r
    rows.append(f"| geometric mean | | | | {geo ** (1 / len(ratios)):.2f} |")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="n = 1 and one repetition (CI smoke run)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "kernel-benchmarks.md"))
    args = ap.parse_args(argv)
    reps = 1 if args.quick else 5
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        a = checking(tmp, reps)
        b = check_cost(tmp, 1 if args.quick else 3, args.quick)
    text = "\n".join([
        "# Kernel benchmarks", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on the machine described in",
        "docs/benchmarks.md; reproduce with `.venv/bin/python bench/kernel.py`.", "",
        "## Checking certified programs", "",
        "Each program of tests/certified/ compiled with its certificate and checked by the kernel",
        "(best of 5). The certificate is zlib-compressed JSON.", "", *a, "",
        "## What the run-time checks cost", "",
        "Each benchmark kernel compiled with the bounds and divisor checks users get, and with",
        "them turned off (in-process, for this measurement only), timed in the same run",
        "(best of 3). Invariant inference will remove checks the kernel can prove redundant.", "",
        *b, ""])
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
