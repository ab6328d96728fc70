"""Diagnostics for users: one error type and one formatter.

Every error a user can cause in the compiler is a `CompileError` carrying a file, line,
column and message; `format()` renders it chibicc-style:

    prog.c:3:5: error: floating-point types are not supported
        3 |     float x = 1.0;
          |     ^

Columns from pycparser refer to the preprocessed text, where the preprocessor has collapsed
runs of blanks. `source_column()` maps them back to the original line by matching tokens, so
the caret sits under the culprit in the file the user wrote.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"""[A-Za-z_]\w*|\d[\w.]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\S""")


class CompileError(Exception):
    """A diagnostic with a source position (line/col may be 0 when there is none)."""

    def __init__(self, message: str, file: str = "", line: int = 0, col: int = 0,
                 source_line: str | None = None, notes: list[str] | None = None,
                 severity: str = "error"):
        super().__init__(message)
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.source_line = source_line
        self.notes = notes or []

    def format(self) -> str:
        where = self.file or "certa"
        if self.line:
            where += f":{self.line}:{self.col or 1}" if self.col else f":{self.line}"
        out = [f"{where}: {self.severity}: {self.message}"]
        text = self.source_line
        if text is None and self.file and self.line:
            text = read_line(self.file, self.line)
        if text is not None and self.line:
            text = text.rstrip("\n").expandtabs(1)
            gutter = f"{self.line:5d} | "
            out.append(gutter + text)
            col = max(1, self.col or 1)
            out.append(" " * (len(gutter) - 2) + "| " + " " * (col - 1) + "^")
        out.extend(f"note: {n}" for n in self.notes)
        return "\n".join(out)

    def __str__(self) -> str:
        return self.format()


def read_line(path: str, line: int) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text
    except OSError:
        return None
    return None


def source_column(original: str | None, preprocessed: str | None, col: int) -> int:
    """Map a 1-based column in a preprocessed line to the same token in the original line."""
    if not original or not preprocessed or col <= 0:
        return col
    pre_tokens = [(m.start() + 1, m.group()) for m in _TOKEN.finditer(preprocessed)]
    org_tokens = [(m.start() + 1, m.group()) for m in _TOKEN.finditer(original)]
    for k, (start, tok) in enumerate(pre_tokens):
        if start >= col or start + len(tok) > col:
            # Same tokens before this one: the k-th original token is the culprit (it may
            # be a macro name whose expansion the preprocessed line shows).
            if k < len(org_tokens) and all(
                    pre_tokens[j][1] == org_tokens[j][1] for j in range(k)):
                return org_tokens[k][0]
            # Macro expansion changed the tokens: fall back to the first occurrence.
            pos = original.find(tok)
            return pos + 1 if pos >= 0 else col
    return col
