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
