"""Calls from Python into loaded modules (LoadedModule.call): what is prepared once per
exported function at load time (parameter ranges, the precondition compiled to plain data,
the result conversion) must decide exactly as the kernel's own reading of the contract
would, at every boundary; output stays in order with Python's where a module can write."""
from __future__ import annotations

import ctypes
import enum
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from certa.compiler.pipeline import compile_file
from certa.kernel.check import parse_fact
from certa.kernel.modfile import parse_module
from certa.runtime import LoadError, load, load_app
from certa.runtime.loader import _INT_TYPES

from test_runtime import Text, load_image, make_image

ROOT = Path(__file__).resolve().parent.parent

# -- contracts compiled by Certa ----------------------------------------------------------------
PRE = """
/*@ requires a * b <= 100; */
long prod(long a, long b) { return a + b; }

/*@ requires a * a >= 4; */
long square(long a) { return a; }

/*@ requires 3*a - 2*b + 7 >= 0; */
long lin(long a, long b) { return a - b; }

/*@ requires 2*a >= 7;
    requires -2*b - 7 >= 0;
    requires 3*c <= 10;
*/
long bounds(long a, long b, long c) { return a + b + c; }

/*@ requires a == 5; requires a + b == 10; */
long eq(long a, long b) { return a * b; }

/*@ requires 2*a == 5; */
long never(long a) { return a; }

/*@ requires 3*a + 6 == 0; */
long minus2(int a) { return a; }

/*@ requires x >= 3; requires x <= 2; */
long empty(unsigned int x) { return x; }

/*@ requires 0 <= k <= 100; requires k <= j; */
int order(int k, int j) { return k + j; }

/*@ requires -5 <= c <= 300; */
long narrow(unsigned char c) { return c; }
"""

RESULTS = {"prod": lambda a, b: a + b, "square": lambda a: a, "lin": lambda a, b: a - b,
           "bounds": lambda a, b, c: a + b + c, "eq": lambda a, b: a * b,
           "never": lambda a: a, "minus2": lambda a: a, "empty": lambda x: x,
           "order": lambda k, j: k + j, "narrow": lambda c: c}


@pytest.fixture(scope="module")
def pre_module(tmp_path_factory):
    d = tmp_path_factory.mktemp("pre")
    (d / "pre.c").write_text(PRE)
    compile_file(str(d / "pre.c"), str(d / "pre.cm"))
    m = load(d / "pre.cm", grants=[])
    yield m, d / "pre.cm"
    m.close()


def reference(iface_fn: dict, args) -> str | None:
    """The first clause the arguments violate, evaluated with the kernel's own Poly over the
    parameters p0, p1, ... (None: every fact holds)."""
    env = {f"p{i}": v for i, v in enumerate(args)}
    for k, x in enumerate(iface_fn["pre"]):
        f = parse_fact(x, "pre")
        value = f.poly.eval(env)
        if not (value >= 0 if f.kind == ">=" else value == 0):
            return iface_fn["pre_text"][k]
    return None


def fits(ptype: str, v: int) -> bool:
    bits, signed = _INT_TYPES[ptype]
    return (-(1 << (bits - 1)) <= v < (1 << (bits - 1))) if signed else 0 <= v < (1 << bits)


def test_preconditions_decide_as_the_kernel_reads_them(pre_module):
    """Every function, over a grid of arguments around every bound: the call runs (and
    returns the function's result) exactly when the arguments fit their types and every
    fact holds, and otherwise names the type or the first clause that fails."""
    m, path = pre_module
    fns = {f["name"]: f for f in json.loads(parse_module(path.read_bytes()).iface)["functions"]}
    grid = list(range(-12, 13)) + [-101, 99, 100, 101, 255, 256, 300, 301, -(1 << 31), 1 << 40]
    checked = ran = 0
    for name, f in fns.items():
        n = len(f["params"])
        values = grid if n == 1 else list(range(-12, 13)) + [100, 101] if n == 2 else range(-9, 9)
        for args in itertools.product(values, repeat=n):
            checked += 1
            bad_type = next((i for i, (t, v) in enumerate(zip(f["params"], args))
                             if not fits(t, v)), None)
            if bad_type is not None:
                with pytest.raises(ValueError, match=r"does not fit"):
                    m.call(name, *args)
                continue
            clause = reference(f, args)
            if clause is None:
                assert m.call(name, *args) == RESULTS[name](*args), (name, args)
                ran += 1
            else:
                with pytest.raises(ValueError) as e:
                    m.call(name, *args)
                assert str(e.value) == (f"{name}: precondition `{clause}` does not hold for "
                                        "these arguments"), (name, args)
    assert checked > 8000 and ran > 500, (checked, ran)


def test_precondition_boundaries(pre_module):
    m, _ = pre_module
    assert m.call("prod", 10, 10) == 20 and m.call("prod", -10, 11) == 1
    for args in ((10, 11), (-10, -11), (101, 1)):
        with pytest.raises(ValueError, match=r"^prod: precondition `a \* b <= 100` does not hold"):
            m.call("prod", *args)
    assert m.call("square", 2) == 2 and m.call("square", -2) == -2
    with pytest.raises(ValueError, match="`a \\* a >= 4`"):
        m.call("square", 1)
    # a coefficient and a negative constant on one parameter: 2a >= 7 means a >= 4,
    # -2b - 7 >= 0 means b <= -4, 3c <= 10 means c <= 3
    assert m.call("bounds", 4, -4, 3) == 3
    for args, clause in (((3, -4, 3), "2 \\* a >= 7"), ((4, -3, 3), "-2 \\* b - 7 >= 0"),
                         ((4, -4, 4), "3 \\* c <= 10")):
        with pytest.raises(ValueError, match=f"^bounds: precondition `{clause}` does not hold"):
            m.call("bounds", *args)
    assert m.call("lin", -1, 2) == -3                  # 3*(-1) - 2*2 + 7 = 0
    with pytest.raises(ValueError, match="`3 \\* a - 2 \\* b \\+ 7 >= 0`"):
        m.call("lin", -1, 3)
    # equality facts
    assert m.call("eq", 5, 5) == 25
    with pytest.raises(ValueError, match="`a == 5`"):
        m.call("eq", 4, 6)
    with pytest.raises(ValueError, match="`a \\+ b == 10`"):
        m.call("eq", 5, 6)
    assert m.call("minus2", -2) == -2
    for a in (-3, -1, 0, 2):
        with pytest.raises(ValueError, match="`3 \\* a \\+ 6 == 0`"):
            m.call("minus2", a)
    for a in (2, 3, 5, -2):                            # 2a == 5 has no integer solution
        with pytest.raises(ValueError, match="`2 \\* a == 5`"):
            m.call("never", a)
    for x in (0, 2, 3, 4):                             # x >= 3 and x <= 2: nothing
        with pytest.raises(ValueError, match="does not hold"):
            m.call("empty", x)
    # facts are checked in order: the first that fails is named
    with pytest.raises(ValueError, match="`0 <= k && k <= 100`"):
        m.call("order", 200, 0)                        # both k <= 100 and k <= j fail
    with pytest.raises(ValueError, match="`k <= j`"):
        m.call("order", 5, 4)
    assert m.call("order", 100, 100) == 200 and m.call("order", 0, 0) == 0
    # the type narrows the clause: an unsigned char is 0..255 whatever -5 <= c <= 300 says
    assert m.call("narrow", 0) == 0 and m.call("narrow", 255) == 255
    with pytest.raises(ValueError, match=r"^narrow: argument 1 \(c\) = -1 does not fit unsigned char$"):
        m.call("narrow", -1)
    with pytest.raises(ValueError, match=r"^narrow: argument 1 \(c\) = 256 does not fit unsigned char$"):
        m.call("narrow", 256)


def test_arguments_that_are_not_plain_ints(pre_module):
    m, _ = pre_module

    class Small(enum.IntEnum):
        TWO = 2
        FIVE = 5

    class Liar(int):
        """An int that claims to lie inside every range."""
        def __le__(self, other):
            return True

        def __ge__(self, other):
            return True

        def __lt__(self, other):
            return False

        def __gt__(self, other):
            return False

    assert m.call("eq", Small.FIVE, Small.FIVE) == 25
    assert m.call("order", True, 2) == 3                  # a bool is an int
    with pytest.raises(ValueError, match=r"^order: argument 1 \(k\) = 4294967296 does not fit int$"):
        m.call("order", Liar(1 << 32), 0)
    with pytest.raises(ValueError, match="`0 <= k && k <= 100`"):
        m.call("order", Liar(101), 200)
    with pytest.raises(TypeError, match=r"^order: argument 2 \(j\) must be an int, not float$"):
        m.call("order", 1, 2.0)
    with pytest.raises(TypeError, match=r"^order\(\) takes 2 arguments \(3 given\)$"):
        m.call("order", 1, 2, 3)


# -- integer types at their limits (a hand-built module: rax = rdi) ------------------------------

def identity_module(tmp_path, ptypes):
    t = Text()
    sigs = []
    for i, p in enumerate(ptypes):
        t.func(f"f{i}", "4889f8", "c3")                    # mov rax, rdi; ret
        sigs.append((f"f{i}", [p], "unsigned long" if p.startswith("unsigned long") else "long"))
    return load_image(tmp_path, make_image(t, sigs))


def test_every_integer_type_at_its_limits(tmp_path):
    ptypes = sorted(_INT_TYPES)
    m = identity_module(tmp_path, ptypes)
    for i, p in enumerate(ptypes):
        bits, signed = _INT_TYPES[p]
        lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        if p == "_Bool":
            hi = 1
        hi = min(hi, (1 << 63) - 1)       # the kernel reads registers as signed 64-bit
        assert m.call(f"f{i}", lo) == lo, p
        assert m.call(f"f{i}", hi) == hi, p
        for bad in (lo - 1, hi + 1):
            with pytest.raises(ValueError, match=rf"^f{i}: argument 1 = {bad} does not fit {p}$"):
                m.call(f"f{i}", bad)
    f = ptypes.index("unsigned long")
    assert m.call(f"f{f}", (1 << 63) - 1) == (1 << 63) - 1
    with pytest.raises(ValueError, match="does not fit unsigned long"):
        m.call(f"f{f}", 1 << 63)


def hand_iface(pre, params=("long",)):
    return json.dumps({"format": "certa-iface/0", "source": "h.c", "functions": [
        {"name": "f", "params": list(params), "ret": "long", "exported": True, "pre": pre}]}).encode()


def test_hand_written_precondition(tmp_path):
    """The runtime evaluates whatever the interface states (the kernel checks elsewhere that
    it is the certificate's): a product, a square, a large coefficient."""
    t = Text()
    t.func("f", "4889f8", "c3")                            # mov rax, rdi; ret
    pre = [[">=", [[-3, ["p0", "p1"]], [1 << 70, ["p0", "p0", "p1"]], [-5, []]]]]
    m = load_image(tmp_path, make_image(t, [("f", ["long", "long"], "long")],
                                        iface_bytes=hand_iface(pre, ("long", "long"))))
    for a, b in itertools.product(range(-4, 5), repeat=2):
        ok = -3 * a * b + (1 << 70) * a * a * b - 5 >= 0
        if ok:
            assert m.call("f", a, b) == a
        else:
            with pytest.raises(ValueError, match="does not hold"):
                m.call("f", a, b)


def test_facts_on_a_lent_buffer_address(tmp_path):
    """A fact on a pointer parameter is about the address of the buffer lent (0 for None)."""
    t = Text()
    t.func("f", "4889f0", "c3")                            # mov rax, rsi; ret
    t.func("g", "4889f0", "c3")
    region = ["r", [[1, ["p0"]]], [[1, ["p1"]]], True, False]
    doc = {"format": "certa-iface/0", "source": "h.c", "functions": [
        {"name": "f", "params": ["char *", "long"], "ret": "long", "exported": True,
         "pre": [[">=", [[1, ["p0"]], [-(1 << 62), []]]]], "pre_regions": [region],
         "pre_text": ["p >= 2^62", "\\valid(p + (0..n-1))"]},
        {"name": "g", "params": ["char *", "long"], "ret": "long", "exported": True,
         "pre": [[">=", [[-1, ["p0"]], [1 << 47, []]]], [">=", [[1, ["p0"]], [-1, []]]],
                 [">=", [[1, ["p1"]]]]],
         "pre_regions": [region], "pre_text": ["p <= 2^47", "p >= 1", "n >= 0"]}]}
    m = load_image(tmp_path, make_image(t, [("f", ["char *", "long"], "long"),
                                            ("g", ["char *", "long"], "long")],
                                        iface_bytes=json.dumps(doc).encode()))
    for buf in (bytearray(8), None):
        with pytest.raises(ValueError, match=r"^f: precondition `p >= 2\^62` does not hold"):
            m.call("f", buf, 8)
    assert m.call("g", bytearray(8), 8) == 8
    assert m.call("g", bytearray(8), 0) == 0
    with pytest.raises(ValueError, match=r"^g: precondition `p >= 1` does not hold"):
        m.call("g", None, 0)
    with pytest.raises(ValueError, match=r"^g: precondition `n >= 0` does not hold"):
        m.call("g", bytearray(8), -1)
    with pytest.raises(ValueError, match=r"needs 9 bytes of memory"):
        m.call("g", bytearray(8), 9)


def test_a_buffer_where_the_contract_has_no_region(tmp_path):
    """Without a contract a pointer parameter takes only None; every argument is checked
    before that is decided."""
    t = Text()
    t.func("f", "4889f0", "c3")                            # mov rax, rsi; ret
    m = load_image(tmp_path, make_image(t, [("f", ["char *", "int"], "long")]))
    assert m.call("f", None, -7) == -7
    with pytest.raises(TypeError, match=r"^f: argument 1 is a pointer with no \\valid clause in "
                                        "the function's contract: the module would receive NULL"):
        m.call("f", bytearray(4), 1)
    with pytest.raises(ValueError, match=r"^f: argument 2 = 2147483648 does not fit int$"):
        m.call("f", bytearray(4), 1 << 31)
    with pytest.raises(TypeError, match=r"^f: argument 1 is a pointer \(char \*\); an int is never"):
        m.call("f", 0, 1)


def test_a_buffer_for_a_pointer_no_region_is_based_on(tmp_path):
    """A contract with facts (and a region on another parameter) still gives this pointer
    parameter no memory: the wrapper passes NULL for it, so lending it a buffer is refused."""
    t = Text()
    t.func("f", "4889f0", "c3")                            # mov rax, rsi; ret
    doc = {"format": "certa-iface/0", "source": "h.c", "functions": [
        {"name": "f", "params": ["char *", "long", "char *"], "ret": "long", "exported": True,
         "pre": [[">=", [[1, ["p1"]]]]],
         "pre_regions": [["r", [[1, ["p2"]]], [[1, ["p1"]]], True, False]],
         "pre_text": ["n >= 0", "\\valid(q + (0..n-1))"]}]}
    m = load_image(tmp_path, make_image(t, [("f", ["char *", "long", "char *"], "long")],
                                        iface_bytes=json.dumps(doc).encode()))
    assert m.call("f", None, 4, bytearray(4)) == 4
    with pytest.raises(TypeError, match=r"^f: argument 1 is a pointer with no \\valid clause"):
        m.call("f", bytearray(4), 4, bytearray(4))


@pytest.mark.parametrize("pre", [[[">=", [[1, ["q"]]]]], [[">=", [[1, ["p1"]]]]],
                                 [["==", [[1, ["p0", "x"]], [2, []]]]]])
def test_a_precondition_naming_no_parameter_is_refused_at_load(tmp_path, pre):
    t = Text()
    t.func("f", "4889f8", "c3")
    with pytest.raises(LoadError, match="bad precondition of f: .* names something other than its "
                                        "parameters"):
        load_image(tmp_path, make_image(t, [("f", ["long"], "long")], iface_bytes=hand_iface(pre)))


def test_values_at_the_ends_of_64_bits_pass_exactly(tmp_path):
    """The entry stubs get the checked values from ctypes, which ctypes would truncate: a value
    outside 64 bits is refused before (never truncated), and the ends pass exactly, as do
    the results."""
    m = identity_module(tmp_path, ["long"])
    with pytest.raises(ValueError, match="does not fit long"):
        m.call("f0", 1 << 63)
    assert m.call("f0", -(1 << 63)) == -(1 << 63)
    assert m.call("f0", (1 << 63) - 1) == (1 << 63) - 1
    assert m.call("f0", -1) == -1


# -- lent buffers ---------------------------------------------------------------------------------
FILL = """
/*@ requires 0 <= n <= 4096;
    requires \\valid(a + (0..n-1));
*/
long fill(unsigned char *a, long n, int v) {
    /*@ loop invariant 0 <= i <= n; */
    for (long i = 0; i < n; i++)
        a[i] = v;
    return n;
}

/*@ requires 0 <= n <= 64;
    requires n * k <= 100;
    requires 2 * k >= -9;
    requires \\valid(a + (0..n-1));
*/
long fillk(unsigned char *a, long n, long k) {
    /*@ loop invariant 0 <= i <= n; */
    for (long i = 0; i < n; i++)
        a[i] = k;
    return n + k;
}
"""


def test_lent_buffers_of_every_size_and_released_after(tmp_path):
    (tmp_path / "fill.c").write_text(FILL)
    compile_file(str(tmp_path / "fill.c"), str(tmp_path / "fill.cm"))
    m = load(tmp_path / "fill.cm", grants=[])
    try:
        for size in (0, 1, 2, 4096):
            buf = bytearray(size)
            assert m.call("fill", buf, size, 9) == size
            assert buf == bytearray([9] * size)
            buf.append(1)                  # no longer exported: it can be resized again
        assert m.call("fill", None, 0, 1) == 0
        assert m.call("fill", bytearray(0), 0, 1) == 0
        with pytest.raises(ValueError, match="needs 1 bytes of memory at the pointer; the call "
                                             "lends 0 bytes"):
            m.call("fill", bytearray(0), 1, 1)
        big = bytearray(8)
        with pytest.raises(ValueError, match="needs 9 bytes"):
            m.call("fill", big, 9, 1)
        big.append(0)                      # released after a refused call too
        # the facts on integer parameters of a function that takes a buffer, as the kernel
        # reads them (the region is always inside the 64 bytes lent when 0 <= n <= 64)
        fns = {f["name"]: f for f in
               json.loads(parse_module((tmp_path / "fill.cm").read_bytes()).iface)["functions"]}
        assert len(fns["fillk"]["pre"]) >= 4      # (and the compiler's facts on the address)
        ran = 0
        for n, k in itertools.product(range(-3, 70), range(-8, 40)):
            buf = bytearray(64)
            view = (ctypes.c_char * 64).from_buffer(buf)
            addr = ctypes.addressof(view)
            del view
            clause = reference(fns["fillk"], (addr, n, k))
            if clause is None:
                assert m.call("fillk", buf, n, k) == n + k
                assert buf == bytes([k & 0xFF] * n) + bytes(64 - n)
                ran += 1
            else:
                with pytest.raises(ValueError) as e:
                    m.call("fillk", buf, n, k)
                assert str(e.value) == f"fillk: precondition `{clause}` does not hold for these arguments"
                assert buf == bytearray(64)
        assert ran > 300, ran
        with pytest.raises(ValueError, match=r"^fill: precondition `0 <= n && n <= 4096` does not hold"):
            m.call("fill", bytearray(5000), 4097, 1)
    finally:
        m.close()


# -- output order, and applications -------------------------------------------------------------
PRINTER = """
#include <stdio.h>
/*@ requires 0 <= x <= 9; */
void show(int x) { printf("%d\\n", x); }
"""
CALLER = """
/*@ requires 0 <= x <= 9; */
extern void show(int x);

/*@ requires 0 <= x <= 9; */
int twice(int x) { show(x); show(x); return x; }
"""
APP = """\
[app]
main = "caller"

[modules.printer]
path = "printer.cm"
grants = ["console"]

[modules.caller]
path = "caller.cm"
grants = ["printer.show"]
"""


@pytest.fixture(scope="module")
def printer_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("printer")
    for name, src in (("printer", PRINTER), ("caller", CALLER)):
        (d / f"{name}.c").write_text(src)
        compile_file(str(d / f"{name}.c"), str(d / f"{name}.cm"))
    (d / "app.toml").write_text(APP)
    return d


def buffered_env() -> dict:
    """The environment without PYTHONUNBUFFERED: the child's stdout is really buffered."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


ORDER_SCRIPT = """
import sys
from certa.runtime import load_app
app = load_app(sys.argv[1])
print("before", end=" ")                    # stdout is a pipe: fully buffered
assert app.caller.call("twice", 3) == 3     # caller cannot write; printer, which it calls, can
print("middle", end=" ")
app.printer.call("show", 7)
print("after")
"""


def test_output_in_order_through_a_module_that_does_not_write(printer_app):
    """`caller` imports no console service, but the module it calls does: Python's output
    before the call and after it stays around the module's (in a process of its own, whose
    stdout is a pipe, so that nothing but the runtime's flushes keeps the order)."""
    r = subprocess.run([sys.executable, "-c", ORDER_SCRIPT, str(printer_app / "app.toml")],
                       capture_output=True, timeout=120, cwd=ROOT, env=buffered_env())
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout == b"before 3\n3\nmiddle 7\nafter\n"


def test_calls_into_an_application(printer_app, capfdbinary):
    app = load_app(printer_app / "app.toml")
    try:
        assert "__certa_write" not in app.caller.image.imports
        assert app.caller.call("twice", 3) == 3
        assert app.modules["printer"].call("show", 7) is None
        assert capfdbinary.readouterr().out == b"3\n3\n7\n"
        with pytest.raises(ValueError, match=r"^twice: precondition `0 <= x && x <= 9` does not hold"):
            app.caller.call("twice", 10)
        with pytest.raises(ValueError, match=r"^show: argument 1 \(x\) = 2147483648 does not fit int$"):
            app.printer.call("show", 1 << 31)
        assert capfdbinary.readouterr().out == b""
    finally:
        app.close()


QUIET = """
/*@ requires 0 <= x <= 1000; */
int quiet(int x) { return x + 1; }
"""


class Recorder:
    def __init__(self):
        self.data, self.flushes = b"", 0

    def write(self, b):
        self.data += b

    def flush(self):
        self.flushes += 1


QUIET_SCRIPT = """
import sys
from certa.runtime import load
q = load(sys.argv[1])
m = load(sys.argv[2], grants=["console"])
print("a", end=" ")
assert q.call("quiet", 1) == 2
print("b", end=" ")
m.call("show", 6)
print("c", end=" ")
assert q.call("quiet", 1000) == 1001
print("d")
"""


def test_output_of_modules_with_and_without_the_console(printer_app, tmp_path):
    """A module that cannot write leaves its `stdout` alone; one that can has it flushed
    after every call; Python's output and the modules' stay in order (a process of its own,
    stdout a pipe)."""
    (tmp_path / "quiet.c").write_text(QUIET)
    compile_file(str(tmp_path / "quiet.c"), str(tmp_path / "quiet.cm"))
    q = load(tmp_path / "quiet.cm")
    m = load(printer_app / "printer.cm", grants=["console"])
    try:
        assert "__certa_write" not in q.image.imports
        q.stdout, m.stdout = Recorder(), Recorder()
        assert q.call("quiet", 1) == 2 and q.call("quiet", 1000) == 1001
        assert q.stdout.flushes == 0 and q.stdout.data == b""
        m.call("show", 4)
        m.call("show", 5)
        assert m.stdout.data == b"4\n5\n" and m.stdout.flushes == 2
    finally:
        q.close()
        m.close()
    r = subprocess.run([sys.executable, "-c", QUIET_SCRIPT, str(tmp_path / "quiet.cm"),
                        str(printer_app / "printer.cm")], capture_output=True, timeout=120, cwd=ROOT,
                       env=buffered_env())
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout == b"a b 6\nc d\n"


# -- exported functions as attributes, and threads ----------------------------------------------
def test_exported_functions_are_attributes(pre_module):
    m, _ = pre_module
    assert m.order(3, 4) == 7 == m.call("order", 3, 4)
    assert m.order is m.order                       # made once
    with pytest.raises(ValueError, match=r"^order: precondition `k <= j` does not hold"):
        m.order(5, 4)
    with pytest.raises(ValueError, match=r"^order: argument 1 \(k\) = 2147483648 does not fit int$"):
        m.order(1 << 31, 4)
    with pytest.raises(TypeError, match=r"order\(\) takes 2 arguments \(1 given\)"):
        m.order(1)
    with pytest.raises(AttributeError, match="no exported function or attribute 'nothing'"):
        m.nothing
    assert callable(m.close) and m.close.__self__ is m       # methods come first


def test_attributes_of_an_application_and_after_close(printer_app):
    app = load_app(printer_app / "app.toml")
    twice = app.caller.twice
    assert twice(3) == 3
    app.close()
    with pytest.raises(RuntimeError, match="closed"):
        twice(3)


def test_every_thread_may_enter_one_at_a_time(pre_module):
    """A thread's first entry makes sure of its alternate signal stack; a thread that has
    ended is forgotten (its identifier may be reused); a thread finding the module busy gets
    RuntimeError and may try again."""
    import threading
    from certa.runtime import loader
    m, _ = pre_module
    m.order(0, 0)
    out, busy = [], []

    def worker(k):
        while True:
            try:
                out.append(m.order(k, 10))
                return
            except RuntimeError as e:
                busy.append(str(e))
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(out) == [10 + k for k in range(8)]
    assert all(b.endswith("module is busy in another thread") for b in busy)
    assert not loader._inside                                   # every thread left
    assert loader._handled == {threading.get_ident()}           # the ended ones are forgotten
