"""Preprocessed source: comments out, annotations kept aside, macros expanded by the system cpp.

What this pass produces: a `Source` holding the preprocessed text (with `# line` markers that
pycparser follows), the ACSL annotations found in `/*@ ... */` and `//@` comments with their
original positions (a later pass parses them), and a map from (file, line) to the
preprocessed text of that line, used to put carets in the right column.

Only Certa's own headers (certa/include) are visible: `-nostdinc` keeps every system header
away from pycparser, and including anything else is a clear error.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from certa.diagnostics import CompileError

INCLUDE_DIR = Path(__file__).resolve().parent.parent / "include"


@dataclass(frozen=True)
class Annotation:
    file: str
    line: int
    col: int
    text: str       # the comment's body after the '@'
    statement: bool = False     # an assert or loop annotation: a marker stands in its place


# Statement annotations (assert, loop ...) must be attached to a point in a block, which only
# the parser knows: the comment is replaced by the statement `__certa_annot_K;` (K: the
# annotation's index), which the type checker turns back into the annotation. Contracts and
# logic definitions are attached by position instead (annotations.py).
MARKER = "__certa_annot_"
_STATEMENT = re.compile(r"^[\s@]*(loop|assert|check)\b")


@dataclass
class Source:
    path: str
    text: str                                   # preprocessed
    annotations: list[Annotation]
    lines: dict[tuple[str, int], str] = field(default_factory=dict)


def strip_comments(text: str, path: str) -> tuple[str, list[Annotation]]:
    """Replace every comment by blanks (keeping newlines, so positions do not move) and
    collect the annotation comments."""
    out = list(text)
    notes: list[Annotation] = []

    def note(at: int, line: int, col: int, body: str) -> None:
        statement = _STATEMENT.match(body) is not None
        if statement:
            out[at] = f"{MARKER}{len(notes)};"
        notes.append(Annotation(path, line, col, body, statement))
    i, n, line, line_start = 0, len(text), 1, 0
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            line_start = i + 1
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CompileError("unterminated comment", path, line, i - line_start + 1)
            body = text[i + 2:end]
            for k in range(i, end + 2):
                if out[k] != "\n":
                    out[k] = " "
            if body.startswith("@"):
                note(i, line, i - line_start + 1, body[1:])
            line += body.count("\n")
            if "\n" in body:
                line_start = i + 2 + body.rfind("\n") + 1
            i = end + 2
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            body = text[i + 2:end]
            for k in range(i, end):
                out[k] = " "
            if body.startswith("@"):
                note(i, line, i - line_start + 1, body[1:])
            i = end
        else:
            i += 1
    return "".join(out), notes


_CPP_ERROR = re.compile(r"^(.*?):(\d+):(\d+): (?:fatal )?error: (.*)$", re.M)
_MARKER = re.compile(r'^# (\d+) "((?:\\.|[^"\\])*)"')


def preprocess(path: str, defines: list[str] | None = None) -> Source:
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CompileError(f"no such file: {path}") from None
    except OSError as e:
        raise CompileError(f"cannot read {path}: {e.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CompileError(f"{path} is not UTF-8 text (byte {e.start})") from None
    blanked, notes = strip_comments(text, path)
    cmd = ["gcc", "-E", "-x", "c", "-std=c11", "-nostdinc", "-undef", "-D__CERTA__=1",
           "-I", str(INCLUDE_DIR)]
    cmd += [f"-D{d}" for d in defines or []]
    cmd += ["-"]
    proc = subprocess.run(cmd, input=blanked.encode(), capture_output=True,
                          cwd=os.path.dirname(os.path.abspath(path)) or ".")
    stderr = proc.stderr.decode(errors="replace").replace("<stdin>", path)
    if proc.returncode != 0:
        m = _CPP_ERROR.search(stderr)
        if not m:
            raise CompileError(f"preprocessor failed: {stderr.strip()}", path)
        msg = m.group(4)
        missing = re.match(r"(.+?): No such file or directory", msg)
        if missing:
            msg = f"header <{missing.group(1)}> is not available (Certa ships stdio.h, " \
                  "stdlib.h, string.h, stdint.h, stddef.h, stdbool.h, limits.h, assert.h)"
        raise CompileError(msg, m.group(1), int(m.group(2)), int(m.group(3)))
    out = proc.stdout.decode().replace('"<stdin>"', '"' + path.replace("\\", "\\\\") + '"')
    lines: dict[tuple[str, int], str] = {}
    cur_file, cur_line = path, 1
    for text_line in out.split("\n"):
        m = _MARKER.match(text_line)
        if m:
            cur_line, cur_file = int(m.group(1)), m.group(2)
            continue
        lines[(cur_file, cur_line)] = text_line
        cur_line += 1
    return Source(path, out, notes, lines)
