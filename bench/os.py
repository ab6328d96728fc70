#!/usr/bin/env python3
"""One address space against OS processes: calls, pipes, calls from Python, load time.

All in one run, every ratio against a baseline measured in the same run, every figure the
median of k repetitions (the machine may be shared):

1. Cross-module call.  Module A (bench/os/caller.c) calls `add1`, imported from module B
   (bench/os/callee.c) through the loader's import slot (`call [rip+slot]`), n times in a
   loop it times itself with certa_clock_ns() (grant "clock"); baselines: the same loop
   calling A's own `local_add1` (`call rel32`) and the same loop without a call.  objdump -d
   confirms that both loops contain their call (Certa does not inline).  Reference: the
   same loop built by gcc -O2 around a `noinline` function (bench/os/call_gcc.c).  Also
   the cost of the stack-limit check: loops calling `add1_unchecked` (a leaf) and
   `add1_checked` (the same plus a call on a branch never taken, so it checks the limit).
2. Pipe round trip: two processes exchanging 8 bytes each way over a pair of pipes
   (bench/os/pipe_rt.c, gcc -O2, fork, clock_gettime), against the cross-module call.
3. Python -> module: `m.call("addp", 1, 2)` on an exported scalar function against a ctypes
   call of the same C function built by gcc -O2 -shared -fPIC (bench/os/pyabi.c), in this
   process; and `m.call("touch", buf, 4096)` lending a 4 KiB bytearray to a `\\valid`
   parameter against ctypes passing the same bytearray (`(c_char * 4096).from_buffer`).
   (wasmtime is not a dependency of the project: not measured.)
4. The wordfreq example (examples/wordfreq) on `gen_input.py 1000000`: the four modules
   loaded once, `app.run_main` timed; `certa run app.toml -- FILE` end to end (interpreter
   start, kernel check of the 4 modules, run); the pipes twin (pipes/run.sh: three gcc
   processes connected by pipes) end to end; and pipes' single-process gcc build.  The
   outputs must all be the same.
5. Load time of each wordfreq module: the kernel check (certa.kernel.check.check_module)
   against the whole `certa.runtime.load`, and `load_app` of the four.

Everything is built into a temporary directory (nothing is left in the repository).

    .venv/bin/python bench/os.py            # full run (a few minutes at most): prints the
                                            # tables and writes the section "## Single address
                                            # space: ..." of docs/benchmarks.md
    .venv/bin/python bench/os.py --quick    # small n, few repetitions (under a minute);
                                            # writes nothing unless --out FILE

Exit status 1 if a build or a measurement fails or the wordfreq outputs differ; 0 otherwise.
"""
from __future__ import annotations

import argparse
import ctypes
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SRC = BENCH / "os"
WF = ROOT / "examples" / "wordfreq"
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Single address space: calls, pipes, Python, load"
sys.path.insert(0, str(ROOT))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import run as benchrun  # noqa: E402  (bench/run.py: machine(), machine_table())
from certa.kernel import modfile  # noqa: E402
from certa.kernel.check import check_module  # noqa: E402
from certa.runtime import load, load_app, native  # noqa: E402

WF_MODULES = ["tokenizer", "counter", "ranker", "main"]


@dataclass
class Config:
    quick: bool
    reps: int           # repetitions of the calls, pipe and Python measurements
    call_n: int         # loop iterations (calls) per repetition
    pipe_n: int         # round trips per repetition
    py_n: int           # calls from Python per repetition and variant
    wf_words: int       # words of the wordfreq input
    wf_reps: int        # repetitions of each wordfreq way
    load_reps: int      # repetitions of the load measurements


def config(quick: bool, reps: int | None) -> Config:
    if quick:
        return Config(True, reps or 3, 1_000_000, 2_000, 2_000, 200_000, reps or 2, reps or 2)
    return Config(False, reps or 21, 20_000_000, 10_000, 20_000, 1_000_000, reps or 9,
                  reps or 9)


def first_line(text: str) -> str:
    return benchrun.first_line(text)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def paired(xs: list[float], ys: list[float]) -> float:
    """The median of the ratios x_i / y_i of the same repetition: both sides of a ratio were
    measured back to back, so a slow spell of a shared machine affects both."""
    return median([x / y for x, y in zip(xs, ys)])


def spread(xs: list[float]) -> str:
    """min-max of the repetitions, relative to the median (for the noise column)."""
    m = median(xs)
    if len(xs) < 2 or not m:
        return "—"
    return f"{100 * (min(xs) - m) / m:+.0f}% / {100 * (max(xs) - m) / m:+.0f}%"


# ---------------------------------------------------------------------------
# building (into the temporary directory)

def sh(cmd: list, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))}: exit {r.returncode}: "
                           f"{first_line(r.stderr or r.stdout)}")
    return r


def certa_cmd() -> list[str]:
    script = Path(sys.executable).parent / "certa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "certa"]


def build(tmp: Path) -> dict[str, str]:
    """Compile everything into tmp; returns {product: error} for what failed."""
    certa = certa_cmd()
    jobs = {
        "callee.cm": certa + ["cc", SRC / "callee.c", "-o", tmp / "callee.cm"],
        "caller.cm": certa + ["cc", SRC / "caller.c", "-o", tmp / "caller.cm"],
        "pyabi.cm": certa + ["cc", SRC / "pyabi.c", "-o", tmp / "pyabi.cm"],
        "call_gcc": ["gcc", "-O2", "-Wall", "-Wextra", SRC / "call_gcc.c", "-o", tmp / "call_gcc"],
        "pipe_rt": ["gcc", "-O2", "-Wall", "-Wextra", SRC / "pipe_rt.c", "-o", tmp / "pipe_rt"],
        "libpyabi.so": ["gcc", "-O2", "-shared", "-fPIC", SRC / "pyabi.c",
                        "-o", tmp / "libpyabi.so"],
    }
    for m in WF_MODULES:
        jobs[f"{m}.cm"] = certa + ["cc", WF / f"{m}.c", "-o", tmp / f"{m}.cm"]
    pipes = WF / "pipes"
    cflags = ["-O2", "-Wall", "-Wextra"]        # as pipes/Makefile
    for stage in ("stage_tokenize", "stage_count", "stage_rank"):
        jobs[stage] = ["gcc", *cflags, pipes / f"{stage}.c", "-o", tmp / stage]
    jobs["single"] = ["gcc", *cflags, "-I", pipes / "shim", pipes / "single.c", "-o", tmp / "single"]

    shutil.copy(pipes / "run.sh", tmp / "run.sh")
    shutil.copy(WF / "app.toml", tmp / "app.toml")
    shutil.copy(SRC / "calls.toml", tmp / "calls.toml")

    errors = {}
    # the slow jobs (certa cc of main.c, counter.c, tokenizer.c) first
    order = sorted(jobs, key=lambda k: (not k.endswith(".cm"), k != "main.cm"))
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {k: pool.submit(sh, jobs[k]) for k in order}
        for k, f in futures.items():
            try:
                f.result()
            except Exception as e:  # noqa: BLE001 - reported
                errors[k] = str(e)
    return errors


# ---------------------------------------------------------------------------
# objdump: both loops contain their call

def disassembly(path: Path) -> dict[str, list[str]]:
    out = subprocess.run(["objdump", "-d", str(path)], capture_output=True, text=True).stdout
    funcs: dict[str, list[str]] = {}
    cur = None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            cur = funcs.setdefault(m.group(1), [])
        elif cur is not None and "\t" in line:
            cur.append(line.split("\t")[-1].strip())
    return funcs


def calls_of(funcs: dict[str, list[str]], name: str) -> list[str]:
    """The calls of a function, without the stack-limit check's trap call (off the loop)."""
    return [re.sub(r"\s+", " ", ins) for ins in funcs.get(name, [])
            if ins.startswith("call") and "<__certa_trap>" not in ins]


def check_calls(tmp: Path) -> tuple[bool, list[str]]:
    """The call instructions of the timed loops, and whether they are as expected."""
    if shutil.which("objdump") is None:
        return False, ["objdump not found: the loops were not inspected"]
    a = disassembly(tmp / "caller.cm")
    g = disassembly(tmp / "call_gcc")
    notes, ok = [], True
    expect = {"cross": r"^call \*0x[0-9a-f]+\(%rip\) # [0-9a-f]+ <add1>$",
              "local": r"^call [0-9a-f]+ <local_add1>$",
              "unchecked": r"^call [0-9a-f]+ <add1_unchecked>$",
              "checked": r"^call [0-9a-f]+ <add1_checked>$"}
    for fn, pat in expect.items():
        calls = calls_of(a, fn)
        loop = [c for c in calls if "certa_clock_ns" not in c]
        good = len(loop) == 1 and re.match(pat, loop[0])
        ok = ok and bool(good)
        notes.append(f"Certa `{fn}`: `{loop[0] if loop else '(no call)'}`"
                     + ("" if good else " (UNEXPECTED)"))
    b = disassembly(tmp / "callee.cm")
    def body(funcs, name):      # without the symbolic names objdump adds
        return [re.sub(r"\s*<[^>]*>", "", i) for i in funcs.get(name, []) if i != "int3"]
    same = bool(body(b, "add1")) and body(b, "add1") == body(a, "local_add1")
    ok = ok and same
    notes.append("B's `add1` and A's `local_add1`: " + ("the same instructions" if same
                                                       else "DIFFERENT instructions"))
    # add1_checked reads the stack limit on entry, add1_unchecked does not (a leaf).
    limit = {fn: any("__certa_stack_limit" in i for i in a.get(fn, []))
             for fn in ("add1_unchecked", "add1_checked")}
    good = limit == {"add1_unchecked": False, "add1_checked": True}
    ok = ok and good
    notes.append("the stack-limit check: in `add1_checked` only" if good
                 else f"the stack-limit check: UNEXPECTED {limit}")
    empty = [c for c in calls_of(a, "empty") if "certa_clock_ns" not in c]
    ok = ok and not empty
    notes.append("Certa `empty`: no call but the clock's" if not empty
                 else f"Certa `empty`: UNEXPECTED calls {empty}")
    gcalls = [c for c in calls_of(g, "main") if "<add1>" in c]
    ok = ok and len(gcalls) == 1
    body = "; ".join(i for i in g.get("add1", []) if i and not i.startswith("nop"))
    notes.append(f"gcc -O2 `main`: `{gcalls[0] if gcalls else '(no call of add1)'}`; "
                 f"`add1` is `{body}`")
    return ok, notes


# ---------------------------------------------------------------------------
# 1 and 2: calls and the pipe

def measure_calls(tmp: Path, cfg: Config) -> dict:
    n = cfg.call_n
    app = load_app(tmp / "calls.toml")
    try:
        a = app.modules["caller"]
        loops = ("cross", "local", "empty", "unchecked", "checked")
        for fn in loops:                                # warm up (and check the result)
            a.call(fn, 1000)
        res = {k: [] for k in loops + ("gcc_call", "gcc_empty", "pipe", "pipe_pin")}
        for _ in range(cfg.reps):
            for fn in loops:
                res[fn].append(a.call(fn, n) / n)
                if a.call("sink") != n:
                    raise RuntimeError(f"caller.{fn}({n}): sink() is {a.call('sink')}, not {n}")
            t_call, t_empty, s = map(int, sh([tmp / "call_gcc", n], timeout=120).stdout.split())
            if s != n:
                raise RuntimeError(f"call_gcc {n}: result {s}")
            res["gcc_call"].append(t_call / n)
            res["gcc_empty"].append(t_empty / n)
            for key, extra in (("pipe", []), ("pipe_pin", ["pin"])):
                t, v = map(int, sh([tmp / "pipe_rt", cfg.pipe_n, *extra],
                                   timeout=300).stdout.split())
                if v != cfg.pipe_n:
                    raise RuntimeError(f"pipe_rt {cfg.pipe_n}: last value {v}")
                res[key].append(t / cfg.pipe_n)
    finally:
        app.close()
    return res


# ---------------------------------------------------------------------------
# 3: calls from Python

def measure_python(tmp: Path, cfg: Config) -> dict:
    m = load(tmp / "pyabi.cm", grants=[])
    lib = ctypes.CDLL(str(tmp / "libpyabi.so"))
    for f in (lib.addp, lib.addn):
        f.argtypes, f.restype = [ctypes.c_long, ctypes.c_long], ctypes.c_long
    lib.touch.argtypes = [ctypes.POINTER(ctypes.c_char), ctypes.c_long]
    lib.touch.restype = ctypes.c_long
    size = 4096
    buf = bytearray(size)
    arr_t = ctypes.c_char * size
    n = cfg.py_n

    def pyadd(a, b):
        return a + b

    # one explicit loop per variant (no lambda in the timed loop)
    def t_certa_addp():
        call = m.call
        t0 = time.perf_counter_ns()
        for _ in range(n):
            call("addp", 1, 2)
        return (time.perf_counter_ns() - t0) / n

    def t_certa_attr():
        f = m.addp
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f(1, 2)
        return (time.perf_counter_ns() - t0) / n

    def t_certa_addn():
        call = m.call
        t0 = time.perf_counter_ns()
        for _ in range(n):
            call("addn", 1, 2)
        return (time.perf_counter_ns() - t0) / n

    def t_ctypes_addp():
        f = lib.addp
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f(1, 2)
        return (time.perf_counter_ns() - t0) / n

    def t_python():
        f = pyadd
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f(1, 2)
        return (time.perf_counter_ns() - t0) / n

    def t_fault_check():
        t0 = time.perf_counter_ns()
        for _ in range(n):
            native.faults().ensure_installed()      # what a load (and a thread's first entry) does
        return (time.perf_counter_ns() - t0) / n

    def t_certa_touch():
        call = m.call
        t0 = time.perf_counter_ns()
        for _ in range(n):
            call("touch", buf, size)
        return (time.perf_counter_ns() - t0) / n

    def t_ctypes_touch():
        f, from_buffer = lib.touch, arr_t.from_buffer
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f(from_buffer(buf), size)
        return (time.perf_counter_ns() - t0) / n

    def t_ctypes_touch_pre():
        f, arr = lib.touch, arr_t.from_buffer(buf)
        t0 = time.perf_counter_ns()
        for _ in range(n):
            f(arr, size)
        t = (time.perf_counter_ns() - t0) / n
        del arr
        return t

    # the same results both ways (and the buffer really is written in place)
    if m.call("addp", 40, 2) != 42 or lib.addp(40, 2) != 42 or m.call("addn", 40, 2) != 42 \
            or m.addp(40, 2) != 42:
        raise RuntimeError("addp/addn: wrong result")
    for how in ("certa", "ctypes"):
        buf[0], buf[-1] = 7, 0
        r = m.call("touch", buf, size) if how == "certa" else lib.touch(arr_t.from_buffer(buf), size)
        if r != size or buf[-1] != 7:
            raise RuntimeError(f"touch via {how}: result {r}, last byte {buf[-1]}")

    variants = {"certa_addp": t_certa_addp, "certa_attr": t_certa_attr, "certa_addn": t_certa_addn,
                "ctypes_addp": t_ctypes_addp, "python": t_python, "fault_check": t_fault_check,
                "certa_touch": t_certa_touch, "ctypes_touch": t_ctypes_touch,
                "ctypes_touch_pre": t_ctypes_touch_pre}
    res = {k: [] for k in variants}
    for f in variants.values():         # warm up
        f()
    for _ in range(cfg.reps):
        for k, f in variants.items():
            res[k].append(f())
    m.close()
    return res


# ---------------------------------------------------------------------------
# 4: wordfreq

def timed(cmd: list, **kw) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = sh(cmd, **kw)
    return time.perf_counter() - t0, r.stdout


def measure_wordfreq(tmp: Path, cfg: Config) -> dict:
    inp = tmp / "in.txt"
    with open(inp, "wb") as f:
        subprocess.run([sys.executable, str(WF / "gen_input.py"), str(cfg.wf_words)], stdout=f,
                       check=True)
    size = inp.stat().st_size
    # run_main never frees the module heap (free is a no-op, the heap is a bump allocator
    # that lives as long as the app): k runs in one app need k times the heap of one run,
    # which is about 9 * size + 16 * words (app.toml grants 128 MiB for one 1M-word run)
    text = (tmp / "app.toml").read_text()
    need = (cfg.wf_reps + 2) * (9 * size + 16 * cfg.wf_words + (1 << 20))
    heap = max(134217728, (need + (1 << 20) - 1) >> 20 << 20)
    bench_toml, k = re.subn(r"(?m)^heap_bytes = \d+", f"heap_bytes = {heap}", text)
    if k != 1:
        raise RuntimeError("examples/wordfreq/app.toml: no `heap_bytes = N` line")
    (tmp / "app_bench.toml").write_text(bench_toml)

    expected = sh([tmp / "single", "in.txt"], cwd=tmp).stdout
    res: dict = {k: [] for k in ("inproc", "certa_run", "pipes", "single", "startup")}
    res["size"], res["heap"], res["mismatch"] = size, heap, []

    app = load_app(tmp / "app_bench.toml")
    try:
        mods = list(app.modules.values())

        def run_inproc() -> float:
            out = io.BytesIO()
            for mod in mods:
                mod.stdout = out
            t0 = time.perf_counter()
            status = app.run_main(["wordfreq", "in.txt"])
            t = time.perf_counter() - t0
            if status != 0 or out.getvalue().decode() != expected:
                res["mismatch"].append(f"app.run_main: status {status}, output "
                                       f"{first_line(out.getvalue().decode())!r}...")
            return t

        certa = certa_cmd()
        for _ in range(cfg.wf_reps):
            res["inproc"].append(run_inproc())
            for key, cmd, kw in (
                    ("certa_run", certa + ["run", tmp / "app.toml", "--", "in.txt"], {"cwd": tmp}),
                    ("pipes", ["sh", tmp / "run.sh", inp], {}),
                    ("single", [tmp / "single", "in.txt"], {"cwd": tmp}),
                    ("startup", [sys.executable, "-c", "import certa.cli, certa.runtime"], {})):
                t, out = timed(cmd, timeout=600, **kw)
                res[key].append(t)
                if key != "startup" and out != expected:
                    res["mismatch"].append(f"{key}: output {first_line(out)!r}...")
    finally:
        app.close()
    res["words_line"] = first_line(expected)
    res["distinct_line"] = expected.splitlines()[1] if expected.count("\n") > 1 else ""
    return res


# ---------------------------------------------------------------------------
# 5: load time

def measure_load(tmp: Path, cfg: Config) -> dict:
    data = {m: (tmp / f"{m}.cm").read_bytes() for m in WF_MODULES}
    res: dict = {m: {"check": [], "parse": [], "load": []} for m in WF_MODULES}
    res["app"] = []
    for _ in range(cfg.load_reps):
        for m in WF_MODULES:
            t0 = time.perf_counter()
            v = check_module(data[m])
            t1 = time.perf_counter()
            if not v.ok:
                raise RuntimeError(f"{m}.cm: refused by the kernel: {v.message()}")
            modfile.parse_module(data[m])
            t2 = time.perf_counter()
            res[m]["check"].append(t1 - t0)
            res[m]["parse"].append(t2 - t1)
            if m != "main":         # main imports other modules: it loads only in an app
                t0 = time.perf_counter()
                mod = load(tmp / f"{m}.cm", grants=[])
                res[m]["load"].append(time.perf_counter() - t0)
                mod.close()
        t0 = time.perf_counter()
        app = load_app(tmp / "app.toml")
        res["app"].append(time.perf_counter() - t0)
        app.close()
    for m in WF_MODULES:
        res[m]["bytes"] = len(data[m])
        res[m]["text"] = len(modfile.parse_module(data[m]).text)
    return res


# ---------------------------------------------------------------------------
# tables

def table(header: list[str], rows: list[list[str]], right: set[int]) -> tuple[str, str]:
    """(plain text, Markdown) of one table."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    txt = ["  ".join(h.ljust(w) for h, w in zip(header, widths)),
           "  ".join("-" * w for w in widths)]
    txt += ["  ".join((c.rjust(w) if i in right else c.ljust(w))
                      for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    md = ["| " + " | ".join(header) + " |",
          "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"]
    md += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(txt), "\n".join(md)


def f1(x: float | None, nd: int = 2) -> str:
    return "—" if x is None else f"{x:,.{nd}f}"


def calls_table(c: dict) -> tuple[list[str], list[list[str]], dict]:
    med = {k: median(v) for k, v in c.items()}
    net = {k: med[k] - med["empty"] for k in ("cross", "local")}
    net_gcc = med["gcc_call"] - med["gcc_empty"]
    d = {"med": med, "net": net, "net_gcc": net_gcc,
         "ratio": paired(c["cross"], c["local"]),
         "pipe_calls": paired(c["pipe"], c["cross"]),
         "pipe_pin_calls": paired(c["pipe_pin"], c["cross"]),
         "check": paired(c["checked"], c["unchecked"]),
         "check_ns": median([x - y for x, y in zip(c["checked"], c["unchecked"])])}
    header = ["loop of n iterations", "ns / iteration", "ns / call (minus the loop alone)",
              "/ local call (per iteration)", "spread (min / max vs median)"]
    rows = [
        ["Certa: A calls `add1` imported from module B (`call [rip+slot]`)",
         f1(med["cross"]), f1(net["cross"]), f1(d["ratio"]), spread(c["cross"])],
        ["Certa: A calls its own `local_add1` (`call rel32`)", f1(med["local"]),
         f1(net["local"]), "1.00", spread(c["local"])],
        ["Certa: the same loop without a call", f1(med["empty"]), "", "", spread(c["empty"])],
        ["Certa: A calls `add1_unchecked` (a leaf: no stack-limit check)", f1(med["unchecked"]),
         f1(med["unchecked"] - med["empty"]), "", spread(c["unchecked"])],
        ["Certa: A calls `add1_checked` (the same, with the stack-limit check)",
         f1(med["checked"]), f1(med["checked"] - med["empty"]),
         f"{d['check']:.2f} x unchecked", spread(c["checked"])],
        ["gcc -O2: calls a `noinline` `add1`", f1(med["gcc_call"]), f1(net_gcc), "",
         spread(c["gcc_call"])],
        ["gcc -O2: the same loop without a call", f1(med["gcc_empty"]), "", "",
         spread(c["gcc_empty"])],
        ["pipe round trip between two processes (8 bytes each way), as scheduled",
         f1(med["pipe"], 0), "", f"= {d['pipe_calls']:,.0f} cross-module calls",
         spread(c["pipe"])],
        ["the same, both processes pinned to one CPU", f1(med["pipe_pin"], 0), "",
         f"= {d['pipe_pin_calls']:,.0f} cross-module calls", spread(c["pipe_pin"])],
    ]
    return header, rows, d


def python_table(p: dict) -> tuple[list[str], list[list[str]], dict]:
    med = {k: median(v) for k, v in p.items()}
    d = {"med": med, "addp": paired(p["certa_addp"], p["ctypes_addp"]),
         "attr": paired(p["certa_attr"], p["ctypes_addp"]),
         "addn": paired(p["certa_addn"], p["ctypes_addp"]),
         "touch": paired(p["certa_touch"], p["ctypes_touch"]),
         "fault": paired(p["fault_check"], p["ctypes_addp"])}
    header = ["call from Python", "ns / call", "/ ctypes", "spread (min / max vs median)"]
    rows = [
        ["Certa `m.call(\"addp\", 1, 2)` (2 `requires` checked per call)",
         f1(med["certa_addp"], 0), f1(d["addp"]), spread(p["certa_addp"])],
        ["Certa `m.addp(1, 2)` (the same, the function as an attribute)",
         f1(med["certa_attr"], 0), f1(d["attr"]), spread(p["certa_attr"])],
        ["Certa `m.call(\"addn\", 1, 2)` (no contract)", f1(med["certa_addn"], 0),
         f1(d["addn"]), spread(p["certa_addn"])],
        ["ctypes `lib.addp(1, 2)` (gcc -O2 -shared -fPIC)", f1(med["ctypes_addp"], 0), "1.00",
         spread(p["ctypes_addp"])],
        ["Python `pyadd(1, 2)` (a Python function, for scale)", f1(med["python"], 0),
         f1(paired(p["python"], p["ctypes_addp"])), spread(p["python"])],
        ["for scale: the fault-handler check a load makes (`native.faults().ensure_installed()`)",
         f1(med["fault_check"], 0), f1(d["fault"]), spread(p["fault_check"])],
        ["Certa `m.call(\"touch\", buf, 4096)` (4 KiB bytearray lent to `\\valid`)",
         f1(med["certa_touch"], 0), f1(d["touch"]), spread(p["certa_touch"])],
        ["ctypes `lib.touch((c_char * 4096).from_buffer(buf), 4096)`",
         f1(med["ctypes_touch"], 0), "1.00", spread(p["ctypes_touch"])],
        ["ctypes `lib.touch(arr, 4096)`, `arr` made once", f1(med["ctypes_touch_pre"], 0),
         f1(paired(p["ctypes_touch_pre"], p["ctypes_touch"])), spread(p["ctypes_touch_pre"])],
    ]
    return header, rows, d


def wordfreq_table(w: dict) -> tuple[list[str], list[list[str]], dict]:
    med = {k: median(w[k]) for k in ("inproc", "certa_run", "pipes", "single", "startup")}
    header = ["way", "s", "/ gcc single process", "/ pipes twin",
              "spread (min / max vs median)"]
    rows = []
    names = {
        "inproc": "Certa: `app.run_main([...])`, the 4 modules loaded once (in this process)",
        "certa_run": "Certa: `certa run app.toml -- in.txt` end to end (kernel check of 4 "
                     "modules included)",
        "pipes": "gcc: `pipes/run.sh in.txt` (3 processes, 2 pipes) end to end",
        "single": "gcc: `pipes/single in.txt` (one process) end to end",
        "startup": "for scale: `python -c 'import certa.cli, certa.runtime'`",
    }
    for k, name in names.items():
        rows.append([name, f1(med[k], 3), f1(paired(w[k], w["single"])),
                     f1(paired(w[k], w["pipes"])), spread(w[k])])
    return header, rows, {"med": med}


def load_table(ld: dict) -> tuple[list[str], list[list[str]], dict]:
    header = ["module", "file bytes", ".text bytes", "kernel check ms", "parse ms",
              "`load()` ms", "check / load"]
    rows = []
    tot_check = 0.0
    for m in WF_MODULES:
        r = ld[m]
        chk, prs = median(r["check"]), median(r["parse"])
        tot_check += chk
        whole = median(r["load"]) if r["load"] else None
        rows.append([f"{m}.cm", f"{r['bytes']:,}", f"{r['text']:,}", f1(1e3 * chk, 1),
                     f1(1e3 * prs, 1),
                     f1(1e3 * whole, 1) if whole else "— (imports: loads only in an app)",
                     f"{100 * paired(r['check'], r['load']):.0f}%" if whole else "—"])
    app = median(ld["app"])
    checks = [sum(ld[m]["check"][i] for m in WF_MODULES) for i in range(len(ld["app"]))]
    share = paired(checks, ld["app"])
    rows.append(["`load_app(app.toml)`: the 4 (check + parse + map + link)", "", "",
                 f1(1e3 * tot_check, 1) + " (sum)", "", f1(1e3 * app, 1),
                 f"{100 * share:.0f}%"])
    return header, rows, {"app": app, "check": tot_check, "share": share}


# ---------------------------------------------------------------------------

def render_section(parts: dict, notes: list[str], info: dict, cfg: Config) -> str:
    quick = "; this section is from a `--quick` smoke run" if cfg.quick else ""
    mt = benchrun.machine_table(info, cfg.reps).replace(
        f"| Repetitions | best of {cfg.reps} |",
        f"| Repetitions | median of {cfg.reps} (calls, pipe, Python), {cfg.wf_reps} (wordfreq), "
        f"{cfg.load_reps} (load) |")
    out = [SECTION, "",
           "What a call costs when modules share one address space, against the OS's way of "
           "composing programs (processes and pipes), against ctypes from Python, and what "
           "loading costs.  All in one run of `bench/os.py`; every time is the median of "
           "the repetitions, every ratio the median of the ratios within a repetition (both "
           "sides measured back to back).  The machine may be shared: the spread column "
           "gives the fastest and slowest repetition relative to the median.", "", mt, "",
           "Reproduce with `.venv/bin/python bench/os.py` (the last step of `make bench`; "
           f"`--quick` for a smoke run){quick}.  It builds everything into a temporary "
           "directory and replaces this section.", ""]
    for title, (md, text) in parts.items():
        out += [f"### {title}", ""]
        if text.get("before"):
            out += [text["before"], ""]
        out += [md, ""]
        if text.get("after"):
            out += [text["after"], ""]
    if notes:
        out += ["### Notes", ""] + [f"* {n}" for n in notes] + [""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Calls in one address space against pipes, "
                                             "ctypes and gcc; wordfreq; load time.")
    ap.add_argument("--quick", action="store_true",
                    help="small n and few repetitions (under a minute); writes nothing "
                         "unless --out")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"the Markdown file whose section is written (default: "
                         f"{DOC.relative_to(ROOT)} for a full run)")
    ap.add_argument("--reps", type=int, default=None,
                    help="repetitions of every measurement (default 21, 9 for wordfreq and "
                         "load; 3 and 2 with --quick)")
    ap.add_argument("--keep", action="store_true", help="keep the build directory (printed)")
    args = ap.parse_args(argv)
    cfg = config(args.quick, args.reps)

    t_start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="certa-bench-os-"))
    failed: list[str] = []
    parts: dict = {}
    notes: list[str] = []
    try:
        def stage(what: str):
            print(f"{what} ... ({time.perf_counter() - t_start:.0f} s)", file=sys.stderr,
                  flush=True)

        stage("building")
        errors = build(tmp)
        for k, e in errors.items():
            failed.append(f"build {k}: {e}")

        def attempt(name: str, needs: list[str], fn):
            missing = [k for k in needs if k in errors]
            if missing:
                failed.append(f"{name}: not measured (build failed: {', '.join(missing)})")
                return None
            stage(name)
            try:
                return fn(tmp, cfg)
            except Exception as e:  # noqa: BLE001 - reported
                failed.append(f"{name}: {type(e).__name__}: {first_line(str(e))}")
                return None

        calls = attempt("cross-module calls and pipes", ["callee.cm", "caller.cm", "call_gcc",
                                                         "pipe_rt"], measure_calls)
        py = attempt("calls from Python", ["pyabi.cm", "libpyabi.so"], measure_python)
        wf = attempt("wordfreq", [f"{m}.cm" for m in WF_MODULES] +
                     ["stage_tokenize", "stage_count", "stage_rank", "single"], measure_wordfreq)
        ld = attempt("load time", [f"{m}.cm" for m in WF_MODULES], measure_load)

        if calls is not None:
            ok, dis = check_calls(tmp)
            if not ok:
                failed.append("objdump: a timed loop does not contain the expected call")
            h, rows, d = calls_table(calls)
            txt, md = table(h, rows, {1, 2, 3})
            print(f"\nCalls (n = {cfg.call_n:,} per repetition; pipe: "
                  f"{cfg.pipe_n:,} round trips)\n" + txt)
            print("objdump -d: " + "; ".join(dis))
            m = d["med"]
            parts["Calls: across modules, inside a module, gcc, and a pipe"] = (md, {
                "before": (
                    f"Module A (`bench/os/caller.c`) runs a loop of n = {cfg.call_n:,} "
                    "iterations `s = add1(s)` and times it itself with `certa_clock_ns()`; "
                    "`add1` (`return x + 1`, a scalar contract) is imported from module B "
                    "(`bench/os/callee.c`) and linked by the loader (`bench/os/calls.toml` "
                    "grants `callee.add1`), so the call is `call [rip+slot]` straight into "
                    "B's code.  Baselines: the same loop calling A's own copy `local_add1` "
                    "and the same loop with `s = s + 1` in place of the call (Certa does not "
                    "optimise: the loop keeps its variables on the stack).  The gcc rows are "
                    "the same loop in `bench/os/call_gcc.c` at -O2 (`add1` is "
                    "`__attribute__((noinline))`).  The pipe rows are `bench/os/pipe_rt.c` "
                    f"(gcc -O2): a forked child echoes 8 bytes, {cfg.pipe_n:,} round trips "
                    "timed with `clock_gettime`, once where the scheduler puts the two "
                    "processes and once with both pinned to one CPU (`sched_setaffinity`)."),
                "after": (
                    f"The cross-module call costs {m['cross']:.2f} ns per iteration against "
                    f"{m['local']:.2f} ns for the call inside the module "
                    f"({d['ratio']:.2f}x): the one difference is the indirect call through "
                    "the read-only import slot.  A pipe round trip costs as much as "
                    f"{d['pipe_pin_calls']:,.0f} cross-module calls with both processes on "
                    f"one CPU, {d['pipe_calls']:,.0f} as scheduled (on this virtual machine "
                    "a process blocked in `read` on an otherwise idle CPU is woken slowly, "
                    "so the unpinned figure depends on how busy the machine is: pinned is "
                    "the fair figure for the pipe).  The stack-limit check a function that "
                    "calls makes on entry (three instructions: `lea`, `cmp` with the limit "
                    "slot, `jl`; DESIGN 9.9) changes a call's time by "
                    f"{d['check_ns']:+.2f} ns ({d['check']:.2f}x the same call of a leaf "
                    "without it: `add1_checked` against `add1_unchecked`, which differ only in "
                    "a call on a branch never taken)"
                    + (": no measurable cost, the difference is within the noise and code "
                       "alignment" if d["check"] <= 1.05 else "")
                    + ".  objdump -d of the timed loops: "
                    + "; ".join(dis) + ".")})
        if py is not None:
            h, rows, d = python_table(py)
            txt, md = table(h, rows, {1, 2})
            print(f"\nCalls from Python ({cfg.py_n:,} per repetition)\n" + txt)
            m = d["med"]
            target = "met" if d["attr"] <= 2 else "not met"
            parts["Calls from Python: Certa against ctypes"] = (md, {
                "before": (
                    f"{cfg.py_n:,} calls per repetition in a Python loop (the loop's own "
                    "cost is included in every row).  `bench/os/pyabi.c` is built by Certa "
                    "(loaded with `certa.runtime.load(..., grants=[])`) and by "
                    "`gcc -O2 -shared -fPIC` (ctypes, `argtypes` and `restype` set); `touch` "
                    "(`requires \\valid(p + (0..n-1))`) writes the buffer's last byte."),
                "after": (
                    f"Target: within 2x of ctypes — {target}: a scalar call from Python costs "
                    f"{d['attr']:.1f}x a ctypes call as `m.addp(1, 2)`, {d['addp']:.1f}x as "
                    f"`m.call(\"addp\", 1, 2)` ({d['addn']:.1f}x without a contract), "
                    f"a call lending 4 KiB {d['touch']:.1f}x ctypes with `from_buffer` per "
                    f"call.  The fault-handler check (a `sigaction` and a `sigaltstack` query "
                    f"through ctypes) costs {d['fault']:.1f}x a ctypes call on its own: it is "
                    f"made at every load and on a thread's first entry, not on every entry "
                    f"(a module the kernel accepted does not fault: a stack overflow is the "
                    f"prologue check's trap).  wasmtime: not measured (not a dependency of "
                    f"the project; none was added).")})
        if wf is not None:
            h, rows, d = wordfreq_table(wf)
            txt, md = table(h, rows, {1, 2, 3})
            print(f"\nwordfreq ({cfg.wf_words:,} words, {wf['size']:,} bytes)\n" + txt)
            if wf["mismatch"]:
                failed.append("wordfreq outputs differ: " + "; ".join(wf["mismatch"][:3]))
            m = d["med"]
            load_s = f"{median(ld['app']):.2f}" if ld is not None else "—"
            parts["wordfreq: one address space against processes and pipes"] = (md, {
                "before": (
                    f"`examples/wordfreq` on `gen_input.py {cfg.wf_words}` ({wf['size']:,} "
                    f"bytes; {wf['words_line']}, {wf['distinct_line']}).  The four Certa "
                    "modules and the gcc builds (`pipes/`: `stage_*` with pipes/Makefile's "
                    "flags, `single` with `-I shim`) are built into a temporary directory.  "
                    "`app.run_main` runs in this process with each module's `stdout` set to "
                    "a `BytesIO`; the other rows are child processes whose output is read "
                    "through a pipe.  All outputs are the same as `single`'s"
                    + (" (they were not: see the notes)" if wf["mismatch"] else "") + "."),
                "after": (
                    f"`certa run` end to end ({m['certa_run']:.2f} s) is interpreter start "
                    f"({m['startup']:.2f} s), `load_app` (mostly the kernel check of the 4 "
                    f"modules: {load_s} s, next table) and the run ({m['inproc']:.2f} s in "
                    f"process).  `app.toml` grants main 128 MiB of "
                    f"heap, enough for one run; the in-process row uses a copy granting "
                    f"{wf['heap'] / (1 << 20):,.0f} MiB, because run_main never gives the "
                    f"module heap back (see the notes).")})
        if ld is not None:
            h, rows, d = load_table(ld)
            txt, md = table(h, rows, {1, 2, 3, 4, 5, 6})
            print("\nLoad time\n" + txt)
            parts["Load time: the kernel check and the rest"] = (md, {
                "before": (
                    "For each wordfreq module: `certa.kernel.check.check_module(bytes)`, "
                    "`certa.kernel.modfile.parse_module(bytes)` and the whole "
                    "`certa.runtime.load(path, grants=[])` (which checks, parses, maps W^X and "
                    "links host services; main imports the other modules, so it loads only "
                    "as part of the application).  Last row: `certa.runtime.load_app` of "
                    "examples/wordfreq/app.toml, all four."),
                "after": (
                    f"The kernel check is {100 * d['share']:.0f}% of loading the "
                    "application; the rest (reading, parsing, mapping, stubs, linking) is "
                    "small.")})
    finally:
        if args.keep:
            print(f"build directory kept: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    notes += [f"FAILED: {f}" for f in failed]
    notes.append("`run_main` several times in one loaded application: the module heap is a "
                 "bump allocator that `free` does not return to, so every run of wordfreq's "
                 "main takes about 9 x file size + 16 x words of heap anew (with "
                 "examples/wordfreq/app.toml's 128 MiB, a second `run_main` on the "
                 "1,000,000-word input prints `wordfreq: out of memory` and returns 1).  "
                 "bench/os.py therefore uses a copy of app.toml with a larger `heap_bytes` "
                 "and few repetitions.")
    notes.append("A call from Python does its work in Python before and after the native "
                 "call: the arguments against their C types narrowed by the contract's "
                 "one-parameter `requires` (prepared when the module is loaded), the other "
                 "`requires` evaluated with the arguments, the buffer regions against the lent "
                 "buffers, the entry lock, a check that the fault handler is still installed "
                 "(two system calls), and, when a module of the domain can write, a flush of "
                 "`sys.stdout` before and of the modules' output after (pyabi.cm cannot: it is "
                 "loaded with no grants); ctypes does only the argument conversion.")
    for f in failed:
        print(f"FAILED: {f}", file=sys.stderr)
    out = args.out if args.out is not None else (None if args.quick else DOC)
    if out is not None and parts:
        benchrun.write_section(out, SECTION, render_section(parts, notes, benchrun.machine(), cfg))
        print(f"wrote the section to {out}", file=sys.stderr)
    print(f"total {time.perf_counter() - t_start:.0f} s", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
