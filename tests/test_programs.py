"""Differential tests: every program in tests/c/ runs under Certa and as gcc output.

For each tests/c/NAME.c:
  * gcc -std=c11 -O0 builds the reference binary (once per file per session);
  * `certa cc NAME.c -o NAME.cm` must certify it, and `certa run NAME.cm -- ARGS` (which
    the kernel checks first) must print the same bytes on stdout and exit with the same
    status as the reference binary;
  * the programs listed in tests/c/uncertified.txt are the exception: the compiler cannot
    certify them yet, `certa cc` and `certa run` must refuse them with that reason, and they
    are compared with gcc built with --emit-uncertified and run past the gate by
    tests/run_unchecked.py;
  * `certa cc NAME.c -o NAME.cm` must write an ELF file.

A program that needs command-line arguments says so on its first line:
    // args: one two 3
(split like a shell would, so "" is an empty argument). Both runs get the same arguments.
"""
from __future__ import annotations

import difflib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

C_DIR = Path(__file__).resolve().parent / "c"
PROGRAMS = sorted(C_DIR.glob("*.c"))

GCC_FLAGS = ["-std=c11", "-O0", "-w"]
REF_TIMEOUT = 10
CERTA_TIMEOUT = 60
ARGS_RE = re.compile(r"^\s*//\s*args:(.*)$")


def program_args(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = ARGS_RE.match(first)
    return shlex.split(m.group(1)) if m else []


def describe_status(rc: int) -> str:
    return f"killed by signal {-rc}" if rc < 0 else f"exit status {rc}"


class Reference:
    """gcc-built binaries and their results, built at most once per file per session."""

    def __init__(self, gcc: str, build_dir: Path):
        self.gcc = gcc
        self.build_dir = build_dir
        self.results: dict[Path, tuple[int, bytes]] = {}

    def result(self, path: Path, args: list[str]) -> tuple[int, bytes]:
        if path not in self.results:
            exe = self.build_dir / path.stem
            build = subprocess.run([self.gcc, *GCC_FLAGS, str(path), "-o", str(exe)],
                                   capture_output=True, text=True, timeout=60)
            if build.returncode != 0:
                pytest.fail(f"gcc could not build the reference for {path.name}:\n{build.stderr}")
            run = subprocess.run([str(exe), *args], cwd=self.build_dir, stdin=subprocess.DEVNULL,
                                 capture_output=True, timeout=REF_TIMEOUT)
            if run.returncode < 0:
                pytest.fail(f"the gcc reference of {path.name} was {describe_status(run.returncode)}")
            self.results[path] = (run.returncode, run.stdout)
        return self.results[path]


@pytest.fixture(scope="session")
def reference(gcc, tmp_path_factory) -> Reference:
    return Reference(gcc, tmp_path_factory.mktemp("gcc-ref"))


def show_diff(expected: bytes, actual: bytes) -> str:
    exp = expected.decode("utf-8", "replace").splitlines(keepends=True)
    act = actual.decode("utf-8", "replace").splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(exp, act, "gcc", "certa", n=2))
    if not diff:  # same text after decoding: the difference is in bytes
        diff = f"gcc:   {expected!r}\ncerta: {actual!r}\n"
    lines = diff.splitlines(keepends=True)
    if len(lines) > 80:
        lines = lines[:80] + [f"... ({len(lines) - 80} more diff lines)\n"]
    return "".join(lines)


def tail(text: str, n: int = 30) -> str:
    lines = text.rstrip().splitlines()
    return "\n".join(lines[-n:]) if lines else "(empty)"


def uncertified() -> dict[str, str]:
    """tests/c/uncertified.txt: `NAME.c: reason` for each program the compiler cannot
    certify yet (so the loader refuses it); the reason is what `certa cc` reports."""
    out = {}
    for line in (C_DIR / "uncertified.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, reason = line.split(":", 1)
            out[name.strip()] = reason.strip()
    return out


UNCERTIFIED = uncertified()


def run(cmd: list, cwd: Path, what: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=CERTA_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took longer than {CERTA_TIMEOUT} s")


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_matches_gcc(path: Path, reference: Reference, certa, tmp_path):
    """Certified programs run through the loader's gate; the few in uncertified.txt must be
    refused by `certa cc` and `certa run` with their reason, and still match gcc when built
    with --emit-uncertified and run past the gate by the test helper (so their code
    generation stays tested)."""
    args = program_args(path)
    want_rc, want_out = reference.result(path, args)
    module = tmp_path / (path.stem + ".cm")
    if path.name in UNCERTIFIED:
        for cmd in (["cc", str(path), "-o", str(module)], ["run", str(path), "--", *args]):
            refused = run([*certa, *cmd], tmp_path, f"certa {cmd[0]} {path.name}")
            err = refused.stderr.decode("utf-8", "replace")
            assert refused.returncode == 1 and refused.stdout == b"" and not module.exists(), \
                f"certa {cmd[0]} {path.name} did not refuse it (certified now? then remove it " \
                f"from tests/c/uncertified.txt):\n{tail(err)}"
            assert f"{path.name}:" in err and "error: cannot certify this program" in err, tail(err)
            assert UNCERTIFIED[path.name] in err, tail(err)
        cc = run([*certa, "cc", "--emit-uncertified", str(path), "-o", str(module)], tmp_path,
                 f"certa cc --emit-uncertified {path.name}")
        assert cc.returncode == 0, tail(cc.stderr.decode("utf-8", "replace"))
        got = run([sys.executable, str(Path(__file__).parent / "run_unchecked.py"), str(module), *args],
                  tmp_path, f"running {path.name} past the gate")
    else:
        cc = run([*certa, "cc", str(path), "-o", str(module)], tmp_path, f"certa cc {path.name}")
        cc_err = cc.stderr.decode("utf-8", "replace")
        assert cc.returncode == 0 and "certificate: yes" in cc_err, \
            f"certa cc {path.name} failed (add it to tests/c/uncertified.txt only if that is " \
            f"expected):\n{tail(cc_err)}"
        got = run([*certa, "run", str(module), "--", *args], tmp_path, f"certa run {path.name}")
    stderr = got.stderr.decode("utf-8", "replace")
    problems = []
    if got.stdout != want_out:
        problems.append("stdout differs (--- gcc, +++ certa):\n" + show_diff(want_out, got.stdout))
    if got.returncode != want_rc:
        problems.append(f"gcc: {describe_status(want_rc)}, certa: {describe_status(got.returncode)}")
    if problems:
        pytest.fail(f"{path.name} args={args}\n" + "\n".join(problems)
                    + f"\ncerta stderr (tail):\n{tail(stderr)}", pytrace=False)


def test_uncertified_list_names_programs():
    missing = sorted(set(UNCERTIFIED) - {p.name for p in PROGRAMS})
    assert not missing, f"tests/c/uncertified.txt names programs that do not exist: {missing}"


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_cc_writes_elf_module(path: Path, certa, tmp_path):
    out = tmp_path / (path.stem + ".cm")
    try:
        extra = ["--emit-uncertified"] if path.name in UNCERTIFIED else []
        r = subprocess.run([*certa, "cc", *extra, str(path), "-o", str(out)], cwd=tmp_path,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=CERTA_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"certa cc {path.name} took longer than {CERTA_TIMEOUT} s")
    assert r.returncode == 0, f"certa cc {path.name} failed:\n{tail(r.stderr)}"
    assert out.exists(), "certa cc exited 0 but wrote no module file"
    head = out.read_bytes()[:4]
    assert head == b"\x7fELF", f"module file starts with {head!r}, not an ELF header"
