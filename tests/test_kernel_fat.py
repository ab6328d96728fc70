"""Kernel rules behind fat pointers (docs/kernel.md: MEMORY empty regions, RETURN returned
regions, CUT binding, unsigned 64-bit terms): hand-built modules that must be accepted, and
the ways to abuse each rule, which must be rejected with a specific reason."""
from __future__ import annotations

import json
import os
import sys
import zlib

import pytest

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT_DIR not in sys.path:
    sys.path.insert(0, ROOT_DIR)

from dataclasses import replace

from certa.compiler.certify import certify
from certa.compiler.module_writer import write_module
from certa.compiler.x86 import R8, R10, R11, RAX, RCX, RDI, RSI, RSP, Asm, Mem, RipRef
from certa.kernel import check
from certa.kernel.logic import Poly
from certa.kernel.symexec import Obligation, Region, Reject
from tests.test_kernel import accepted, build, checked, epilogue, poly, prologue, rejected, with_iface

USER_END = 1 << 47
BOUNDS = [["b", 8, True], ["e", 8, True]]
BOUNDS_PRE = [[">=", poly((1, "b"))], [">=", poly((1, "e"), (-1, "b"))],
              [">=", poly((-1, "e"), (USER_END,))]]


def lend(base, end):
    """main calls `use(b, e)`, whose precondition is the read-only region [b, e); `base`
    and `end` load rdi and rsi."""
    def callee(a, labels):
        prologue(a, 8)
        a.mov_imm(RAX, 0)
        epilogue(a, 8)

    def caller(a, labels):
        checked(a, 8)
        base(a)
        end(a)
        a.call(labels["use"])
        epilogue(a, 8)
    image = build([("use", callee), ("main", caller)], objects=[("g", ".bss", 0, 40)], bss=40,
                  internal=("use",))
    sk = {"use": {"params": BOUNDS, "ret": [8, True], "pre": BOUNDS_PRE,
                  "pre_regions": [["arg", poly((1, "b")), poly((1, "e"), (-1, "b")), False, False]]},
          "main": {"params": [], "ret": [8, True]}}
    return image, sk


# -- empty regions ---------------------------------------------------------------------------
def test_null_bounds_need_no_cover():
    """NULL's bounds (0, 0) are an empty region: passing it asks for no memory."""
    image, sk = lend(lambda a: a.mov_imm(RDI, 0), lambda a: a.mov_imm(RSI, 0))
    accepted(image, sk)


def test_object_bounds_are_covered():
    image, sk = lend(lambda a: a.lea(RDI, RipRef(".bss", 0)), lambda a: a.lea(RSI, RipRef(".bss", 40)))
    accepted(image, sk)


def test_null_with_a_length_is_rejected():
    """(0, 8) is not empty and no region holds address 0."""
    image, sk = lend(lambda a: a.mov_imm(RDI, 0), lambda a: a.mov_imm(RSI, 8))
    rejected(image, sk, "PROOF")


def test_bounds_past_an_object_are_rejected():
    image, sk = lend(lambda a: a.lea(RDI, RipRef(".bss", 0)), lambda a: a.lea(RSI, RipRef(".bss", 41)))
    rejected(image, sk, "PROOF")


def test_a_block_region_cannot_be_proven_empty():
    """An empty block would make the kernel believe a header at an arbitrary address."""
    block = Region("arg", Poly.var("b"), Poly.const(0), False, False, "bytes", True)
    ob = Obligation("region", 0, (), None, "region arg", (), (block, 1))
    with pytest.raises(Reject, match="cannot be empty"):
        check.discharge(ob, ["empty", None], 0)


def test_a_maybe_null_region_cannot_be_proven_empty():
    heap = Region("heap", Poly.var("b"), Poly.const(0), True, True)
    ob = Obligation("region", 0, (), None, "region heap", (), (heap, 1))
    with pytest.raises(Reject, match="cannot be empty|maybe-null"):
        check.discharge(ob, ["empty", None], 0)


# -- returned regions ------------------------------------------------------------------------
def returning(set_bounds, use=None, ret_region=False):
    """`get()` returns a pointer with bounds r10/r11 set by `set_bounds`; main calls it and
    then runs `use` (default: nothing)."""
    def callee(a, labels):
        prologue(a, 24)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.lea(RAX, RipRef(".bss", 0))
        set_bounds(a)
        epilogue(a, 24)

    def caller(a, labels):
        checked(a, 8)
        a.call(labels["get"])
        if use:
            use(a)
        a.mov_imm(RAX, 0)
        epilogue(a, 8)
    image = build([("get", callee), ("main", caller)], objects=[("g", ".bss", 0, 40)], bss=40,
                  internal=("get",))
    sk = {"get": {"params": [], "ret": [8, False], "ret_region": ret_region},
          "main": {"params": [], "ret": [8, True]}}
    return image, sk


def bounds(base_off, end_off):
    """r10 = .bss + base_off (or left unknown with None), r11 = .bss + end_off."""
    def emit(a):
        if base_off is not None:
            a.lea(R10, RipRef(".bss", base_off))
        a.lea(R11, RipRef(".bss", end_off))
    return emit


def read_first_byte(a):
    """if (r10 < r11) read [r10]: the caller may use the returned region."""
    skip = a.label()
    a.alu_rr("cmp", R10, R11)
    a.jcc("ge", skip)
    a.load_ext(RCX, Mem(R10, 0), 1, False)
    a.bind(skip)


def test_returned_object_bounds_are_accepted_and_usable():
    image, sk = returning(bounds(0, 40), read_first_byte)
    accepted(image, sk)


def test_returned_bounds_without_a_guard_are_not_usable():
    """The caller knows only 0 <= r10 <= r11: the region may be empty."""
    image, sk = returning(bounds(0, 40), lambda a: a.load_ext(RCX, Mem(R10, 0), 1, False))
    rejected(image, sk, "PROOF")


def test_returning_the_own_frame_is_rejected():
    """The callee's frame is gone after ret: it cannot be returned as a region."""
    def frame(a):
        a.lea(R10, Mem(RSP, 0))
        a.lea(R11, Mem(RSP, 16))
    image, sk = returning(frame)
    sk["get"]["areas"] = [[-24, -8]]
    rejected(image, sk, "returned region")


@pytest.mark.parametrize("base_off, end_off, reason", [
    (None, 40, "RETURN: the bounds of the returned pointer"),     # r10 unknown
    (40, 0, "bounds of the returned pointer"),     # r10 > r11: a negative length, a false fact
    (0, 48, "returned region"),                    # past the end of g
])
def test_bad_returned_bounds_are_rejected(base_off, end_off, reason):
    image, sk = returning(bounds(base_off, end_off))
    rejected(image, sk, reason)


def test_read_only_object_cannot_be_returned_writable():
    def rodata(a):
        a.lea(R10, RipRef(".rodata", 0))
        a.lea(R11, RipRef(".rodata", 8))

    def callee(a, labels):
        prologue(a, 8)
        a.lea(RAX, RipRef(".rodata", 0))
        rodata(a)
        epilogue(a, 8)
    image = build([("get", callee)], objects=[("s", ".rodata", 0, 8)], rodata=b"literal\0",
                  internal=("get",))
    rejected(image, {"get": {"params": [], "ret": [8, False], "ret_region": True}}, "returned region")
    accepted(image, {"get": {"params": [], "ret": [8, False], "ret_region": False}})


def test_ret_region_only_for_pointer_results():
    image, sk = returning(bounds(0, 40))
    sk["get"]["ret"] = [4, True]
    rejected(image, sk, "ret_region")


# -- binding a pointer into the frame at a cut point --------------------------------------------
def frame_walk(fact_hi, extra_facts=()):
    """f(): char buf[16] at S-24; p = buf; while (p < buf + 16) *p++ = 0. The cut point
    asserts p's slot as S - 24 + v with 0 <= v <= fact_hi (and `extra_facts`)."""
    def emit(a, labels=None):
        prologue(a, 40)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.lea(RAX, Mem(RSP, 16))
        a.store(Mem(RSP, 0), RAX, 8)
        head, body = a.label(), a.label()
        a.jmp(head)
        a.bind(body)
        a.load(RAX, Mem(RSP, 0), 8)
        a.store_imm(Mem(RAX, 0), 0, 1)
        a.alu_ri("add", RAX, 1)
        a.store(Mem(RSP, 0), RAX, 8)
        a.bind(head)
        a.load(RAX, Mem(RSP, 0), 8)
        a.lea(RCX, Mem(RSP, 32))
        a.alu_rr("cmp", RAX, RCX)
        a.jcc("l", body)
        a.mov_imm(RAX, 0)
        epilogue(a, 40)
        return head

    image = build([("f", lambda a, l: emit(a))])
    head = emit(Asm())
    cut = {"depth": 40, "slots": {"-40": [8, poly((1, "S"), (-24,), (1, "v"))]},
           "facts": [[">=", poly((1, "v"))], [">=", poly((-1, "v"), (fact_hi,))], *extra_facts]}
    return image, {"f": {"params": [], "ret": [8, True], "areas": [[-24, -8]],
                         "cuts": {str(head.pos): cut}}}


def test_a_frame_pointer_slot_binds_its_offset():
    image, sk = frame_walk(16)
    accepted(image, sk)


def test_a_lying_fact_about_a_bound_offset_is_rejected():
    """The binding only picks v; the facts about it are still proven on arrival."""
    image, sk = frame_walk(15)
    rejected(image, sk, "PROOF")


def test_touched_stack_is_above_page_0_and_no_more():
    """At the loop head the frame is touched down to rsp = S - 40, so S - 40 >= 4096 holds
    (page 0 is never mapped); one byte more is not known."""
    image, sk = frame_walk(16, [[">=", poly((1, "S"), (-40 - 4096,))]])
    accepted(image, sk)
    image, sk = frame_walk(16, [[">=", poly((1, "S"), (-40 - 4097,))]])
    rejected(image, sk, "PROOF")


# -- unsigned 64-bit values ---------------------------------------------------------------------
def test_unsigned_long_parameter_is_not_assumed_below_2_63():
    """f(unsigned long x) { if (x < 10) return g[x]; }: with x >= 2^63 the register is a
    negative number, so the unsigned compare teaches nothing and the access is refused."""
    def emit(a, labels):
        prologue(a, 8)
        out = a.label()
        a.mov_imm(RAX, 0)
        a.alu_ri("cmp", RDI, 10)
        a.jcc("ae", out)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RDI, 4), 4, True)
        a.bind(out)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 40)], bss=40, internal=("f",))
    rejected(image, {"f": {"params": [["x", 8, False]], "ret": [4, True]}}, "PROOF")


# -- stack addresses stay stack addresses -------------------------------------------------------
def frame_index(guard: bool):
    """f(long i): char buf[16] at S-24; q = buf + i (may wrap: S + x for a fresh x);
    if guarded, 0 <= q - buf < 16 is checked (as compares of q against the area's ends)
    before `*q = 1`."""
    def emit(a, labels):
        prologue(a, 40)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.lea(RAX, Mem(RSP, 16))
        a.alu_rr("add", RAX, RDI)
        if guard:
            out = a.label()
            a.lea(RCX, Mem(RSP, 16))
            a.alu_rr("cmp", RAX, RCX)
            a.jcc("l", out)
            a.lea(RCX, Mem(RSP, 31))
            a.alu_rr("cmp", RAX, RCX)
            a.jcc("g", out)
            a.store_imm(Mem(RAX, 0), 1, 1)
            a.bind(out)
        else:
            a.store_imm(Mem(RAX, 0), 1, 1)
        a.mov_imm(RAX, 0)
        epilogue(a, 40)
    image = build([("f", emit)], internal=("f",))
    return image, {"f": {"params": [["i", 8, True]], "ret": [8, True], "areas": [[-24, -8]]}}


def test_a_checked_index_into_a_frame_array_is_accepted():
    image, sk = frame_index(True)
    accepted(image, sk)


def test_an_unchecked_index_into_a_frame_array_is_rejected():
    image, sk = frame_index(False)
    rejected(image, sk, "PROOF")


# -- maybe-null blocks ---------------------------------------------------------------------------
def test_a_null_proof_needs_a_zero_base():
    heap = Region("heap", Poly.var("b"), Poly.const(8), True, True, "bytes", True)
    ob = Obligation("region", 0, (), None, "region heap", (), (heap, 1))
    with pytest.raises(check.proof.ProofError, match="no proof"):
        check.discharge(ob, ["null", None], 0)


def test_only_a_maybe_null_region_can_be_proven_null():
    plain = Region("arg", Poly.var("b"), Poly.const(8), False)
    ob = Obligation("region", 0, (), None, "region arg", (), (plain, 1))
    with pytest.raises(Reject, match="only a maybe-null region can be null"):
        check.discharge(ob, ["null", None], 0)


def returning_block(result_is_base: bool, end: int = 32):
    """get() returns a node block of the global `head` (a block object with a header, at
    .data+16 .. +32) as a maybe-null block [r10, .data+end); the result must be the base."""
    def callee(a, labels):
        prologue(a, 8)
        a.lea(RAX, RipRef(".data", 16 if result_is_base else 24))
        a.lea(R10, RipRef(".data", 16))
        a.lea(R11, RipRef(".data", end))
        epilogue(a, 8)
    header = (16).to_bytes(8, "little") + bytes(8)
    image = build([("get", callee)], objects=[("head", ".data", 16, 16)], data=header + bytes(16),
                  internal=("get",))
    sk = {"get": {"params": [], "ret": [8, False], "ret_region": True, "ret_block": "node"}}
    return image, sk


def sealed_block(image, sk, partial=False):
    image = with_iface(image, sk)
    cert = {"format": "certa-cert/0", "types": {"node": {"size": 16, "pointers": [[8, "node"]]}},
            "objects": {"head": "node"}, "functions": sk}
    data, failures = certify(image, cert, partial=partial)
    assert partial or not failures
    return check.check_module(write_module(replace(image, cert=data)))


def test_a_block_is_returned_as_a_maybe_null_block():
    v = sealed_block(*returning_block(True))
    assert v.ok, v.message()


def test_a_block_is_only_lent_with_its_own_length():
    """A maybe-null block is carried over only as the very same block: a shorter one
    would not be what its header says."""
    image, sk = returning_block(True, end=24)
    image = with_iface(image, sk)
    cert = {"format": "certa-cert/0", "types": {"node": {"size": 16, "pointers": [[8, "node"]]}},
            "objects": {"head": "node"}, "functions": sk}
    data, failures = certify(image, cert, partial=True)
    assert failures and failures[0].obligation.kind == "region"
    # Name the block itself as the cover, as a cheating certificate would.
    full = json.loads(zlib.decompress(data))
    proofs = full["functions"]["get"].setdefault("proofs", [])
    k = 4
    proofs.extend([None] * (k + 1 - len(proofs)))
    proofs[k] = [0]
    cheat = zlib.compress(json.dumps(full).encode())
    v = check.check_module(write_module(replace(image, cert=cheat)))
    assert not v.ok and "carried over unchanged" in v.reason, v.message()


def test_a_returned_block_pointer_must_be_its_base():
    v = sealed_block(*returning_block(False), partial=True)
    assert not v.ok and "is its base" in v.reason, v.message()


# -- main's argv ---------------------------------------------------------------------------------
ARGV_TYPES = {"ptr_bytes": {"size": 8, "pointers": [[0, "bytes", True]]},
              "node": {"size": 16, "pointers": [[8, "node"]]},
              "ptr_node": {"size": 8, "pointers": [[0, "node", True]]}}


def argv_main(name="main", length=None, pre=None, region=lambda r: r):
    """An exported `name(int argc, char **argv)` that reads argv[0] when argv is not null
    and argc >= 1; its certificate claims the runtime's argv precondition."""
    def emit(a, labels):
        prologue(a, 8)
        out = a.label()
        a.mov_imm(RAX, 0)
        a.test_rr(RSI, RSI)
        a.jcc("e", out)
        a.alu_ri("cmp", RDI, 1)
        a.jcc("l", out)
        a.load(RAX, Mem(RSI, 0), 8)
        a.bind(out)
        a.mov_imm(RAX, 0)
        epilogue(a, 8)
    image = build([(name, emit)], internal=())
    sk = {name: {"params": [["argc", 4, True], ["argv", 8, False]], "ret": [4, True],
                 "pre": pre if pre is not None else [[">=", poly((1, "argc"))], [">=", poly((1, "argv"))]],
                 "pre_regions": [region(["argv", poly((1, "argv")), length or poly((8, "argc"), (8,)),
                                         True, True, "ptr_bytes", True])],
                 "fields": {}}}
    return image, sk


def sealed_argv(image, sk):
    image = with_iface(image, sk)
    iface = image.iface.replace(b'"unsigned long"', b'"char **"')
    image = replace(image, iface=iface)
    off = str(image.text.index(bytes([0x48, 0x8B, 0x06])))       # mov rax, [rsi]
    for f in sk.values():
        f["fields"] = {off: ["ptr_bytes", 0]}
    cert = {"format": "certa-cert/0", "types": ARGV_TYPES, "functions": sk}
    try:
        data, _ = certify(image, cert, partial=True)
    except check.CertError:         # refused before any proof: ship it without
        data = zlib.compress(json.dumps(cert).encode())
    return check.check_module(write_module(replace(image, cert=data)))


def test_main_may_assume_the_runtimes_argv():
    v = sealed_argv(*argv_main())
    assert v.ok, v.message()


def test_only_main_gets_the_argv_precondition():
    v = sealed_argv(*argv_main(name="entry"))
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()


def test_main_may_not_claim_a_longer_argv():
    v = sealed_argv(*argv_main(length=poly((8, "argc"), (16,))))
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()


@pytest.mark.parametrize("change", [
    lambda r: r[:3] + [True, False] + r[5:],       # argv surely not null: skips the null test
    lambda r: r[:5] + ["ptr_node", True],           # the strings claimed to be nodes
    lambda r: r[:6] + [False],                      # not a block: no header to trust
], ids=["not-null", "strings-as-nodes", "not-a-block"])
def test_main_may_not_claim_another_argv(change):
    v = sealed_argv(*argv_main(region=change))
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()


def test_main_may_not_claim_more_facts():
    pre = [[">=", poly((1, "argc"), (-1,))], [">=", poly((1, "argv"))]]
    v = sealed_argv(*argv_main(pre=pre))
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()
