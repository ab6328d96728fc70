"""The `certa` command.

    certa cc FILE.c [-o OUT.cm] [-D NAME[=VALUE]]   compile a C file to a module
    certa run FILE.cm|FILE.c [-- ARGS...]           load and run main(); exit status = main's
    certa --help | --version

Every failure is one message on stderr (with the source line and a caret when there is a
position) and exit status 1; a trap while running is exit status 70. No Python traceback
reaches the user: an unexpected internal error is reported as such, also with status 1.
"""
from __future__ import annotations

import os
import sys
import tempfile

USAGE = """usage: certa cc FILE.c [-o OUT.cm] [-D NAME[=VALUE]]
       certa run FILE.cm|FILE.c [-- ARGS...]
       certa --help | --version"""

EXIT_TRAP = 70


class UsageError(Exception):
    pass


def fail(msg: str) -> int:
    print(f"certa: error: {msg}", file=sys.stderr)
    return 1


def parse_cc(args: list[str]) -> tuple[str, str, list[str]]:
    src, out, defines = None, None, []
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
    return src, out, defines


def cmd_cc(args: list[str]) -> int:
    from certa.compiler.pipeline import compile_file
    from certa.diagnostics import CompileError
    src, out, defines = parse_cc(args)
    if not os.path.exists(src):
        return fail(f"no such file: {src}")
    try:
        compile_file(src, out, defines)
    except CompileError as e:
        print(e.format(), file=sys.stderr)
        return 1
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
        raise UsageError("run needs exactly one module or C file")
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
                compile_file(path, module)
            except CompileError as e:
                print(e.format(), file=sys.stderr)
                return 1
            path = module
        try:
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 1
    if argv[0] == "--version":
        from importlib.metadata import version
        print(f"certa {version('certa')}")
        return 0
    commands = {"cc": cmd_cc, "run": cmd_run}
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
