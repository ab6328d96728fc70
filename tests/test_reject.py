"""Must-reject tests: unsupported constructs and bad input fail cleanly.

Every tests/reject/NAME.c starts with
    // expect: LINE: MESSAGE
and `certa cc NAME.c -o out.cm` must
  * exit with status 1 and print no Python traceback,
  * name the position as `NAME.c:LINE:` (basename or the path as given),
  * include MESSAGE,
  * show the source text of LINE, followed (later) by a caret line `   ^~~~` (optionally
    after a gcc-style `  |` gutter) whose caret points at a non-blank character of the
    shown source line (same column in the stderr text),
  * not create out.cm.
The CLI tests at the end cover bad input that is not a C program.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REJECT_DIR = Path(__file__).resolve().parent / "reject"
CASES = sorted(REJECT_DIR.glob("*.c"))
EXPECT_RE = re.compile(r"^//\s*expect:\s*(\d+):\s*(.+?)\s*$")
# spaces then ^~~~; a gcc-style gutter ("      |   ^~~") before the caret is accepted too
CARET_RE = re.compile(r"^[ \t]*(?:\d*[ \t]*\|)?[ \t]*\^~*[ \t]*$")
TIMEOUT = 60


def expectation(path: Path) -> tuple[int, str]:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = EXPECT_RE.match(first)
    assert m, f"{path.name}: first line must be '// expect: LINE: MESSAGE'"
    return int(m.group(1)), m.group(2)


def run_certa(certa, args, cwd) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([*certa, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"certa {' '.join(args)} took longer than {TIMEOUT} s")


def assert_clean_failure(r: subprocess.CompletedProcess):
    assert "Traceback" not in r.stderr, f"Python traceback reached the user:\n{r.stderr}"
    assert r.returncode == 1, f"exit status {r.returncode}, expected 1; stderr:\n{r.stderr}"
    assert r.stderr.strip(), "failure without a diagnostic on stderr"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rejected_with_diagnostic(path: Path, certa, tmp_path):
    line_no, message = expectation(path)
    source_line = path.read_text(encoding="utf-8").split("\n")[line_no - 1]
    out = tmp_path / "out.cm"
    r = run_certa(certa, ["cc", str(path), "-o", str(out)], tmp_path)
    err = r.stderr
    assert_clean_failure(r)
    assert f"{path.name}:{line_no}:" in err, f"position {path.name}:{line_no}: not in:\n{err}"
    assert message in err, f"message {message!r} not in:\n{err}"
    lines = err.splitlines()
    wanted = source_line.strip()
    shown = [i for i, l in enumerate(lines) if wanted in l]
    assert shown, f"source line {wanted!r} is not shown in:\n{err}"
    good_caret = False
    for i in shown:
        for caret_line in lines[i + 1:]:
            if CARET_RE.match(caret_line):
                col = caret_line.index("^")
                text = lines[i]
                if col < len(text) and not text[col].isspace():
                    good_caret = True
                break
    assert good_caret, f"no caret line pointing into the shown source line in:\n{err}"
    assert not out.exists(), "a failed compilation left an output file"


def test_every_reject_case_has_a_valid_header():
    assert len(CASES) >= 30
    for path in CASES:
        line_no, _ = expectation(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert 1 < line_no <= len(lines) and lines[line_no - 1].strip(), path.name


# ---- bad command-line input -------------------------------------------------------------

GOOD_C = "int main(void) { return 0; }\n"


def test_missing_input_file(certa, tmp_path):
    out = tmp_path / "out.cm"
    r = run_certa(certa, ["cc", "does_not_exist.c", "-o", str(out)], tmp_path)
    assert_clean_failure(r)
    assert "no such file" in r.stderr.lower()
    assert not out.exists()


def test_run_missing_input_file(certa, tmp_path):
    r = run_certa(certa, ["run", "does_not_exist.c"], tmp_path)
    assert_clean_failure(r)
    assert "no such file" in r.stderr.lower()


def test_unknown_option(certa, tmp_path):
    src = tmp_path / "ok.c"
    src.write_text(GOOD_C)
    out = tmp_path / "out.cm"
    r = run_certa(certa, ["cc", "--no-such-flag", str(src), "-o", str(out)], tmp_path)
    assert_clean_failure(r)
    assert "unknown option" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("content", [
    b"this is not a module\x00\x01\x02\xff" * 8,
    b"",
    b"\x7fELF" + b"\x00" * 12,
    b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 2,
], ids=["garbage", "empty", "truncated-elf", "corrupt-elf"])
def test_run_malformed_module(certa, tmp_path, content):
    mod = tmp_path / "x.cm"
    mod.write_bytes(content)
    r = run_certa(certa, ["run", str(mod)], tmp_path)
    assert_clean_failure(r)
    assert "MODFILE:" in r.stderr
