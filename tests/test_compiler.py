"""The compiler's own guarantees beyond output equality: annotations kept with positions,
carets mapped through the preprocessor, ELF modules that binutils read, exported functions
callable from Python, traps reported with the function and line."""
from __future__ import annotations

import subprocess
import textwrap

import pytest

from certa.compiler.pipeline import compile_file, compile_image
from certa.compiler.preprocess import preprocess, strip_comments
from certa.diagnostics import CompileError, source_column
from certa.runtime import Trap, load


def write(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def test_annotations_are_kept_with_their_positions(tmp_path):
    src = write(tmp_path, "a.c", """\
        /*@ requires n >= 0;
            ensures \\result >= 0; */
        int f(int n) {
          int s = 0; //@ assert s == 0;
          /* plain comment */ return s + n;
        }
        """)
    s = preprocess(str(src))
    got = [(a.line, a.col, a.text.strip()) for a in s.annotations]
    assert got == [(1, 1, "requires n >= 0;\n    ensures \\result >= 0;"),
                   (4, 14, "assert s == 0;")]
    assert "requires" not in s.text and "plain comment" not in s.text


def test_strip_comments_keeps_strings_and_line_count():
    text = 'char *s = "/* not a comment */"; /* c\n c */ int x; // y\n'
    out, notes = strip_comments(text, "x.c")
    assert out.count("\n") == text.count("\n")
    assert '"/* not a comment */"' in out and "int x;" in out and notes == []


def test_unterminated_comment_is_an_error(tmp_path):
    src = write(tmp_path, "u.c", "int x; /* never closed\n")
    with pytest.raises(CompileError, match="unterminated comment") as e:
        preprocess(str(src))
    assert e.value.line == 1 and e.value.col == 8


def test_source_column_maps_through_collapsed_blanks():
    original = "int   f(int a) {  return a  +   N; }"
    preprocessed = "int f(int a) { return a + 3; }"
    col = preprocessed.index("3") + 1
    assert original[source_column(original, preprocessed, col) - 1] == "N"
    col = preprocessed.index("return") + 1
    assert original[source_column(original, preprocessed, col) - 1:].startswith("return")


def test_caret_points_at_the_culprit_after_macros(tmp_path):
    src = write(tmp_path, "m.c", """\
        #define N 10
        int main(void) {
            int    a[N];   double  d = 1;
            return 0;
        }
        """)
    with pytest.raises(CompileError) as e:
        compile_image(str(src))
    err = e.value
    line = err.format().splitlines()
    assert err.line == 3 and "floating-point" in err.message
    assert line[1].endswith("int    a[N];   double  d = 1;")
    caret = line[2].index("^") - line[2].index("|") - 2
    assert line[1][line[1].index("|") + 2 + caret:].startswith("double")


def test_module_is_elf_that_binutils_read(tmp_path):
    src = write(tmp_path, "p.c", """\
        #include <stdio.h>
        static int twice(int x) { return 2 * x; }
        int main(void) { printf("%d\\n", twice(21)); return 0; }
        """)
    out = tmp_path / "p.cm"
    compile_file(str(src), str(out))
    dis = subprocess.run(["objdump", "-d", str(out)], capture_output=True, text=True, check=True)
    for name in ("<main>:", "<twice>:", "<__certa_print_int>:", "<__certa_write>"):
        assert name in dis.stdout, name
    elf = subprocess.run(["readelf", "-a", "-W", str(out)], capture_output=True, text=True)
    assert elf.returncode == 0 and elf.stderr == "" and "Warning" not in elf.stdout
    for section in (".text", ".rodata", ".data", ".bss", ".certa.iface", ".certa.cert"):
        assert section in elf.stdout


def test_exported_functions_are_callable_from_python(tmp_path):
    src = write(tmp_path, "lib.c", """\
        unsigned char low(unsigned x) { return x; }
        long mix(int a, long b, short c) { return a * b - c; }
        int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
        static int hidden(void) { return 1; }
        int uses_hidden(void) { return hidden() + 1; }
        """)
    out = tmp_path / "lib.cm"
    compile_file(str(src), str(out))
    m = load(str(out))
    assert m.call("low", 0x1234) == 0x34
    assert m.call("mix", -3, 1 << 40, 7) == -3 * (1 << 40) - 7
    assert m.call("fact", 10) == 3628800
    assert m.call("uses_hidden") == 2
    with pytest.raises(Exception, match="hidden"):
        m.call("hidden")
    with pytest.raises((TypeError, ValueError)):
        m.call("low", -1)   # out of range for unsigned int


def test_trap_names_function_and_line(tmp_path):
    src = write(tmp_path, "t.c", """\
        #include <assert.h>
        int check(int x) {
            assert(x > 0);
            return x;
        }
        int divide(int a, int b) {
            return a / b;
        }
        """)
    out = tmp_path / "t.cm"
    compile_file(str(src), str(out))
    m = load(str(out))
    assert m.call("check", 5) == 5
    with pytest.raises(Trap) as e:
        m.call("check", 0)
    assert e.value.kind == "assert" and e.value.line == 3 and e.value.function == "check"
    with pytest.raises(Trap) as e:
        m.call("divide", 1, 0)
    assert e.value.kind == "divide" and e.value.function == "divide" and e.value.line == 7
    assert m.call("divide", 9, 3) == 3       # the module is usable after a trap


def test_cli_trap_exit_status(tmp_path, certa):
    src = write(tmp_path, "deep.c", """\
        int down(int n) { int pad[64]; pad[n & 63] = n; return down(n + 1) + pad[0]; }
        int main(void) { return down(0); }
        """)
    r = subprocess.run(certa + ["run", str(src)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 70
    assert "trap in" in r.stderr and "down" in r.stderr and "Traceback" not in r.stderr


def test_inserted_checks_are_reported_and_can_be_errors(tmp_path, certa):
    src = write(tmp_path, "w.c", """\
        int a[8];
        int get(int i) { return a[i]; }
        int sum(void) { int s = 0; for (int i = 0; i < 8; i++) s += a[i]; return s; }
        int div(int x, int y) { return x / y; }
        """)
    out = tmp_path / "w.cm"
    r = subprocess.run(certa + ["cc", str(src), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0 and out.exists()
    assert f"{src}:2: warning: this array access is checked at run time" in r.stderr
    assert f"{src}:4: warning: this division is checked at run time" in r.stderr
    assert "int get(int i) { return a[i]; }" in r.stderr              # the source line
    assert "1 array access(es) proven, 1 checked at run time, 1 division(s) checked" in r.stderr
    strict = tmp_path / "strict.cm"
    r = subprocess.run(certa + ["cc", "-Werror=checks", str(src), "-o", str(strict)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and not strict.exists()
    assert f"{src}:2: error: this array access needs a run-time check (-Werror=checks)" in r.stderr


def test_counted_loops_compile_under_werror_checks(tmp_path, certa):
    src = write(tmp_path, "ok.c", """\
        int a[8][4];
        int main(void) {
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 4; j++)
                    a[i][j] = i + j;
            return a[7][3];
        }
        """)
    out = tmp_path / "ok.cm"
    r = subprocess.run(certa + ["cc", "-Werror=checks", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr and "certificate: yes" in r.stderr
    r = subprocess.run(certa + ["check", str(out)], capture_output=True, text=True)
    assert r.returncode == 0 and "accepted" in r.stdout


def test_exported_pointer_parameters_without_a_contract_are_reported(tmp_path, certa):
    src = write(tmp_path, "x.c", """\
        static int first(const int *a) { return a[0]; }
        int sum(const int *a, int n, char *out) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s + first(a); }
        int main(void) { int x[3] = {1, 2, 3}; char c; return sum(x, 3, &c); }
        """)
    r = subprocess.run(certa + ["cc", str(src), "-o", str(tmp_path / "x.cm")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (f"{src}:2: warning: exported function 'sum': pointer parameter(s) a, out have no "
            "contract, so callers outside this module can pass only NULL") in r.stderr
    assert "'first'" not in r.stderr and "'main'" not in r.stderr


def test_a_program_that_cannot_be_certified_is_an_error(tmp_path, certa):
    """A pointer to a stack object stored in memory has no bounds the kernel can check."""
    src = write(tmp_path, "u.c", """\
        int main(void) {
            int x = 1;
            int *p = &x;
            int **pp = &p;
            return **pp;
        }
        """)
    out = tmp_path / "u.cm"
    r = subprocess.run(certa + ["cc", str(src), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 1 and not out.exists()
    assert f"{src}:" in r.stderr and "error: cannot certify this program:" in r.stderr
    assert "--emit-uncertified" in r.stderr
    r = subprocess.run(certa + ["cc", "--emit-uncertified", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and out.exists() and "certificate: not yet" in r.stderr
    r = subprocess.run(certa + ["run", str(out)], capture_output=True, text=True)
    assert r.returncode == 1 and "refused by the kernel: CERT: the certificate is missing" in r.stderr
