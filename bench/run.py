#!/usr/bin/env python3
"""Run the Certa benchmarks: each kernel under gcc -O0, gcc -O2 and Certa, in one run.

For every kernel in bench/kernels/*.c:

* gcc -O0 and gcc -O2: the kernel is compiled with -Dmain=kernel_main in its own
  translation unit and linked with bench/driver.c, which times bench(n) with
  clock_gettime(CLOCK_MONOTONIC) and reports the best of k repetitions;
* Certa: the kernel is compiled with certa.compiler.pipeline.compile_file, loaded with
  certa.runtime.load, and m.call("bench", n) is timed with time.perf_counter_ns, best of k.
  This runs in a child process, so a crash or hang in the compiler or runtime is reported
  in the table instead of ending the run.

The three checksums must agree.  The table (ms and ratios) is printed, and written as
Markdown with the machine description to docs/benchmarks.md (or --out FILE).

    .venv/bin/python bench/run.py            # full run, writes docs/benchmarks.md
    .venv/bin/python bench/run.py --quick    # n = 1, one repetition: a CI smoke test

Exit status: 1 if a gcc build fails or any checksums disagree (and, with --strict, if a
kernel fails under Certa); 0 otherwise.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
KERNELS = BENCH / "kernels"
DRIVER = BENCH / "driver.c"
BUILD = ROOT / "build" / "bench"
DOC = ROOT / "docs" / "benchmarks.md"
RESULT_TAG = "CERTA-BENCH-RESULT "


def write_section(doc: Path, heading: str, section: str) -> None:
    """Replace the section of doc that starts with the line `heading` (up to the next `## `
    heading) by `section`, or append it: bench/acsl.py and bench/os.py own one section each
    of docs/benchmarks.md."""
    text = doc.read_text() if doc.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip("\n") == heading), None)
    if start is None:
        head = text if text.endswith("\n") else text + "\n"
        doc.write_text(head + "\n" + section)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    tail = "".join(lines[end:])
    doc.write_text("".join(lines[:start]) + section + ("\n" + tail if tail else ""))


def machine_table(info: dict, reps: int) -> str:
    """The Markdown table describing the machine and the run (shared with bench/acsl.py)."""
    return (f"| | |\n|---|---|\n| Machine | {info['cpu']} |\n| Cores | {info['cores']} |\n"
            f"| OS | {info['os']} |\n| Python | {info['python']} |\n| gcc | {info['gcc']} |\n"
            f"| Date | {info['date']} |\n| Repetitions | best of {reps} |")


# ---------------------------------------------------------------------------
# kernels

@dataclass
class Kernel:
    name: str
    src: Path
    default_n: int


def find_kernels(only: list[str] | None = None) -> list[Kernel]:
    kernels = []
    for src in sorted(KERNELS.glob("*.c")):
        if only and src.stem not in only:
            continue
        m = re.search(r"^#define\s+DEFAULT_N\s+(\d+)", src.read_text(), re.M)
        if not m:
            raise SystemExit(f"{src}: no '#define DEFAULT_N <n>'")
        kernels.append(Kernel(src.stem, src, int(m.group(1))))
    if only:
        missing = set(only) - {k.name for k in kernels}
        if missing:
            raise SystemExit(f"unknown kernel(s): {', '.join(sorted(missing))}")
    return kernels


@dataclass
class Measure:
    ok: bool
    result: int | None = None
    best_ns: int | None = None
    error: str = ""
    extra: dict = field(default_factory=dict)


def first_line(text: str, limit: int = 160) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "(no message)")
    return line if len(line) <= limit else line[:limit - 3] + "..."


# ---------------------------------------------------------------------------
# gcc

def build_gcc(k: Kernel, opt: str) -> Path:
    out = BUILD / f"{k.name}{opt}"
    kobj = BUILD / f"{k.name}{opt}.o"
    dobj = BUILD / f"driver{opt}.o"
    cmds = [
        ["gcc", opt, "-Dmain=kernel_main", "-c", str(k.src), "-o", str(kobj)],
        ["gcc", opt, "-c", str(DRIVER), "-o", str(dobj)],
        ["gcc", opt, str(kobj), str(dobj), "-o", str(out)],
    ]
    for cmd in cmds:
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: {first_line(r.stderr)}")
    return out


def run_gcc(k: Kernel, opt: str, n: int, reps: int, timeout: float) -> Measure:
    try:
        exe = build_gcc(k, opt)
        r = subprocess.run([str(exe), str(n), str(reps)], capture_output=True, text=True,
                           timeout=timeout)
        if r.returncode != 0:
            return Measure(False, error=f"exit {r.returncode}: {first_line(r.stderr)}")
        result, best = r.stdout.split()
        return Measure(True, int(result), int(best))
    except subprocess.TimeoutExpired:
        return Measure(False, error=f"timed out after {timeout:.0f} s")
    except Exception as e:  # noqa: BLE001 - reported in the table
        return Measure(False, error=first_line(str(e)))


# ---------------------------------------------------------------------------
# Certa (in a child process)

def certa_worker(src: str, module: str, n: int, reps: int) -> None:
    """Runs in the child: compile, load, time; prints one tagged JSON line."""
    def report(**kw):
        sys.stdout.flush()
        print(RESULT_TAG + json.dumps(kw), flush=True)

    sys.path.insert(0, str(ROOT))
    stage = "import"
    try:
        from certa.compiler.pipeline import compile_file
        try:
            from certa.diagnostics import CompileError
        except ImportError:  # pragma: no cover - older layouts
            CompileError = Exception  # type: ignore[misc,assignment]
        from certa.runtime import load

        stage = "compile"
        t0 = time.perf_counter()
        try:
            compile_file(src, module)
        except CompileError as e:
            report(ok=False, error=f"compile error: {first_line(str(e))}")
            return
        compile_s = time.perf_counter() - t0
        size = os.path.getsize(module) if os.path.exists(module) else None

        stage = "load"
        t0 = time.perf_counter()
        m = load(module)
        load_s = time.perf_counter() - t0

        stage = "run"
        best = None
        result = None
        for r in range(reps):
            t0 = time.perf_counter_ns()
            v = m.call("bench", n)
            t1 = time.perf_counter_ns()
            if r > 0 and v != result:
                report(ok=False, error=f"not deterministic: {result} then {v}")
                return
            result = v
            if best is None or t1 - t0 < best:
                best = t1 - t0
        report(ok=True, result=int(result), best_ns=int(best), compile_s=compile_s,
               load_s=load_s, module_bytes=size)
    except BaseException as e:  # noqa: BLE001 - everything is reported
        report(ok=False, error=f"{stage} failed: {type(e).__name__}: {first_line(str(e))}")


def run_certa(k: Kernel, n: int, reps: int, timeout: float) -> Measure:
    module = BUILD / f"{k.name}.cm"
    if module.exists():
        module.unlink()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--certa-worker",
           str(k.src), str(module), str(n), str(reps)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return Measure(False, error=f"timed out after {timeout:.0f} s")
    tagged = [line for line in r.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if not tagged:
        if r.returncode < 0:
            why = f"crashed (signal {-r.returncode})"
        else:
            why = f"exit {r.returncode}"
        return Measure(False, error=f"{why}: {first_line(r.stderr[-2000:] or r.stdout[-2000:])}")
    data = json.loads(tagged[-1][len(RESULT_TAG):])
    if not data.get("ok"):
        return Measure(False, error=data.get("error", "failed"))
    extra = {key: data.get(key) for key in ("compile_s", "load_s", "module_bytes")}
    return Measure(True, data["result"], data["best_ns"], extra=extra)


# ---------------------------------------------------------------------------
# reporting

def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except Exception:  # noqa: BLE001
        return ""


def machine() -> dict[str, str]:
    lscpu = sh(["lscpu"])

    def field_(name: str) -> str:
        m = re.search(rf"^{re.escape(name)}:\s*(.+)$", lscpu, re.M)
        return m.group(1).strip() if m else "?"

    model = field_("Model name")
    cpus = field_("CPU(s)")
    cores = field_("Core(s) per socket")
    sockets = field_("Socket(s)")
    threads = field_("Thread(s) per core")
    return {
        "cpu": model if model != "?" else (platform.processor() or "?"),
        "cores": f"{cpus} logical CPUs ({sockets} socket(s) x {cores} core(s) x {threads} thread(s))",
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "gcc": first_line(sh(["gcc", "--version"])) or "?",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def fmt_ms(m: Measure) -> str:
    return f"{m.best_ns / 1e6:.2f}" if m.ok and m.best_ns is not None else "—"


def ratio(a: Measure, b: Measure) -> float | None:
    if a.ok and b.ok and a.best_ns and b.best_ns:
        return a.best_ns / b.best_ns
    return None


def fmt_ratio(r: float | None) -> str:
    return f"{r:.2f}" if r is not None else "—"


def geomean(xs: list[float]) -> float | None:
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


HEADER = ["kernel", "n", "checksum", "gcc -O0 ms", "gcc -O2 ms", "Certa ms",
          "Certa/O0", "Certa/O2", "status"]


def table_rows(rows: list[dict]) -> list[list[str]]:
    out = []
    for row in rows:
        o0, o2, ce = row["O0"], row["O2"], row["certa"]
        checksum = next((m.result for m in (o0, o2, ce) if m.ok), None)
        out.append([row["name"], str(row["n"]), "—" if checksum is None else str(checksum),
                    fmt_ms(o0), fmt_ms(o2), fmt_ms(ce),
                    fmt_ratio(ratio(ce, o0)), fmt_ratio(ratio(ce, o2)), row["status"]])
    r0 = geomean([ratio(r["certa"], r["O0"]) for r in rows if r["status"] == "ok"])
    r2 = geomean([ratio(r["certa"], r["O2"]) for r in rows if r["status"] == "ok"])
    if r0 is not None:
        out.append(["geometric mean", "", "", "", "", "", fmt_ratio(r0), fmt_ratio(r2), ""])
    return out


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(HEADER)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    return "\n".join(lines)


def build_table(raw: list[dict]) -> str:
    """Compile time, load time and module size under Certa."""
    lines = []
    for row in raw:
        ce = row["certa"]
        if ce.ok:
            e = ce.extra
            size = e.get("module_bytes")
            lines.append(f"| {row['name']} | {e.get('compile_s') or 0:.2f} | "
                         f"{(e.get('load_s') or 0) * 1e3:.1f} | {size if size is not None else '—'} |")
    if not lines:
        return ""
    return ("\n\n## Certa compilation and loading\n\n"
            "Load time is `certa.runtime.load`: the kernel checks the whole module (its code and\n"
            "the bundled libc), then it is mapped and linked.\n\n"
            "| kernel | compile s | load ms | module bytes |\n|---|---:|---:|---:|\n"
            + "\n".join(lines) + "\n")


def render_markdown(rows: list[list[str]], info: dict[str, str], args, reps: int,
                    raw: list[dict]) -> str:
    esc = [[c.replace("|", "\\|") for c in r] for r in rows]
    md_table = ["| " + " | ".join(HEADER) + " |",
                "|" + "|".join("---" if i in (0, 8) else "---:" for i in range(len(HEADER))) + "|"]
    md_table += ["| " + " | ".join(r) + " |" for r in esc]
    cmd = "`.venv/bin/python bench/run.py`"
    makefile = ROOT / "Makefile"
    if makefile.exists() and re.search(r"^bench\s*:", makefile.read_text(), re.M):
        cmd = "`make bench` or " + cmd
    note = " (this report: a `--quick` smoke run)" if args.quick else ""
    return f"""# Benchmarks

Run time of compute kernels compiled by Certa, against the same C compiled by gcc at
-O0 and -O2, measured in one run on one machine.

{machine_table(info, reps)}

Reproduce with {cmd}{note}; `--quick` does a smoke run with n = 1 and one
repetition, `--kernels NAME ...` runs a subset.

{chr(10).join(md_table)}{build_table(raw)}

Times are in milliseconds for one call of `bench(n)`; ratios above 1 mean Certa is
slower.  A kernel that fails under Certa shows the first line of the error in the
status column.

## How it is measured

Each kernel is a file `bench/kernels/NAME.c` written in the Certa subset.  It defines
`long bench(long n)`, which does the work with repetition parameter `n` and returns a
checksum, and a `main` that prints `bench(DEFAULT_N)`; `n` is chosen so that one call
under gcc -O0 takes roughly 100 ms.  The kernels are: `matmul` (120×120 int matrix
multiply), `sieve` (Eratosthenes below 10⁶), `heapsort` (50,000 ints from an LCG),
`strsearch` (KMP over a 200 KB generated text), `crc32` (table-driven CRC-32 of 64 KiB),
`editdist` (Levenshtein distance of two 1,500-character strings) and `bst` (a binary
search tree of 4,096 `malloc`ed nodes, 100,000 lookups per round).

For gcc, the kernel is compiled at -O0 or -O2 with `-Dmain=kernel_main` in its own
translation unit (so gcc cannot specialise `bench` for the call site) and linked with
`bench/driver.c`, which times `bench(n)` with `clock_gettime(CLOCK_MONOTONIC)`.  For
Certa, the kernel is compiled with `certa.compiler.pipeline.compile_file` and loaded with
`certa.runtime.load`, and the call `m.call("bench", n)`
from Python is timed with `time.perf_counter_ns`; this includes the trampoline that enters
the module (microseconds, against calls of about 100 ms).  Compilation and loading are not
part of the run times (when Certa builds a kernel, they are listed in their own table).
Every measurement is the best of {reps} repetition(s) in the same process, and the
checksums of the three builds must agree or the run fails.  The Certa builds include the
run-time bounds and divisor checks users get.

Kernel checking speed, certificate sizes and the cost of the inserted run-time checks are
in [kernel-benchmarks.md](kernel-benchmarks.md) (`.venv/bin/python bench/kernel.py`).
"""


# ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--certa-worker"]:
        _, src, module, n, reps = argv
        certa_worker(src, module, int(n), int(reps))
        return 0

    ap = argparse.ArgumentParser(description="Benchmark Certa against gcc -O0 and -O2.")
    ap.add_argument("--quick", action="store_true",
                    help="n = 1 and one repetition (smoke test); writes no report unless --out")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"write the Markdown report here (default: {DOC.relative_to(ROOT)} "
                         "for a full run)")
    ap.add_argument("--reps", type=int, default=None, help="repetitions, best of k (default 5)")
    ap.add_argument("--kernels", nargs="+", metavar="NAME", help="run only these kernels")
    ap.add_argument("--no-certa", action="store_true", help="gcc builds only")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when a kernel fails under Certa")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds allowed per kernel and build (default 600, 120 with --quick)")
    args = ap.parse_args(argv)

    reps = args.reps or (1 if args.quick else 5)
    timeout = args.timeout or (120.0 if args.quick else 600.0)
    BUILD.mkdir(parents=True, exist_ok=True)
    kernels = find_kernels(args.kernels)

    rows = []
    bad = False
    for k in kernels:
        n = 1 if args.quick else k.default_n
        print(f"{k.name}: n={n} ...", end="", flush=True, file=sys.stderr)
        o0 = run_gcc(k, "-O0", n, reps, timeout)
        o2 = run_gcc(k, "-O2", n, reps, timeout)
        ce = Measure(False, error="skipped (--no-certa)") if args.no_certa \
            else run_certa(k, n, reps, timeout)
        status = "ok"
        if not o0.ok or not o2.ok:
            status = "gcc failed: " + (o0.error if not o0.ok else o2.error)
            bad = True
        elif o0.result != o2.result:
            status = f"MISMATCH gcc -O0 {o0.result} vs -O2 {o2.result}"
            bad = True
        elif args.no_certa:
            status = "gcc only (--no-certa)"
        elif not ce.ok:
            status = f"Certa failed: {ce.error}"
            if args.strict:
                bad = True
        elif ce.result != o0.result:
            status = f"MISMATCH Certa {ce.result} vs gcc {o0.result}"
            bad = True
        print(f" {status}", file=sys.stderr)
        rows.append({"name": k.name, "n": n, "O0": o0, "O2": o2, "certa": ce, "status": status})

    rendered = table_rows(rows)
    print(render_text(rendered))
    out = args.out if args.out is not None else (None if args.quick else DOC)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_markdown(rendered, machine(), args, reps, rows))
        print(f"wrote {out}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
