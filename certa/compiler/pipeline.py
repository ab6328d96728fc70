"""The compiler, top to bottom: C source in, module file out.

    preprocess  -> Source        (comments and annotations out, macros expanded)
    parse       -> pycparser AST (user file, then Certa's libc)
    typecheck   -> tast.Program  (types, conversions, subset checks, printf lowering)
    codegen     -> ModuleImage   (machine code, data, symbols, interface; fat pointers,
                                  run-time checks, memory types: memtypes.py)
    certgen     -> skeleton      (contracts, frame areas, candidate cut-point assertions)
    certify     -> certificate   (infer: Houdini over the candidates with the kernel's own
                                  walker; then a proof for every obligation)
    write       -> ELF64 bytes   (certa/compiler/module_writer.py)

Every failure is a `CompileError` with a position; nothing is written unless every pass
succeeded.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from pycparser import c_parser

from dataclasses import dataclass, field, replace

from certa.compiler import verify
from certa.compiler.annotations import Annotations
from certa.compiler.certgen import skeleton
from certa.compiler.certify import certify, infer
from certa.compiler.codegen import ModuleGen, needs_wrapper, pointer_params
from certa.compiler.module_writer import write_module
from certa.compiler.preprocess import Source, preprocess
from certa.compiler.typecheck import Checker
from certa.diagnostics import CompileError, read_line, source_column
from certa.kernel.check import CertError
from certa.kernel.decode import DecodeError
from certa.kernel.modfile import MAX_BSS, MAX_FILE, MAX_NAME, ModuleImage
from certa.kernel.symexec import Reject

LIBC = Path(__file__).resolve().parent.parent / "libc" / "libc.c"
CHECK_WHAT = {1: "this array access", 3: "this division"}
_PARSE_ERROR = re.compile(r"^(.*?):(\d+):(\d+): (.*)$", re.S)


def parse(src: Source):
    parser = c_parser.CParser()
    try:
        return parser.parse(src.text, src.path)
    except c_parser.ParseError as e:
        m = _PARSE_ERROR.match(str(e))
        if not m:
            # Some pycparser errors carry no position: use the token it stopped at.
            msg = str(e).split(": ", 1)[-1]
            tok = None
            try:
                tok = parser._peek()
                coord = parser._tok_coord(tok) if tok is not None else None
            except Exception:
                coord = None
            if coord is None or not coord.line:
                raise CompileError(f"syntax error: {msg}", src.path) from None
            near = f" before '{tok.value}'" if tok is not None else ""
            m = _PARSE_ERROR.match(f"{coord.file}:{coord.line}:{coord.column}: ({msg.lower()}){near}")
        file, line, col, msg = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
        original = read_line(file, line) or ""
        col = source_column(original, src.lines.get((file, line)), col)
        if re.search(r"\b(asm|__asm__|__asm)\b", original):
            raise CompileError("inline assembly is not supported", file, line, col) from None
        if re.search(r"\bgoto\b", original):
            raise CompileError("goto is not supported", file, line, col) from None
        msg = msg.strip()
        if msg.startswith("before: "):
            msg = f"before '{msg[8:]}'"
        raise CompileError(f"syntax error {msg}", file, line, col) from None


@dataclass
class Report:
    """What `certa cc` tells the user besides errors."""
    checks: list = field(default_factory=list)     # (kind, line, function): inserted checks
    proven_accesses: int = 0
    certified: bool = False
    why_not: str = ""                              # when there is no certificate
    notes: list = field(default_factory=list)      # (line, warning text)
    warnings: list = field(default_factory=list)   # CompileError(severity="warning"), with carets
    outcome: object = None                         # verify.Outcome (for `certa report`)
    annotations: object = None                     # annotations.Annotations or None


# What a module may hold (certa/kernel/modfile.py refuses more) and what fits the 16 MiB
# stack of a module: checked here so that the user gets a diagnostic, not a refusal later.
MAX_FRAME = 8 << 20
MAX_STATIC = MAX_BSS // 2


def compile_image(path: str, defines: list[str] | None = None,
                  report: Report | None = None) -> ModuleImage:
    try:
        return _compile_image(path, defines, report)
    except RecursionError:
        raise CompileError("the program nests too deeply (expressions, statements or types) "
                           "for the compiler", path) from None


def check_limits(program, path: str) -> None:
    """Objects and frames the module format and the stack can hold, names it can spell."""
    total = 0
    for g in program.globals:
        total += g.type.size
        if g.type.size > MAX_STATIC or total > MAX_STATIC:
            raise CompileError(f"global '{g.name}' does not fit: at most {MAX_STATIC} bytes of "
                               "global data in a module", path, g.line)
        if len(g.name) > MAX_NAME:
            raise CompileError(f"the name '{g.name[:32]}...' is longer than {MAX_NAME} characters",
                               path, g.line)
    for f in program.functions:
        if len(f.name) > MAX_NAME - len("__certa_fat_"):
            raise CompileError(f"the name '{f.name[:32]}...' is too long (at most "
                               f"{MAX_NAME - len('__certa_fat_')} characters)", path, f.line)
        frame = sum(v.type.size for v in f.params + f.locals)
        if frame > MAX_FRAME:
            raise CompileError(f"function '{f.name}' needs {frame} bytes of locals; a module's "
                               f"stack holds at most {MAX_FRAME} per function", path, f.line)


def _compile_image(path: str, defines: list[str] | None, report: Report | None) -> ModuleImage:
    user = preprocess(path, defines)
    checker = Checker()
    checker.check_unit(parse(user), user, library=False)
    lib = preprocess(str(LIBC))
    checker.check_unit(parse(lib), lib, library=True)
    program = checker.program(path)
    check_limits(program, path)
    annots = Annotations(program).read() if program.annotations else None
    if report is not None:
        report.notes += unbounded_exports(program, annots)
    outcome = verify.build(program, annots, certificate)
    image, gen = outcome.image, outcome.gen
    if report is not None:
        report.checks = gen.checks
        report.proven_accesses = gen.proven_accesses + len(gen.elided)
        report.certified, report.why_not = bool(outcome.cert), outcome.why_not
        report.outcome, report.annotations = outcome, annots
        if annots is not None:
            report.warnings += annots.warnings + unused_parts(outcome.sources)
        report.warnings += checked_accesses(outcome, path)
    return replace(image, cert=outcome.cert)


def unused_parts(sources) -> list:
    """A warning for each part of a clause that is neither required nor assumed."""
    out, seen = [], set()
    for clause, low in sources.lowered:
        for node, reason in low.unused:
            key = (node.pos.file, node.pos.line, node.pos.col)
            if key in seen:
                continue
            seen.add(key)
            out.append(CompileError(f"not used for proofs: {reason}", *key, severity="warning",
                                    notes=["this part is neither checked nor assumed"]))
    return out


def checked_accesses(outcome, path: str) -> list:
    """A warning for each access in an annotated function that keeps its run-time check,
    saying what was missing and which annotation would supply it."""
    out = []
    for (fname, line), why in sorted(outcome.checked.items(), key=lambda kv: kv[0][1]):
        notes = []
        if why["known"]:
            notes.append("known here: " + ", ".join(why["known"]))
        if why["suggestion"]:
            notes.append(why["suggestion"])
        what = why["need"] or f"cannot prove {why['goal']}"
        out.append(CompileError(f"{why['text']} is checked at run time: {what}", path, line,
                                why["col"], notes=notes, severity="warning"))
    return out


def unbounded_exports(program, annots=None) -> list:
    """Exported functions (not static, not main) with pointer parameters: without a contract
    saying how much memory each points to, a caller outside the module (the runtime) can
    pass only NULL there, so every access through them traps. The user should know."""
    out = []
    for f in program.functions:
        bounded = annots.wrapper_bounds(f) if annots is not None else {}
        if needs_wrapper(f) and f.name != "main" and not all(i in bounded for i in pointer_params(f)):
            names = ", ".join(f.params[i].name for i in pointer_params(f) if i not in bounded)
            out.append((f.line, f"exported function '{f.name}': pointer parameter(s) {names} have "
                        "no contract, so callers outside this module can pass only NULL; make it "
                        "static if only this module calls it, or give it a contract such as "
                        "/*@ requires \\valid(p + (0..n-1)); */"))
    return out


def certificate(image: ModuleImage, sk: dict) -> tuple[bytes, str]:
    """The module's certificate, or empty bytes and the reason when the compiler cannot
    prove it safe yet (the kernel will then refuse the module)."""
    try:
        data, failures = certify(image, infer(image, sk), stop_at_first=True)
    except (Reject, CertError, DecodeError) as e:
        return b"", f"{str(e)}{where(image, getattr(e, 'offset', None))}"
    if failures:
        f = failures[0]
        why = f"in {f.function}: cannot prove {f.obligation.what}{where(image, f.obligation.offset)}"
        if str((1 << 63) - 1) in why or str((1 << 47) - ((1 << 63) - 1)) in why:
            why += " (a pointer read from stack memory, or one moved inside memory, has no bounds " \
                   "the kernel can check)"
        return b"", why
    return data, ""


def where(image: ModuleImage, offset: int | None) -> str:
    """' (line N)' for a .text offset the line table knows."""
    if offset is None:
        return ""
    line = next((ln for off, ln in reversed(image.lines) if off <= offset and ln), None)
    return f" (line {line})" if line else ""


def compile_file(src_path: str, out_path: str, defines: list[str] | None = None,
                 report: Report | None = None, checks_are_errors: bool = False,
                 emit_uncertified: bool = False) -> ModuleImage:
    """Compile `src_path` and write the module to `out_path` (atomically: on any error
    nothing is written). A program the compiler cannot certify is an error (the loader would
    refuse the module) unless `emit_uncertified`. With `checks_are_errors`, an inserted
    run-time check is an error."""
    report = report if report is not None else Report()
    image = compile_image(src_path, defines, report)
    if not report.certified and not emit_uncertified:
        m = re.search(r" \(line (\d+)\)", report.why_not)
        raise CompileError(f"cannot certify this program: {report.why_not or 'not supported'}",
                           src_path, int(m.group(1)) if m else 0,
                           notes=["the loader runs only modules the kernel accepts; "
                                  "--emit-uncertified writes the module anyway (for objdump or "
                                  "certa check), but it will not load"])
    if checks_are_errors and report.checks:
        kind, line, fn = report.checks[0]
        raise CompileError(f"{CHECK_WHAT[kind]} needs a run-time check (-Werror=checks)", src_path, line,
                           notes=[f"{len(report.checks)} run-time check(s) in all; "
                                  "prove the bound (e.g. a loop `for (i = 0; i < N; i++)` over an "
                                  "array of N elements) or drop -Werror=checks"])
    data = write_module(image)
    if len(data) > MAX_FILE:
        raise CompileError(f"the module would be {len(data)} bytes; at most {MAX_FILE}", src_path)
    out_dir = os.path.dirname(os.path.abspath(out_path))
    try:
        fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".certa-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out_path)
    except OSError as e:
        raise CompileError(f"cannot write {out_path}: {e.strerror}") from None
    return image
