"""Attacks on the stack-limit rule (docs/kernel.md, "STACK — the stack limit"): hand-built
modules that try to get a room fact `S - L - K >= 0` the code does not establish, to use
stack below `L - STACK_MARGIN`, or to enter a function with `S < L`. Each one the kernel
rejects is a test naming the rule text of the rejection; see the end of tests/test_kernel.py
for the accepted shapes."""
from __future__ import annotations

import os
import sys

import pytest

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT_DIR not in sys.path:
    sys.path.insert(0, ROOT_DIR)

from certa.compiler.x86 import R10, R11, RAX, RBX, RCX, RDI, RSI, RSP, Mem, RipRef
from tests.test_kernel import (accepted, build, checked, epilogue, limit_check, poly,
                               probe_down, prologue, rejected, verdict)

VOID = {"params": [], "ret": [0, False]}
MIN64 = -(1 << 63)


def limit_ref(a, extra=0):
    return RipRef(".certa.imports", 8 * a.limit_slot + extra)


def calls_get(check, frame=8, get=lambda a, l: a.ret(), imports=()):
    """main(): `check(a)`, then `sub rsp, frame; call get` (depth `frame`, so the call needs
    frame + 8 bytes of room)."""
    def main(a, labels):
        check(a)
        prologue(a, frame)
        a.call(labels["get"])
        epilogue(a, frame)
    return (build([("get", get), ("main", main)], imports=imports),
            {"get": dict(VOID), "main": dict(VOID)})


def call_clock(a):
    """__certa_clock() at depth 8 (import slot 0): within the margin, no check needed."""
    prologue(a, 8)
    a.call_import(0)
    a.alu_ri("add", RSP, 8)


def check_with(a, room, cmp, cc, setup=lambda a: None, between=lambda a: None):
    """setup; lea r11, [rsp - room]; cmp (emitted by `cmp`); between; j<cc> ok; return 0; ok:"""
    ok = a.label()
    setup(a)
    a.lea(R11, Mem(RSP, -room))
    cmp(a)
    between(a)
    a.jcc(cc, ok)
    a.mov_imm(RAX, 0)
    a.ret()
    a.bind(ok)


def cmp_r11_rax(size=8):
    return lambda a: a.alu_rr("cmp", R11, RAX, size)


def load_limit_rax(a):
    a.load(RAX, limit_ref(a), 8)


NEEDS = "STACK: the call of get at depth 8 needs the stack limit checked for 16 bytes (checked: 0)"


# -- comparisons that do not mean what they seem -----------------------------------------------
def test_unsigned_jae_with_an_operand_not_proven_non_negative():
    # rsp - 8192 may be negative (S >= 4096 only): as unsigned it is huge and jae passes.
    rejected(*calls_get(lambda a: check_with(a, 8192, cmp_r11_rax(), "ae", setup=load_limit_rax)), NEEDS)


def test_unsigned_jae_against_the_limit_slot_in_memory():
    # cmp r11, [limit]; jae: an unsigned condition with a memory operand teaches nothing.
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a.alu_rm("cmp", R11, limit_ref(a)), "ae")), NEEDS)


def test_a_32_bit_compare_against_the_limit():
    # cmp r11d, eax: the low halves of S - 16 and L say nothing about the whole values.
    rejected(*calls_get(lambda a: check_with(a, 16, cmp_r11_rax(4), "ge", setup=load_limit_rax)), NEEDS)


def test_swapped_operands_with_the_unswapped_condition():
    # cmp [limit], r11; jge: taken when L >= rsp - 16, the opposite of the room.
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a._op(b"\x39", R11, limit_ref(a), 8), "ge")), NEEDS)


def test_a_register_that_held_the_limit_but_was_lowered():
    # rax = L - 32 before the compare: rsp - 16 >= L - 32 leaves no room at all.
    def setup(a):
        load_limit_rax(a)
        a.alu_ri("sub", RAX, 32)
    rejected(*calls_get(lambda a: check_with(a, 16, cmp_r11_rax(), "ge", setup=setup)), NEEDS)


def test_a_register_that_held_the_limit_but_was_clobbered_by_a_call():
    # rcx = L, then a host service (caller-saved rcx is gone), then cmp r11, rcx.
    def setup(a):
        a.load(RCX, limit_ref(a), 8)
        call_clock(a)
    rejected(*calls_get(lambda a: check_with(a, 16, lambda a: a.alu_rr("cmp", R11, RCX), "ge",
                                             setup=setup), imports=["__certa_clock"]), NEEDS)


def test_sub_instead_of_cmp():
    # sub r11, [limit]; jge: the kernel reads flags only from cmp/test.
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a.alu_rm("sub", R11, limit_ref(a)), "ge")), NEEDS)


def test_test_of_the_wrong_register():
    # sub r11, [limit] makes r11 = S - 16 - L, but the test and js look at rax (unknown).
    def cmp(a):
        a.alu_rm("sub", R11, limit_ref(a))
        a.test_rr(RAX, RAX)
    rejected(*calls_get(lambda a: check_with(a, 16, cmp, "ns")), NEEDS)


def test_flags_clobbered_between_cmp_and_jcc():
    # add rcx, 1 rewrites the flags after cmp r11, [limit].
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a.alu_rm("cmp", R11, limit_ref(a)), "ge",
        between=lambda a: a.alu_ri("add", RCX, 1))), NEEDS)


def test_a_jcc_after_a_call_reads_the_callees_flags():
    # cmp r11, [limit]; call __certa_clock; jge: the flags are the service's, not the cmp's.
    rejected(*calls_get(lambda a: check_with(a, 16, lambda a: a.alu_rm("cmp", R11, limit_ref(a)),
                                             "ge", between=call_clock),
                        imports=["__certa_clock"]), NEEDS)


def test_jne_splits_and_one_side_has_no_room():
    # cmp r11, [limit]; jne ok: rsp - 16 != L includes rsp - 16 < L.
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a.alu_rm("cmp", R11, limit_ref(a)), "ne")), NEEDS)


def test_a_wrapped_lea_gives_no_room():
    # rax = -2^63; lea r11, [rsp + rax - 8192] wraps to S + 2^63 - 8192, which is >= L:
    # believed exact, it would claim room 2^63 + 8192.
    def setup(a):
        a.mov_imm(RAX, MIN64)
    def cmp(a):
        a.lea(R11, Mem(RSP, -8192, RAX, 1))
        a.alu_rm("cmp", R11, limit_ref(a))
    rejected(*calls_get(lambda a: check_with(a, 0, cmp, "ge", setup=setup)), NEEDS)


# -- reading L from the wrong place --------------------------------------------------------------
@pytest.mark.parametrize("where", [
    # 8 bytes from the middle of the slot (4 bytes of L and 4 bytes past it).
    lambda a: limit_ref(a, 4),
    # the slot of another import (its value is a stub address, not L).
    lambda a: RipRef(".certa.imports", 0),
])
def test_the_limit_from_a_wrong_slot(where):
    def main(a, labels):
        limit_check(a, 16, load=where(a))
        prologue(a, 8)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("main", main)], imports=["__certa_clock"])
    rejected(image, {"get": dict(VOID), "main": dict(VOID)}, "no region covers it")


# -- room facts of another shape ----------------------------------------------------------------
def test_a_doubled_room_fact_is_not_room():
    # 2(S - 16) >= 2L is true, but the kernel takes room only from S - L - K >= 0 exactly.
    def setup(a):
        load_limit_rax(a)
        a.alu_rr("add", RAX, RAX)
    def cmp(a):
        a.alu_rr("add", R11, R11)
        a.alu_rr("cmp", R11, RAX)
    rejected(*calls_get(lambda a: check_with(a, 16, cmp, "ge", setup=setup)), NEEDS)


def test_an_equality_is_not_room():
    # je after cmp r11, [limit]: S - 16 - L == 0 (room would follow, but not in the exact form).
    rejected(*calls_get(lambda a: check_with(
        a, 16, lambda a: a.alu_rm("cmp", R11, limit_ref(a)), "e")), NEEDS)


def cut_module(facts, room=32, regs=None, rbx=0):
    """main(): check `room` bytes, then a cut point at depth 24 (rbx saved at S - 16, rbx =
    `rbx`), then call get at depth 24 (needs 32 bytes of room)."""
    at = {}

    def main(a, labels):
        limit_check(a, room)
        a.alu_ri("sub", RSP, 8)
        a.push(RBX)
        a.alu_ri("sub", RSP, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.mov_imm(RBX, rbx)
        cut = a.label()
        a.bind(cut)
        at["cut"] = cut
        a.call(labels["get"])
        a.alu_ri("add", RSP, 8)
        a.pop(RBX)
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("main", main)])
    sk = {"get": dict(VOID), "main": {**VOID, "cuts": {str(at["cut"].pos): {
        "depth": 24, "regs": regs or {"rbx": poly((1, "i"))}, "slots": {"-16": [8, poly((1, "cs_rbx"))]},
        "facts": facts}}}}
    return image, sk


def test_a_cut_point_claiming_more_room_than_was_checked():
    # The assertion states S - L - 4096 >= 0 on a path that checked 32 bytes: unprovable.
    v = verdict(*cut_module([[">=", poly((1, "S"), (-1, "L"), (-4096,))]]))
    assert not v.ok and "PROOF: no proof for obligation 0 (assert: invariant -L + S - 4096 >= 0)" in v.reason, \
        v.message()


def test_a_cut_point_room_in_another_shape_is_not_room():
    # 2S - 2L - 64 >= 0 is proven on arrival, but it is not of the form S - L - K >= 0.
    rejected(*cut_module([[">=", poly((2, "S"), (-2, "L"), (-64,))]]),
             "STACK: the call of get at depth 24 needs the stack limit checked for 32 bytes (checked: 0)")


def test_a_cut_point_room_through_a_variable_is_not_room():
    # S - L - k >= 0 with k = 32 bound to rbx: a variable, not a constant room.
    rejected(*cut_module([[">=", poly((1, "S"), (-1, "L"), (-1, "k"))], [">=", poly((1, "k"), (-32,))]],
                         regs={"rbx": poly((1, "k"))}, rbx=32),
             "STACK: the call of get at depth 24 needs the stack limit checked for 32 bytes (checked: 0)")


# -- rsp after the check; whose room ---------------------------------------------------------------
def test_pushes_after_the_check_outgrow_the_room():
    # 16 bytes checked, then two pushes and a sub: the call is at depth 40.
    def check(a):
        limit_check(a, 16)
        a.push(RBX)
        a.push(RBX)
        a.alu_ri("sub", RSP, 8)
    def main(a, labels):
        check(a)
        a.call(labels["get"])
        a.alu_ri("add", RSP, 8)
        a.pop(RBX)
        a.pop(RBX)
        a.ret()
    image = build([("get", lambda a, l: a.ret()), ("main", main)])
    rejected(image, {"get": dict(VOID), "main": dict(VOID)},
             "STACK: the call of get at depth 24 needs the stack limit checked for 32 bytes (checked: 16)")


def test_a_frame_beyond_room_plus_margin_after_a_check():
    # 4 KiB checked, then a 20 KiB + 16 frame probed page by page: its bottom is below L - 16 KiB.
    frame = 4096 + 16384 + 16
    def f(a, labels):
        limit_check(a, 4096)
        probe_down(a, frame)
        epilogue(a, frame)
    rejected(build([("f", f)]), {"f": dict(VOID)},
             "is below the stack limit's margin (the limit is checked for 4096 bytes")


def test_a_host_service_call_whose_return_address_is_below_the_margin():
    # No check; the frame is touched at S - 16296 (inside the margin), but the service's
    # return address lands at S - 16400, below L - 16 KiB.
    frame = 16392
    def f(a, labels):
        probe_down(a, 12288)
        a.alu_ri("sub", RSP, frame - 12288)
        a.store_imm(Mem(RSP, 96), 0, 8)
        a.call_import(0)
        epilogue(a, frame)
    rejected(build([("f", f)], imports=["__certa_clock"]), {"f": dict(VOID)},
             "STACK: access at S-16400 is below the stack limit's margin")


def test_the_callers_check_does_not_carry_into_the_callee():
    # main checks 4 KiB and calls mid; mid (no check of its own) calls get.
    def mid(a, labels):
        prologue(a, 8)
        a.call(labels["get"])
        epilogue(a, 8)
    def main(a, labels):
        checked(a, 8, room=4096)
        a.call(labels["mid"])
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("mid", mid), ("main", main)], internal=("get", "mid"))
    rejected(image, {"get": dict(VOID), "mid": dict(VOID), "main": dict(VOID)}, NEEDS)


def test_a_check_on_only_one_of_two_paths():
    # if (x) check; call get: the path with x == 0 reaches the call unchecked.
    def main(a, labels):
        skip = a.label()
        a.alu_ri("cmp", RDI, 0)
        a.jcc("e", skip)
        limit_check(a, 16)
        a.bind(skip)
        prologue(a, 8)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("main", main)])
    rejected(image, {"get": dict(VOID), "main": {"params": [["x", 8, True]], "ret": [0, False]}}, NEEDS)


# -- who counts as a host service -------------------------------------------------------------------
def test_a_module_function_named_like_a_service_needs_the_check():
    # An internal function __certa_clock called by call rel32 is a module function.
    def main(a, labels):
        prologue(a, 8)
        a.call(labels["__certa_clock"])
        epilogue(a, 8)
    image = build([("__certa_clock", lambda a, l: a.ret()), ("main", main)], internal=("__certa_clock",))
    rejected(image, {"__certa_clock": dict(VOID), "main": dict(VOID)},
             "STACK: the call of __certa_clock at depth 8 needs the stack limit checked")


def test_an_import_with_a_service_prefix_must_be_a_known_service():
    # An import __certa_helper (another module's function, say) would be called unchecked.
    def f(a, labels):
        prologue(a, 8)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", f)], imports=["__certa_helper"])
    rejected(image, {"f": dict(VOID)}, "import __certa_helper is not a host service the kernel knows",
             imports={"__certa_helper": dict(VOID)})


def test_a_service_import_cannot_be_given_a_contract():
    def f(a, labels):
        prologue(a, 8)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", f)], imports=["__certa_clock"])
    rejected(image, {"f": dict(VOID)}, "import __certa_clock: a host service's contract is the kernel's",
             imports={"__certa_clock": {"params": [], "ret": [8, True]}})


def test_a_module_function_named_like_trap_does_not_skip_frame():
    # Only the host's __certa_trap never returns; a module function of that name does, so
    # the typed frame area must be initialised before the call.
    types = {"ptr_bytes": {"size": 8, "pointers": [[0, "bytes", False]]}}
    def main(a, labels):
        checked(a, 24)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.mov_imm(RDI, 5)
        a.mov_imm(RSI, 0)
        a.call(labels["__certa_trap"])
        epilogue(a, 24)
    image = build([("__certa_trap", lambda a, l: a.ret()), ("main", main)], internal=("__certa_trap",))
    rejected(image, {"__certa_trap": {"params": [["kind", 4, True], ["line", 4, True]], "ret": [0, False]},
                     "main": {**VOID, "areas": [[-16, -8, "ptr_bytes"]]}},
             "FRAME: a typed frame area is used before its pointer field at S-16", types=types)


# -- contracts cannot carry room --------------------------------------------------------------------
@pytest.mark.parametrize("contract, reason", [
    ({"pre": [[">=", poly((1, "S"), (-1, "L"), (-4096,))]]}, "a precondition may only mention parameters"),
    ({"post": [[">=", poly((1, "S"), (-1, "L"), (-4096,))]]}, "a postcondition may only mention parameters"),
])
def test_a_contract_cannot_promise_room(contract, reason):
    # A callee assuming S - L - 4096 >= 0 could recurse without a check (its S is the caller's
    # minus depth + 8, so the caller's proof of it would be about another S).
    image = build([("get", lambda a, l: a.ret()), ("main", lambda a, l: a.ret())])
    v = verdict(image, {"get": {**VOID, **contract}, "main": dict(VOID)})
    assert not v.ok and reason in v.reason, v.message()


def test_an_import_contract_cannot_promise_room():
    def f(a, labels):
        a.ret()
    image = build([("f", f)], imports=["get"])
    v = verdict(image, {"f": dict(VOID)},
                imports={"get": {**VOID, "pre": [[">=", poly((1, "S"), (-1, "L"), (-4096,))]]}})
    assert not v.ok and "a precondition may only mention parameters" in v.reason, v.message()


# -- a returned region that outlives the frame area it came from ---------------------------------
TOP = 1 << 47


def return_what_was_lent(a, labels):
    """h(p, n): returns [p, p + n), the memory it was lent (rax = r10 = p, r11 = p + n)."""
    a.mov_rr(RAX, RDI)
    a.mov_rr(R10, RDI)
    a.lea(R11, Mem(RDI, 0, RSI, 1))
    a.ret()


def escaped_frame_area(offset=8, pop_first=True, through_a_cut=False):
    """main lends its frame area [S-40, S-24) to h, which returns it as its result region
    (`ret_region`: [r10, r11) = what it was lent). main then pops the area (`add rsp, 16`)
    and lends the returned region -- now below rsp -- to g, called at depth 24, whose return
    address the call pushes at S-32 = r10 + 8. g stores through the region at `offset`.
    With pop_first=False main calls g while the area is still live (safe). With
    through_a_cut the region crosses a cut point first, as a region of its assertion."""
    at = {}
    def g(a, labels):                       # if (b + 16 <= e) *(long *)(b + offset) = 0x41414141
        out = a.label()
        a.lea(RAX, Mem(RDI, 16))
        a.alu_rr("cmp", RAX, RSI)
        a.jcc("g", out)
        a.store_imm(Mem(RDI, offset), 0x41414141, 8)
        a.bind(out)
        a.ret()

    def main(a, labels):
        checked(a, 40, room=48)
        a.store_imm(Mem(RSP, 0), 0, 8)      # touch the frame; the area is [S-40, S-24)
        a.lea(RDI, Mem(RSP, 0))
        a.mov_imm(RSI, 16)
        a.call(labels["h"])                 # depth 40: the area is live and lent to h
        if through_a_cut:                   # for (i = 0; i < 1; i++) {}, its head a cut point
            head, done = a.label(), a.label()
            a.mov_imm(RCX, 0)
            a.bind(head)
            at["cut"] = a.here()
            a.alu_ri("cmp", RCX, 1)
            a.jcc("ge", done)
            a.alu_ri("add", RCX, 1)
            a.jmp(head)
            a.bind(done)
        if pop_first:
            a.alu_ri("add", RSP, 16)        # depth 24: the area is below rsp, dead ...
        a.mov_rr(RDI, R10)                  # ... but ret@ [r10, r11) still names it
        a.mov_rr(RSI, R11)
        a.call(labels["g"])                 # g's return address goes to S-32 = r10 + 8
        a.mov_imm(RAX, 0)
        epilogue(a, 24 if pop_first else 40)

    image = build([("h", return_what_was_lent), ("g", g), ("main", main)], internal=("h", "g"))
    sk = {"h": {"params": [["p", 8, False], ["n", 8, True]], "ret": [8, False], "ret_region": True,
                "pre": [[">=", poly((1, "p"))], [">=", poly((1, "n"))], [">=", poly((-1, "p"), (TOP,))],
                        [">=", poly((-1, "n"), (TOP,))], [">=", poly((-1, "p"), (-1, "n"), (TOP,))]],
                "pre_regions": [["buf", poly((1, "p")), poly((1, "n")), True, False]]},
          "g": {"params": [["b", 8, False], ["e", 8, False]], "ret": [0, False],
                "pre": [[">=", poly((1, "b"))], [">=", poly((-1, "b"), (TOP,))], [">=", poly((1, "e"), (-1, "b"))]],
                "pre_regions": [["buf", poly((1, "b")), poly((1, "e"), (-1, "b")), True, False]]},
          "main": {"params": [], "ret": [8, True], "areas": [[-40, -24]]}}
    if through_a_cut:
        sk["main"]["cuts"] = {str(at["cut"]): {
            "depth": 40, "regs": {"r10": poly((1, "b")), "r11": poly((1, "e")), "rcx": poly((1, "i"))},
            "facts": [[">=", poly((1, "i"))], [">=", poly((-1, "i"), (1,))],
                      [">=", poly((1, "S"), (-1, "L"), (-48,))], [">=", poly((1, "b"))],
                      [">=", poly((-1, "b"), (TOP,))], [">=", poly((1, "e"), (-1, "b"))]],
            "regions": [["buf", poly((1, "b")), poly((1, "e"), (-1, "b")), True, False]]}}
    return image, sk


def test_a_returned_region_cannot_outlive_the_frame_area_it_came_from():
    # Found by this review: the kernel accepted it (RETURN), and the module, loaded and run,
    # overwrote g's return address and crashed the host. A region a callee returns, while
    # the caller has frame areas it may have lent, now lives only as long as those areas.
    image, sk = escaped_frame_area()
    v = verdict(image, sk)
    assert not v.ok and "PROOF" in v.reason and "precondition of g: region" in v.reason, v.message()
    accepted(*escaped_frame_area(pop_first=False))      # while the area is live: its memory


def test_a_returned_region_cannot_cover_a_cut_points_region():
    # Carried into a cut point's assertion, the region would become an ordinary one, which
    # no frame area's death ends: a region that may be frame memory never covers it.
    v = verdict(*escaped_frame_area(through_a_cut=True))
    assert not v.ok and "PROOF" in v.reason and "region buf" in v.reason, v.message()


def test_a_returned_frame_region_cannot_be_returned_again():
    # k lends its own frame area to h, which returns it; k returning that region would hand
    # its caller a pointer into a frame that is gone (RETURN: not a cover once it may be
    # frame memory).
    image, sk = escaped_frame_area()

    def k(a, labels):
        checked(a, 40, room=48)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.lea(RDI, Mem(RSP, 0))
        a.mov_imm(RSI, 16)
        a.call(labels["h"])                 # rax = r10 = the area, r11 its end
        epilogue(a, 40)
    image = build([("h", return_what_was_lent), ("k", k)], internal=("h", "k"))
    sk = {"h": sk["h"], "k": {"params": [], "ret": [8, False], "ret_region": True,
                             "areas": [[-40, -24]]}}
    rejected(image, sk, "returned region")
