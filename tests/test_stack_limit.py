"""The stack limit (DESIGN §9.9, kernel rule STACK): every function that calls a function
checks `rsp - (frame + 8) >= L` on entry, so a recursion too deep for the stack ends in a
`stack` trap raised by the module itself, with no signal involved. These tests run deep
recursions with no fault handler of ours installed (the default action for SIGSEGV, no
alternate signal stack): had the module touched the guard page, the process would die.
The kernel's must-reject cases for the rule are in tests/test_kernel.py."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from certa.compiler.pipeline import compile_file
from certa.kernel import decode, modfile

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: load, then make sure no fault would be caught by us.
WITHOUT_HANDLER = """
import ctypes, signal, sys
sys.path.insert(0, {root!r})
from certa.runtime import Trap, load, load_app, native
target = {target!r}
m = load_app(target) if target.endswith(".toml") else load(target)
native._Faults.ensure_installed = lambda self: None     # never (re)installed again
for sig in native.FAULT_SIGNALS:
    signal.signal(sig, signal.SIG_DFL)
off = native._StackT(None, native.SS_DISABLE, 0)
assert native._libc.sigaltstack(ctypes.byref(off), None) == 0
mod = getattr(m, {module!r}) if {module!r} else m
for n in {calls!r}:
    try:
        print("returned", mod.call({function!r}, n))
    except Trap as t:
        print("trap", t.kind, t.function, t.line, t.detail)
"""


def compile_c(tmp_path: Path, name: str, source: str) -> Path:
    src = tmp_path / f"{name}.c"
    src.write_text(textwrap.dedent(source))
    out = tmp_path / f"{name}.cm"
    compile_file(str(src), str(out))
    return out


def run_without_handler(target: Path, function: str, calls: list, module: str = "") -> list[str]:
    script = WITHOUT_HANDLER.format(root=str(ROOT), target=str(target), function=function,
                                    calls=calls, module=module)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"the host died (status {r.returncode}): {r.stderr[-2000:]}"
    return r.stdout.splitlines()


DEPTH_C = """
long depth(long n) {
    if (n <= 0)
        return 0;
    return 1 + depth(n - 1);
}
"""


def test_deep_recursion_traps_without_any_signal_handler(tmp_path):
    cm = compile_c(tmp_path, "depth", DEPTH_C)
    out = run_without_handler(cm, "depth", [1000, 1 << 40, 5, 1 << 40, 100000])
    assert out == ["returned 1000", "trap stack depth 2 None", "returned 5",
                   "trap stack depth 2 None", "returned 100000"]


def test_deep_recursion_across_modules_traps_without_any_signal_handler(tmp_path):
    compile_c(tmp_path, "a", "extern long b(long n);\nlong a(long n) { return n <= 0 ? 0 : 1 + b(n - 1); }\n")
    compile_c(tmp_path, "b", "extern long a(long n);\nlong b(long n) { return n <= 0 ? 0 : 1 + a(n - 1); }\n")
    (tmp_path / "app.toml").write_text('[app]\nmain = "a"\n[modules.a]\npath = "a.cm"\ngrants = ["b.b"]\n'
                                       '[modules.b]\npath = "b.cm"\ngrants = ["a.a"]\n')
    out = run_without_handler(tmp_path / "app.toml", "a", [1000, 1 << 40, 7], module="a")
    assert out[0] == "returned 1000" and out[2] == "returned 7"
    kind, where = out[1].split()[1], out[1].split()[2]
    assert out[1].startswith("trap stack ") and where in ("a", "b"), out[1]


def test_the_stack_trap_from_the_command_line(tmp_path, certa):
    src = tmp_path / "deep.c"
    src.write_text(DEPTH_C + "int main(void) { return (int)depth(1L << 40); }\n")
    r = subprocess.run(certa + ["run", str(src)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 70
    assert r.stderr.strip().endswith(f"trap in {src}: function depth, line 2: stack overflow"), r.stderr


def checks_of(cm: Path) -> dict[str, bool]:
    """For each function symbol: does its code read the stack limit slot (the check)?"""
    image = modfile.parse_module(cm.read_bytes())
    addrs = modfile.layout(image.section_sizes())
    slot = addrs[".certa.imports"] - addrs[".text"] + 8 * image.imports.index("__certa_stack_limit")
    out = {}
    for s in image.symbols:
        if s.kind == "func" and s.section == ".text":
            code = decode.decode_range(image.text, s.offset, s.offset + s.size)
            out[s.name] = any(i.op == "cmp" and i.rip_target == slot for i in code)
    return out


def test_only_functions_that_need_it_check_the_limit(tmp_path):
    cm = compile_c(tmp_path, "shapes", """
        int leaf(int x) { return x * 2; }
        int calls(int x) { return leaf(x) + 1; }
        int big_leaf(int i) {
            char buf[20000];
            buf[0] = 1;
            return buf[i & 1];
        }
        int small_leaf(int i) {
            char buf[2000];
            buf[0] = 1;
            return buf[i & 1];
        }
    """)
    checks = checks_of(cm)
    assert checks["calls"] and checks["big_leaf"]
    assert not checks["leaf"] and not checks["small_leaf"]


def test_signals_during_deep_recursion(tmp_path):
    """A signal handler without an alternate stack (Python's SIGALRM handler here) runs on
    the stack it interrupts, the module's included: a timer firing all through recursions
    that reach the limit neither crashes the process nor disturbs the traps."""
    cm = compile_c(tmp_path, "depth", DEPTH_C)
    script = f"""
import signal, sys
sys.path.insert(0, {str(ROOT)!r})
from certa.runtime import Trap, load
m = load({str(cm)!r})
ticks = []
signal.signal(signal.SIGALRM, lambda *a: ticks.append(1))
signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)
kinds = set()
for _ in range(200):
    try:
        m.call("depth", 1 << 40)
    except Trap as t:
        kinds.add(t.kind)
signal.setitimer(signal.ITIMER_REAL, 0, 0)
print(sorted(kinds), m.call("depth", 10), len(ticks) > 0)
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"the host died (status {r.returncode}): {r.stderr[-2000:]}"
    assert r.stdout.split() == ["['stack']", "10", "True"]


def test_the_limit_leaves_the_margin_and_room_for_signals(tmp_path):
    """The kernel lets a module use STACK_MARGIN bytes below L (STACK); the runtime puts L
    that far above the lowest mapped stack address, plus SIGNAL_ROOM for signal handlers."""
    from certa.kernel.symexec import STACK_MARGIN
    from certa.runtime import load, native
    from certa.runtime.loader import SIGNAL_ROOM
    m = load(compile_c(tmp_path, "depth", DEPTH_C))
    slot = m.addrs[".certa.imports"] + 8 * m.image.imports.index("__certa_stack_limit")
    limit = native.read_u64(m.base + slot)
    assert limit == m.stack_lo + SIGNAL_ROOM + STACK_MARGIN
    assert SIGNAL_ROOM >= 32 << 10 and m.stack_top - limit > 15 << 20
