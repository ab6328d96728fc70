"""The `certa` command.

    certa cc FILE.c [-o OUT.cm] [-D NAME[=VALUE]] [-Werror=checks] [--emit-uncertified]
                                                     compile a C file to a certified module;
                                                     warns where a run-time check was inserted;
                                                     an error if it cannot be certified
    certa run FILE.cm|FILE.c|APP.toml [-- ARGS...]  kernel check, then run main(); exit status = main's;
                                                     APP.toml: a manifest (modules and their grants)
    certa check FILE.cm [--json]                     run the kernel on a module
    certa report FILE.c [-o REPORT.html]             the verification report (one HTML page)
    certa tcb                                        size of the trusted code
    certa --help | --version

Every failure is one message on stderr (with the source line and a caret when there is a
position) and exit status 1; a trap while running is exit status 70. No Python traceback
reaches the user: an unexpected internal error is reported as such, also with status 1.
"""
from __future__ import annotations

import os
import sys
import tempfile

USAGE = """usage: certa cc FILE.c [-o OUT.cm] [-D NAME[=VALUE]] [-Werror=checks] [--emit-uncertified]
       certa run FILE.cm|FILE.c|APP.toml [-- ARGS...]
       certa check FILE.cm [--json]
       certa report FILE.c [-o REPORT.html]
       certa tcb
       certa --help | --version"""

EXIT_TRAP = 70


class UsageError(Exception):
    pass


def fail(msg: str) -> int:
    print(f"certa: error: {msg}", file=sys.stderr)
    return 1


def parse_cc(args: list[str]) -> tuple[str, str, list[str], bool, bool]:
    src, out, defines, werror, uncertified = None, None, [], False, False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-o":
            if i + 1 >= len(args):
                raise UsageError("-o needs a file name")
            out = args[i + 1]
            i += 2
            continue
        if a.startswith("-D") and len(a) > 2:
            defines.append(a[2:])
        elif a == "-D":
            if i + 1 >= len(args):
                raise UsageError("-D needs a macro name")
            defines.append(args[i + 1])
            i += 1
        elif a.startswith("-o") and len(a) > 2:
            out = a[2:]
        elif a == "-Werror=checks":
            werror = True
        elif a == "--emit-uncertified":
            uncertified = True
        elif a.startswith("-") and a != "-":
            raise UsageError(f"unknown option '{a}'")
        elif src is None:
            src = a
        else:
            raise UsageError(f"more than one input file ('{src}' and '{a}')")
        i += 1
    if src is None:
        raise UsageError("no input file")
    if out is None:
        base = os.path.basename(src)
        out = (base[:-2] if base.endswith(".c") else base) + ".cm"
    return src, out, defines, werror, uncertified


def cmd_cc(args: list[str]) -> int:
    from certa.compiler.pipeline import compile_file
    from certa.diagnostics import CompileError
    from certa.compiler.pipeline import CHECK_WHAT, Report
    from certa.diagnostics import read_line
    src, out, defines, werror, uncertified = parse_cc(args)
    if not os.path.exists(src):
        return fail(f"no such file: {src}")
    report = Report()
    try:
        compile_file(src, out, defines, report, checks_are_errors=werror,
                     emit_uncertified=uncertified)
    except CompileError as e:
        print(e.format(), file=sys.stderr)
        return 1
    for w in report.warnings:
        print(w.format(), file=sys.stderr)
    seen = {(1, ln) for (_, ln) in (report.outcome.checked if report.outcome else {})}
    for kind, line, fn in report.checks:
        if (kind, line) in seen:
            continue
        seen.add((kind, line))
        print(f"{src}:{line}: warning: {CHECK_WHAT[kind]} is checked at run time "
              f"(its safety is not proven statically)", file=sys.stderr)
        text = read_line(src, line)
        if text is not None:
            print(f"{line:5d} | {text.rstrip()}", file=sys.stderr)
    for line, text in report.notes:
        print(f"{src}:{line}: warning: {text}", file=sys.stderr)
    bounds = sum(1 for k, _, _ in report.checks if k == 1)
    print(f"{src}: {report.proven_accesses} array access(es) proven, {bounds} checked at run time, "
          f"{len(report.checks) - bounds} division(s) checked; "
          + ("certificate: yes" if report.certified else
             f"certificate: not yet ({report.why_not or 'not supported'})"), file=sys.stderr)
    return 0


def cmd_run(args: list[str]) -> int:
    from certa.diagnostics import CompileError
    from certa.runtime import LoadError, Trap, load
    if "--" in args:
        k = args.index("--")
        args, prog_args = args[:k], args[k + 1:]
    else:
        args, prog_args = args[:1], args[1:]
    for a in args:
        if a.startswith("-"):
            raise UsageError(f"unknown option '{a}'")
    if len(args) != 1:
        raise UsageError("run needs exactly one module, C file or manifest")
    path = args[0]
    if not os.path.exists(path):
        return fail(f"no such file: {path}")
    tmpdir = None
    try:
        if path.endswith(".c"):
            from certa.compiler.pipeline import compile_file
            tmpdir = tempfile.TemporaryDirectory(prefix="certa-run-")
            module = os.path.join(tmpdir.name, os.path.basename(path)[:-2] + ".cm")
            try:
                compile_file(path, module)      # an error if it cannot be certified
            except CompileError as e:
                print(e.format(), file=sys.stderr)
                return 1
            path = module
        try:
            if path.endswith(".toml"):
                from certa.runtime import ManifestError, load_app
                try:
                    m = load_app(path)      # every module, each with exactly its grants
                except ManifestError as e:
                    print(f"{e}", file=sys.stderr)
                    return 1
            else:
                m = load(path)
        except LoadError as e:
            return fail(str(e))
        try:
            status = m.run_main([args[0]] + prog_args)
        except Trap as t:
            sys.stdout.flush()
            print(f"certa: {t}", file=sys.stderr)
            return EXIT_TRAP
        sys.stdout.flush()
        return status & 0xFF
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()


def trusted_lines() -> dict[str, int]:
    """Non-blank, non-comment lines of each trusted package."""
    import pathlib
    root = pathlib.Path(__file__).resolve().parent
    out = {}
    for pkg in ("kernel", "runtime"):
        n = 0
        for f in sorted((root / pkg).glob("*.py")):
            for line in f.read_text().splitlines():
                t = line.strip()
                if t and not t.startswith("#"):
                    n += 1
        out[pkg] = n
    return out


def cmd_report(args: list[str]) -> int:
    """certa report FILE.c [-o REPORT.html]: the verification report (one HTML page)."""
    from certa.compiler.report import report_data
    from certa.compiler.report_html import render
    out = None
    if "-o" in args:
        k = args.index("-o")
        if k + 1 >= len(args):
            raise UsageError("-o needs a file name")
        out = args[k + 1]
        args = args[:k] + args[k + 2:]
    if len(args) != 1 or args[0].startswith("-"):
        raise UsageError("report needs exactly one C file")
    src = args[0]
    if not os.path.exists(src):
        return fail(f"no such file: {src}")
    out = out or os.path.splitext(os.path.basename(src))[0] + ".html"
    data = report_data(src)
    try:
        with open(out, "w", encoding="utf-8") as f:
            f.write(render(data))
    except OSError as e:
        return fail(f"cannot write {out}: {e.strerror}")
    total = {k: sum(f[k] for f in data["functions"]) for k in ("proven", "checked", "rejected")}
    print(f"{out}: {data['verdict']}; accesses: {total['proven']} proven, {total['checked']} checked "
          f"at run time, {total['rejected']} rejected", file=sys.stderr)
    return 0 if data["certified"] else 1


def cmd_tcb(args: list[str]) -> int:
    if args:
        raise UsageError(f"unknown option '{args[0]}'")
    sizes = trusted_lines()
    print(f"kernel  (certa/kernel):  {sizes['kernel']:5d} lines")
    print(f"runtime (certa/runtime): {sizes['runtime']:5d} lines")
    print(f"trusted total:           {sum(sizes.values()):5d} lines (non-blank, non-comment)")
    return 0


def cmd_check(args: list[str]) -> int:
    import json
    from certa.kernel.check import check_module
    as_json = "--json" in args
    files = [a for a in args if a != "--json"]
    for a in files:
        if a.startswith("-"):
            raise UsageError(f"unknown option '{a}'")
    if len(files) != 1:
        raise UsageError("check needs exactly one module file")
    try:
        with open(files[0], "rb") as f:
            data = f.read()
    except OSError as e:
        return fail(f"cannot read {files[0]}: {e.strerror}")
    v = check_module(data)
    if as_json:
        print(json.dumps({k: getattr(v, k) for k in (
            "ok", "reason", "function", "offset", "instruction", "line", "functions",
            "instructions", "obligations", "code_bytes", "cert_bytes", "seconds")}))
    elif v.ok:
        ratio = v.cert_bytes / v.code_bytes if v.code_bytes else 0.0
        print(f"{files[0]}: accepted: {v.functions} functions, {v.instructions} instructions, "
              f"{v.obligations} obligations, certificate {v.cert_bytes} bytes "
              f"({ratio:.2f} of code), {v.seconds * 1000:.1f} ms")
    else:
        print(f"{files[0]}: rejected: {v.message()}", file=sys.stderr)
    return 0 if v.ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 1
    if argv[0] == "--version":
        from importlib.metadata import version
        print(f"certa {version('certa')}")
        return 0
    commands = {"cc": cmd_cc, "run": cmd_run, "check": cmd_check, "tcb": cmd_tcb,
                "report": cmd_report}
    cmd = commands.get(argv[0])
    try:
        if cmd is None:
            raise UsageError(f"unknown command '{argv[0]}'" if not argv[0].startswith("-")
                             else f"unknown option '{argv[0]}'")
        return cmd(argv[1:])
    except UsageError as e:
        print(f"certa: error: {e}\n{USAGE}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # an internal error must still be one clear message
        return fail(f"internal error: {type(e).__name__}: {e}")
