"""Typed frame areas (docs/kernel.md, FRAME): a local array of pointers lives in a frame area
of a pointer-holding memory type. Hand-built modules: the accepted shape (zero the pointer
fields, store blocks, load one back by a checked index, read its header, read through it),
and every way to break the typing invariant of stack memory, each rejected with its reason."""
from __future__ import annotations

import os
import struct
import sys

import pytest

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT_DIR not in sys.path:
    sys.path.insert(0, ROOT_DIR)

from certa.compiler.x86 import RAX, RCX, RDI, RDX, RSI, RSP, Mem, RipRef
from certa.kernel.check import check_module
from tests.test_kernel import build, checked, epilogue, prologue, seal

TYPES = {"ptr_bytes": {"size": 8, "pointers": [[0, "bytes", False]]}}
FRAME = 40                      # rsp = S - 40; w[0] at S - 32, w[1] at S - 24
AREA = [-32, -16, "ptr_bytes"]
W0, W1 = Mem(RSP, 8), Mem(RSP, 16)
# "hi" in .rodata as a block: a 16-byte header [length, 0] in front of the object.
RODATA = struct.pack("<qq", 3, 0) + b"hi\0"
STRING = ("s", ".rodata", 16, 3)


def zero_both(a):
    a.store_imm(W0, 0, 8)
    a.store_imm(W1, 0, 8)


def store_string(a):
    a.lea(RAX, RipRef(".rodata", 16))
    a.store(W0, RAX, 8)                               # w[0] = "hi"


def module(init=zero_both, fill=store_string, before=lambda a: None, hinted=True, area=AREA,
           extra_areas=()):
    """long f(long i): const char *w[2]; init; fill; before; if (0 <= i <= 1) { p = w[i];
    if (p && header(p) >= 1) return *p; } return 0."""
    at = {}

    def emit(a, labels):
        prologue(a, FRAME)
        a.store_imm(Mem(RSP, 0), 0, 8)                # touch the frame
        init(a)
        fill(a)
        before(a)
        out = a.label()
        a.alu_ri("cmp", RDI, 0)
        a.jcc("l", out)
        a.alu_ri("cmp", RDI, 1)
        a.jcc("g", out)
        a.lea(RAX, W0)
        at["load"] = a.here()
        a.load(RAX, Mem(RAX, 0, RDI, 8), 8)           # p = w[i]
        a.test_rr(RAX, RAX)
        a.jcc("e", out)
        a.load(RCX, Mem(RAX, -16), 8)                 # its length, from the block header
        a.alu_ri("cmp", RCX, 1)
        a.jcc("l", out)
        a.load_ext(RDX, Mem(RAX, 0), 1, False)        # *p
        a.bind(out)
        a.mov_imm(RAX, 0)
        epilogue(a, FRAME)
    image = build([("f", emit)], objects=[STRING], rodata=RODATA, internal=("f",))
    f = {"params": [["i", 8, True]], "ret": [8, True], "areas": [area, *extra_areas],
         "fields": {str(at["load"]): ["ptr_bytes", 0]} if hinted else {}}
    return image, {"f": f}


def verdict(image, sk, types=TYPES):
    return check_module(seal(image, sk, allow_unproven=True, types=types))


def assert_rejected(image, sk, reason, types=TYPES):
    v = verdict(image, sk, types)
    assert not v.ok, "an unsafe module was accepted"
    assert reason in v.reason, v.message()


def test_a_typed_frame_array_of_strings_is_accepted():
    image, sk = module()
    v = check_module(seal(image, sk, types=TYPES))
    assert v.ok, v.message()


def test_the_same_area_untyped_gives_no_bounds():
    """As plain bytes the area holds no pointers: the loaded p has no region, so *p is
    unprovable (and the typed load has no candidate of its type)."""
    image, sk = module(area=AREA[:2])
    assert_rejected(image, sk, "PROOF")


@pytest.mark.parametrize("init, where", [
    (lambda a: None, "S-32"),
    (lambda a: a.store_imm(W0, 0, 8), "S-24"),
    (lambda a: a.store_imm(W1, 0, 8), "S-32"),
])
def test_an_area_used_before_it_is_initialised(init, where):
    image, sk = module(init=init, fill=lambda a: None)
    assert_rejected(image, sk, f"FRAME: a typed frame area is used before its pointer field at {where}")


def test_an_integer_stored_into_a_frame_pointer_field():
    def fill(a):
        a.mov_imm(RAX, 0x1000)
        a.store(W1, RAX, 8)
    image, sk = module(fill=fill)
    assert_rejected(image, sk, "MEMORY: the value stored into a pointer field must be null or the start of a block")


def test_an_integer_as_the_initial_value():
    """Initialising with something other than null or a block is not initialising."""
    def init(a):
        a.store_imm(W0, 0, 8)
        a.store_imm(W1, 8, 8)
    image, sk = module(init=init, fill=lambda a: None)
    assert_rejected(image, sk, "MEMORY: the value stored into a pointer field")


def test_an_integer_stored_by_index():
    """w[i] = 0x1000 through a non-constant (hinted) address."""
    at = {}

    def before(a):
        a.lea(RCX, W0)
        a.mov_imm(RDX, 0x1000)
        at["store"] = a.here()
        a.store(Mem(RCX, 0, RDI, 8), RDX, 8)
    image, sk = module(before=before)
    sk["f"]["fields"][str(at["store"])] = ["ptr_bytes", 0]
    assert_rejected(image, sk, "MEMORY: the value stored into a pointer field")


def test_half_a_frame_pointer_field():
    image, sk = module(before=lambda a: a.store_imm(Mem(RSP, 12), 1, 4))
    assert_rejected(image, sk, "overlaps a pointer field of a typed frame area partially")


def test_an_unhinted_load_sees_no_typed_area():
    image, sk = module(hinted=False)
    assert_rejected(image, sk, "PROOF")


def test_the_area_is_forgotten_when_rsp_rises_above_it():
    """Above rsp the area is anyone's memory (a signal handler, a callee): after rsp comes
    back down the area must be initialised again."""
    def before(a):
        a.alu_ri("add", RSP, 24)
        a.alu_ri("sub", RSP, 24)
    image, sk = module(before=before)
    assert_rejected(image, sk, "FRAME: a typed frame area is used before")


def test_a_push_into_a_forgotten_area_is_not_trusted():
    def before(a):
        a.alu_ri("add", RSP, 16)                      # rsp = S - 24: w[1] is just below it
        a.mov_imm(RCX, 0x1000)
        a.push(RCX)                                   # writes 0x1000 at S - 32 = w[0]
        a.alu_ri("sub", RSP, 8)
    image, sk = module(before=before)
    assert_rejected(image, sk, "FRAME: a typed frame area is used before")


@pytest.mark.parametrize("area, extra, reason", [
    ([-32, -20, "ptr_bytes"], (), "is not whole elements of ptr_bytes"),
    ([-32, -16, "nosuch"], (), "has an unknown type"),
    (AREA, ([-24, -8],), "frame areas overlap"),
])
def test_malformed_typed_areas(area, extra, reason):
    image, sk = module(area=area, extra_areas=extra)
    assert_rejected(image, sk, reason)


# -- calls and cut points ---------------------------------------------------------------------
def caller(lend_type: str, zero: bool = True, loop_first: bool = False):
    """main zeroes (or not) its w[2] and calls use(w, w + 2), whose precondition lends the
    region [b, e) of type `lend_type`; `use` stores 0 into the first element (hinted)."""
    at = {}

    def use(a, labels):
        prologue(a, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        at["use_store"] = a.here()
        a.store_imm(Mem(RDI, 0), 0, 8)
        epilogue(a, 8)

    def main(a, labels):
        checked(a, FRAME)
        a.store_imm(Mem(RSP, 0), 0, 8)
        if loop_first:
            head = a.label()
            a.mov_imm(RCX, 0)
            a.bind(head)
            at["cut"] = a.here()
            a.alu_ri("add", RCX, 1)
            a.alu_ri("cmp", RCX, 3)
            a.jcc("l", head)
        if zero:
            zero_both(a)
        a.lea(RDI, W0)
        a.lea(RSI, Mem(RSP, 24))
        a.call(labels["use"])
        epilogue(a, FRAME)
    image = build([("use", use), ("main", main)], internal=("use",))
    sk = {"use": {"params": [["b", 8, True], ["e", 8, True]], "ret": [0, False], "pre": [
              [">=", [[1, ["b"]]]], [">=", [[1, ["e"]], [-16, []], [-1, ["b"]]]]],
              "pre_regions": [["arg", [[1, ["b"]]], [[1, ["e"]], [-1, ["b"]]], True, False, lend_type, False]],
              "fields": {str(at["use_store"]): ["ptr_bytes", 0]} if lend_type != "bytes" else {}},
          "main": {"params": [], "ret": [0, False], "areas": [AREA]}}
    if loop_first:
        sk["main"]["cuts"] = {str(at["cut"]): {"depth": FRAME, "regs": {"rcx": [[1, ["n"]]]}}}
    return image, sk


def test_a_typed_frame_area_is_lent_with_its_type():
    image, sk = caller("ptr_bytes")
    v = check_module(seal(image, sk, types=TYPES))
    assert v.ok, v.message()


def test_a_typed_frame_area_is_not_lent_as_bytes():
    """As bytes the callee could write any integer into the pointer fields: the area is the
    only region there, and the kernel refuses it as a cover of another type."""
    image, sk = caller("bytes")
    assert_rejected(image, sk, "PROOF: obligation 2 (region: precondition of use: region S - 32 .. +16)")


def test_a_call_before_the_area_is_initialised():
    image, sk = caller("ptr_bytes", zero=False)
    assert_rejected(image, sk, "FRAME: a typed frame area is used before")


def test_a_cut_point_before_the_area_is_initialised():
    image, sk = caller("ptr_bytes", loop_first=True)
    assert_rejected(image, sk, "FRAME: a typed frame area is used before")
