"""ACSL annotations, parsed into a small AST whose every node knows where it was written.

What this module produces: `parse_annotation(ann)` turns one annotation comment collected by
the preprocessor (`/*@ ... */` or `//@ ...`) into a list of items: one function `Contract`,
one `LoopAnnot`, one or more `Assert`s, or one or more `LogicDef`s. Every node is a frozen
dataclass carrying a `Pos` in the ORIGINAL file (the start of the construct), so later
passes can put a caret under the exact token they complain about.

What it guarantees:
  * For ANY input string the result is either a list of items or a `CompileError` whose
    message starts with "annotation: " and whose line/column is the offending token inside
    the comment; no other exception escapes (no IndexError, ValueError, RecursionError).
  * Syntactic nesting deeper than `MAX_NESTING` is rejected, which also bounds the height of
    the trees, so recursive consumers (`show`, `free_vars`, `==`, `repr`) are safe.
  * Terms and predicates share one `Expr` type: ACSL separates them, but this pass does no
    typing; the consumer checks that a predicate is where a predicate belongs.

The accepted subset:
  * contracts: `requires`, `ensures`, `assigns` (`\\nothing` or locations), `terminates`,
    `decreases`, and named behaviors (`behavior b: assumes ...; requires ...; ...`) with
    `complete behaviors` / `disjoint behaviors`; clauses may be named (`requires pos: ...`);
  * loop annotations: `loop invariant`, `loop assigns`, at most one `loop variant`;
  * `assert P;` and `check P;`;
  * `predicate NAME(params) = P;` and `logic TYPE NAME(params) = t;`;
  * expressions: integer and character literals, `\\true`/`\\false`, `\\result`, `\\null`,
    `\\old`, `\\at` with the standard labels, C operators, `==>`, `<==>`, `^^`, chained
    comparisons (`0 <= i < n`), `?:`, casts to logic and C types, `\\forall`, `\\exists`,
    `\\let`, ranges `(lo..hi)` and `a[lo..hi]`, applications of user predicates and logic
    functions, and the built-ins listed in `BUILTIN_ARITY`.
Everything else gets a clear error: ghost code, global and type invariants, inductive and
axiomatic definitions, lemmas, logic labels (`{L}`), `for b:` clauses, `loop variant ... for
R`, `\\from`, real and string literals, and unknown clauses (with a "did you mean" hint).

Casts are recognised only for type keywords (`int`, `integer`, `struct S`, `size_t`, ...):
`(T) x` with a typedef name `T` would be ambiguous with a parenthesised variable. Binders and
logic parameters do accept typedef names, since there the syntax decides.

The module uses only the standard library: it runs in the untrusted compiler, but it is
simple enough to read in one sitting.
"""
from __future__ import annotations

import contextlib
import difflib
import sys
from dataclasses import dataclass
from typing import Union

from certa.compiler.preprocess import Annotation
from certa.diagnostics import CompileError

MAX_NESTING = 200


# -- the AST ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pos:
    file: str
    line: int
    col: int


@dataclass(frozen=True)
class TypeName:
    pos: Pos
    base: str           # 'integer', 'boolean', 'real', a normalised C type, 'struct S', a typedef
    pointers: int = 0


@dataclass(frozen=True)
class Binder:
    pos: Pos            # the bound name (several binders may share one written type)
    type: TypeName
    name: str


@dataclass(frozen=True)
class Int:
    pos: Pos
    value: int


@dataclass(frozen=True)
class Bool:
    pos: Pos
    value: bool


@dataclass(frozen=True)
class Var:
    pos: Pos
    name: str


@dataclass(frozen=True)
class Result:
    pos: Pos


@dataclass(frozen=True)
class Null:
    pos: Pos


@dataclass(frozen=True)
class Old:
    pos: Pos
    expr: "Expr"


@dataclass(frozen=True)
class At:
    pos: Pos
    expr: "Expr"
    label: str


@dataclass(frozen=True)
class Unary:
    pos: Pos
    op: str
    operand: "Expr"


@dataclass(frozen=True)
class Binary:
    pos: Pos
    op: str
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True)
class Cond:
    pos: Pos
    cond: "Expr"
    then: "Expr"
    other: "Expr"


@dataclass(frozen=True)
class Index:
    pos: Pos
    base: "Expr"
    index: "Expr"


@dataclass(frozen=True)
class Member:
    pos: Pos
    base: "Expr"
    name: str
    arrow: bool


@dataclass(frozen=True)
class Call:
    pos: Pos
    name: str
    args: tuple


@dataclass(frozen=True)
class Builtin:
    pos: Pos
    name: str           # with its backslash: '\\valid'
    args: tuple


@dataclass(frozen=True)
class Range:
    pos: Pos
    lo: "Expr | None"
    hi: "Expr | None"


@dataclass(frozen=True)
class Cast:
    pos: Pos
    type: TypeName
    expr: "Expr"


@dataclass(frozen=True)
class Quant:
    pos: Pos
    kind: str           # '\\forall' or '\\exists'
    binders: tuple
    body: "Expr"


@dataclass(frozen=True)
class Let:
    pos: Pos
    name: str
    value: "Expr"
    body: "Expr"


Expr = Union[Int, Bool, Var, Result, Null, Old, At, Unary, Binary, Cond, Index, Member, Call,
             Builtin, Range, Cast, Quant, Let]


@dataclass(frozen=True)
class Clause:
    pos: Pos
    kind: str           # requires ensures assumes assert check invariant variant terminates
    expr: "Expr | None"  # decreases; None for 'complete behaviors' / 'disjoint behaviors'
    names: tuple = ()   # clause names; the behavior names for complete/disjoint


@dataclass(frozen=True)
class Assigns:
    pos: Pos
    kind: str           # 'assigns' or 'loop assigns'
    targets: tuple      # () for \nothing


@dataclass(frozen=True)
class Behavior:
    pos: Pos
    name: str
    clauses: tuple


@dataclass(frozen=True)
class Contract:
    pos: Pos
    clauses: tuple      # Clause, Assigns and Behavior in source order


@dataclass(frozen=True)
class LoopAnnot:
    pos: Pos
    clauses: tuple


@dataclass(frozen=True)
class Assert:
    pos: Pos
    clause: Clause


@dataclass(frozen=True)
class LogicDef:
    pos: Pos
    kind: str           # 'predicate' or 'logic'
    name: str
    ret: "TypeName | None"
    params: tuple
    body: "Expr"


Item = Union[Contract, LoopAnnot, Assert, LogicDef]


# -- vocabulary ---------------------------------------------------------------------------
LABELS = ("Pre", "Here", "Old", "Post", "LoopEntry", "LoopCurrent", "Init")

# Built-in name -> (min args, max args or None).
BUILTIN_ARITY = {
    "\\valid": (1, None), "\\valid_read": (1, None), "\\separated": (1, None),
    "\\initialized": (1, None), "\\abs": (1, 1), "\\max": (2, 2), "\\min": (2, 2),
}
_SPECIAL = ("\\true", "\\false", "\\result", "\\null", "\\old", "\\at", "\\forall",
            "\\exists", "\\let", "\\nothing")
_BACKSLASH_NAMES = tuple(BUILTIN_ARITY) + _SPECIAL

LOGIC_TYPES = {"integer", "boolean", "real"}
NAMED_TYPES = {"size_t", "_Bool", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
               "uint16_t", "uint32_t", "uint64_t"}
_C_TYPE_WORDS = {"void", "char", "short", "int", "long", "signed", "unsigned"}
_QUALIFIERS = {"const", "volatile"}
_TYPE_START = LOGIC_TYPES | NAMED_TYPES | _C_TYPE_WORDS | _QUALIFIERS | {
    "struct", "union", "enum", "float", "double"}

_CONTRACT_WORDS = {"requires", "ensures", "assigns", "terminates", "decreases", "behavior",
                   "assumes", "complete", "disjoint"}
_CLAUSE_WORDS = sorted(_CONTRACT_WORDS | {"loop", "assert", "check", "predicate", "logic"})
_UNSUPPORTED_CLAUSES = {"allocates", "frees", "exits", "breaks", "continues", "returns",
                        "reads", "admit", "model", "import", "slevel"}
_CATEGORY_NAMES = {"contract": "a function contract", "loop": "a loop annotation",
                   "assert": "an assertion", "logic": "a logic definition"}

_BINOPS = {"<==>": 2, "==>": 3, "||": 4, "^^": 5, "&&": 6, "|": 7, "^": 8, "&": 9,
           "==": 10, "!=": 10, "<": 10, "<=": 10, ">": 10, ">=": 10,
           "<<": 11, ">>": 11, "+": 12, "-": 12, "*": 13, "/": 13, "%": 13}
_PREC_QUANT, _PREC_COND, _PREC_CMP, _PREC_UNARY, _PREC_POSTFIX, _PREC_ATOM = 0, 1, 10, 14, 15, 16
_UNARY_OPS = {"-", "+", "!", "~", "*", "&"}
_UP, _DOWN = {"<", "<="}, {">", ">="}

# Longest first, so that '<==>' is not read as '<=' '=' '>' and '==>' not as '==' '>'.
_OPERATORS = ("<==>", "==>", "...", "..", "->", "==", "!=", "<=", ">=", "<<", ">>", "&&",
              "||", "^^") + tuple("<>+-*/%&|^!~?:;,.()[]{}=")

_DIGITS = set("0123456789")
_ID_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_ID_CHARS = _ID_START | _DIGITS
_BLANKS = set(" \t\r\n\f\v")
_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8,
            "f": 12, "v": 11, "?": 63}


# -- lexing -------------------------------------------------------------------------------
class _Tok:
    __slots__ = ("kind", "text", "value", "line", "col")

    def __init__(self, kind: str, text: str, line: int, col: int, value: int = 0):
        self.kind = kind        # 'id', 'bs' (backslash name), 'int', 'op', 'eof'
        self.text = text
        self.value = value
        self.line = line
        self.col = col


def _describe(t: _Tok) -> str:
    return "end of annotation" if t.kind == "eof" else f"'{t.text}'"


def _blank_decorative_ats(text: str) -> str:
    """ACSL lets continuation lines of a `/*@` comment start with '@' (after blanks) and
    lets '@'s sit just before the closing '*/'; they are layout, so they become blanks
    (one for one, so columns do not move)."""
    chars = list(text)
    n = len(chars)
    for k, c in enumerate(text):
        if c == "\n":
            j = k + 1
            while j < n and chars[j] in " \t\r\f\v":
                j += 1
            while j < n and chars[j] == "@":
                chars[j] = " "
                j += 1
    j = n - 1
    while j >= 0 and chars[j] in _BLANKS:
        j -= 1
    while j >= 0 and chars[j] == "@":
        chars[j] = " "
        j -= 1
    return "".join(chars)


def _tokenize(ann: Annotation) -> list[_Tok]:
    s = _blank_decorative_ats(ann.text)
    n = len(s)
    # positions[k] is the (line, col) of s[k] in the original file; positions[n] is where
    # the comment's closing '*/' (or the end of the '//@' line) sits.
    positions = []
    line, col = ann.line, ann.col + 3
    for c in s:
        positions.append((line, col))
        if c == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    positions.append((line, col))

    def fail(k: int, msg: str):
        raise CompileError("annotation: " + msg, ann.file, *positions[k])

    toks: list[_Tok] = []
    i = 0
    while i < n:
        c = s[i]
        if c in _BLANKS:
            i += 1
        elif s.startswith("//", i):
            end = s.find("\n", i)
            i = n if end < 0 else end
        elif s.startswith("/*", i):
            end = s.find("*/", i + 2)
            if end < 0:
                fail(i, "unterminated comment inside the annotation")
            i = end + 2
        elif c in _ID_START:
            j = i + 1
            while j < n and s[j] in _ID_CHARS:
                j += 1
            toks.append(_Tok("id", s[i:j], *positions[i]))
            i = j
        elif c == "\\":
            j = i + 1
            while j < n and s[j] in _ID_CHARS:
                j += 1
            if j == i + 1:
                fail(i, "unexpected character '\\'")
            toks.append(_Tok("bs", s[i:j], *positions[i]))
            i = j
        elif c in _DIGITS:
            j = i + 1
            while j < n and s[j] in _ID_CHARS:
                j += 1
            if j + 1 < n and s[j] == "." and s[j + 1] in _DIGITS:
                fail(i, "real number literals are not supported")
            toks.append(_Tok("int", s[i:j], *positions[i], value=_int_value(s[i:j], fail, i)))
            i = j
        elif c == "'":
            value, j = _char_literal(s, i, fail)
            toks.append(_Tok("int", s[i:j], *positions[i], value=value))
            i = j
        elif c == '"':
            fail(i, "string literals are not supported")
        else:
            for op in _OPERATORS:
                if s.startswith(op, i):
                    toks.append(_Tok("op", op, *positions[i]))
                    i += len(op)
                    break
            else:
                shown = c if c.isprintable() else f"U+{ord(c):04X}"
                fail(i, f"unexpected character '{shown}'")
    toks.append(_Tok("eof", "", *positions[n]))
    return toks


def _int_value(text: str, fail, at: int) -> int:
    digits = text.rstrip("uUlL")
    suffix = text[len(digits):].lower()
    # int() would also accept '_' separators, which C does not.
    if suffix not in ("", "u", "l", "ul", "lu", "ll", "ull", "llu") or "_" in digits:
        fail(at, f"invalid integer literal '{text[:40]}'")
    try:
        if digits[:2] in ("0x", "0X"):
            return int(digits[2:], 16)
        if digits.startswith("0"):
            return int(digits, 8)
        return int(digits, 10)
    except ValueError:
        # Bad digits, or more digits than Python converts (sys.get_int_max_str_digits).
        fail(at, f"invalid integer literal '{text[:40]}'")


def _char_literal(s: str, i: int, fail) -> tuple[int, int]:
    n = len(s)
    j = i + 1
    if j >= n or s[j] in "'\n":
        fail(i, "malformed character literal")
    if s[j] == "\\":
        j += 1
        if j >= n:
            fail(i, "malformed character literal")
        e = s[j]
        if e in "01234567":
            k = j
            while k < n and k < j + 3 and s[k] in "01234567":
                k += 1
            value, j = int(s[j:k], 8), k
        elif e == "x":
            k = j + 1
            while k < n and s[k] in "0123456789abcdefABCDEF":
                k += 1
            if k == j + 1 or k - j - 1 > 8:
                fail(i, "malformed character literal")
            value, j = int(s[j + 1:k], 16), k
        elif e in _ESCAPES:
            value, j = _ESCAPES[e], j + 1
        else:
            fail(i, f"unknown escape sequence '\\{e}' in character literal")
    else:
        value, j = ord(s[j]), j + 1
    if j >= n or s[j] != "'":
        fail(i, "malformed character literal (expected a closing \"'\")")
    return value, j + 1


# -- parsing ------------------------------------------------------------------------------
def parse_annotation(ann: Annotation) -> list:
    """Parse one annotation comment into a list of items (see the module docstring)."""
    try:
        with _stack_headroom(12 * MAX_NESTING + 400):
            return _Parser(ann).parse()
    except RecursionError:
        # Unreachable while the depth limit and the headroom agree; kept so that a
        # mistake there is still a diagnostic, not a crash.
        raise CompileError("annotation: nested too deeply", ann.file, ann.line, ann.col) from None


@contextlib.contextmanager
def _stack_headroom(frames: int):
    """The descent costs several Python frames per nesting level, so MAX_NESTING levels may
    need more than the default recursion limit; raise it for the duration of the call
    (never lower it) and restore it afterwards."""
    depth, f = 0, sys._getframe()
    while f is not None:
        depth, f = depth + 1, f.f_back
    old = sys.getrecursionlimit()
    need = depth + frames
    if need > old:
        sys.setrecursionlimit(need)
    try:
        yield
    finally:
        if need > old:
            sys.setrecursionlimit(old)


class _Parser:
    def __init__(self, ann: Annotation):
        self.file = ann.file
        self.toks = _tokenize(ann)
        self.i = 0
        self.depth = 0

    # ---- token helpers
    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> _Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> _Tok:
        t = self.toks[self.i]
        if t.kind != "eof":
            self.i += 1
        return t

    def at(self, text: str, t: _Tok | None = None) -> bool:
        t = t or self.tok
        return t.kind == "op" and t.text == text

    def at_word(self, word: str, t: _Tok | None = None) -> bool:
        t = t or self.tok
        return t.kind == "id" and t.text == word

    def pos(self, t: _Tok) -> Pos:
        return Pos(self.file, t.line, t.col)

    def error(self, t: _Tok, msg: str) -> CompileError:
        return CompileError("annotation: " + msg, self.file, t.line, t.col)

    def expect(self, text: str, where: str) -> _Tok:
        if not self.at(text):
            raise self.error(self.tok, f"expected '{text}' {where}, found {_describe(self.tok)}")
        return self.next()

    def ident(self, what: str) -> _Tok:
        t = self.tok
        if t.kind != "id":
            raise self.error(t, f"expected {what}, found {_describe(t)}")
        return self.next()

    def nest(self, t: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error(t, f"expression nested more than {MAX_NESTING} levels deep")

    # ---- items
    def parse(self) -> list:
        items: list = []
        category = None
        while self.tok.kind != "eof":
            t = self.tok
            cat = self.category(t)
            if category is not None and cat != category:
                raise self.error(t, f"{_CATEGORY_NAMES[cat]} cannot be mixed with "
                                    f"{_CATEGORY_NAMES[category]} in one annotation")
            category = cat
            if cat == "contract":
                items.append(self.contract())
            elif cat == "loop":
                items.append(self.loop_annot())
            elif cat == "assert":
                items.append(self.assertion())
            else:
                items.append(self.logic_def())
        return items

    def category(self, t: _Tok) -> str:
        if t.kind != "id":
            raise self.error(t, "expected a clause such as 'requires', 'loop invariant' or "
                                f"'assert', found {_describe(t)}")
        w = t.text
        if w in _CONTRACT_WORDS:
            return "contract"
        if w == "loop":
            return "loop"
        if w in ("assert", "check"):
            return "assert"
        if w in ("predicate", "logic"):
            return "logic"
        nxt = self.peek()
        if w == "ghost":
            raise self.error(t, "ghost code is not supported")
        if w == "global" and self.at_word("invariant", nxt):
            raise self.error(t, "global invariants are not supported")
        if w == "type" and self.at_word("invariant", nxt):
            raise self.error(t, "type invariants are not supported")
        if w in ("inductive", "axiomatic"):
            raise self.error(t, "inductive and axiomatic definitions are not supported")
        if w in ("lemma", "axiom"):
            raise self.error(t, "lemmas and axioms are not supported")
        if w == "for":
            raise self.error(t, "behavior-specific clauses ('for NAME: ...') are not supported")
        if w == "invariant":
            raise self.error(t, "unknown clause 'invariant', did you mean 'loop invariant'?")
        if w in _UNSUPPORTED_CLAUSES:
            raise self.error(t, f"'{w}' clauses are not supported")
        raise self.error(t, f"unknown clause '{w}'" + _suggest(w, _CLAUSE_WORDS))

    def names(self) -> tuple:
        names = []
        while self.tok.kind == "id" and self.at(":", self.peek()):
            names.append(self.next().text)
            self.next()
        return tuple(names)

    def end_clause(self, what: str = "the clause") -> None:
        t = self.tok
        if self.at(";"):
            self.next()
            return
        if self.at(".."):
            raise self.error(t, "a range 'lo..hi' must be written in parentheses or brackets")
        if t.kind == "bs" and t.text == "\\from":
            raise self.error(t, "'\\from' dependencies are not supported")
        raise self.error(t, f"expected ';' after {what}, found {_describe(t)}")

    def expr_clause(self, kind: str, kw: _Tok) -> Clause:
        names = self.names()
        e = self.expr()
        if self.at_word("for") and kind in ("variant", "decreases"):
            raise self.error(self.tok, f"a well-founded relation ('{kind} ... for R') "
                                       "is not supported")
        self.end_clause()
        return Clause(self.pos(kw), kind, e, names)

    def assigns_clause(self, kind: str, kw: _Tok) -> Assigns:
        if self.tok.kind == "bs" and self.tok.text == "\\nothing":
            self.next()
            if self.at(","):
                raise self.error(self.tok, "'\\nothing' cannot be combined with other locations")
            self.end_clause()
            return Assigns(self.pos(kw), kind, ())
        targets = []
        while True:
            target = self.expr()
            _check_location(target, self)
            targets.append(target)
            if not self.at(","):
                break
            self.next()
        self.end_clause()
        return Assigns(self.pos(kw), kind, tuple(targets))

    def contract(self) -> Contract:
        start = self.tok
        clauses: list = []
        behavior = None             # (keyword token, name, clauses) of the open behavior
        after_simple = False        # a behavior or completeness clause has been seen

        def close():
            nonlocal behavior
            if behavior is not None:
                kw, name, inner = behavior
                clauses.append(Behavior(self.pos(kw), name, tuple(inner)))
                behavior = None

        while self.tok.kind == "id" and self.tok.text in _CONTRACT_WORDS:
            t = self.next()
            w = t.text
            if w == "behavior":
                close()
                name = self.ident("a behavior name").text
                self.expect(":", "after the behavior name")
                behavior = (t, name, [])
                after_simple = True
            elif w in ("complete", "disjoint"):
                close()
                after_simple = True
                if not (self.at_word("behaviors") or self.at_word("behavior")):
                    raise self.error(self.tok, f"expected 'behaviors' after '{w}', "
                                               f"found {_describe(self.tok)}")
                self.next()
                names = []
                if not self.at(";"):
                    while True:
                        names.append(self.ident("a behavior name").text)
                        if not self.at(","):
                            break
                        self.next()
                self.end_clause()
                clauses.append(Clause(self.pos(t), f"{w} behaviors", None, tuple(names)))
            elif w == "assumes":
                if behavior is None:
                    raise self.error(t, "'assumes' is only allowed inside a behavior")
                behavior[2].append(self.expr_clause("assumes", t))
            elif w in ("requires", "ensures", "assigns"):
                c = self.assigns_clause(w, t) if w == "assigns" else self.expr_clause(w, t)
                if behavior is not None:
                    behavior[2].append(c)
                elif after_simple:
                    raise self.error(t, f"'{w}' must come before the behaviors")
                else:
                    clauses.append(c)
            else:       # terminates, decreases
                if after_simple:
                    raise self.error(t, f"'{w}' must come before the behaviors")
                clauses.append(self.expr_clause(w, t))
        close()
        return Contract(self.pos(start), tuple(clauses))

    def loop_annot(self) -> LoopAnnot:
        start = self.tok
        clauses: list = []
        variant = None
        while self.at_word("loop"):
            t = self.next()
            k = self.tok
            if self.at_word("invariant"):
                self.next()
                clauses.append(self.expr_clause("invariant", t))
            elif self.at_word("assigns"):
                self.next()
                clauses.append(self.assigns_clause("loop assigns", t))
            elif self.at_word("variant"):
                if variant is not None:
                    raise self.error(t, "a loop may have only one 'loop variant'")
                self.next()
                variant = self.expr_clause("variant", t)
                clauses.append(variant)
            elif k.kind == "id" and k.text in ("pragma", "allocates", "frees"):
                raise self.error(k, f"'loop {k.text}' is not supported")
            elif k.kind == "id":
                raise self.error(k, f"unknown loop clause '{k.text}'"
                                 + _suggest(k.text, ["invariant", "assigns", "variant"]))
            else:
                raise self.error(k, "expected 'invariant', 'assigns' or 'variant' after "
                                    f"'loop', found {_describe(k)}")
        return LoopAnnot(self.pos(start), tuple(clauses))

    def assertion(self) -> Assert:
        t = self.next()
        clause = self.expr_clause(t.text, t)
        return Assert(self.pos(t), clause)

    def logic_def(self) -> LogicDef:
        t = self.next()
        kind = t.text
        ret = self.type_name() if kind == "logic" else None
        name_tok = self.tok
        if name_tok.kind != "id" or name_tok.text in _TYPE_START:
            raise self.error(name_tok, f"expected the {kind}'s name, found {_describe(name_tok)}")
        self.next()
        if self.at("{"):
            raise self.error(self.tok, "logic labels ('{L}') are not supported")
        params: list = []
        if self.at("("):
            self.next()
            if not self.at(")"):
                while True:
                    ty = self.type_name()
                    params.append(self.binder_name(ty))
                    if not self.at(","):
                        break
                    self.next()
            self.expect(")", "after the parameters")
        if self.at(";"):
            raise self.error(self.tok, f"{kind} '{name_tok.text}' needs a definition "
                                       "('= ...'); abstract declarations are not supported")
        if self.at_word("reads"):
            raise self.error(self.tok, "'reads' clauses are not supported")
        self.expect("=", f"before the body of {kind} '{name_tok.text}'")
        body = self.expr()
        self.end_clause("the definition")
        return LogicDef(self.pos(t), kind, name_tok.text, ret, tuple(params), body)

    # ---- types and binders
    def type_follows(self) -> bool:
        t = self.tok
        if t.kind != "id":
            return False
        if t.text in _TYPE_START:
            return True
        nxt = self.peek()
        return nxt.kind == "id" or self.at("*", nxt)

    def type_name(self) -> TypeName:
        start = self.tok
        while self.tok.kind == "id" and self.tok.text in _QUALIFIERS:
            self.next()
        t = self.tok
        if t.kind != "id":
            raise self.error(t, f"expected a type, found {_describe(t)}")
        w = t.text
        if w in ("float", "double"):
            raise self.error(t, "floating-point types are not supported")
        if w in ("union", "enum"):
            raise self.error(t, f"'{w}' types are not supported")
        if w == "struct":
            self.next()
            base = "struct " + self.ident("a struct name").text
        elif w in LOGIC_TYPES or w in NAMED_TYPES:
            self.next()
            base = w
        elif w in _C_TYPE_WORDS:
            words = []
            while self.tok.kind == "id" and self.tok.text in _C_TYPE_WORDS | _QUALIFIERS | {
                    "float", "double"}:
                if self.tok.text in ("float", "double"):
                    raise self.error(self.tok, "floating-point types are not supported")
                if self.tok.text not in _QUALIFIERS:
                    words.append(self.tok.text)
                self.next()
            base = _normalise_c_type(words)
            if base is None:
                raise self.error(t, f"invalid type '{' '.join(words)}'")
        else:
            self.next()
            base = w            # a typedef name
        pointers = 0
        while self.at("*") or (self.tok.kind == "id" and self.tok.text in _QUALIFIERS):
            if self.at("*"):
                pointers += 1
            self.next()
        return TypeName(self.pos(start), base, pointers)

    def binder_name(self, ty: TypeName) -> Binder:
        t = self.tok
        if t.kind != "id" or t.text in _TYPE_START:
            if (self.at(";", t) or self.at(",", t) or self.at(")", t)) and ty.pointers == 0 \
                    and ty.base not in LOGIC_TYPES and " " not in ty.base \
                    and ty.base not in _C_TYPE_WORDS | NAMED_TYPES:
                raise self.error(self.toks[self.i - 1],
                                 f"missing type for the bound variable '{ty.base}'")
            raise self.error(t, f"expected a variable name after the type, found {_describe(t)}")
        self.next()
        return Binder(self.pos(t), ty, t.text)

    # ---- expressions
    def expr(self) -> Expr:
        self.nest(self.tok)
        e = self.cond()
        self.depth -= 1
        return e

    def cond(self) -> Expr:
        c = self.binary(_PREC_COND + 1)
        if not self.at("?"):
            return c
        self.next()
        then = self.expr()
        self.expect(":", "in the conditional expression")
        other = self.expr()
        return Cond(c.pos, c, then, other)

    def binary(self, min_prec: int) -> Expr:
        left = self.unary()
        folds = 0
        while True:
            t = self.tok
            if t.kind != "op" or t.text not in _BINOPS:
                break
            prec = _BINOPS[t.text]
            if prec < min_prec:
                break
            if prec == _PREC_CMP:
                left, n = self.chain(left)
                folds += n
                continue
            self.next()
            self.nest(t)
            folds += 1
            right = self.binary(prec if t.text == "==>" else prec + 1)
            left = Binary(left.pos, t.text, left, right)
        self.depth -= folds
        return left

    def chain(self, first: Expr) -> tuple[Expr, int]:
        """`a < b <= c` means `a < b && b <= c`; all orderings must point the same way."""
        operands, ops = [first], []
        direction = None
        while self.tok.kind == "op" and _BINOPS.get(self.tok.text) == _PREC_CMP:
            t = self.next()
            self.nest(t)
            if t.text in _UP or t.text in _DOWN:
                if direction is None:
                    direction = t
                elif (t.text in _UP) != (direction.text in _UP):
                    raise self.error(t, f"comparison chain mixes '{direction.text}' and "
                                        f"'{t.text}'; write the comparisons separately with '&&'")
            ops.append(t.text)
            operands.append(self.binary(_PREC_CMP + 1))
        pieces = [Binary(operands[k].pos, op, operands[k], operands[k + 1])
                  for k, op in enumerate(ops)]
        acc = pieces[0]
        for piece in pieces[1:]:
            acc = Binary(first.pos, "&&", acc, piece)
        return acc, len(ops)

    def unary(self) -> Expr:
        t = self.tok
        if t.kind == "op" and t.text in _UNARY_OPS:
            self.next()
            self.nest(t)
            operand = self.unary()
            self.depth -= 1
            return Unary(self.pos(t), t.text, operand)
        if self.at("(") and self.peek().kind == "id" and self.peek().text in _TYPE_START:
            self.next()
            ty = self.type_name()
            self.expect(")", "after the type in the cast")
            self.nest(t)
            e = self.unary()
            self.depth -= 1
            return Cast(self.pos(t), ty, e)
        return self.postfix()

    def postfix(self) -> Expr:
        e = self.primary()
        folds = 0
        while True:
            t = self.tok
            if self.at("["):
                self.next()
                self.nest(t)
                folds += 1
                index = self.maybe_range("]")
                self.expect("]", "after the index")
                e = Index(e.pos, e, index)
            elif self.at(".") or self.at("->"):
                if isinstance(e, Int) and self.at("."):
                    raise self.error(t, "unterminated range, expected '..'")
                self.next()
                self.nest(t)
                folds += 1
                name = self.ident(f"a field name after '{t.text}'").text
                e = Member(e.pos, e, name, t.text == "->")
            else:
                break
        self.depth -= folds
        return e

    def maybe_range(self, closer: str) -> Expr:
        """An expression or a range `lo..hi` (either bound may be missing) before `closer`."""
        start = self.tok
        lo = None if self.at("..") else self.expr()
        if self.at("..."):
            raise self.error(self.tok, "unterminated range, expected '..'")
        if not self.at(".."):
            return lo
        self.next()
        hi = None if self.at(closer) else self.expr()
        return Range(lo.pos if lo is not None else self.pos(start), lo, hi)

    def primary(self) -> Expr:
        t = self.tok
        if t.kind == "int":
            self.next()
            return Int(self.pos(t), t.value)
        if t.kind == "id":
            if t.text in _TYPE_START:
                raise self.error(t, f"expected an expression, found the type '{t.text}'")
            self.next()
            if self.at("("):
                return Call(self.pos(t), t.text, self.args(t.text))
            if self.at("{"):
                raise self.error(self.tok, "logic labels ('{L}') are not supported")
            return Var(self.pos(t), t.text)
        if t.kind == "bs":
            return self.backslash()
        if self.at("("):
            self.next()
            e = self.maybe_range(")")     # counts the nesting: expr() inside
            self.expect(")", "to close the parenthesis")
            if isinstance(e, Range):
                e = Range(self.pos(t), e.lo, e.hi)
            return e
        if t.kind == "eof":
            raise self.error(t, "unexpected end of annotation, expected an expression")
        raise self.error(t, f"expected an expression, found {_describe(t)}")

    def args(self, name: str) -> tuple:
        self.expect("(", f"after '{name}'")
        args = []
        if not self.at(")"):
            while True:
                args.append(self.expr())
                if not self.at(","):
                    break
                self.next()
        self.expect(")", f"to close the arguments of '{name}'")
        return tuple(args)

    def backslash(self) -> Expr:
        t = self.next()
        w, pos = t.text, self.pos(t)
        if w in ("\\true", "\\false"):
            return Bool(pos, w == "\\true")
        if w == "\\result":
            return Result(pos)
        if w == "\\null":
            return Null(pos)
        if w == "\\nothing":
            raise self.error(t, "'\\nothing' is only allowed as an assigns clause")
        if w == "\\from":
            raise self.error(t, "'\\from' dependencies are not supported")
        if w in ("\\forall", "\\exists"):
            return self.quantifier(t)
        if w == "\\let":
            return self.let(t)
        if self.at("{"):
            raise self.error(self.tok, "logic labels ('{L}') are not supported")
        if w == "\\old":
            self.expect("(", "after '\\old'")
            e = self.expr()
            self.expect(")", "to close '\\old('")
            return Old(pos, e)
        if w == "\\at":
            self.expect("(", "after '\\at'")
            e = self.expr()
            self.expect(",", "between the term and the label of '\\at'")
            label = self.tok
            if label.kind != "id" or label.text not in LABELS:
                raise self.error(label, f"unknown label {_describe(label)} in '\\at', expected "
                                        "one of " + ", ".join(LABELS))
            self.next()
            self.expect(")", "to close '\\at('")
            return At(pos, e, label.text)
        if w in BUILTIN_ARITY:
            args = self.args(w)
            lo, hi = BUILTIN_ARITY[w]
            if len(args) < lo or (hi is not None and len(args) > hi):
                want = f"{lo}" if lo == hi else f"at least {lo}"
                plural = "" if want == "1" else "s"
                raise self.error(t, f"'{w}' expects {want} argument{plural}, got {len(args)}")
            return Builtin(pos, w, args)
        raise self.error(t, f"unknown built-in '{w}'" + _suggest(w, _BACKSLASH_NAMES))

    def quantifier(self, t: _Tok) -> Quant:
        binders = []
        ty = self.type_name()
        while True:
            binders.append(self.binder_name(ty))
            if not self.at(","):
                break
            self.next()
            if self.type_follows():
                ty = self.type_name()
        self.expect(";", "after the bound variables")
        self.nest(t)
        body = self.expr()
        self.depth -= 1
        return Quant(self.pos(t), t.text, tuple(binders), body)

    def let(self, t: _Tok) -> Let:
        name = self.ident("a name after '\\let'").text
        self.expect("=", f"after '\\let {name}'")
        value = self.expr()
        self.expect(";", f"after the value of '{name}'")
        self.nest(t)
        body = self.expr()
        self.depth -= 1
        return Let(self.pos(t), name, value, body)


def _normalise_c_type(words: list[str]) -> str | None:
    """The canonical spelling of a C arithmetic type written as `words`, or None."""
    count = {w: words.count(w) for w in _C_TYPE_WORDS}
    if count["void"]:
        return "void" if words == ["void"] else None
    if (count["signed"] and count["unsigned"]) or count["signed"] > 1 or count["unsigned"] > 1 \
            or count["int"] > 1 or count["char"] > 1 or count["short"] > 1 or count["long"] > 2:
        return None
    if count["char"]:
        if count["short"] or count["long"] or count["int"]:
            return None
        return "signed char" if count["signed"] else "unsigned char" if count["unsigned"] else "char"
    if count["short"] and count["long"]:
        return None
    prefix = "unsigned " if count["unsigned"] else ""
    if count["short"]:
        return prefix + "short"
    if count["long"] == 2:
        return prefix + "long long"
    if count["long"]:
        return prefix + "long"
    return prefix + "int"


def _check_location(e: Expr, parser: _Parser) -> None:
    """Assigns targets denote memory: variables, dereferences, elements and fields."""
    ok = isinstance(e, (Var, Index, Member)) or (isinstance(e, Unary) and e.op == "*")
    if not ok:
        raise CompileError(f"annotation: '{show(e)}' is not a memory location that can be "
                           "assigned", e.pos.file, e.pos.line, e.pos.col)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f", did you mean '{close[0]}'?" if close else ""


# -- consumers ----------------------------------------------------------------------------
def _children(e) -> tuple:
    if isinstance(e, (Old, At, Cast)):
        return (e.expr,)
    if isinstance(e, Unary):
        return (e.operand,)
    if isinstance(e, Binary):
        return (e.left, e.right)
    if isinstance(e, Cond):
        return (e.cond, e.then, e.other)
    if isinstance(e, Index):
        return (e.base, e.index)
    if isinstance(e, Member):
        return (e.base,)
    if isinstance(e, (Call, Builtin)):
        return e.args
    if isinstance(e, Range):
        return tuple(x for x in (e.lo, e.hi) if x is not None)
    return ()


def free_vars(e: Expr) -> set[str]:
    """Names of the `Var`s in `e` that no enclosing quantifier or \\let binds."""
    out: set[str] = set()
    work = [(e, frozenset())]
    while work:
        node, bound = work.pop()
        if node is None:
            continue
        if isinstance(node, Var):
            if node.name not in bound:
                out.add(node.name)
        elif isinstance(node, Quant):
            work.append((node.body, bound | {b.name for b in node.binders}))
        elif isinstance(node, Let):
            work.append((node.value, bound))
            work.append((node.body, bound | {node.name}))
        else:
            work.extend((child, bound) for child in _children(node))
    return out


def show_type(t: TypeName) -> str:
    return t.base + (" " + "*" * t.pointers if t.pointers else "")


def show(e) -> str:
    """Readable ACSL for `e`, with just the parentheses its structure needs: parsing the
    result gives the same tree (a comparison chain comes back as its `&&` form)."""
    if isinstance(e, TypeName):
        return show_type(e)
    with _stack_headroom(4 * MAX_NESTING + 400):
        return _show(e, _PREC_QUANT)


def _show(e, ctx: int) -> str:
    text, prec = _show_prec(e)
    return f"({text})" if prec < ctx else text


def _show_prec(e) -> tuple[str, int]:
    if isinstance(e, Int):
        return (str(e.value), _PREC_ATOM) if e.value >= 0 else (f"-{-e.value}", _PREC_UNARY)
    if isinstance(e, Bool):
        return ("\\true" if e.value else "\\false"), _PREC_ATOM
    if isinstance(e, Var):
        return e.name, _PREC_ATOM
    if isinstance(e, Result):
        return "\\result", _PREC_ATOM
    if isinstance(e, Null):
        return "\\null", _PREC_ATOM
    if isinstance(e, Old):
        return f"\\old({_show(e.expr, 0)})", _PREC_ATOM
    if isinstance(e, At):
        return f"\\at({_show(e.expr, 0)}, {e.label})", _PREC_ATOM
    if isinstance(e, (Call, Builtin)):
        return f"{e.name}({', '.join(_show(a, 0) for a in e.args)})", _PREC_ATOM
    if isinstance(e, Range):
        return f"({_show_range(e)})", _PREC_ATOM
    if isinstance(e, Index):
        inner = _show_range(e.index) if isinstance(e.index, Range) else _show(e.index, 0)
        return f"{_show(e.base, _PREC_POSTFIX)}[{inner}]", _PREC_POSTFIX
    if isinstance(e, Member):
        return f"{_show(e.base, _PREC_POSTFIX)}{'->' if e.arrow else '.'}{e.name}", _PREC_POSTFIX
    if isinstance(e, Unary):
        operand = _show(e.operand, _PREC_UNARY)
        # '- -x', '& &x': glued together they would lex as other operators.
        sep = " " if operand[:1] == e.op and e.op in "-+&" else ""
        return f"{e.op}{sep}{operand}", _PREC_UNARY
    if isinstance(e, Cast):
        return f"({show_type(e.type)}) {_show(e.expr, _PREC_UNARY)}", _PREC_UNARY
    if isinstance(e, Binary):
        p = _BINOPS[e.op]
        if e.op == "==>":
            lp, rp = p + 1, p
        elif p == _PREC_CMP:            # not associative: a chain means something else
            lp, rp = p + 1, p + 1
        else:
            lp, rp = p, p + 1
        return f"{_show(e.left, lp)} {e.op} {_show(e.right, rp)}", p
    if isinstance(e, Cond):
        return (f"{_show(e.cond, _PREC_COND + 1)} ? {_show(e.then, 0)} : "
                f"{_show(e.other, _PREC_COND)}"), _PREC_COND
    if isinstance(e, Quant):
        parts, k = [], 0
        while k < len(e.binders):
            b = e.binders[k]
            group = [b.name]
            while b.type.pointers == 0 and k + 1 < len(e.binders) and \
                    (e.binders[k + 1].type.base, e.binders[k + 1].type.pointers) == (b.type.base, 0):
                k += 1
                group.append(e.binders[k].name)
            stars = "*" * b.type.pointers
            parts.append(f"{b.type.base} {stars}{', '.join(group)}")
            k += 1
        return f"{e.kind} {', '.join(parts)}; {_show(e.body, 0)}", _PREC_QUANT
    if isinstance(e, Let):
        return f"\\let {e.name} = {_show(e.value, 0)}; {_show(e.body, 0)}", _PREC_QUANT
    raise TypeError(f"show: not an ACSL expression: {e!r}")


def _show_range(r: Range) -> str:
    lo = "" if r.lo is None else _show(r.lo, _PREC_COND)
    hi = "" if r.hi is None else _show(r.hi, _PREC_COND)
    return f"{lo}..{hi}"
