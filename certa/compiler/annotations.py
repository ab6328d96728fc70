"""Annotations: the user's ACSL, attached to the program, checked for names and types, and
lowered to the facts and regions a certificate speaks of.

What this pass produces: an `Annotations` object holding, for every annotated function, its
contract (requires, ensures and the clauses that do not concern memory safety), and for every
annotated loop and `assert` the clauses to assert there. `certgen` asks it to lower a clause
to kernel facts (`Fact`, polynomials over the certificate's variables) and regions
(`\\valid(p + (lo..hi))`), giving it the variables that stand for the C names at that point.

How annotations reach the kernel (docs/acsl.md):
  * `requires` become the function's precondition: every caller must prove them (the
    kernel's CALL rule), and the body may assume them;
  * `ensures` become its postcondition: proven at every `ret`, assumed after every call;
  * `loop invariant` become facts of the cut point at the loop header, `assert` facts of a
    cut point of their own: proven on every arriving path, assumed on every leaving one.
Annotations only ever add obligations or proven facts. A clause that cannot be lowered
(quantifiers, disjunctions, `!=`, memory contents, division) is neither required nor assumed,
and the user gets a warning saying so: ignoring it changes nothing the kernel relies on.

Untrusted: a mistake here can only make the kernel refuse the module.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from certa.compiler import acsl as A
from certa.compiler import tast as T
from certa.compiler.ctype import (
    CHAR, INT, LLONG, LONG, SCHAR, SHORT, UCHAR, UINT, ULLONG, ULONG, USHORT, BOOL,
    ArrayType, CType, IntType, PointerType, StructType, VoidType)
from certa.diagnostics import CompileError
from certa.kernel.logic import Fact, Poly

C_INTS = {"int": INT, "unsigned int": UINT, "unsigned": UINT, "long": LONG, "unsigned long": ULONG,
          "char": CHAR, "unsigned char": UCHAR, "signed char": SCHAR, "short": SHORT,
          "unsigned short": USHORT, "long long": LLONG, "unsigned long long": ULLONG,
          "_Bool": BOOL, "size_t": ULONG, "int8_t": SCHAR, "uint8_t": UCHAR, "int16_t": SHORT,
          "uint16_t": USHORT, "int32_t": INT, "uint32_t": UINT, "int64_t": LONG, "uint64_t": ULONG,
          "long int": LONG, "unsigned long int": ULONG, "short int": SHORT, "signed": INT,
          "signed int": INT, "ptrdiff_t": LONG, "intptr_t": LONG, "uintptr_t": ULONG}
NOT_SAFETY = ("assigns", "loop assigns", "variant", "terminates", "decreases")


class Unusable(Exception):
    """A clause (or part) the kernel's facts cannot express; the reason is for the user."""


# -- the types of annotation terms ---------------------------------------------------------
@dataclass(frozen=True)
class Ptr:
    target: CType           # what it points to (its element type)


INTEGER, BOOLEAN = "integer", "boolean"


@dataclass(frozen=True)
class Logic:
    """A name bound inside an annotation: a quantified or \\let variable, a logic parameter."""
    type: object            # INTEGER, BOOLEAN or Ptr


def c_type_of(t: CType):
    if isinstance(t, IntType):
        return INTEGER
    if isinstance(t, PointerType):
        return Ptr(t.target)
    if isinstance(t, ArrayType):
        return Ptr(t.elem)
    return None


def type_name(tn) -> object:
    """The annotation type of an ACSL type name."""
    if tn.pointers == 0:
        if tn.base in ("integer", "boolean"):
            return INTEGER if tn.base == "integer" else BOOLEAN
        if tn.base in C_INTS:
            return INTEGER
        raise CompileError(f"annotation: type '{tn.base}' is not supported here (integer, boolean "
                           "and C integer types are)", tn.pos.file, tn.pos.line, tn.pos.col)
    target = C_INTS.get(tn.base)
    if target is None:
        raise CompileError(f"annotation: pointers to '{tn.base}' are not supported in logic "
                           "types", tn.pos.file, tn.pos.line, tn.pos.col)
    t: CType = target
    for _ in range(tn.pointers - 1):
        t = PointerType(t)
    return Ptr(t)


def err(node, msg: str):
    raise CompileError(f"annotation: {msg}", node.pos.file, node.pos.line, node.pos.col)


# -- lowered values ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Region:
    """`\\valid(ptr + (lo..hi))`: bytes [base, base + length) are memory (writable or not)."""
    base: Poly
    length: Poly
    writable: bool
    target: CType
    root: object            # the C variable the pointer comes from (for diagnostics)


@dataclass
class Lowered:
    facts: list = field(default_factory=list)       # Fact
    regions: list = field(default_factory=list)     # Region
    unused: list = field(default_factory=list)      # (node, reason): parts left out


@dataclass
class Env:
    """What C names stand for at one program point: `names` the C scope (name -> LocalVar,
    GlobalVar or enum value), `now` maps id(LocalVar) to its value as a polynomial (pointers:
    the byte address), `pre` the values at function entry (for \\old and \\at(x, Pre)),
    `result` the return value in an ensures."""
    names: dict
    now: dict
    pre: dict
    result: Poly | None = None


# -- one annotated function --------------------------------------------------------------------
@dataclass
class FunctionContract:
    function: T.Function
    requires: list = field(default_factory=list)    # A.Clause
    ensures: list = field(default_factory=list)
    other: list = field(default_factory=list)       # assigns, terminates, ... (not checked)
    pos: object = None


class Annotations:
    def __init__(self, program: T.Program):
        self.program = program
        self.items: dict[int, list] = {}            # annotation index -> parsed items
        self.defs: dict[str, A.LogicDef] = {}
        self.contracts: dict[str, FunctionContract] = {}
        self.warnings: list[CompileError] = []
        self.annotated: set[str] = set()            # functions with any annotation
        self.statements: dict[int, tuple] = {}      # annotation index -> (function, names)
        self._warned: set = set()

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> "Annotations":
        """Parse every annotation, attach contracts, check names and types."""
        program = self.program
        for k, ann in enumerate(program.annotations):
            self.items[k] = A.parse_annotation(ann)
        funcs = {f.name: f for f in program.functions + program.externs if not f.library}
        for f in program.functions:
            if f.library:
                continue
            for n in T.nodes(f.body):
                if isinstance(n, T.AnnotStmt):
                    self.statements[n.index] = (f, n.names)
                elif isinstance(n, (T.For, T.While, T.DoWhile)) and getattr(n, "spec", None):
                    self.statements[n.spec.index] = (f, n.spec.names)
        for k, ann in enumerate(program.annotations):
            for item in self.items[k]:
                if isinstance(item, A.LogicDef):
                    self.logic_def(item)
                elif isinstance(item, A.Contract):
                    self.attach(k, item, funcs)
                elif ann.statement:
                    if k in self.statements:
                        f, names = self.statements[k]
                        self.annotated.add(f.name)
                        self.check_statement(item, f, names)
                else:
                    err(item, "a loop annotation or assert must be inside a function body")
        return self

    def logic_def(self, d) -> None:
        if d.name in self.defs:
            err(d, f"'{d.name}' is defined twice")
        scope = {}
        for b in d.params:
            scope[b.name] = Logic(type_name(b.type))
        t = self.type_of(d.body, scope, None, "logic")
        want = BOOLEAN if d.kind == "predicate" else type_name(d.ret)
        if d.kind == "predicate" and t not in (BOOLEAN, INTEGER):
            err(d.body, "a predicate's body must be a predicate")
        if d.kind == "logic" and (t == BOOLEAN) != (want == BOOLEAN):
            err(d.body, f"the body of '{d.name}' does not have its declared type")
        self.defs[d.name] = d

    def attach(self, k: int, contract, funcs: dict) -> None:
        """A contract belongs to the function declared right after the comment."""
        ann = self.program.annotations[k]
        end = (ann.line + ann.text.count("\n"), 0)
        following = [d for d in self.program.declarations
                     if d[0] == ann.file and (d[1], d[2]) > end]
        if not following or following[0][3] is None:
            err(contract, "a function contract must come right before a function declaration "
                          "or definition")
        name = following[0][3]
        if not only_specifiers_between(ann, following[0][1], following[0][2]):
            err(contract, "a function contract must come right before a function declaration "
                          "or definition")
        f = funcs.get(name)
        if f is None:
            return          # a declaration of a function this program never defines or calls
        if name in self.contracts:
            err(contract, f"'{name}' already has a contract (at line {self.contracts[name].pos.line})")
        fc = FunctionContract(f, pos=contract.pos)
        scope = {v.name: v for v in f.params}
        for g in self.program.globals:
            scope.setdefault(g.name, g)
        for c in contract.clauses:
            if isinstance(c, A.Behavior):
                self.warn(c, f"behavior '{c.name}' is skipped: named behaviors are not supported, so "
                             "its clauses are neither checked nor assumed")
                continue
            kind = c.kind
            if kind in ("requires", "ensures"):
                self.type_of(c.expr, scope, f, kind)
                (fc.requires if kind == "requires" else fc.ensures).append(c)
            elif kind in ("complete behaviors", "disjoint behaviors"):
                continue
            else:
                if isinstance(c, A.Assigns):
                    for t in c.targets:
                        self.type_of(t, scope, f, "assigns")
                elif c.expr is not None:
                    self.type_of(c.expr, scope, f, kind)
                fc.other.append(c)
                self.note_not_checked(c)
        self.contracts[name] = fc
        self.annotated.add(name)

    def check_statement(self, item, f: T.Function, names: dict) -> None:
        clauses = item.clauses if isinstance(item, A.LoopAnnot) else [item.clause]
        for c in clauses:
            if isinstance(c, A.Assigns):
                for t in c.targets:
                    self.type_of(t, names, f, "loop assigns")
                self.note_not_checked(c)
            elif c.expr is not None:
                self.type_of(c.expr, names, f, c.kind)
                if c.kind == "variant":
                    self.note_not_checked(c)

    def note_not_checked(self, c) -> None:
        kind = c.kind
        if kind not in self._warned:
            self._warned.add(kind)
            self.warn(c, f"'{kind}' clauses are read but not checked: they are not needed for "
                         "memory safety (this note is shown once per kind)")

    def warn(self, node, msg: str) -> None:
        self.warnings.append(CompileError(msg, node.pos.file, node.pos.line, node.pos.col,
                                          severity="warning"))

    # -- queries for codegen and certgen ----------------------------------------------------
    def clauses_at(self, spec) -> list:
        """The clauses a cut point asserts: a loop's invariants or an assert's predicate."""
        out = []
        for item in self.items.get(spec.index, []):
            if isinstance(item, A.LoopAnnot):
                out += [c for c in item.clauses if isinstance(c, A.Clause) and c.kind == "invariant"]
            elif isinstance(item, A.Assert):
                out.append(item.clause)
        return out

    def wrapper_bounds(self, f: T.Function) -> dict:
        """For the exported entry of f: {pointer parameter index: (count, element size)} when
        a requires clause says `\\valid(p + (0..count-1))` (or \\valid_read) of that
        parameter; count is a polynomial over the entry variables p0, p1, ..."""
        fc = self.contracts.get(f.name)
        if fc is None:
            return {}
        entry = {id(v): Poly.var(f"p{i}") for i, v in enumerate(f.params)}
        names = {v.name: v for v in f.params}
        index = {v.name: i for i, v in enumerate(f.params)}
        out = {}
        for c in fc.requires:
            for r in self.lower(c.expr, Env(names, entry, entry)).regions:
                i = index.get(r.root)
                if i is None or i in out or not isinstance(f.params[i].type, PointerType):
                    continue
                size = max(f.params[i].type.target.size, 1)
                if r.base != Poly.var(f"p{i}") or any(k % size for k, _ in r.length.to_data()):
                    continue
                out[i] = (Poly.from_data([(k // size, m) for k, m in r.length.to_data()]), size)
        return out

    # -- names and types ---------------------------------------------------------------------
    def type_of(self, e, scope: dict, f: T.Function | None, where: str):
        """The annotation type of e (INTEGER, BOOLEAN, Ptr or "range"); a CompileError at the
        culprit for unknown names and type errors."""
        def go(e, scope):
            if isinstance(e, A.Int):
                return INTEGER
            if isinstance(e, A.Bool):
                return BOOLEAN
            if isinstance(e, A.Null):
                return Ptr(VoidType())
            if isinstance(e, A.Var):
                obj = scope.get(e.name)
                if obj is None:
                    d = self.defs.get(e.name)
                    if d is not None and not d.params:
                        return BOOLEAN if d.kind == "predicate" else type_name(d.ret)
                    err(e, f"unknown name '{e.name}'")
                if isinstance(obj, Logic):
                    return obj.type
                if isinstance(obj, int):
                    return INTEGER
                t = c_type_of(obj.type)
                if t is None:
                    err(e, f"'{e.name}' has type '{obj.type}', which annotations cannot use")
                return t
            if isinstance(e, A.Result):
                if where != "ensures":
                    err(e, "\\result may only appear in an ensures clause")
                if f is None or isinstance(f.type.ret, VoidType):
                    err(e, "\\result used in a function returning void")
                return c_type_of(f.type.ret) or err(e, "\\result has a type annotations cannot use")
            if isinstance(e, (A.Old, A.At)):
                label = "Old" if isinstance(e, A.Old) else e.label
                if where in ("requires", "logic"):
                    err(e, f"\\{'old' if isinstance(e, A.Old) else 'at'} cannot be used in a {where} "
                           "clause (there is no earlier state)")
                if label not in ("Pre", "Old", "Here", "LoopEntry", "LoopCurrent"):
                    err(e, f"label '{label}' is not supported here")
                return go(e.expr, scope)
            if isinstance(e, A.Unary):
                t = go(e.operand, scope)
                if e.op == "*":
                    if not isinstance(t, Ptr):
                        err(e, "'*' needs a pointer")
                    return c_type_of(t.target) or INTEGER
                if e.op == "&":
                    err(e, "'&' is not supported in annotations")
                if e.op == "!":
                    return BOOLEAN
                if isinstance(t, Ptr):
                    err(e, f"'{e.op}' needs an integer, not a pointer")
                return INTEGER
            if isinstance(e, A.Binary):
                op = e.op
                if op in ("&&", "||", "==>", "<==>", "^^"):
                    go(e.left, scope)
                    go(e.right, scope)
                    return BOOLEAN
                lt, rt = go(e.left, scope), go(e.right, scope)
                if op in ("==", "!=", "<", "<=", ">", ">="):
                    if (isinstance(lt, Ptr)) != (isinstance(rt, Ptr)):
                        err(e, f"'{op}' compares a pointer with an integer")
                    return BOOLEAN
                if op == "+" and rt == "range":
                    if not isinstance(lt, Ptr):
                        err(e, "a range (lo..hi) may only be added to a pointer")
                    return "range"
                if op in ("+", "-") and isinstance(lt, Ptr):
                    if isinstance(rt, Ptr):
                        if op == "+":
                            err(e, "two pointers cannot be added")
                        return INTEGER
                    return lt
                if op == "+" and isinstance(rt, Ptr):
                    return rt
                if isinstance(lt, Ptr) or isinstance(rt, Ptr):
                    err(e, f"'{op}' needs integers")
                if lt == "range" or rt == "range":
                    err(e, "a range (lo..hi) may only be added to a pointer")
                return INTEGER
            if isinstance(e, A.Range):
                for b in (e.lo, e.hi):
                    if b is not None and go(b, scope) != INTEGER:
                        err(b, "range bounds must be integers")
                return "range"
            if isinstance(e, A.Cond):
                go(e.cond, scope)
                a, b = go(e.then, scope), go(e.other, scope)
                return a if a == b else INTEGER
            if isinstance(e, A.Index):
                bt = go(e.base, scope)
                it = go(e.index, scope)
                if not isinstance(bt, Ptr):
                    err(e, "only pointers and arrays can be indexed")
                if it not in (INTEGER, "range"):
                    err(e.index, "an index must be an integer")
                return c_type_of(bt.target) or INTEGER
            if isinstance(e, A.Member):
                bt = go(e.base, scope)
                target = bt.target if isinstance(bt, Ptr) and e.arrow else None
                if not isinstance(target, StructType):
                    err(e, f"'{'->' if e.arrow else '.'}{e.name}' needs a pointer to a struct")
                fld = next((m for m in target.members if m.name == e.name), None) \
                    if hasattr(target, "members") else None
                return (c_type_of(fld.type) if fld is not None else None) or INTEGER
            if isinstance(e, A.Call):
                d = self.defs.get(e.name)
                if d is None:
                    err(e, f"unknown predicate or logic function '{e.name}'")
                if len(e.args) != len(d.params):
                    err(e, f"'{e.name}' takes {len(d.params)} argument(s), not {len(e.args)}")
                for a, b in zip(e.args, d.params):
                    at, bt = go(a, scope), type_name(b.type)
                    if isinstance(at, Ptr) != isinstance(bt, Ptr):
                        err(a, f"argument '{b.name}' of '{e.name}' must be "
                               f"{'a pointer' if isinstance(bt, Ptr) else 'an integer'}")
                return BOOLEAN if d.kind == "predicate" else type_name(d.ret)
            if isinstance(e, A.Builtin):
                name = e.name.lstrip("\\")
                if name in ("valid", "valid_read", "initialized"):
                    if len(e.args) != 1:
                        err(e, f"\\{name} takes one argument")
                    t = go(e.args[0], scope)
                    if not (isinstance(t, Ptr) or t == "range"):
                        err(e.args[0], f"\\{name} needs a pointer or a pointer plus a range, not "
                                       f"{'an integer' if t == INTEGER else 'a predicate'}")
                    return BOOLEAN
                if name == "separated":
                    for a in e.args:
                        t = go(a, scope)
                        if not (isinstance(t, Ptr) or t == "range"):
                            err(a, "\\separated needs pointers or pointer ranges")
                    return BOOLEAN
                for a in e.args:
                    if go(a, scope) != INTEGER:
                        err(a, f"\\{name} needs integers")
                return INTEGER
            if isinstance(e, A.Cast):
                go(e.expr, scope)
                return type_name(e.type)
            if isinstance(e, A.Quant):
                inner = dict(scope)
                for b in e.binders:
                    inner[b.name] = Logic(type_name(b.type))
                go(e.body, inner)
                return BOOLEAN
            if isinstance(e, A.Let):
                inner = dict(scope)
                inner[e.name] = Logic(go(e.value, scope))
                return go(e.body, inner)
            err(e, "this form is not supported")
        return go(e, scope)

    # -- lowering -----------------------------------------------------------------------------
    def lower(self, pred, env: Env) -> Lowered:
        """The facts and regions predicate `pred` states, for the variables in env. Parts
        that cannot be expressed are listed in `unused` (never assumed, never required)."""
        out = Lowered()
        self._pred(pred, env, {}, out)
        return out

    def _pred(self, e, env: Env, bound: dict, out: Lowered) -> None:
        if isinstance(e, A.Binary) and e.op == "&&":
            self._pred(e.left, env, bound, out)
            self._pred(e.right, env, bound, out)
            return
        try:
            facts, regions = self._atom(e, env, bound)
        except Unusable as u:
            out.unused.append((e, str(u)))
            return
        out.facts += facts
        out.regions += regions

    def _atom(self, e, env: Env, bound: dict):
        if isinstance(e, A.Bool):
            if e.value:
                return [], []
            raise Unusable("\\false cannot be expressed as a fact")
        if isinstance(e, A.Unary) and e.op == "!":
            inner = e.operand
            if isinstance(inner, A.Binary) and inner.op in NEGATE:
                return self._atom(A.Binary(inner.pos, NEGATE[inner.op], inner.left, inner.right),
                                  env, bound)
            raise Unusable("a negation is not expressible as facts")
        if isinstance(e, A.Binary):
            if e.op in ("==", "<", "<=", ">", ">="):
                a, b = self._value(e.left, env, bound), self._value(e.right, env, bound)
                pa, pb = a[1], b[1]
                f = {"==": Fact(pa - pb, "=="), "<": Fact(pb - pa - 1, ">="),
                     "<=": Fact(pb - pa, ">="), ">": Fact(pa - pb - 1, ">="),
                     ">=": Fact(pa - pb, ">=")}[e.op]
                return [f], []
            if e.op == "!=":
                raise Unusable("'!=' is a disjunction (< or >); the kernel keeps conjunctions of facts")
            if e.op in ("||", "==>", "<==>", "^^"):
                raise Unusable(f"'{e.op}' is not a conjunction of facts")
            raise Unusable(f"'{e.op}' is not a predicate")
        if isinstance(e, A.Builtin):
            name = e.name.lstrip("\\")
            if name in ("valid", "valid_read"):
                return [], [self._region(e.args[0], env, bound, name == "valid")]
            if name == "separated":
                raise Unusable("\\separated is not needed for memory safety")
            raise Unusable(f"\\{name} is not expressible as facts")
        if isinstance(e, (A.Call, A.Var)) and e.name in self.defs and e.name not in bound:
            d = self.defs[e.name]
            args = e.args if isinstance(e, A.Call) else ()
            inner = dict(bound)
            for b, a in zip(d.params, args):
                inner[b.name] = self._value(a, env, bound)
            sub = Lowered()
            self._pred(d.body, env, inner, sub)
            if sub.unused:
                raise Unusable(f"'{d.name}' contains {A.show(sub.unused[0][0])}: {sub.unused[0][1]}")
            return sub.facts, sub.regions
        if isinstance(e, A.Quant):
            raise Unusable("quantified formulas are not used for proofs")
        if isinstance(e, A.Let):
            inner = dict(bound)
            inner[e.name] = self._value(e.value, env, bound)
            return self._atom(e.body, env, inner)
        raise Unusable("this is not a comparison of integers or a \\valid")

    def _region(self, e, env: Env, bound: dict, writable: bool) -> Region:
        lo = hi = Poly.const(0)
        if isinstance(e, A.Binary) and e.op == "+" and isinstance(e.right, A.Range):
            if e.right.lo is None or e.right.hi is None:
                raise Unusable("an open range (lo..) or (..hi) has no length")
            lo = self._value(e.right.lo, env, bound)[1]
            hi = self._value(e.right.hi, env, bound)[1]
            e = e.left
        kind, p = self._value(e, env, bound)
        if not isinstance(kind, Ptr):
            raise Unusable("\\valid needs a pointer")
        size = max(getattr(kind.target, "size", 1) or 1, 1)
        return Region(p + lo * size, (hi - lo + 1) * size, writable, kind.target, root_var(e))

    def _value(self, e, env: Env, bound: dict, label: str = "Here"):
        """(kind, poly): kind INTEGER or Ptr; pointers as byte addresses."""
        if isinstance(e, A.Int):
            return INTEGER, Poly.const(e.value)
        if isinstance(e, A.Null):
            return Ptr(VoidType()), Poly.const(0)
        if isinstance(e, A.Var):
            if e.name in bound:
                return bound[e.name]
            return self._variable(e, env, label)
        if isinstance(e, A.Result):
            if env.result is None:
                raise Unusable("\\result is not available here")
            return INTEGER, env.result
        if isinstance(e, A.Old):
            return self._value(e.expr, env, bound, "Pre")
        if isinstance(e, A.At):
            if e.label not in ("Pre", "Old", "Here", "LoopCurrent"):
                raise Unusable(f"values at {e.label} are not tracked")
            return self._value(e.expr, env, bound, "Pre" if e.label in ("Pre", "Old") else label)
        if isinstance(e, A.Unary):
            if e.op in ("-", "+"):
                k, p = self._value(e.operand, env, bound, label)
                return k, (-p if e.op == "-" else p)
            raise Unusable(f"'{e.op}' is not linear arithmetic")
        if isinstance(e, A.Binary):
            if e.op in ("+", "-", "*"):
                lk, lp = self._value(e.left, env, bound, label)
                rk, rp = self._value(e.right, env, bound, label)
                if e.op == "*":
                    if isinstance(lk, Ptr) or isinstance(rk, Ptr):
                        raise Unusable("pointers cannot be multiplied")
                    return INTEGER, lp * rp
                if isinstance(lk, Ptr) and isinstance(rk, Ptr):
                    raise Unusable("a pointer difference is a division by the element size")
                if isinstance(lk, Ptr):
                    size = max(getattr(lk.target, "size", 1) or 1, 1)
                    return lk, (lp + rp * size if e.op == "+" else lp - rp * size)
                if isinstance(rk, Ptr):
                    size = max(getattr(rk.target, "size", 1) or 1, 1)
                    return rk, rp + lp * size
                return INTEGER, (lp + rp if e.op == "+" else lp - rp)
            if e.op in ("<<",) and isinstance(e.right, A.Int) and 0 <= e.right.value < 63:
                k, p = self._value(e.left, env, bound, label)
                return k, p * (1 << e.right.value)
            raise Unusable(f"'{e.op}' is not linear arithmetic")
        if isinstance(e, A.Cast) and e.type.base == "integer" and e.type.pointers == 0:
            return self._value(e.expr, env, bound, label)
        if isinstance(e, A.Call) and e.name in self.defs and self.defs[e.name].kind == "logic":
            d = self.defs[e.name]
            inner = dict(bound)
            for b, a in zip(d.params, e.args):
                inner[b.name] = self._value(a, env, bound, label)
            return self._value(d.body, env, inner, label)
        if isinstance(e, A.Let):
            inner = dict(bound)
            inner[e.name] = self._value(e.value, env, bound, label)
            return self._value(e.body, env, inner, label)
        if isinstance(e, A.Index):
            raise Unusable("memory contents are not tracked by the kernel's facts")
        raise Unusable(f"{A.show(e)} is not linear arithmetic over variables")

    def _variable(self, e, env: Env, label: str):
        name = e.name
        obj = env.names.get(name)
        if obj is None:
            raise Unusable(f"'{name}' is not a variable of this function")
        if isinstance(obj, int):
            return INTEGER, Poly.const(obj)
        if isinstance(obj, T.GlobalVar):
            raise Unusable(f"'{name}' is a global variable: its value is memory, which the "
                           "facts do not track")
        kind = c_type_of(obj.type)
        table = env.pre if label == "Pre" else env.now
        poly = table.get(id(obj))
        if poly is None:
            if label == "Pre":
                raise Unusable(f"the value of '{name}' at function entry is not tracked "
                               "(only parameters' are)")
            raise Unusable(f"the value of '{name}' is not tracked here")
        return kind, poly


def only_specifiers_between(ann, line: int, col: int) -> bool:
    """Whether only a declaration's specifiers (no ';', '{', '}', '=') stand between the end
    of the annotation comment and the declared name at (line, col): the contract is right
    before the declaration, not inside a body or before another statement."""
    try:
        text = open(ann.file, encoding="utf-8").read()
    except OSError:
        return True
    lines = text.split("\n")

    def offset(ln: int, c: int) -> int:
        return sum(len(x) + 1 for x in lines[:ln - 1]) + c - 1
    start = offset(ann.line, ann.col)
    end = start + 3 + len(ann.text) + (2 if text.startswith("/*", start) else 0)
    between = text[end:offset(line, col)]
    return not any(ch in between for ch in ";{}=")


NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def root_var(e):
    while isinstance(e, A.Binary):
        e = e.left
    return e.name if isinstance(e, A.Var) else None
