"""The typed AST from pycparser's AST: names resolved, types checked, conversions explicit.

What this pass guarantees: the `Program` it returns is well typed in the sense of
`tast.py` (every implicit C conversion is an explicit node, arrays have decayed, pointer
arithmetic carries its element size, `printf` is lowered to typed print calls), and every
construct outside Certa's subset has been rejected with a `CompileError` at its position
naming the construct. Nothing here is trusted: a mistake can only produce code the kernel
(or a differential test) rejects.

The user's translation unit is checked first, then Certa's libc (certa/libc/libc.c); a libc
function the user defines himself is skipped. Only functions reachable from the user's
non-static functions end up in the program.
"""
from __future__ import annotations

from pycparser import c_ast

from certa.compiler import tast as T
from certa.compiler.ctype import (
    BOOL, CHAR, INT, LLONG, LONG, SCHAR, SHORT, UCHAR, UINT, ULLONG, ULONG, USHORT, VOID,
    ArrayType, CType, FuncType, IntType, PointerType, StructType, VoidType, decay, promote,
    same_type, usual_arithmetic)
from certa.compiler.preprocess import MARKER, Source
from certa.diagnostics import CompileError, read_line, source_column

# Host services: declared in certa.h, provided by the runtime as imports.
HOST_SERVICES = ("__certa_write", "__certa_alloc", "__certa_exit", "__certa_trap", "__certa_clock",
                 "__certa_file_open", "__certa_file_size", "__certa_file_read", "__certa_file_close")

_INT_NAMES = {
    ("_Bool",): BOOL, ("char",): CHAR, ("signed", "char"): SCHAR, ("unsigned", "char"): UCHAR,
    ("short",): SHORT, ("signed", "short"): SHORT, ("short", "int"): SHORT,
    ("signed", "short", "int"): SHORT, ("unsigned", "short"): USHORT,
    ("unsigned", "short", "int"): USHORT, ("int",): INT, ("signed",): INT,
    ("signed", "int"): INT, ("unsigned",): UINT, ("unsigned", "int"): UINT,
    ("long",): LONG, ("signed", "long"): LONG, ("long", "int"): LONG,
    ("signed", "long", "int"): LONG, ("unsigned", "long"): ULONG,
    ("unsigned", "long", "int"): ULONG, ("long", "long"): LLONG,
    ("signed", "long", "long"): LLONG, ("long", "long", "int"): LLONG,
    ("signed", "long", "long", "int"): LLONG, ("unsigned", "long", "long"): ULLONG,
    ("unsigned", "long", "long", "int"): ULLONG,
}
_FLOAT_WORDS = {"float", "double", "_Complex", "_Imaginary"}

ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8,
           "f": 12, "v": 11, "?": 63, "e": 27}


def wrap(value: int, t: CType) -> int:
    """The value of `value` converted to integer (or pointer) type t, as C defines it."""
    if isinstance(t, IntType):
        if t is BOOL or t.name == "_Bool":
            return 1 if value else 0
        bits = 8 * t.size
        value &= (1 << bits) - 1
        if t.signed and value >> (bits - 1):
            value -= 1 << bits
        return value
    return value & ((1 << 64) - 1)


def unescape(body: str, err) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        i += 1
        if i >= len(body):
            err("bad escape sequence")
        c = body[i]
        if c == "x":
            j = i + 1
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                err("\\x used with no following hex digits")
            out.append(int(body[i + 1:j], 16) & 0xFF)
            i = j
        elif c in "01234567":
            j = i
            while j < len(body) and j < i + 3 and body[j] in "01234567":
                j += 1
            out.append(int(body[i:j], 8) & 0xFF)
            i = j
        elif c in ESCAPES:
            out.append(ESCAPES[c])
            i += 1
        else:
            err(f"unknown escape sequence '\\{c}'")
    return bytes(out)


class Scope:
    def __init__(self, parent: "Scope | None" = None):
        self.parent = parent
        self.names: dict[str, object] = {}     # LocalVar | GlobalVar | Function | int | CType
        self.tags: dict[str, StructType] = {}

    def lookup(self, name: str):
        s = self
        while s:
            if name in s.names:
                return s.names[name]
            s = s.parent
        return None

    def lookup_tag(self, name: str):
        s = self
        while s:
            if name in s.tags:
                return s.tags[name]
            s = s.parent
        return None


class Typedef:
    def __init__(self, type: CType):
        self.type = type


class EnumConst:
    def __init__(self, value: int):
        self.value = value


class Checker:
    def __init__(self):
        self.functions: dict[str, T.Function] = {}
        self.globals: list[T.GlobalVar] = []
        self.global_names: dict[str, T.GlobalVar] = {}
        self.calls: dict[str, set[str]] = {}        # caller -> callees
        self.first_use: dict[str, tuple] = {}       # function -> (file, line, col)
        self.src: Source | None = None
        self.library = False
        self.func: T.Function | None = None
        self.static_count = 0
        self.annotations: list = []             # the user file's (preprocess.Annotation)
        self.declarations: list = []            # (file, line, col, function name or None)
        self.pending_loop: int | None = None    # a loop annotation waiting for its loop

    # -- errors ---------------------------------------------------------------------
    def pos(self, node) -> tuple[str, int, int]:
        coord = getattr(node, "coord", None)
        if coord is None or not coord.line:
            return (self.src.path if self.src else "", 0, 0)
        file, line, col = coord.file, coord.line, coord.column or 1
        pre = self.src.lines.get((file, line)) if self.src else None
        col = source_column(read_line(file, line), pre, col)
        return (file, line, col)

    def err(self, node, msg: str, notes=None):
        file, line, col = self.pos(node)
        raise CompileError(msg, file, line, col, notes=notes)

    # -- translation units ----------------------------------------------------------
    def check_unit(self, ast: c_ast.FileAST, src: Source, library: bool) -> None:
        self.src, self.library = src, library
        self.scope = Scope()
        self.file_scope = self.scope
        if not library:
            self.annotations = src.annotations
            self.declarations = []
        for ext in ast.ext:
            if not library:     # where contracts may attach (annotations.attach_contracts)
                is_func = isinstance(ext, c_ast.FuncDef) or (
                    isinstance(ext, c_ast.Decl) and isinstance(ext.type, c_ast.FuncDecl))
                name = ext.decl.name if isinstance(ext, c_ast.FuncDef) else getattr(ext, "name", None)
                self.declarations.append((*self.pos(ext), name if is_func else None))
            if isinstance(ext, c_ast.FuncDef):
                self.function_def(ext)
            elif isinstance(ext, c_ast.Decl):
                self.file_decl(ext)
            elif isinstance(ext, c_ast.Typedef):
                self.typedef(ext)
            elif isinstance(ext, c_ast.Pragma):
                continue
            elif isinstance(ext, c_ast.StaticAssert):
                self.err(ext, "_Static_assert is not supported")
            else:
                self.err(ext, f"unsupported declaration ({type(ext).__name__})")

    # -- types ----------------------------------------------------------------------
    def base_type(self, node) -> CType:
        if isinstance(node, c_ast.IdentifierType):
            names = tuple(node.names)
            if any(n in _FLOAT_WORDS for n in names):
                self.err(node, "floating-point types are not supported")
            if names == ("void",):
                return VOID
            key = tuple(sorted(names, key=lambda n: ["signed", "unsigned", "short", "long", "char", "int", "_Bool"].index(n) if n in ("signed", "unsigned", "short", "long", "char", "int", "_Bool") else 9))
            if key in _INT_NAMES:
                return _INT_NAMES[key]
            if len(names) == 1:
                td = self.scope.lookup(names[0])
                if isinstance(td, Typedef):
                    return td.type
            self.err(node, f"unknown type '{' '.join(names)}'")
        if isinstance(node, c_ast.Struct):
            return self.struct_type(node)
        if isinstance(node, c_ast.Union):
            self.err(node, "unions are not supported")
        if isinstance(node, c_ast.Enum):
            return self.enum_type(node)
        self.err(node, f"unsupported type ({type(node).__name__})")

    def struct_type(self, node: c_ast.Struct) -> StructType:
        if node.decls is None:
            st = self.scope.lookup_tag(node.name) if node.name else None
            if st is None:
                st = StructType(node.name or "")
                self.scope.tags[node.name] = st
            return st
        st = self.scope.tags.get(node.name) if node.name else None
        if st is not None and st.complete:
            self.err(node, f"redefinition of 'struct {node.name}'")
        if st is None:
            st = StructType(node.name or "")
            if node.name:
                self.scope.tags[node.name] = st
        members = []
        seen = set()
        for d in node.decls:
            if d.bitsize is not None:
                self.err(d, "bit-fields are not supported")
            t = self.resolve(d.type)
            if isinstance(t, FuncType):
                self.err(d, "function members are not supported")
            if not self.complete(t):
                if isinstance(t, ArrayType) and t.length is None:
                    self.err(d, "flexible array members are not supported")
                self.err(d, f"field '{d.name}' has incomplete type '{t}'")
            if d.name is None:
                self.err(d, "anonymous struct members are not supported")
            if d.name in seen:
                self.err(d, f"duplicate member '{d.name}'")
            seen.add(d.name)
            members.append((d.name, t))
        if not members:
            self.err(node, "empty structs are not supported")
        st.lay_out(members)
        return st

    def enum_type(self, node: c_ast.Enum) -> CType:
        if node.values is not None:
            value = 0
            for e in node.values.enumerators:
                if e.value is not None:
                    value = self.const_int(e.value)
                if not (INT.min <= value <= INT.max):
                    self.err(e, "enumerator value does not fit in int")
                self.declare(e, e.name, EnumConst(value))
                value += 1
        return INT

    def complete(self, t: CType) -> bool:
        if isinstance(t, StructType):
            return t.complete
        if isinstance(t, ArrayType):
            return t.length is not None and self.complete(t.elem)
        return not isinstance(t, VoidType)

    def resolve(self, node, param: bool = False) -> CType:
        """The CType of a declarator chain (TypeDecl / PtrDecl / ArrayDecl / FuncDecl)."""
        if isinstance(node, c_ast.TypeDecl):
            return self.base_type(node.type)
        if isinstance(node, c_ast.Typename):
            return self.resolve(node.type)
        if isinstance(node, c_ast.PtrDecl):
            target = self.resolve(node.type)
            if isinstance(target, FuncType):
                self.err(node, "function pointers are not supported")
            return PointerType(target)
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.resolve(node.type)
            if isinstance(elem, FuncType):
                self.err(node, "arrays of functions are not supported")
            if isinstance(elem, VoidType):
                self.err(node, "arrays of void are not allowed")
            if node.dim_quals and "static" in node.dim_quals:
                self.err(node, "'static' in array parameters is not supported")
            if node.dim is None:
                return ArrayType(elem, None)
            if isinstance(elem, ArrayType) and elem.length is None:
                self.err(node, "array has incomplete element type")
            try:
                length = self.try_const(node.dim)
            except CompileError:
                length = None       # e.g. a parameter name used as a size
            if length is None:
                self.err(node.dim, "variable-length arrays are not supported")
            if length <= 0:
                self.err(node.dim, "array size must be positive")
            if length * max(elem.size, 1) > (1 << 31):
                self.err(node.dim, "array is too large")
            return ArrayType(elem, length)
        if isinstance(node, c_ast.FuncDecl):
            ret = self.resolve(node.type)
            if isinstance(ret, StructType):
                self.err(node, "returning structs by value is not supported")
            if isinstance(ret, ArrayType):
                self.err(node, "functions cannot return arrays")
            params, variadic = self.param_types(node.args)
            return FuncType(ret, tuple(params), variadic)
        self.err(node, f"unsupported declarator ({type(node).__name__})")

    def param_types(self, args) -> tuple[list[CType], bool]:
        params, variadic = [], False
        if args is None:
            return params, False
        for p in args.params:
            if isinstance(p, c_ast.EllipsisParam):
                variadic = True
                continue
            if isinstance(p, c_ast.ID):
                self.err(p, "old-style function definitions are not supported")
            t = self.resolve(p.type)
            if isinstance(t, VoidType) and len(args.params) == 1 and not getattr(p, "name", None):
                return [], False
            params.append(self.param_type(p, t))
        return params, variadic

    def param_type(self, node, t: CType) -> CType:
        if isinstance(t, StructType):
            self.err(node, "passing structs by value is not supported")
        if isinstance(t, FuncType):
            self.err(node, "function pointers are not supported")
        if isinstance(t, VoidType):
            self.err(node, "parameter has type void")
        return decay(t)

    def typedef(self, node: c_ast.Typedef) -> None:
        t = self.resolve(node.type)
        old = self.scope.names.get(node.name)
        if old is not None and not (isinstance(old, Typedef) and same_type(old.type, t)):
            self.err(node, f"redefinition of '{node.name}'")
        self.scope.names[node.name] = Typedef(t)

    def declare(self, node, name: str, obj) -> None:
        if name in self.scope.names:
            self.err(node, f"redefinition of '{name}'")
        self.scope.names[name] = obj

    # -- file-scope declarations ----------------------------------------------------
    def file_decl(self, d: c_ast.Decl) -> None:
        if d.name is None:          # struct/enum declaration only
            if isinstance(d.type, (c_ast.Struct, c_ast.Union, c_ast.Enum)):
                self.base_type(d.type)
                return
            self.err(d, "declaration does not declare anything")
        if d.bitsize is not None:
            self.err(d, "bit-fields are not supported")
        t = self.resolve(d.type)
        if isinstance(t, FuncType):
            self.function_decl(d, t)
            return
        if "extern" in d.storage and d.init is None:
            g = self.global_var(d, t, define=False)
            return
        self.global_var(d, t, define=True)

    def function_decl(self, d, t: FuncType) -> T.Function:
        if t.variadic and d.name != "printf":
            self.err(d, "variadic functions are not supported")
        f = self.functions.get(d.name)
        if f is None:
            file, line, _ = self.pos(d)
            f = T.Function(d.name, t, static="static" in d.storage, library=self.library,
                           line=line, file=file)
            self.functions[d.name] = f
        elif not self.same_signature(f.type, t):
            if not (self.library and f.body is not None and not f.library):
                self.err(d, f"conflicting types for '{d.name}': '{t}' vs '{f.type}'")
        old = self.scope.names.get(d.name)
        if old is not None and old is not f:
            self.err(d, f"redefinition of '{d.name}'")
        self.scope.names[d.name] = f
        if "extern" in d.storage and not self.library and f.body is None and not f.imported:
            # A candidate import from another module: keep the prototype's parameter names,
            # which its contract speaks of (a definition, if one follows, replaces them).
            f.imported = True
            args = [a for a in (d.type.args.params if d.type.args else [])
                    if not isinstance(a, c_ast.EllipsisParam)]
            if len(args) == len(t.params):
                f.params = [T.LocalVar(getattr(a, "name", None) or f"arg{i + 1}", pt)
                            for i, (a, pt) in enumerate(zip(args, t.params))]
        return f

    @staticmethod
    def same_signature(a: FuncType, b: FuncType) -> bool:
        return (same_type(a.ret, b.ret) and len(a.params) == len(b.params)
                and all(same_type(x, y) for x, y in zip(a.params, b.params))
                and a.variadic == b.variadic)

    def global_var(self, d, t: CType, define: bool) -> T.GlobalVar:
        name = d.name
        g = self.global_names.get(name)
        if isinstance(self.scope.lookup(name), T.Function):
            self.err(d, f"redefinition of '{name}'")
        if g is None:
            g = T.GlobalVar(name, t, static="static" in d.storage, line=self.pos(d)[1])
            self.global_names[name] = g
            self.globals.append(g)
        elif not same_type(g.type, t):
            self.err(d, f"conflicting types for '{name}'")
        self.scope.names[name] = g
        if define:
            if d.init is not None:
                if g.init is not None:
                    self.err(d, f"redefinition of '{name}'")
                g.init, g.type = self.const_initializer(d.init, t, d)
            g.defined = True
            if isinstance(g.type, ArrayType) and g.type.length is None:
                if g.init is None:
                    g.type = ArrayType(g.type.elem, 1)
            if not self.complete(g.type):
                self.err(d, f"variable '{name}' has incomplete type '{g.type}'")
            # Read-only data: the object itself is const (`const int x`, `char *const p`,
            # `const char s[]`), not merely what a pointer points to.
            g.readonly = d.init is not None and self.const_elem(d.type)
        return g

    @staticmethod
    def const_elem(node) -> bool:
        while isinstance(node, c_ast.ArrayDecl):
            node = node.type
        return isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl)) and "const" in node.quals

    # -- function definitions -------------------------------------------------------
    def function_def(self, fd: c_ast.FuncDef) -> None:
        d = fd.decl
        if fd.param_decls:
            self.err(fd, "old-style function definitions are not supported")
        t = self.resolve(d.type)
        if t.variadic:
            self.err(d, "variadic functions are not supported")
        if self.library and d.name in self.functions and self.functions[d.name].body is not None \
                and not self.functions[d.name].library:
            return      # the user's own definition wins over Certa's libc
        f = self.function_decl(d, t)
        if f.body is not None:
            self.err(d, f"redefinition of '{d.name}'")
        if d.name == "main" and t.ret != INT:
            self.err(d, "main must return int")
        file, line, _ = self.pos(d)
        f.line, f.file, f.library = line, file, self.library
        f.static = f.static or "static" in d.storage
        f.imported = False
        self.func = f
        f.params, f.locals = [], []
        self.calls.setdefault(f.name, set())
        outer = self.scope
        self.scope = Scope(outer)
        args = d.type.args.params if d.type.args else []
        for p, pt in zip([a for a in args if not isinstance(a, c_ast.EllipsisParam)], t.params):
            if not getattr(p, "name", None):
                self.err(p, "parameter name omitted")
            v = T.LocalVar(p.name, pt)
            self.declare(p, p.name, v)
            f.params.append(v)
        self.loop_depth = 0
        self.pending_loop = None
        self.switch_stack: list[list[T.CaseLabel]] = []
        f.body = self.block(fd.body, new_scope=False)
        self.scope = outer
        self.func = None

    # -- statements -----------------------------------------------------------------
    def block(self, node: c_ast.Compound, new_scope: bool = True) -> T.Block:
        if new_scope:
            self.scope = Scope(self.scope)
        stmts: list[T.Stmt] = []
        for item in node.block_items or []:
            if self.pending_loop is not None and not isinstance(item, (c_ast.For, c_ast.While, c_ast.DoWhile)):
                self.annotation_error(self.pending_loop, "a loop annotation must come right before "
                                      "a loop (for, while or do)")
            index = self.marker(item)
            if index is not None:
                if self.annotations[index].text.lstrip(" \t\n@").startswith("loop"):
                    self.pending_loop = index
                else:
                    s = T.AnnotStmt(index, self.visible_names())
                    s.line = self.annotations[index].line
                    stmts.append(s)
                continue
            if isinstance(item, c_ast.Decl):
                stmts.extend(self.local_decl(item))
            elif isinstance(item, c_ast.Typedef):
                self.typedef(item)
            else:
                s = self.stmt(item)
                if s is not None:
                    stmts.append(s)
        if self.pending_loop is not None:
            self.annotation_error(self.pending_loop, "a loop annotation must come right before "
                                  "a loop (for, while or do)")
        if new_scope:
            self.scope = self.scope.parent
        b = T.Block(stmts)
        b.line = self.pos(node)[1]
        return b

    # -- annotations ------------------------------------------------------------------
    def marker(self, node) -> int | None:
        """The annotation index of a `__certa_annot_K;` statement (preprocess.MARKER)."""
        if isinstance(node, c_ast.ID) and node.name.startswith(MARKER) and not self.library:
            return int(node.name[len(MARKER):])
        return None

    def annotation_error(self, index: int, msg: str):
        a = self.annotations[index]
        raise CompileError(f"annotation: {msg}", a.file, a.line, a.col)

    def visible_names(self) -> dict:
        out: dict = {}
        s = self.scope
        while s:
            for name, obj in s.names.items():
                if name not in out:
                    out[name] = obj.value if isinstance(obj, EnumConst) else obj
            s = s.parent
        return {k: v for k, v in out.items() if isinstance(v, (T.LocalVar, T.GlobalVar, int))}

    def take_loop_annotation(self) -> T.LoopSpec | None:
        if self.pending_loop is None:
            return None
        spec = T.LoopSpec(self.pending_loop, self.visible_names())
        self.pending_loop = None
        return spec

    def stmt(self, node) -> T.Stmt | None:
        s = self._stmt(node)
        if s is not None and not s.line:
            s.line = self.pos(node)[1]
        return s

    def _stmt(self, node) -> T.Stmt | None:
        if isinstance(node, c_ast.Compound):
            return self.block(node)
        if isinstance(node, c_ast.EmptyStatement):
            return None
        if isinstance(node, c_ast.If):
            return T.If(self.condition(node.cond), self.stmt_or_empty(node.iftrue),
                        self.stmt(node.iffalse) if node.iffalse else None)
        if isinstance(node, c_ast.While):
            spec = self.take_loop_annotation()
            cond = self.condition(node.cond)
            loop = T.While(cond, self.loop_body(node.stmt))
            loop.spec = spec
            return loop
        if isinstance(node, c_ast.DoWhile):
            spec = self.take_loop_annotation()
            body = self.loop_body(node.stmt)
            loop = T.DoWhile(body, self.condition(node.cond))
            loop.spec = spec
            return loop
        if isinstance(node, c_ast.For):
            pending, self.pending_loop = self.pending_loop, None
            self.scope = Scope(self.scope)
            init = None
            if isinstance(node.init, c_ast.DeclList):
                parts = []
                for d in node.init.decls:
                    parts.extend(self.local_decl(d))
                init = T.Block(parts)
            elif node.init is not None:
                init = T.ExprStmt(self.expr(node.init))
            self.pending_loop = pending         # names as seen inside the loop (after init)
            spec = self.take_loop_annotation()
            cond = self.condition(node.cond) if node.cond is not None else None
            step = self.expr(node.next) if node.next is not None else None
            body = self.loop_body(node.stmt)
            self.scope = self.scope.parent
            loop = T.For(init, cond, step, body)
            loop.spec = spec
            return loop
        if isinstance(node, c_ast.Return):
            ret = self.func.type.ret
            if node.expr is None:
                if not isinstance(ret, VoidType):
                    self.err(node, f"non-void function '{self.func.name}' should return a value")
                return T.Return(None)
            value = self.expr(node.expr)
            if isinstance(ret, VoidType):
                if not isinstance(value.type, VoidType):
                    self.err(node, "void function should not return a value")
                return T.Block([T.ExprStmt(value), T.Return(None)])
            return T.Return(self.assign_convert(self.rvalue(value, node.expr), ret, node.expr, "returning"))
        if isinstance(node, c_ast.Break):
            if self.loop_depth == 0 and not self.switch_stack:
                self.err(node, "break statement not within loop or switch")
            return T.Break()
        if isinstance(node, c_ast.Continue):
            if self.loop_depth == 0:
                self.err(node, "continue statement not within a loop")
            return T.Continue()
        if isinstance(node, c_ast.Switch):
            value = self.rvalue(self.expr(node.cond), node.cond)
            if not value.type.is_integer():
                self.err(node.cond, "switch quantity is not an integer")
            value = self.convert(value, promote(value.type))
            self.switch_stack.append([])
            self.switch_types = getattr(self, "switch_types", []) + [value.type]
            body = self.stmt_or_empty(node.stmt)
            cases = self.switch_stack.pop()
            self.switch_types.pop()
            return T.Switch(value, body, cases)
        if isinstance(node, (c_ast.Case, c_ast.Default)):
            if not self.switch_stack:
                self.err(node, "case label not within a switch statement")
            cases = self.switch_stack[-1]
            if isinstance(node, c_ast.Case):
                v = wrap(self.const_int(node.expr), self.switch_types[-1])
                if any(c.value == v for c in cases):
                    self.err(node, f"duplicate case value {v}")
            else:
                v = None
                if any(c.value is None for c in cases):
                    self.err(node, "multiple default labels in one switch")
            label = T.CaseLabel(v)
            label.line = self.pos(node)[1]
            cases.append(label)
            out = [label]
            for s in node.stmts or []:
                if isinstance(s, c_ast.Decl):
                    out.extend(self.local_decl(s))
                else:
                    st = self.stmt(s)
                    if st is not None:
                        out.append(st)
            return T.Block(out)
        if isinstance(node, c_ast.Goto):
            self.err(node, "goto is not supported")
        if isinstance(node, c_ast.Label):
            self.err(node, "labels are not supported (goto is not supported)")
        if isinstance(node, c_ast.Pragma):
            return None
        if isinstance(node, c_ast.Decl):
            return T.Block(self.local_decl(node))
        e = self.expr(node)
        return T.ExprStmt(e)

    def stmt_or_empty(self, node) -> T.Stmt:
        s = self.stmt(node)
        return s if s is not None else T.Block([])

    def loop_body(self, node) -> T.Stmt:
        self.loop_depth += 1
        saved = self.switch_stack
        self.switch_stack = []       # `break` in a loop inside a switch leaves the loop
        body = self.stmt_or_empty(node)
        self.switch_stack = saved
        self.loop_depth -= 1
        return body

    def condition(self, node) -> T.Expr:
        e = self.rvalue(self.expr(node), node)
        if not e.type.is_scalar():
            self.err(node, f"used '{e.type}' where a scalar is required")
        return e

    # -- local declarations ---------------------------------------------------------
    def local_decl(self, d: c_ast.Decl) -> list[T.Stmt]:
        if d.name is None:
            if isinstance(d.type, (c_ast.Struct, c_ast.Union, c_ast.Enum)):
                self.base_type(d.type)
                return []
            self.err(d, "declaration does not declare anything")
        if d.bitsize is not None:
            self.err(d, "bit-fields are not supported")
        t = self.resolve(d.type)
        if isinstance(t, FuncType):
            f = self.function_decl(d, t)
            self.scope.names[d.name] = f
            return []
        if "extern" in d.storage:
            g = self.global_names.get(d.name)
            if g is None:
                g = T.GlobalVar(d.name, t, line=self.pos(d)[1])
                self.global_names[d.name] = g
                self.globals.append(g)
            self.declare(d, d.name, g)
            return []
        if "static" in d.storage:
            self.static_count += 1
            g = T.GlobalVar(f"{self.func.name}.{d.name}.{self.static_count}", t, static=True,
                            line=self.pos(d)[1])
            if d.init is not None:
                g.init, g.type = self.const_initializer(d.init, t, d)
            g.defined = True
            if not self.complete(g.type):
                self.err(d, f"variable '{d.name}' has incomplete type '{g.type}'")
            self.globals.append(g)
            self.declare(d, d.name, g)
            return []
        if isinstance(t, ArrayType) and t.length is None and d.init is not None:
            t = ArrayType(t.elem, self.init_length(d.init, t))
        if not self.complete(t):
            self.err(d, f"variable '{d.name}' has incomplete type '{t}'")
        v = T.LocalVar(d.name, t)
        self.func.locals.append(v)
        self.declare(d, d.name, v)
        if d.init is None:
            return []
        line = self.pos(d)[1]
        if isinstance(t, (ArrayType, StructType)) and not (
                isinstance(t, StructType) and not isinstance(d.init, c_ast.InitList)):
            parts = self.flatten_init(d.init, t, d)
            s = T.InitLocal(v, True, parts)
        else:
            value = d.init
            if isinstance(value, c_ast.InitList):
                if len(value.exprs) != 1:
                    self.err(value, "too many initializers for a scalar")
                value = value.exprs[0]
            e = self.assign_convert(self.rvalue(self.expr(value), value), t, value, "initializing")
            s = T.ExprStmt(self.mk(T.Assign(T.Local(v, t), e, t), d))
        s.line = line
        return [s]

    # -- initialisers ---------------------------------------------------------------
    def init_length(self, init, t: ArrayType) -> int:
        if isinstance(init, c_ast.Constant) and init.type == "string":
            return len(self.string_bytes(init))
        if not isinstance(init, c_ast.InitList):
            self.err(init, "invalid initializer for an array")
        n = idx = 0
        for item in init.exprs:
            if isinstance(item, c_ast.NamedInitializer):
                d = item.name[0]
                idx = self.const_int(d.expr if isinstance(d, c_ast.ArrayDesignator) else d)
            idx += 1 if not self.elided(item, t.elem) else 0
            n = max(n, idx)
        if any(not isinstance(i, c_ast.NamedInitializer) and self.elided(i, t.elem) for i in init.exprs):
            per = self.scalar_count(t.elem)
            count = sum(1 for _ in init.exprs)
            n = max(n, (count + per - 1) // per)
        if n == 0:
            self.err(init, "zero-length arrays are not supported")
        return n

    def elided(self, item, elem: CType) -> bool:
        return isinstance(elem, (ArrayType, StructType)) and not isinstance(item, c_ast.InitList) \
            and not (isinstance(item, c_ast.Constant) and item.type == "string")

    def scalar_count(self, t: CType) -> int:
        if isinstance(t, ArrayType):
            return t.length * self.scalar_count(t.elem)
        if isinstance(t, StructType):
            return sum(self.scalar_count(f.type) for f in t.fields)
        return 1

    def flatten_init(self, init, t: CType, where) -> list[tuple[int, CType, T.Expr]]:
        """The scalar stores an aggregate initialiser makes: [(byte offset, type, value)]."""
        out: list = []
        if isinstance(init, c_ast.InitList):
            self.init_aggregate(init.exprs, 0, t, 0, out, top=True)
        elif isinstance(init, c_ast.Constant) and init.type == "string" and isinstance(t, ArrayType):
            self.init_string(init, t, 0, out)
        elif isinstance(t, StructType):
            e = self.rvalue(self.expr(init), init)
            out.append((0, t, self.assign_convert(e, t, init, "initializing")))
        else:
            self.err(init, f"invalid initializer for '{t}'")
        return out

    def init_string(self, node, t: ArrayType, offset: int, out: list) -> None:
        if not (isinstance(t.elem, IntType) and t.elem.size == 1):
            self.err(node, f"cannot initialize '{t}' with a string literal")
        data = self.string_bytes(node)
        if len(data) - 1 > t.length:
            self.err(node, f"initializer-string for '{t}' is too long")
        for i, b in enumerate(data[:t.length]):
            if b:
                out.append((offset + i, t.elem, T.Const(wrap(b, t.elem), t.elem)))

    def init_aggregate(self, items: list, pos: int, t: CType, offset: int, out: list,
                       top: bool = False) -> int:
        """Consume initialiser items from `pos` for an object of aggregate type t at
        `offset`; return the new position. Implements brace elision."""
        if isinstance(t, ArrayType):
            subs = [(i, t.elem, offset + i * t.elem.size) for i in range(t.length or 0)]
            by_name = None
        else:
            subs = [(f.name, f.type, offset + f.offset) for f in t.fields]
            by_name = {f.name: k for k, f in enumerate(t.fields)}
        k = 0
        while pos < len(items) and (top or k < len(subs)):
            item = items[pos]
            if isinstance(item, c_ast.NamedInitializer):
                if not top:
                    return pos  # a designator belongs to the enclosing braces
                desig = item.name[0]
                if isinstance(desig, c_ast.ArrayDesignator):
                    desig = desig.expr
                if isinstance(t, ArrayType):
                    if isinstance(desig, c_ast.ID) and by_name is None:
                        self.err(item, "field designator in an array initializer")
                    k = self.const_int(desig)
                else:
                    if not isinstance(desig, c_ast.ID) or desig.name not in by_name:
                        self.err(item, f"unknown field in initializer of '{t}'")
                    k = by_name[desig.name]
                if len(item.name) > 1:
                    # `.a.b = v` / `[i][j] = v`: initialise inside the designated member.
                    if k >= len(subs):
                        self.err(item.expr, "designator index out of range")
                    _, st, so = subs[k]
                    if not isinstance(st, (ArrayType, StructType)):
                        self.err(item.expr, f"designator into non-aggregate type '{st}'")
                    inner = c_ast.NamedInitializer(item.name[1:], item.expr, item.coord)
                    self.init_aggregate([inner], 0, st, so, out, top=True)
                    pos += 1
                    k += 1
                    continue
                item = item.expr
            if k >= len(subs):
                self.err(item, "excess elements in initializer")
            _, st, so = subs[k]
            if isinstance(item, c_ast.InitList):
                if isinstance(st, (ArrayType, StructType)):
                    self.init_aggregate(item.exprs, 0, st, so, out, top=True)
                else:
                    if len(item.exprs) != 1:
                        self.err(item, "too many initializers for a scalar")
                    self.init_scalar(item.exprs[0], st, so, out)
                pos += 1
            elif isinstance(item, c_ast.Constant) and item.type == "string" and isinstance(st, ArrayType):
                self.init_string(item, st, so, out)
                pos += 1
            elif isinstance(st, (ArrayType, StructType)):
                if isinstance(st, StructType) and not isinstance(item, c_ast.InitList):
                    e = self.rvalue(self.expr(item), item)
                    if isinstance(e.type, StructType):
                        out.append((so, st, self.assign_convert(e, st, item, "initializing")))
                        pos += 1
                        k += 1
                        continue
                items2 = items
                pos = self.init_aggregate(items2, pos, st, so, out)
            else:
                self.init_scalar(item, st, so, out)
                pos += 1
            k += 1
        return pos

    def init_scalar(self, node, t: CType, offset: int, out: list) -> None:
        e = self.rvalue(self.expr(node), node)
        out.append((offset, t, self.assign_convert(e, t, node, "initializing")))

    def const_initializer(self, init, t: CType, where) -> tuple[T.Init, CType]:
        if isinstance(t, ArrayType) and t.length is None:
            t = ArrayType(t.elem, self.init_length(init, t))
        if isinstance(t, (ArrayType, StructType)):
            parts = self.flatten_init(init, t, where)
        else:
            value = init
            if isinstance(value, c_ast.InitList):
                if len(value.exprs) != 1:
                    self.err(value, "too many initializers for a scalar")
                value = value.exprs[0]
            e = self.rvalue(self.expr(value), value)
            parts = [(0, t, self.assign_convert(e, t, value, "initializing"))]
        result = T.Init()
        for offset, pt, e in parts:
            if isinstance(pt, StructType):
                self.err(where, "struct copies are not constant initializers")
            v = self.const_value(e)
            if v is not None:
                result.values.append((offset, pt.size, wrap(v, pt) & ((1 << (8 * pt.size)) - 1)))
                continue
            a = self.const_address(e)
            if a is None:
                self.err(where, "initializer element is not a compile-time constant")
            result.addrs.append((offset, a[0], a[1]))
        return result, t

    def const_address(self, e: T.Expr):
        """(GlobalVar | StrLit, byte addend) when e is an address constant."""
        if isinstance(e, T.Convert) and e.type.is_pointer() and e.operand.type.is_pointer():
            return self.const_address(e.operand)
        if isinstance(e, T.AddrOf):
            return self.lvalue_address(e.target)
        if isinstance(e, T.PtrAdd):
            base = self.const_address(e.ptr)
            k = self.const_value(e.index)
            if base is not None and k is not None:
                return base[0], base[1] + k * e.scale
        return None

    def lvalue_address(self, e: T.Expr):
        if isinstance(e, T.GlobalRef):
            return e.var, 0
        if isinstance(e, T.StrLit):
            return e, 0
        if isinstance(e, T.Member):
            base = self.lvalue_address(e.base)
            return None if base is None else (base[0], base[1] + e.offset)
        if isinstance(e, T.Deref):
            return self.const_address(e.ptr)
        return None

    # -- constants ------------------------------------------------------------------
    def const_value(self, e: T.Expr) -> int | None:
        return e.value if isinstance(e, T.Const) else None

    def try_const(self, node) -> int | None:
        e = self.rvalue(self.expr(node), node)
        if isinstance(e, T.Const) and e.type.is_integer():
            return e.value
        return None

    def const_int(self, node) -> int:
        v = self.try_const(node)
        if v is None:
            self.err(node, "expression is not an integer constant")
        return v

    def string_bytes(self, node: c_ast.Constant) -> bytes:
        raw = node.value
        if raw.startswith(("L", "u", "U")):
            self.err(node, "wide string literals are not supported")
        # Adjacent literals arrive joined by pycparser: "ab" "cd" -> "abcd".
        return unescape(raw[1:-1], lambda m: self.err(node, m)) + b"\0"

    # -- expressions ----------------------------------------------------------------
    def mk(self, e: T.Expr, node) -> T.Expr:
        e.line = self.pos(node)[1] if node is not None else 0
        return e

    def rvalue(self, e: T.Expr, node) -> T.Expr:
        """Array-to-pointer decay; functions may only be called."""
        if isinstance(e.type, ArrayType):
            return self.mk(T.AddrOf(e, PointerType(e.type.elem)), node)
        if isinstance(e.type, FuncType):
            self.err(node, "function pointers are not supported")
        return e

    def value(self, node) -> T.Expr:
        return self.rvalue(self.expr(node), node)

    def convert(self, e: T.Expr, t: CType) -> T.Expr:
        if e.type == t or (isinstance(t, PointerType) and isinstance(e.type, PointerType)
                           and same_type(t, e.type)):
            return e
        if isinstance(e, T.Const) and t.is_scalar():
            c = T.Const(wrap(e.value, t), t)
            c.line = e.line
            return c
        c = T.Convert(e, t)
        c.line = e.line
        return c

    def is_null_constant(self, e: T.Expr) -> bool:
        return (isinstance(e, T.Const) and e.value == 0 and e.type.is_integer()) or \
            (isinstance(e, T.Const) and e.value == 0 and isinstance(e.type, PointerType)
             and isinstance(e.type.target, VoidType))

    def assign_convert(self, e: T.Expr, t: CType, node, what: str) -> T.Expr:
        """Conversion as if by assignment (C11 6.5.16.1)."""
        s = e.type
        if isinstance(t, IntType) and isinstance(s, IntType):
            return self.convert(e, t)
        if t is BOOL and isinstance(s, PointerType):
            return self.convert(e, t)
        if isinstance(t, PointerType):
            if isinstance(s, PointerType):
                if same_type(t, s) or isinstance(t.target, VoidType) or isinstance(s.target, VoidType):
                    return self.convert(e, t)
                self.err(node, f"incompatible pointer types {what} '{t}' from '{s}' "
                               "(casts between pointer types are not supported)")
            if self.is_null_constant(e):
                return T.Const(0, t)
            if isinstance(s, IntType):
                self.err(node, f"incompatible types {what} '{t}' from '{s}' "
                               "(casts between pointers and integers are not supported)")
        if isinstance(t, StructType) and isinstance(s, StructType) and t is s:
            return e
        if isinstance(s, VoidType):
            self.err(node, "void value not ignored as it ought to be")
        self.err(node, f"incompatible types {what} '{t}' from '{s}'")

    def expr(self, node) -> T.Expr:
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            self.err(node, f"unsupported expression ({type(node).__name__})")
        e = method(node)
        if not e.line:
            e.line = self.pos(node)[1]
        return e

    def e_Constant(self, node: c_ast.Constant) -> T.Expr:
        if node.type == "string":
            data = self.string_bytes(node)
            return T.StrLit(data, ArrayType(CHAR, len(data)))
        if node.type == "char":
            raw = node.value
            if raw[0] != "'":
                self.err(node, "wide character constants are not supported")
            b = unescape(raw[1:-1], lambda m: self.err(node, m))
            if len(b) != 1:
                self.err(node, "multi-character character constants are not supported")
            return T.Const(wrap(b[0], CHAR), INT)
        if node.type in ("float", "double", "long double"):
            self.err(node, "floating-point types are not supported")
        return self.int_literal(node)

    def int_literal(self, node) -> T.Expr:
        text = node.value.lower()
        suffix = ""
        while text and text[-1] in "ul":
            suffix = text[-1] + suffix
            text = text[:-1]
        try:
            if text.startswith("0x"):
                value, decimal = int(text[2:], 16), False
            elif text.startswith("0b"):
                value, decimal = int(text[2:], 2), False
            elif text.startswith("0") and len(text) > 1:
                value, decimal = int(text[1:], 8), False
            else:
                value, decimal = int(text), True
        except ValueError:
            if "e" in text or "." in text:
                self.err(node, "floating-point types are not supported")
            self.err(node, f"invalid integer constant '{node.value}'")
        unsigned = "u" in suffix
        longs = suffix.count("l")
        if decimal and not unsigned:
            cands = [INT, LONG, LLONG][min(longs, 2):]
        elif not unsigned:
            cands = [INT, UINT, LONG, ULONG, LLONG, ULLONG][2 * min(longs, 2):]
        else:
            cands = [UINT, ULONG, ULLONG][min(longs, 2):]
        for t in cands:
            if value <= t.max:
                return T.Const(value, t)
        if value <= ULLONG.max:
            return T.Const(value, ULLONG)
        self.err(node, "integer constant is too large")

    def e_ID(self, node: c_ast.ID) -> T.Expr:
        if self.marker(node) is not None:
            self.annotation_error(self.marker(node), "an assert or loop annotation must stand as a "
                                  "statement inside { ... }")
        obj = self.scope.lookup(node.name)
        if obj is None:
            if node.name in ("asm", "__asm__", "__asm"):
                self.err(node, "inline assembly is not supported")
            self.err(node, f"undeclared identifier '{node.name}'")
        if isinstance(obj, T.LocalVar):
            return T.Local(obj, obj.type)
        if isinstance(obj, T.GlobalVar):
            return T.GlobalRef(obj, obj.type)
        if isinstance(obj, EnumConst):
            return T.Const(obj.value, INT)
        if isinstance(obj, T.Function):
            self.err(node, "function pointers are not supported (a function may only be called)")
        self.err(node, f"'{node.name}' is a type, not a value")

    def e_ExprList(self, node: c_ast.ExprList) -> T.Expr:
        e = self.expr(node.exprs[0])
        for sub in node.exprs[1:]:
            f = self.expr(sub)
            e = T.Comma(e, self.rvalue(f, sub), self.rvalue(f, sub).type)
        return e

    def e_Cast(self, node: c_ast.Cast) -> T.Expr:
        t = self.resolve(node.to_type)
        e = self.value(node.expr)
        s = e.type
        if isinstance(t, VoidType):
            return T.Convert(e, VOID)
        if isinstance(t, IntType) and isinstance(s, IntType):
            return self.convert(e, t)
        if isinstance(t, PointerType) and isinstance(s, PointerType):
            if same_type(t, s) or isinstance(s.target, VoidType) or isinstance(t.target, VoidType):
                return self.convert(e, t)
            self.err(node, f"casts between pointer types are not supported ('{s}' to '{t}')")
        if isinstance(t, PointerType) and self.is_null_constant(e):
            return T.Const(0, t)
        if (isinstance(t, PointerType) and isinstance(s, IntType)) or \
                (isinstance(t, IntType) and isinstance(s, PointerType)):
            self.err(node, "casts between pointers and integers are not supported")
        self.err(node, f"invalid cast from '{s}' to '{t}'")

    def e_UnaryOp(self, node: c_ast.UnaryOp) -> T.Expr:
        op = node.op
        if op == "sizeof":
            if isinstance(node.expr, c_ast.Typename):
                t = self.resolve(node.expr)
            else:
                t = self.expr(node.expr).type
            if isinstance(t, FuncType) or not self.complete(t):
                self.err(node, f"invalid application of sizeof to '{t}'")
            return T.Const(t.size, ULONG)
        if op == "_Alignof":
            t = self.resolve(node.expr) if isinstance(node.expr, c_ast.Typename) else self.expr(node.expr).type
            return T.Const(t.align, ULONG)
        if op == "&":
            target = self.expr(node.expr)
            if isinstance(target.type, FuncType):
                self.err(node, "function pointers are not supported")
            self.require_lvalue(target, node.expr, "take the address of")
            return T.AddrOf(target, PointerType(target.type))
        if op == "*":
            p = self.value(node.expr)
            if not isinstance(p.type, PointerType):
                self.err(node, f"indirection requires a pointer operand ('{p.type}' invalid)")
            if isinstance(p.type.target, VoidType):
                self.err(node, "dereferencing a 'void *' pointer")
            return T.Deref(p, p.type.target)
        if op in ("++", "--", "p++", "p--"):
            target = self.expr(node.expr)
            self.require_lvalue(target, node.expr, "increment or decrement")
            delta = 1 if "++" in op else -1
            if isinstance(target.type, PointerType):
                delta *= self.elem_size(target.type, node)
            elif not isinstance(target.type, IntType):
                self.err(node, f"cannot increment or decrement a value of type '{target.type}'")
            return T.IncDec(target, delta, not op.startswith("p"), target.type)
        e = self.value(node.expr)
        if op == "!":
            if not e.type.is_scalar():
                self.err(node, f"invalid operand to '!' ('{e.type}')")
            if isinstance(e, T.Const):
                return T.Const(0 if e.value else 1, INT)
            return T.Unary("!", e, INT)
        if op in ("-", "+", "~"):
            if not isinstance(e.type, IntType):
                self.err(node, f"invalid operand to unary '{op}' ('{e.type}')")
            t = promote(e.type)
            e = self.convert(e, t)
            if op == "+":
                return e
            if isinstance(e, T.Const):
                return T.Const(wrap(-e.value if op == "-" else ~e.value, t), t)
            return T.Unary(op, e, t)
        self.err(node, f"unsupported operator '{op}'")

    def elem_size(self, pt: PointerType, node) -> int:
        target = pt.target
        if isinstance(target, VoidType):
            self.err(node, "arithmetic on a 'void *' pointer")
        if not self.complete(target):
            self.err(node, f"arithmetic on a pointer to incomplete type '{target}'")
        return target.size

    def require_lvalue(self, e: T.Expr, node, what: str) -> None:
        if not isinstance(e, (T.Local, T.GlobalRef, T.Deref, T.Member, T.StrLit)):
            self.err(node, f"cannot {what} an expression that is not an lvalue")

    def e_BinaryOp(self, node: c_ast.BinaryOp) -> T.Expr:
        op = node.op
        left, right = self.value(node.left), self.value(node.right)
        return self.binary(op, left, right, node)

    def binary(self, op: str, left: T.Expr, right: T.Expr, node) -> T.Expr:
        lt, rt = left.type, right.type
        if op in ("&&", "||"):
            for e in (left, right):
                if not e.type.is_scalar():
                    self.err(node, f"invalid operand to '{op}' ('{e.type}')")
            if isinstance(left, T.Const) and isinstance(right, T.Const):
                lv, rv = bool(left.value), bool(right.value)
                return T.Const(int(lv and rv) if op == "&&" else int(lv or rv), INT)
            return T.Logical(op, left, right, INT)
        if op in ("+", "-") and (isinstance(lt, PointerType) or isinstance(rt, PointerType)):
            if op == "-" and isinstance(lt, PointerType) and isinstance(rt, PointerType):
                if not same_type(lt, rt):
                    self.err(node, f"subtracting pointers of different types ('{lt}' and '{rt}')")
                return T.PtrDiff(left, right, self.elem_size(lt, node), LONG)
            if isinstance(rt, PointerType):
                if op == "-":
                    self.err(node, "cannot subtract a pointer from an integer")
                left, right, lt, rt = right, left, rt, lt
            if not isinstance(rt, IntType):
                self.err(node, f"invalid operands to '{op}' ('{lt}' and '{rt}')")
            idx = self.convert(right, LONG)
            if op == "-":
                idx = T.Const(wrap(-idx.value, LONG), LONG) if isinstance(idx, T.Const) else T.Unary("-", idx, LONG)
            return T.PtrAdd(left, idx, self.elem_size(lt, node), lt)
        if op in ("==", "!=", "<", "<=", ">", ">="):
            if isinstance(lt, PointerType) or isinstance(rt, PointerType):
                if isinstance(lt, PointerType) and isinstance(rt, PointerType):
                    if not (same_type(lt, rt) or isinstance(lt.target, VoidType)
                            or isinstance(rt.target, VoidType)):
                        self.err(node, f"comparison of distinct pointer types ('{lt}' and '{rt}')")
                elif isinstance(lt, PointerType) and self.is_null_constant(right):
                    right = T.Const(0, lt)
                elif isinstance(rt, PointerType) and self.is_null_constant(left):
                    left = T.Const(0, rt)
                else:
                    self.err(node, f"comparison between pointer and integer ('{lt}' and '{rt}')")
                return T.Binary(op, left, self.convert(right, left.type), INT)
            if not (isinstance(lt, IntType) and isinstance(rt, IntType)):
                self.err(node, f"invalid operands to '{op}' ('{lt}' and '{rt}')")
            t = usual_arithmetic(lt, rt)
            left, right = self.convert(left, t), self.convert(right, t)
            if isinstance(left, T.Const) and isinstance(right, T.Const):
                a, b = left.value, right.value
                res = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
                return T.Const(int(res), INT)
            return T.Binary(op, left, right, INT)
        if not (isinstance(lt, IntType) and isinstance(rt, IntType)):
            self.err(node, f"invalid operands to binary '{op}' ('{lt}' and '{rt}')")
        if op in ("<<", ">>"):
            t = promote(lt)
            left, right = self.convert(left, t), self.convert(right, promote(rt))
        else:
            t = usual_arithmetic(lt, rt)
            left, right = self.convert(left, t), self.convert(right, t)
        if isinstance(left, T.Const) and isinstance(right, T.Const):
            v = self.fold(op, left.value, right.value, t, node)
            if v is not None:
                return T.Const(v, t)
        return T.Binary(op, left, right, t)

    def fold(self, op: str, a: int, b: int, t: IntType, node) -> int | None:
        if op in ("/", "%"):
            if b == 0:
                return None          # leave it to run time (and, later, to the prover)
            q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
            return wrap(q if op == "/" else a - q * b, t)
        if op in ("<<", ">>"):
            if b < 0 or b >= 8 * t.size:
                return None
            if op == "<<":
                return wrap(a << b, t)
            return wrap(a >> b, t)
        return wrap({"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b}[op], t)

    def e_TernaryOp(self, node: c_ast.TernaryOp) -> T.Expr:
        c = self.condition(node.cond)
        a, b = self.value(node.iftrue), self.value(node.iffalse)
        at, bt = a.type, b.type
        if isinstance(at, IntType) and isinstance(bt, IntType):
            t = usual_arithmetic(at, bt)
            a, b = self.convert(a, t), self.convert(b, t)
        elif isinstance(at, PointerType) or isinstance(bt, PointerType):
            if isinstance(at, PointerType) and self.is_null_constant(b):
                t = at
                b = T.Const(0, t)
            elif isinstance(bt, PointerType) and self.is_null_constant(a):
                t = bt
                a = T.Const(0, t)
            elif isinstance(at, PointerType) and isinstance(bt, PointerType) and same_type(at, bt):
                t = at
            elif isinstance(at, PointerType) and isinstance(bt, PointerType) and \
                    (isinstance(at.target, VoidType) or isinstance(bt.target, VoidType)):
                t = PointerType(VOID)
            else:
                self.err(node, f"type mismatch in conditional expression ('{at}' and '{bt}')")
        elif isinstance(at, VoidType) and isinstance(bt, VoidType):
            t = VOID
        elif isinstance(at, StructType) and at is bt:
            t = at
        else:
            self.err(node, f"type mismatch in conditional expression ('{at}' and '{bt}')")
        if isinstance(c, T.Const) and isinstance(a, T.Const) and isinstance(b, T.Const):
            return T.Const((a if c.value else b).value, t)
        return T.Cond(c, a, b, t)

    def e_Assignment(self, node: c_ast.Assignment) -> T.Expr:
        target = self.expr(node.lvalue)
        self.require_lvalue(target, node.lvalue, "assign to")
        if isinstance(target, T.StrLit) or isinstance(target.type, ArrayType):
            self.err(node, "array type is not assignable")
        value = self.value(node.rvalue)
        t = target.type
        if node.op == "=":
            return T.Assign(target, self.assign_convert(value, t, node.rvalue, "assigning to"), t)
        op = node.op[:-1]
        if isinstance(t, PointerType) and op in ("+", "-"):
            if not isinstance(value.type, IntType):
                self.err(node, f"invalid operands to '{node.op}' ('{t}' and '{value.type}')")
            scale = self.elem_size(t, node)
            return T.CompoundAssign("ptradd", target, self.convert(value, LONG), LONG, t,
                                    scale if op == "+" else -scale)
        if not (isinstance(t, IntType) and isinstance(value.type, IntType)):
            self.err(node, f"invalid operands to '{node.op}' ('{t}' and '{value.type}')")
        optype = promote(t) if op in ("<<", ">>") else usual_arithmetic(t, value.type)
        value = self.convert(value, promote(value.type) if op in ("<<", ">>") else optype)
        return T.CompoundAssign(op, target, value, optype, t)

    def e_ArrayRef(self, node: c_ast.ArrayRef) -> T.Expr:
        base, idx = self.value(node.name), self.value(node.subscript)
        if isinstance(idx.type, PointerType) and isinstance(base.type, IntType):
            base, idx = idx, base
        if not isinstance(base.type, PointerType):
            self.err(node, f"subscripted value is not an array or pointer ('{base.type}')")
        if not isinstance(idx.type, IntType):
            self.err(node.subscript, "array subscript is not an integer")
        p = T.PtrAdd(base, self.convert(idx, LONG), self.elem_size(base.type, node), base.type)
        p.line = self.pos(node)[1]
        return T.Deref(p, base.type.target)

    def e_StructRef(self, node: c_ast.StructRef) -> T.Expr:
        if node.type == "->":
            p = self.value(node.name)
            if not isinstance(p.type, PointerType) or not isinstance(p.type.target, StructType):
                self.err(node, f"member reference type '{p.type}' is not a pointer to a struct")
            base = T.Deref(p, p.type.target)
            base.line = self.pos(node)[1]
        else:
            base = self.expr(node.name)
            if not isinstance(base.type, StructType):
                self.err(node, f"member reference base type '{base.type}' is not a struct")
        st = base.type
        if not st.complete:
            self.err(node, f"incomplete definition of type '{st}'")
        f = st.field(node.field.name)
        if f is None:
            self.err(node.field, f"no member named '{node.field.name}' in '{st}'")
        if not isinstance(base, (T.Local, T.GlobalRef, T.Deref, T.Member)):
            self.err(node, "member access on a struct value that is not an lvalue is not supported")
        return T.Member(base, f.offset, f.type)

    def e_FuncCall(self, node: c_ast.FuncCall) -> T.Expr:
        if not isinstance(node.name, c_ast.ID):
            self.err(node, "function pointers are not supported (only named functions can be called)")
        name = node.name.name
        f = self.scope.lookup(name)
        if f is None:
            if name in ("asm", "__asm__", "__asm"):
                self.err(node, "inline assembly is not supported")
            self.err(node.name, f"undeclared identifier '{name}' (implicit function declarations are not supported)")
        if not isinstance(f, T.Function):
            self.err(node, f"called object '{name}' is not a function (function pointers are not supported)")
        args = node.args.exprs if node.args else []
        if name == "printf":
            return self.printf(node, args)
        self.note_call(f, node)
        params = f.type.params
        if len(args) < len(params):
            self.err(node, f"too few arguments to function '{name}' (expected {len(params)}, have {len(args)})")
        if len(args) > len(params):
            self.err(node, f"too many arguments to function '{name}' (expected {len(params)}, have {len(args)})")
        conv = [self.assign_convert(self.value(a), p, a, f"passing argument {i + 1} of '{name}' as")
                for i, (a, p) in enumerate(zip(args, params))]
        return T.Call(f, conv, f.type.ret)

    def note_call(self, f: T.Function, node) -> None:
        caller = self.func.name if self.func else ""
        self.calls.setdefault(caller, set()).add(f.name)
        if f.name not in self.first_use:
            self.first_use[f.name] = self.pos(node)

    def call_named(self, name: str, args: list[T.Expr], node) -> T.Expr:
        f = self.functions.get(name)
        if f is None:
            self.err(node, f"printf needs '{name}' (include <stdio.h>)")
        self.note_call(f, node)
        conv = [self.convert(a, p) for a, p in zip(args, f.type.params)]
        return T.Call(f, conv, f.type.ret)

    def printf(self, node, args: list) -> T.Expr:
        """printf with a literal format becomes one typed print call per piece."""
        if not args or not (isinstance(args[0], c_ast.Constant) and args[0].type == "string"):
            self.err(node, "printf needs a literal format string")
        fmt = self.string_bytes(args[0])[:-1]
        rest = args[1:]
        pieces: list[T.Expr] = []
        values: list[T.Expr] = []

        def hold(e: T.Expr) -> T.Expr:
            values.append(e)
            return T.PrintfArg(len(values) - 1, e.type)

        lit = bytearray()
        i, argi = 0, 0

        def flush():
            if lit:
                s = T.StrLit(bytes(lit) + b"\0", ArrayType(CHAR, len(lit) + 1))
                ptr = T.AddrOf(s, PointerType(CHAR))
                pieces.append(self.call_named("__certa_print_lit", [ptr, T.Const(len(lit), LONG)], node))
                lit.clear()

        while i < len(fmt):
            c = fmt[i]
            if c != ord("%"):
                lit.append(c)
                i += 1
                continue
            j = i + 1
            flags = 0
            while j < len(fmt) and chr(fmt[j]) in "-0+ #":
                flags |= {"-": 1, "0": 2, "+": 4, " ": 8, "#": 16}[chr(fmt[j])]
                j += 1
            width = 0
            while j < len(fmt) and chr(fmt[j]).isdigit():
                width = width * 10 + fmt[j] - 48
                j += 1
            length = ""
            while j < len(fmt) and chr(fmt[j]) in "lhzjtqL.*":
                length += chr(fmt[j])
                j += 1
                if length[-1] in ".*":
                    while j < len(fmt) and chr(fmt[j]).isdigit():
                        j += 1
            if j >= len(fmt):
                self.err(args[0], "incomplete printf conversion at the end of the format")
            conv = chr(fmt[j])
            spec = fmt[i:j + 1].decode("latin-1")
            if conv == "%" and spec == "%%":
                lit.append(ord("%"))
                i = j + 1
                continue
            if conv not in "diuxXcs" or length not in ("", "l", "ll", "z") or \
                    (conv in "cs" and length) or width > 4096:
                self.err(args[0], f"unsupported printf conversion '{spec}' (supported: %d %i %u "
                                  "%x %X %c %s %% with l/ll/z, flags - 0 + space #, and a width)")
            if argi >= len(rest):
                self.err(node, f"printf format '{spec}' has no matching argument")
            anode = rest[argi]
            a = self.value(anode)
            argi += 1
            flush()
            if conv == "s":
                if not (isinstance(a.type, PointerType) and isinstance(a.type.target, IntType)
                        and a.type.target.size == 1):
                    self.err(anode, f"printf '%s' expects a char pointer, not '{a.type}'")
                a = T.Convert(a, PointerType(CHAR)) if a.type.target != CHAR else a
                pieces.append(self.call_named("__certa_print_str", [hold(a), T.Const(flags, INT), T.Const(width, INT)], node))
            else:
                if not isinstance(a.type, IntType):
                    self.err(anode, f"printf '{spec}' expects an integer, not '{a.type}'")
                if conv == "c":
                    pieces.append(self.call_named("__certa_print_char", [hold(self.convert(a, INT)), T.Const(flags, INT), T.Const(width, INT)], node))
                    i = j + 1
                    continue
                signed = conv in "di"
                if length:
                    a = self.convert(a, LONG if signed else ULONG)
                else:
                    a = self.convert(a, INT if signed else UINT)
                a = self.convert(a, LONG if signed else ULONG)
                code = ord("d") if signed else ord(conv)
                pieces.append(self.call_named("__certa_print_int", [hold(self.convert(a, LONG)), T.Const(code, INT), T.Const(flags, INT), T.Const(width, INT)], node))
            i = j + 1
        flush()
        if argi < len(rest):
            self.err(rest[argi], "too many arguments for the printf format")
        return T.Printf(values, pieces, INT)

    def e_InitList(self, node) -> T.Expr:
        self.err(node, "a braced initializer list is only allowed in a declaration")

    def e_CompoundLiteral(self, node) -> T.Expr:
        self.err(node, "compound literals are not supported")

    def e_Typename(self, node) -> T.Expr:
        self.err(node, "unexpected type name")

    # -- the whole program ----------------------------------------------------------
    def program(self, user_path: str) -> T.Program:
        roots = [f.name for f in self.functions.values()
                 if f.body is not None and not f.library and not f.static]
        if not roots:
            raise CompileError("no functions defined (a program needs main or an exported function)",
                               user_path)
        seen: set[str] = set()
        order: list[str] = []
        stack = list(reversed(roots))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            order.append(name)
            stack.extend(sorted(self.calls.get(name, ()), reverse=True))
        functions, imports, externs = [], [], []
        for name in order:
            f = self.functions[name]
            if f.body is not None:
                functions.append(f)
            elif name in HOST_SERVICES:
                imports.append(name)
            elif f.imported:
                self.check_import(f)
                imports.append(name)
                externs.append(f)
            else:
                file, line, col = self.first_use.get(name, (user_path, 0, 0))
                raise CompileError(f"function '{name}' is used but never defined (declare it "
                                   "`extern`, with its contract, to import it from another module)",
                                   file, line, col)
        for g in self.globals:
            if not g.defined:
                raise CompileError(f"'{g.name}' is declared extern but never defined",
                                   user_path, g.line)
        # User functions first, in source order, then the library's.
        functions.sort(key=lambda f: (f.library, f.line))
        # Run-time checks call __certa_trap and the prologue's stack check reads the stack
        # limit, so every module imports both.
        return T.Program(functions, self.globals,
                         sorted(set(imports) | {"__certa_trap", "__certa_stack_limit"}), user_path,
                         self.annotations, self.declarations, externs)

    def check_import(self, f: T.Function) -> None:
        """What may cross between modules: at most six integer or pointer arguments, an
        integer (or no) result, and memory of plain bytes (memory types and the pointers
        inside them are each module's own)."""
        def fail(msg):
            raise CompileError(f"imported function '{f.name}': {msg}", f.file, f.line)
        if f.name.startswith("__certa_"):
            fail("names starting with __certa_ are the host's")
        if len(f.type.params) > 6:
            fail("more than 6 parameters")
        if isinstance(f.type.ret, PointerType):
            fail("returns a pointer (pointers into another module's memory cannot be imported)")
        if not isinstance(f.type.ret, (IntType, VoidType)):
            fail(f"returns '{f.type.ret}' (an integer or void is expected)")
        for v in f.params:
            if isinstance(v.type, PointerType):
                target = v.type.target
                while isinstance(target, ArrayType):
                    target = target.elem
                if isinstance(target, (PointerType, StructType, FuncType)):
                    fail(f"parameter '{v.name}' points to '{target}': only memory of plain "
                         "integers or chars can be passed between modules")
            elif not isinstance(v.type, IntType):
                fail(f"parameter '{v.name}' has type '{v.type}' (an integer or pointer is expected)")
