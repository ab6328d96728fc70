"""The typed AST: what the type checker produces and the code generator consumes.

Every expression carries its C type after the usual conversions have been made explicit
(`Convert` nodes), so the code generator never reasons about C's conversion rules. Array
values have already decayed to pointers (`AddrOf` of the array), pointer arithmetic is
`PtrAdd`/`PtrDiff` with an explicit element size, and `printf` with a literal format is a
`Printf` of typed pieces. Lvalues are `Local`, `GlobalRef`, `StrLit`, `Deref` and `Member`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from certa.compiler.ctype import CType, FuncType


# -- symbols --------------------------------------------------------------------------------
@dataclass(eq=False)
class LocalVar:
    name: str
    type: CType
    offset: int = -1        # frame offset from the locals base, set by the code generator


@dataclass(eq=False)
class GlobalVar:
    name: str               # the symbol name (static locals get a unique one)
    type: CType
    readonly: bool = False
    init: "Init | None" = None
    defined: bool = False
    static: bool = False
    line: int = 0


@dataclass
class Init:
    """A constant initialiser: scalar values and addresses at byte offsets."""
    values: list[tuple[int, int, int]] = field(default_factory=list)   # (offset, size, value)
    addrs: list[tuple[int, object, int]] = field(default_factory=list)  # (offset, GlobalVar|StrLit, addend)


@dataclass(eq=False)
class Function:
    name: str
    type: FuncType
    params: list[LocalVar] = field(default_factory=list)
    locals: list[LocalVar] = field(default_factory=list)
    body: "Block | None" = None
    static: bool = False
    library: bool = False   # from Certa's libc
    line: int = 0
    file: str = ""
    imported: bool = False  # declared `extern` and not defined: another module's export


# -- expressions ----------------------------------------------------------------------------
class Expr:
    type: CType
    line: int = 0


@dataclass(eq=False)
class Const(Expr):
    value: int
    type: CType


@dataclass(eq=False)
class Local(Expr):
    var: LocalVar
    type: CType


@dataclass(eq=False)
class GlobalRef(Expr):
    var: GlobalVar
    type: CType


@dataclass(eq=False)
class StrLit(Expr):
    data: bytes             # including the terminating NUL
    type: CType


@dataclass(eq=False)
class Unary(Expr):
    op: str                 # "-", "~", "!"
    operand: Expr
    type: CType


@dataclass(eq=False)
class Binary(Expr):
    op: str                 # + - * / % << >> & | ^ == != < <= > >=
    left: Expr
    right: Expr
    type: CType             # result type; for comparisons INT (operands share a type)


@dataclass(eq=False)
class Logical(Expr):
    op: str                 # "&&" or "||"
    left: Expr
    right: Expr
    type: CType


@dataclass(eq=False)
class Cond(Expr):
    cond: Expr
    then: Expr
    other: Expr
    type: CType


@dataclass(eq=False)
class PtrAdd(Expr):
    ptr: Expr
    index: Expr             # a long (already converted)
    scale: int
    type: CType


@dataclass(eq=False)
class PtrDiff(Expr):
    left: Expr
    right: Expr
    scale: int
    type: CType


@dataclass(eq=False)
class Assign(Expr):
    target: Expr            # lvalue
    value: Expr             # already converted to the target's type
    type: CType


@dataclass(eq=False)
class CompoundAssign(Expr):
    """target = (target's type)((optype)target op value); for pointers op is "ptradd"
    with `scale`."""
    op: str
    target: Expr
    value: Expr             # already converted to optype (long for pointer steps)
    optype: CType
    type: CType
    scale: int = 1


@dataclass(eq=False)
class IncDec(Expr):
    target: Expr
    delta: int              # +1/-1, or +-size for pointers
    prefix: bool
    type: CType


@dataclass(eq=False)
class Deref(Expr):
    ptr: Expr
    type: CType


@dataclass(eq=False)
class Member(Expr):
    base: Expr              # an lvalue of struct type
    offset: int
    type: CType


@dataclass(eq=False)
class AddrOf(Expr):
    target: Expr            # an lvalue (array decay is AddrOf of the array)
    type: CType


@dataclass(eq=False)
class Convert(Expr):
    operand: Expr
    type: CType             # integer<->integer, to _Bool, or between pointer types


@dataclass(eq=False)
class Call(Expr):
    func: Function
    args: list[Expr]
    type: CType


@dataclass(eq=False)
class Comma(Expr):
    first: Expr
    second: Expr
    type: CType


@dataclass(eq=False)
class PrintfArg(Expr):
    """The value of printf's `index`-th argument, computed before any piece is printed."""
    index: int
    type: CType


@dataclass(eq=False)
class Printf(Expr):
    """printf with a literal format: the argument values are computed first (right to left,
    like gcc), then each piece is a Call of a __certa_print_* function that may refer to
    them through PrintfArg; the value is the sum of the pieces' results."""
    values: list[Expr]
    pieces: list[Expr]
    type: CType


# -- statements -----------------------------------------------------------------------------
class Stmt:
    line: int = 0


@dataclass(eq=False)
class Block(Stmt):
    stmts: list[Stmt]


@dataclass(eq=False)
class ExprStmt(Stmt):
    expr: Expr


@dataclass(eq=False)
class If(Stmt):
    cond: Expr
    then: Stmt
    other: Stmt | None


@dataclass(eq=False)
class While(Stmt):
    cond: Expr
    body: Stmt


@dataclass(eq=False)
class DoWhile(Stmt):
    body: Stmt
    cond: Expr


@dataclass(eq=False)
class For(Stmt):
    init: Stmt | None
    cond: Expr | None
    step: Expr | None
    body: Stmt


@dataclass(eq=False)
class Return(Stmt):
    value: Expr | None


@dataclass(eq=False)
class Break(Stmt):
    pass


@dataclass(eq=False)
class Continue(Stmt):
    pass


@dataclass(eq=False)
class CaseLabel(Stmt):
    value: int | None       # None for default


@dataclass(eq=False)
class Switch(Stmt):
    value: Expr
    body: Stmt
    cases: list[CaseLabel]  # in source order; at most one default


@dataclass(eq=False)
class InitLocal(Stmt):
    """Zero-fill `var` (when `zero`) and then store each (offset, type, value)."""
    var: LocalVar
    zero: bool
    parts: list[tuple[int, CType, Expr]]


@dataclass(eq=False)
class AnnotStmt(Stmt):
    """An ACSL statement annotation (`assert`) at this point of a block: `index` into the
    source's annotations, `names` the C names visible here (name -> LocalVar | GlobalVar |
    int for an enum constant). A loop's own annotation is a `LoopSpec` in its `spec`."""
    index: int
    names: dict


@dataclass(eq=False)
class LoopSpec:
    """The ACSL annotation just before a loop (not a node: `nodes` does not visit it)."""
    index: int
    names: dict


@dataclass
class Program:
    functions: list[Function]
    globals: list[GlobalVar]
    imports: list[str]
    source: str
    annotations: list = field(default_factory=list)     # preprocess.Annotation, user file
    declarations: list = field(default_factory=list)    # (file, line, col, function name or None)
    externs: list = field(default_factory=list)         # Functions imported from other modules


def nodes(root):
    """Every statement and expression node under root (root included)."""
    stack = [root]
    while stack:
        n = stack.pop()
        yield n
        for v in vars(n).values():
            if isinstance(v, (Stmt, Expr)):
                stack.append(v)
            elif isinstance(v, list):
                for x in v:
                    if isinstance(x, (Stmt, Expr)):
                        stack.append(x)
                    elif isinstance(x, tuple):
                        stack.extend(y for y in x if isinstance(y, (Stmt, Expr)))
