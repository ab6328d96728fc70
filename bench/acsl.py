#!/usr/bin/env python3
"""ACSL annotations on the benchmark kernels: accesses proven, and what it does to run time.

For every kernel bench/kernels/NAME.c there is an annotated copy bench/kernels_acsl/NAME.c:
the same computation (same checksum, same DEFAULT_N) with ACSL contracts and loop
invariants (docs/acsl.md).  For each kernel this script

* compiles the plain and the annotated version with certa.compiler.pipeline.compile_file
  and reads the Report: `proven_accesses` and the bounds checks (the entries of
  `report.checks` whose kind is 1), so the share of accesses proven is
  proven / (proven + checks);
* times, in the same run, gcc -O0 and gcc -O2 (on the plain source), Certa on the plain
  source and Certa on the annotated source, with the functions of bench/run.py (same
  driver, same child process for Certa, best of k repetitions);
* checks that every checksum agrees (the four timed builds, and gcc -O2 of the annotated
  source).

    .venv/bin/python bench/acsl.py            # full run: appends/replaces the section
                                              # "## ACSL annotations: ..." of docs/benchmarks.md
    .venv/bin/python bench/acsl.py --quick    # n = 1, one repetition: a smoke test

Exit status 1 if a build fails or any checksums disagree; 0 otherwise.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import run as benchrun  # noqa: E402  (bench/run.py)
from run import Kernel, Measure  # noqa: E402

KERNELS_ACSL = BENCH / "kernels_acsl"
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## ACSL annotations: accesses proven and run time"


# ---------------------------------------------------------------------------
# kernels

def default_n(src: Path) -> int:
    m = re.search(r"^#define\s+DEFAULT_N\s+(\d+)", src.read_text(), re.M)
    if not m:
        raise SystemExit(f"{src}: no '#define DEFAULT_N <n>'")
    return int(m.group(1))


def kernel_pairs(only: list[str] | None) -> list[tuple[Kernel, Kernel]]:
    """(plain, annotated) for every kernel; the annotated Kernel is named NAME-acsl so that
    its build products in build/bench do not overwrite the plain ones."""
    pairs = []
    for plain in benchrun.find_kernels(only):
        src = KERNELS_ACSL / plain.src.name
        if not src.exists():
            raise SystemExit(f"{src}: missing (every kernel needs an annotated copy)")
        n = default_n(src)
        if n != plain.default_n:
            raise SystemExit(f"{src}: DEFAULT_N {n}, but {plain.src} has {plain.default_n}")
        pairs.append((plain, Kernel(f"{plain.name}-acsl", src, n)))
    return pairs


# ---------------------------------------------------------------------------
# what the compiler proves

def proof_stats(k: Kernel) -> dict:
    """Compile k in this process and read the Report: proven accesses and bounds checks."""
    from certa.compiler.pipeline import Report, compile_file
    try:
        from certa.diagnostics import CompileError
    except ImportError:  # pragma: no cover - older layouts
        CompileError = Exception  # type: ignore[misc,assignment]
    benchrun.BUILD.mkdir(parents=True, exist_ok=True)
    out = benchrun.BUILD / f"{k.name}.stats.cm"
    report = Report()
    try:
        compile_file(str(k.src), str(out), report=report)
    except CompileError as e:
        return {"ok": False, "error": f"compile error: {benchrun.first_line(str(e))}"}
    except Exception as e:  # noqa: BLE001 - reported in the table
        return {"ok": False, "error": f"{type(e).__name__}: {benchrun.first_line(str(e))}"}
    checks = [c for c in report.checks if c[0] == 1]
    proven = report.proven_accesses
    total = proven + len(checks)
    return {"ok": True, "proven": proven, "checks": len(checks),
            "share": proven / total if total else None,
            "check_lines": sorted({(c[2], c[1]) for c in checks})}


def fmt_share(s: dict) -> str:
    if not s["ok"]:
        return "—"
    share = "—" if s["share"] is None else f"{100 * s['share']:.0f}%"
    return f"{s['proven']}/{s['proven'] + s['checks']} ({share})"


# ---------------------------------------------------------------------------
# one kernel

def measure(plain: Kernel, annot: Kernel, quick: bool, reps: int, timeout: float) -> dict:
    n = 1 if quick else plain.default_n
    row = {"name": plain.name, "n": n}
    row["stats_plain"] = proof_stats(plain)
    row["stats_annot"] = proof_stats(annot)
    row["O0"] = benchrun.run_gcc(plain, "-O0", n, reps, timeout)
    row["O2"] = benchrun.run_gcc(plain, "-O2", n, reps, timeout)
    # the annotated source under gcc: its checksum only (the code may differ slightly)
    row["O2_annot"] = benchrun.run_gcc(annot, "-O2", n, 1, timeout)
    row["plain"] = benchrun.run_certa(plain, n, reps, timeout)
    row["annot"] = benchrun.run_certa(annot, n, reps, timeout)

    builds = {"gcc -O0": row["O0"], "gcc -O2": row["O2"], "gcc -O2 (annotated source)":
              row["O2_annot"], "Certa plain": row["plain"], "Certa annotated": row["annot"]}
    failed = [f"{what}: {m.error}" for what, m in builds.items() if not m.ok]
    results = {m.result for m in builds.values() if m.ok}
    if not row["stats_annot"]["ok"]:
        failed.insert(0, f"annotated: {row['stats_annot']['error']}")
    if len(results) > 1:
        row["status"] = "MISMATCH " + ", ".join(f"{w} {m.result}" for w, m in builds.items()
                                                if m.ok)
        row["bad"] = True
    elif failed:
        row["status"] = "failed: " + failed[0]
        row["bad"] = True
    else:
        row["status"] = "yes"
        row["bad"] = False
    row["checksum"] = next(iter(results)) if len(results) == 1 else None
    return row


# ---------------------------------------------------------------------------
# tables

HEADER = ["kernel", "n", "checksum", "proven plain", "proven annotated",
          "gcc -O0 ms", "gcc -O2 ms", "Certa plain ms", "Certa annotated ms",
          "plain/O0", "annotated/O0", "plain/O2", "annotated/O2", "annotated/plain",
          "checksums agree"]
RIGHT = {1, 5, 6, 7, 8, 9, 10, 11, 12, 13}


def table_rows(rows: list[dict]) -> list[list[str]]:
    r, f, ms = benchrun.ratio, benchrun.fmt_ratio, benchrun.fmt_ms
    out = []
    for row in rows:
        o0, o2, pl, an = row["O0"], row["O2"], row["plain"], row["annot"]
        out.append([row["name"], str(row["n"]),
                    "—" if row["checksum"] is None else str(row["checksum"]),
                    fmt_share(row["stats_plain"]), fmt_share(row["stats_annot"]),
                    ms(o0), ms(o2), ms(pl), ms(an),
                    f(r(pl, o0)), f(r(an, o0)), f(r(pl, o2)), f(r(an, o2)), f(r(an, pl)),
                    row["status"]])
    ok = [row for row in rows if not row["bad"]]
    if ok:
        def tot(key: str) -> dict:
            ss = [row[key] for row in ok if row[key]["ok"]]
            p = sum(s["proven"] for s in ss)
            c = sum(s["checks"] for s in ss)
            return {"ok": True, "proven": p, "checks": c, "share": p / (p + c) if p + c else None}

        def gm(a: str, b: str) -> str:
            return f(benchrun.geomean([r(row[a], row[b]) for row in ok]))
        out.append(["all (sum / geometric mean)", "", "", fmt_share(tot("stats_plain")),
                    fmt_share(tot("stats_annot")), "", "", "", "",
                    gm("plain", "O0"), gm("annot", "O0"), gm("plain", "O2"), gm("annot", "O2"),
                    gm("annot", "plain"), ""])
    return out


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(x[i]) for x in rows)) if rows else len(h)
              for i, h in enumerate(HEADER)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(x, widths)) for x in rows]
    return "\n".join(lines)


# Why an annotated kernel still has run-time checks (shown when it has some).
REASONS = {
    "strsearch": "the KMP index `k` is reloaded from the failure table (`k = failure[k - 1]`) "
                 "and the kernel keeps no facts about memory contents, so `k` is unbounded "
                 "after the load (`failure[k] < k` would be a quantified fact about memory, "
                 "which is not used for proofs); every access indexed by `k` keeps its check",
    "bst": "every node but the freshly allocated one is reached through a pointer loaded "
           "from the tree; that every stored child is null or a valid node is a quantified "
           "fact about memory, which the supported ACSL subset cannot express (and "
           "`\\valid(t)` cannot be required of `tree_sum`, whose argument may be null), so "
           "only the accesses through the new node `nd` are proven",
}


def remaining_checks(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        s = row["stats_annot"]
        if s["ok"] and s["checks"]:
            where = ", ".join(f"{fn} line {ln}" for fn, ln in s["check_lines"])
            why = REASONS.get(row["name"], "see the warnings of `certa cc`")
            lines.append(f"* `{row['name']}`: {s['checks']} check(s) ({where}): {why}.")
    return "\n".join(lines) if lines else "* none"


def render_section(rows: list[list[str]], raw: list[dict], info: dict, reps: int,
                   quick: bool) -> str:
    esc = [[c.replace("|", "\\|") for c in x] for x in rows]
    md = ["| " + " | ".join(HEADER) + " |",
          "|" + "|".join("---:" if i in RIGHT else "---" for i in range(len(HEADER))) + "|"]
    md += ["| " + " | ".join(x) + " |" for x in esc]
    note = " (this section: a `--quick` smoke run)" if quick else ""
    return f"""{SECTION}

Each kernel has an annotated copy `bench/kernels_acsl/NAME.c`: the same computation
(same checksum, same `DEFAULT_N`) with ACSL contracts (`requires \\valid(a + (0..n-1))`,
linear `requires`) and loop invariants, which turn run-time bounds checks into proofs
(docs/acsl.md).  "proven" is proven / (proven + checked) accesses as the compiler reports
them (`Report.proven_accesses` and the bounds checks in `Report.checks`).  Run times are
measured as in the table above (bench/run.py's functions), all in this run: gcc on the
plain source, Certa on the plain and on the annotated source; ratios above 1 mean Certa
is slower.  "checksums agree": gcc -O0, gcc -O2, both Certa builds and gcc -O2 of the
annotated source return the same value.  The run times are those of one run on one
machine, which may be shared: between runs of the same builds they can differ by tens of
percent (best of k repetitions reduces that), so a ratio annotated/plain within about
0.8-1.2 is within the noise.

{benchrun.machine_table(info, reps)}

Reproduce with `.venv/bin/python bench/acsl.py`{note}; it replaces this section and
keeps everything before it (bench/run.py rewrites the whole file, so run this after it).

{chr(10).join(md)}

Beyond the annotations, the annotated copies change only this (same values, same
checksum; gcc -O2 of each annotated source is in the checksum comparison):

* `sieve`: the inner loop starts at `sq`, kept equal to `i * i` by `sq = sq + 2 * i + 1`,
  because the kernel has no facts about a product of two variables (the linear invariant
  `2 * i <= sq <= 2000000 * i` is what proves `composite[j]`);
* `strsearch`: `(long)(seed >> 16) % 20` instead of `(long)((seed >> 16) % 20u)` (and the
  same for `start`): the kernel bounds the remainder of a non-negative signed value but not
  an unsigned remainder; `pattern[i]` stands on its own line in the failure loop, because
  a check that comes back, comes back for a whole source line;
* `crc32`: `bench` gets `requires n <= 1000000000000`, so that `round * 7919` cannot wrap
  (the contracts of exported functions are part of their interface: the runtime checks
  them at every call from the host; the other kernels' `bench` has no `requires`).

The access counts come from the compiler and can differ by one between the two builds of
a kernel (its own analysis and the annotated path count a few accesses differently).

Run-time checks left in the annotated kernels, and why:

{remaining_checks(raw)}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Accesses proven and run time with ACSL "
                                             "annotations on the benchmark kernels.")
    ap.add_argument("--quick", action="store_true",
                    help="n = 1 and one repetition (smoke test); writes nothing unless --out")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"the Markdown file whose section is written (default: "
                         f"{DOC.relative_to(ROOT)} for a full run)")
    ap.add_argument("--reps", type=int, default=None, help="repetitions, best of k (default 10)")
    ap.add_argument("--kernels", nargs="+", metavar="NAME", help="run only these kernels")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds allowed per kernel and build (default 600, 120 with --quick)")
    args = ap.parse_args(argv)

    reps = args.reps or (1 if args.quick else 10)
    timeout = args.timeout or (120.0 if args.quick else 600.0)
    benchrun.BUILD.mkdir(parents=True, exist_ok=True)

    raw = []
    for plain, annot in kernel_pairs(args.kernels):
        print(f"{plain.name}: ...", end="", flush=True, file=sys.stderr)
        row = measure(plain, annot, args.quick, reps, timeout)
        print(f" {row['status']}", file=sys.stderr)
        raw.append(row)

    rows = table_rows(raw)
    print(render_text(rows))
    out = args.out if args.out is not None else (None if args.quick else DOC)
    if out is not None:
        section = render_section(rows, raw, benchrun.machine(), reps, args.quick)
        benchrun.write_section(out, SECTION, section)
        print(f"wrote the section to {out}", file=sys.stderr)
    return 1 if any(row["bad"] for row in raw) else 0


if __name__ == "__main__":
    sys.exit(main())
