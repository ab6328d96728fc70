"""Adversarial review of the kernel: modules the kernel ACCEPTS although they are unsafe.

Each test builds a module by hand (helpers of tests/test_kernel.py), asserts that the kernel
rejects it (each was accepted, and faulted when run, before its fix; the docstrings say
where the hole was)."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import os

import pytest

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT_DIR not in sys.path:
    sys.path.insert(0, ROOT_DIR)

from certa.compiler.x86 import R8, R9, RAX, RCX, RDI, RDX, RSI, RSP, Mem, RipRef
from certa.kernel.check import check_module
from tests.test_kernel import build, epilogue, poly, prologue, seal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_module(data: bytes, fn: str, *args) -> subprocess.CompletedProcess:
    """Load the module with the runtime (which does not call the kernel yet) in a
    subprocess and call `fn`."""
    with tempfile.NamedTemporaryFile(suffix=".certa", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        code = f"from certa.runtime import load\nm = load({path!r})\nprint(m.call({fn!r}, *{args!r}))"
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
    finally:
        os.unlink(path)


def must_reject(data: bytes, fn: str, *args) -> None:
    """The kernel must reject `data`; if it accepts, show what the module does."""
    v = check_module(data)
    if v.ok:
        r = run_module(data, fn, *args)
        pytest.fail(f"kernel accepted an unsafe module; running it: rc={r.returncode} "
                    f"stdout={r.stdout[-300:]!r} stderr={r.stderr[-300:]!r}")


# -- 1. a lent frame area may alias the callee's incoming stack arguments ----------------------
def stack_arg_alias_module():
    def callee(a, labels):      # void get(p, a1..a5, long g) requires 0 <= g <= 9, region p[0..8)
        prologue(a, 8)
        a.store_imm(Mem(RDI, 0), -0x80000000, 8)      # *p = -2^31: p is our own stack argument g
        a.load(RAX, Mem(RSP, 16), 8)                  # rax = g; the kernel still thinks 0..9
        a.lea(R8, RipRef(".bss", 0))
        a.store_imm(Mem(R8, 0, RAX, 4), 1, 4)         # arr[g] = 1: 8 GiB below arr
        epilogue(a, 8)

    def caller(a, labels):
        prologue(a, 24)
        a.store_imm(Mem(RSP, 0), 5, 8)                # 7th argument g = 5, at [rsp]
        a.lea(RDI, Mem(RSP, 0))                       # p = &g, inside frame area [-24, -16)
        for r in (RSI, RDX, RCX, R8, R9):
            a.mov_imm(r, 0)
        a.call(labels["get"])
        epilogue(a, 24)

    image = build([("get", callee), ("f", caller)], objects=[("arr", ".bss", 0, 40)], bss=40)
    params = [["p", 8, False]] + [[f"a{i}", 8, True] for i in range(5)] + [["g", 8, True]]
    sk = {"get": {"params": params, "ret": [0, False],
                  "pre": [[">=", poly((1, "g"))], [">=", poly((-1, "g"), (9,))]],
                  "pre_regions": [["buf", poly((1, "p")), poly((8,)), True, False]]},
          "f": {"params": [], "ret": [0, False], "areas": [[-24, -16]]}}
    return seal(image, sk, allow_unproven=True)


def test_lent_area_aliases_callee_stack_arguments():
    """symexec.py:957-961 (Walker.call) lends any live frame area (live_regions, line 509-519:
    only `lo >= -depth` is required) to the callee, including the bytes [rsp, rsp + 8*nstack)
    that hold the callee's stack arguments. The callee (entry_state, line 273) tracks those
    as immutable slots (8 + 8k -> param), and a store through its pre-region (not a stack
    address in its view, symexec.py:455) does not invalidate them. So the callee can
    overwrite its own parameter g through p and then load g back with its precondition
    0 <= g <= 9 still assumed: an out-of-bounds store the kernel accepts (SIGSEGV at run time).
    Fix: in Walker.call, reject a call when a frame area overlaps the outgoing stack-argument
    slots [-depth, -depth + 8*nstack) (or exclude those bytes from regions lent to callees)."""
    must_reject(stack_arg_alias_module(), "f")


# -- 2. a field hint can select a frame area for an address that is not syntactically S + x ----
def frame_hint_alias_module():
    at = {}

    def f(a, labels):
        prologue(a, 24)
        a.store_imm(Mem(RSP, 0), 5, 8)          # slot S-24 = 5
        a.lea(RDI, Mem(RSP, 0))                 # rdi = S - 24
        at["cut"] = a.here()                    # cut: rdi = p with p == S - 24
        a.store_imm(Mem(RDI, 3), 0x7F, 1)       # byte 3 of that slot, written through p
        a.load(RAX, Mem(RSP, 0), 8)             # the kernel still believes the slot holds 5
        a.lea(R8, RipRef(".bss", 0))
        a.store_imm(Mem(R8, 0, RAX, 4), 1, 4)   # arr[0x7f000005] = 1
        epilogue(a, 24)

    image = build([("f", f)], objects=[("arr", ".bss", 0, 40)], bss=40)
    cut = {"depth": 24, "regs": {"rdi": poly((1, "p"))}, "slots": {"-24": [8, poly((5,))]},
           "facts": [["==", poly((1, "p"), (-1, "S"), (24,))]]}
    sk = {"f": {"params": [], "ret": [0, False], "areas": [[-24, -16]],
                "cuts": {str(at["cut"]): cut},
                "fields": {str(at["cut"]): ["bytes", 0]}}}
    return seal(image, sk, allow_unproven=True)


def test_field_hint_on_frame_area_skips_slot_invalidation():
    """symexec.py:465-484 (Walker.access, the field-hint path) looks the hinted region up among
    *all* live regions, frame areas included, and ignores `on_stack`; slot invalidation for
    frame-area writes happens only at line 455-457, i.e. only when the address is
    syntactically S + x. A cut-point variable p with the asserted fact p == S - 24 (facts
    may mention S; only assertion *regions* may not, check.py:226-227) is not syntactically
    a stack address, so `mov byte [p+3], 0x7f` with the hint ("frame[-24:-16]", 0) is proven
    inside the area but leaves the exact slot S-24 (= 5) in place. The next load of the slot
    is believed to be 5 and indexes a 10-element array: SIGSEGV at run time.
    Fix: in the hint path reject frame areas (`r.name.startswith("frame[")`) — or, in
    general, invalidate the area slots whenever the chosen region of a store is a frame area
    (and do not let cut facts relate non-stack variables to S)."""
    must_reject(frame_hint_alias_module(), "f")
