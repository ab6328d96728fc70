"""Certified modules under an emulator oracle: every memory access of a real run stays inside
the exact regions the module may touch, and the run agrees with the real runtime.

What this file guarantees:

* Every program of tests/certified/ and a fixed sample of tests/c/ (every fifth program in
  name order, starting with the second, of all the programs there except exactly those
  tests/c/uncertified.txt lists: about 40) is compiled with its certificate and accepted by
  the kernel (`check_module(data).ok`), then run under the oracle (tests/trust/oracle.py)
  with its `// args:` line. The run must make no violation (no access outside the object,
  heap block, header word, live stack or import slot it belongs to, no write to read-only
  memory, no fault, no fetch outside .text), and its stdout and exit status must be exactly
  those of `certa run NAME.cm -- ARGS` (the real runtime, which has the kernel check the
  module again). A program that no longer certifies is a failure, never a skip.
* The oracle itself is shown to detect what it must, on hand-made modules (no certificate;
  the kernel would refuse them, the oracle runs them anyway): a read one byte past a
  `.rodata` object, a write to `.rodata`, a read of the byte just before a heap block, a
  write below rsp into the stack guard page, a write below rsp inside the stack, a
  `__certa_write` buffer longer than its object, a jump into data, a jump into the middle of
  an instruction, and a read past the argv vector. Each must be reported with its exact address; each has a twin access that is
  legal (the object's last byte, the header's length word, argv[argc]) and must not be.
* A run-time check that fails (the module calls `__certa_trap`) is a normal outcome: no
  violation, the trap's kind and line, and `certa run`'s status 70.
* `max_insns` stops a run that would go on, without a violation.

Decision on block headers (see oracle.py): only the kernel's one legal header access is
allowed, an 8-byte read of the length word at `base - 16`. The type word `[base - 8, base)`
is never read by certified code, so a read of `base - 1` is a violation.

The programs are compiled and run in two worker processes (the suite's 2-core budget);
pytest then checks each program's record.
"""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import struct
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from certa.compiler.module_writer import write_module
from certa.compiler.pipeline import Report, compile_image
from certa.kernel.check import check_module
from certa.kernel.modfile import Symbol, layout
from tests.test_programs import UNCERTIFIED, program_args
from tests.test_runtime import Text, make_image
from tests.trust import oracle
from tests.trust.oracle import HEAP_BASE, MODULE_BASE, STACK_LO, STACK_TOP, run_module

TESTS = Path(__file__).resolve().parent
C_DIR = TESTS / "c"
CERTIFIED_DIR = TESTS / "certified"
CERTA = Path(sys.executable).parent / "certa"
CERTA_CMD = [str(CERTA)] if CERTA.exists() else [sys.executable, "-m", "certa"]
RUN_TIMEOUT = 120
WORKERS = 2

# Everything in tests/c the compiler certifies: all programs but exactly the listed ones.
CERTIFIABLE = [p for p in sorted(C_DIR.glob("*.c")) if p.name not in UNCERTIFIED]
SAMPLE = CERTIFIABLE[1::5]
PROGRAMS = sorted(CERTIFIED_DIR.glob("*.c")) + SAMPLE


def program_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


# --- the programs ----------------------------------------------------------------------------

def examine(path: Path) -> dict:
    """Compile, kernel-check, run for real and under the oracle. Runs in a worker process;
    returns a picklable record (an "error" key when a step could not be done)."""
    args = program_args(path)
    report = Report()
    image = compile_image(str(path), None, report)
    if not report.certified:
        return {"error": f"certa cc does not certify it: {report.why_not}"}
    data = write_module(image)
    verdict = check_module(data)
    if not verdict.ok:
        return {"error": f"the kernel refuses it: {verdict.message()}"}
    with tempfile.TemporaryDirectory(prefix="certa-oracle-") as tmp:
        module = os.path.join(tmp, path.stem + ".cm")
        with open(module, "wb") as f:
            f.write(data)
        real = subprocess.run([*CERTA_CMD, "run", module, "--", *args], cwd=tmp,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=RUN_TIMEOUT)
        # `certa run` passes the module path as argv[0]; so does the oracle, so that a
        # program printing argv[0] or its length sees the same thing.
        emulated = run_module(data, [module, *args])
    return {"data": data, "args": args, "real_stdout": real.stdout,
            "real_status": real.returncode, "real_stderr": real.stderr.decode(errors="replace"),
            "oracle": emulated}


class Examined:
    """The records of PROGRAMS, made in a pool of WORKERS processes on first use. Under
    pytest-xdist (whose workers already share the CPUs) each program is made on demand."""

    def __init__(self):
        self.records: dict[Path, dict] = {}

    def __getitem__(self, path: Path) -> dict:
        if path not in self.records:
            if os.environ.get("PYTEST_XDIST_WORKER"):
                self.records[path] = self._guarded(path)
            else:
                self._make_all()
        return self.records[path]

    @staticmethod
    def _guarded(path: Path) -> dict:
        try:
            return examine(path)
        except Exception as e:              # reported by the program's own test
            return {"error": f"{type(e).__name__}: {e}"}

    def _make_all(self) -> None:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(WORKERS, mp_context=ctx) as pool:
            for path, record in zip(PROGRAMS, pool.map(Examined._guarded, PROGRAMS)):
                self.records[path] = record


@pytest.fixture(scope="module")
def examined() -> Examined:
    return Examined()


def test_sample_is_drawn_from_the_certified_programs():
    """The sample's population is tests/c minus exactly the programs uncertified.txt lists,
    which must all exist (a stale entry would silently shrink the population)."""
    names = {p.name for p in C_DIR.glob("*.c")}
    assert set(UNCERTIFIED) <= names, sorted(set(UNCERTIFIED) - names)
    assert len(CERTIFIABLE) == len(names) - len(UNCERTIFIED)
    assert 35 <= len(SAMPLE) <= 45 and not {p.name for p in SAMPLE} & set(UNCERTIFIED)


@pytest.mark.parametrize("path", PROGRAMS, ids=[program_id(p) for p in PROGRAMS])
def test_certified_program_stays_in_its_regions(path: Path, examined: Examined):
    record = examined[path]
    assert "error" not in record, f"{program_id(path)}: {record.get('error')}"
    result = record["oracle"]
    assert not result.violations, (
        f"SOUNDNESS: {program_id(path)} (kernel-accepted) made {len(result.violations)} "
        f"access(es) outside its regions:\n" + "\n".join(map(str, result.violations[:10])))
    assert not result.out_of_steps, f"{program_id(path)} ran out of emulation steps"
    assert result.stdout == record["real_stdout"], (
        f"stdout differs from certa run:\noracle: {result.stdout[-400:]!r}\n"
        f"real:   {record['real_stdout'][-400:]!r}")
    assert result.exit_code == record["real_status"], (
        f"exit status: oracle {result.exit_code} (trap {result.trap}), certa run "
        f"{record['real_status']}\n{record['real_stderr'][-400:]}")
    assert result.instructions > 0


def test_step_limit_stops_a_run_without_a_violation(examined: Examined):
    record = examined[CERTIFIED_DIR / "counted_loops.c"]
    assert "error" not in record, record.get("error")
    assert record["oracle"].instructions > 5000        # so the limit below cuts it short
    cut = run_module(record["data"], ["prog", *record["args"]], max_insns=1000)
    assert cut.out_of_steps and cut.status is None and cut.trap is None
    assert cut.exit_code is None and not cut.violations
    assert cut.instructions <= 1000 + 64      # counted per block: at most one block over


# --- a failing run-time check is not a violation ----------------------------------------------

TRAPPING_SOURCE = """\
#include <stdio.h>
int table[4];
static int get(int i) { return table[i]; }
int main(int argc, char **argv) {
    printf("before the check\\n");
    return get(argc + 5);
}
"""


def test_failed_run_time_check_is_a_trap_not_a_violation(tmp_path):
    src = tmp_path / "trapping.c"
    src.write_text(TRAPPING_SOURCE)
    report = Report()
    data = write_module(compile_image(str(src), None, report))
    assert report.certified and check_module(data).ok
    module = tmp_path / "trapping.cm"
    module.write_bytes(data)
    real = subprocess.run([*CERTA_CMD, "run", str(module)], capture_output=True,
                          timeout=RUN_TIMEOUT)
    result = run_module(data, [str(module)])
    assert result.violations == []
    assert result.trap == ("check", 3)
    assert result.exit_code == real.returncode == 70
    assert result.stdout == real.stdout == b"before the check\n"


# --- must-detect: hand-made modules the oracle has to catch ------------------------------------

WORD_OFFSET = 16                                  # `word` in .rodata, after its header
RODATA = struct.pack("<QQ", 4, 0) + b"abcd" + bytes(12)
RODATA_ADDR = MODULE_BASE + layout({".text": 1, ".rodata": len(RODATA)})[".rodata"]
WORD = RODATA_ADDR + WORD_OFFSET


def hand_module(body, imports=(), params=()) -> bytes:
    """`int main(...)` from machine code; .rodata holds the 4-byte object `word` with its
    block header [4, 0] in front. `body(t)` returns the code parts (see tests/test_runtime)."""
    t = Text(rodata=RODATA, imports=imports)
    t.func("main", *body(t))
    image = make_image(t, [("main", list(params), "int")], rodata=RODATA)
    word = Symbol("word", ".rodata", WORD_OFFSET, 4, "object", False)
    return write_module(replace(image, symbols=image.symbols + (word,)))


def only_violation(result):
    assert len(result.violations) == 1, "\n".join(map(str, result.violations)) or "none"
    v = result.violations[0]
    assert v.function == "main"
    return v


def test_detects_a_read_one_byte_past_an_object():
    result = run_module(hand_module(lambda t: [
        t.rip("488b05", ".rodata", 0),                      # mov rax, [word-16]: header word
        t.rip("0fb605", ".rodata", WORD_OFFSET + 3),        # movzx eax, byte [word+3]: last
        t.rip("0fb605", ".rodata", WORD_OFFSET + 4),        # movzx eax, byte [word+4]: past
        "c3"]), ["prog"])                                   # ret
    v = only_violation(result)
    assert (v.kind, v.access, v.address, v.size) == ("out-of-region", "read", WORD + 4, 1)
    assert result.status == 0 and result.trap is None       # the page is mapped: it goes on


def test_detects_a_write_to_rodata():
    result = run_module(hand_module(lambda t: [
        t.rip("c605", ".rodata", WORD_OFFSET, "41"),        # mov byte [word], 'A'
        "31c0", "c3"]), ["prog"])                           # xor eax, eax; ret
    v = only_violation(result)
    assert (v.kind, v.access, v.address, v.size) == ("read-only", "write", WORD, 1)
    assert result.trap == ("crash", None)                   # the runtime's SIGSEGV


def test_detects_a_read_of_the_byte_before_a_heap_block():
    """The block is the heap's first: its header at HEAP_BASE, the block at HEAP_BASE+16.
    The 8-byte length word read is legal; the byte at base-1 (the header's type word) not."""
    result = run_module(hand_module(lambda t: [
        "4883ec08",                                         # sub rsp, 8
        "bf10000000",                                       # mov edi, 16
        t.call_import("__certa_alloc"),                     # call [alloc]
        "488b48f0",                                         # mov rcx, [rax-16]: length word
        "0fb640ff",                                         # movzx eax, byte [rax-1]
        "4883c408", "c3"], imports=("__certa_alloc",)), ["prog"])
    v = only_violation(result)
    assert (v.kind, v.access, v.address, v.size) == ("out-of-region", "read", HEAP_BASE + 15, 1)
    assert "1 byte(s) before heap block #1" in v.regions


def test_detects_a_write_below_rsp_into_the_guard_page():
    """main starts with rsp = STACK_TOP - 8; 16 MiB below that is the guard page."""
    result = run_module(hand_module(lambda t: [
        "4889e0",                                           # mov rax, rsp
        "482d00000001",                                     # sub rax, 0x1000000
        "c60001",                                           # mov byte [rax], 1
        "31c0", "c3"]), ["prog"])
    v = only_violation(result)
    assert (v.access, v.address, v.size) == ("write", STACK_LO - 8, 1)
    assert v.kind in ("out-of-region", "unmapped") and "guard page" in v.where
    assert result.trap == ("stack", None)                   # the runtime's stack trap


def test_detects_a_write_below_rsp_inside_the_stack():
    """No red zone: the kernel lets nothing touch the stack below rsp, which the next call,
    push or signal may overwrite. The call's own push at rsp-8 is legal."""
    result = run_module(hand_module(lambda t: [
        "48894424f0",                                       # mov [rsp-16], rax
        "31c0", "c3"]), ["prog"])
    v = only_violation(result)
    assert (v.kind, v.access, v.address, v.size) == ("below-rsp", "write", STACK_TOP - 24, 8)


def test_detects_a_write_service_buffer_longer_than_its_object():
    """__certa_write(word, 5): the runtime's own check is per section, so it prints 5 bytes;
    the kernel requires the buffer to lie in one region, so the oracle reports it."""
    result = run_module(hand_module(lambda t: [
        "4883ec08",                                         # sub rsp, 8
        t.rip("488d3d", ".rodata", WORD_OFFSET),            # lea rdi, [word]
        "be05000000",                                       # mov esi, 5
        t.call_import("__certa_write"),                     # call [write]
        "31c0", "4883c408", "c3"], imports=("__certa_write",)), ["prog"])
    v = only_violation(result)
    assert (v.kind, v.access, v.address, v.size) == ("host-buffer", "host-read", WORD, 5)
    assert result.stdout == b"abcd\0" and result.status == 0


def test_detects_a_jump_into_data():
    result = run_module(hand_module(lambda t: [
        t.rip("488d05", ".rodata", WORD_OFFSET),            # lea rax, [word]
        "ffe0"]), ["prog"])                                 # jmp rax
    v = only_violation(result)
    assert (v.kind, v.access, v.address) == ("fetch", "fetch", WORD)
    assert result.trap == ("crash", None)


def test_detects_a_jump_into_the_middle_of_an_instruction():
    """The kernel decodes `jmp +1; mov eax, 0xc3; ret`; the jump lands on the mov's
    immediate, whose byte c3 runs as a `ret` the kernel never saw."""
    result = run_module(hand_module(lambda t: [
        "eb01",                                             # jmp .+3 (into the mov)
        "b8c3000000",                                       # mov eax, 0xc3
        "c3"]), ["prog"])                                   # ret
    v = only_violation(result)
    text = MODULE_BASE + layout({".text": 1})[".text"]
    assert (v.kind, v.access, v.address) == ("off-boundary", "fetch", text + 3)


def argv_module(load_hex: str) -> bytes:
    """main(argc, argv) returning what `load_hex` reads at argv + 8*argc (+ disp)."""
    return hand_module(lambda t: [
        "4863c7",                                           # movsxd rax, edi
        load_hex,
        "c3"], params=("int", "char **"))


def test_argv_vector_is_exactly_argc_plus_one_pointers():
    """The runtime's vector is the heap's first block, 8*(argc+1) bytes: argv[argc] (NULL)
    may be read, the dword after it lies past the block (on argv[0]'s block header, where
    only an 8-byte read of the length word would be legal: the oracle cannot tell whose
    header a read meant, so that one is not a violation)."""
    legal = run_module(argv_module("488b04c6"), ["prog", "a", "b"])  # mov rax, [rsi+rax*8]
    assert legal.violations == [] and legal.status == 0              # NULL
    past = run_module(argv_module("8b44c608"), ["prog", "a", "b"])   # mov eax, [rsi+rax*8+8]
    v = only_violation(past)
    vector = HEAP_BASE + 16
    assert (v.kind, v.access, v.address, v.size) == ("out-of-region", "read", vector + 32, 4)


def test_mov_with_an_ignored_rex_r_runs_as_on_the_cpu():
    """`4c c7 04 24 imm32` is `mov qword [rsp], imm32` with REX.R set, which the CPU ignores
    there (the kernel decodes it as the mov; a bit flip in a certified module produced one
    that the kernel accepted and the runtime ran correctly). unicorn raises #UD for it; the
    oracle must run it as the CPU does, not report a fault."""
    result = run_module(hand_module(lambda t: [
        "4883ec08",                                         # sub rsp, 8
        "4cc7042407000000",                                 # mov qword [rsp], 7 (REX.WR)
        "488b0424",                                         # mov rax, [rsp]
        "4883c408", "c3"]), ["prog"])                       # add rsp, 8; ret
    assert result.violations == [] and result.status == 7


def test_oracle_refuses_what_the_runtime_refuses():
    with pytest.raises(oracle.OracleError):
        run_module(b"not a module", ["prog"])
    with pytest.raises(oracle.OracleError, match="unknown import"):
        run_module(hand_module(lambda t: ["31c0", "c3"], imports=("__certa_open",)), ["prog"])
