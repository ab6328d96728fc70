"""End to end through the kernel: programs in tests/certified/ are compiled with their
certificates, accepted by `certa check`, and run with the same exit status as gcc's build;
a module whose code is edited after compilation is rejected."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from certa.compiler.pipeline import compile_file
from certa.kernel.check import check_module

PROGRAMS = sorted((Path(__file__).parent / "certified").glob("*.c"))


@pytest.mark.parametrize("src", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_certified_program(src, tmp_path, certa, gcc):
    module = tmp_path / "m.cm"
    compile_file(str(src), str(module))
    v = check_module(module.read_bytes())
    assert v.ok, v.message()
    assert v.obligations > 0 and v.cert_bytes < v.code_bytes
    r = subprocess.run(certa + ["check", str(module)], capture_output=True, text=True)
    assert r.returncode == 0 and "accepted" in r.stdout
    exe = tmp_path / "gcc.out"
    subprocess.run([gcc, "-std=c11", "-w", str(src), "-o", str(exe)], check=True)
    want = subprocess.run([str(exe)]).returncode
    got = subprocess.run(certa + ["run", str(module)], capture_output=True, text=True)
    assert got.returncode == want, got.stderr


def test_edited_bound_is_rejected(tmp_path, certa):
    """Raise the bounds-check constant of `squares[(r + c) % 16]` (the last `mov ecx, 16`:
    nothing else bounds that index) to 17 after compiling: the kernel can no longer prove
    the access. (Editing the check of `squares[i]` in the first loop would be harmless: the
    loop condition i < 16 already proves that access, and the kernel rightly accepts it.)"""
    module = tmp_path / "m.cm"
    compile_file(str(PROGRAMS[[p.stem for p in PROGRAMS].index("global_arrays")]), str(module))
    data = bytearray(module.read_bytes())
    needle = bytes([0xB9, 16, 0, 0, 0])            # mov ecx, 16
    pos = data.rindex(needle)
    data[pos + 1] = 17
    v = check_module(bytes(data))
    assert not v.ok and "PROOF" in v.reason and v.function == "main"
    bad = tmp_path / "bad.cm"
    bad.write_bytes(bytes(data))
    r = subprocess.run(certa + ["check", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "rejected" in r.stderr and "function main" in r.stderr
    r = subprocess.run(certa + ["check", "--json", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and '"ok": false' in r.stdout


def test_counted_loops_need_no_run_time_checks_and_their_bounds_are_checked(tmp_path):
    """`for (i = 0; i < 64; i++) table[i] = ...` over `int table[64]` compiles without a
    bounds check: the loop header's cut point asserts 0 <= i <= 64 and the kernel proves the
    access from it. Raising the loop bound in the binary to 65 breaks that proof."""
    src = PROGRAMS[[p.stem for p in PROGRAMS].index("counted_loops")]
    module = tmp_path / "m.cm"
    compile_file(str(src), str(module))
    data = bytearray(module.read_bytes())
    assert check_module(bytes(data)).ok
    from certa.kernel.modfile import parse_module
    text = parse_module(bytes(data)).text
    assert text.count(b"\xff\x15") == 1      # one check left: table[r * 4 + c / 4]
    pos = data.index(bytes([0x48, 0x83, 0xF8, 0x40]), 0x1000)    # cmp rax, 64
    data[pos + 3] = 0x41
    v = check_module(bytes(data))
    assert not v.ok and "PROOF" in v.reason, v.message()


def test_edited_pointer_check_is_rejected(tmp_path):
    """Every access through a pointer is checked against the pointer's bounds:
    `addr <= end - 4` for an int. Weakening one check in the binary to `addr <= end - 3`
    leaves a 4-byte access that may cross the end: the kernel refuses the module."""
    src = PROGRAMS[[p.stem for p in PROGRAMS].index("pointer_params")]
    module = tmp_path / "m.cm"
    compile_file(str(src), str(module))
    data = bytearray(module.read_bytes())
    assert check_module(bytes(data)).ok
    pos = data.index(bytes([0x48, 0x83, 0xE9, 0x04]), 0x1000)    # sub rcx, 4
    data[pos + 3] = 0x03
    v = check_module(bytes(data))
    assert not v.ok and "PROOF" in v.reason and "upper bound" in v.reason, v.message()


def test_pointer_bounds_are_hidden_arguments(tmp_path):
    """Calls inside the module pass (base, end) after the C arguments: a callee whose
    caller passes a bigger `end` than the object it lends is refused (the region
    precondition is not covered)."""
    src = PROGRAMS[[p.stem for p in PROGRAMS].index("pointer_params")]
    module = tmp_path / "m.cm"
    compile_file(str(src), str(module))
    data = bytearray(module.read_bytes())
    from certa.kernel.modfile import parse_module
    image = parse_module(bytes(data))
    # main lends &v[7] to swap: its bounds are all of v (32 bytes), set by the second
    # `lea r11, [rsp + disp8]` (the first computes the same bounds for &v[0]'s index
    # and is overwritten). End + 4 makes a region that no frame area covers.
    text_at = data.index(image.text)
    main = next(s for s in image.symbols if s.name == "main")
    code = image.text[main.offset:main.offset + main.size]
    lea_r11 = bytes([0x4C, 0x8D, 0x5C, 0x24])                # lea r11, [rsp + disp8]
    i = code.index(lea_r11, code.index(lea_r11) + 1)
    data[text_at + main.offset + i + 4] += 4
    v = check_module(bytes(data))
    assert not v.ok and v.function == "main" and "region" in v.reason, v.message()


def test_bit_flips_never_yield_an_accepted_module_that_faults():
    """The property of the kernel issue, in CI size (bench/flips.py runs it long): single
    bit flips in the code or certificate of certified programs; every mutant the kernel
    accepts is run and must end normally or at a deliberate trap, never in a memory fault."""
    import random
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from flips import flip_program
    rng = random.Random(11)
    accepted, unsafe = 0, []
    for name in ("linked_list", "pointer_params"):
        tally, bad = flip_program(name, 60, rng)
        accepted += tally["accepted, same run"] + tally["accepted, safe but different"]
        unsafe += bad
        assert tally["rejected"] > 0
    assert not unsafe, unsafe
    assert accepted > 0          # the oracle ran on something
