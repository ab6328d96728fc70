"""Memory types: the kernel's view of C types that hold pointers (docs/kernel.md, typed memory).

What this module produces: for a C type, the name of the memory type of its elements (what
a region of such objects is made of) and the layouts the certificate declares: element size
and, for each pointer field (struct members and arrays flattened), its offset, the memory
type of what it points to, and whether that target may be written through it. Types without
pointers are all the kernel's built-in `bytes`. Untrusted: a wrong layout only makes the
kernel refuse the module (relocations, stores and loads are checked against it).
"""
from __future__ import annotations

from certa.compiler.ctype import ArrayType, CType, PointerType, StructType, VoidType

BYTES = "bytes"


def element(t: CType) -> CType:
    """The innermost element type of (nested) arrays; t itself otherwise."""
    while isinstance(t, ArrayType):
        t = t.elem
    return t


class MemTypes:
    def __init__(self, read_only_targets: set | None = None):
        self.layouts: dict[str, dict] = {}
        self.names: dict[int, str] = {}          # id(StructType) -> name
        # Memory types whose pointers may point to read-only blocks (string literals):
        # fields pointing to them are declared read-only.
        self.read_only_targets = read_only_targets or set()

    def pointers(self, t: CType, base: int = 0) -> list[tuple[int, CType]]:
        """(offset, pointee) of every pointer inside an object of type t."""
        if isinstance(t, PointerType):
            return [(base, t.target)]
        if isinstance(t, ArrayType):
            out = []
            inner = self.pointers(t.elem)
            if inner:
                for k in range(t.length or 0):
                    out += [(base + k * t.elem.size + o, p) for o, p in inner]
            return out
        if isinstance(t, StructType):
            out = []
            for f in t.fields:
                out += self.pointers(f.type, base + f.offset)
            return out
        return []

    def name(self, t: CType) -> str:
        """The memory type of objects of C type t (arrays: of their elements)."""
        t = element(t)
        if isinstance(t, VoidType) or not self.pointers(t):
            return BYTES
        if isinstance(t, PointerType):
            key, name = None, "ptr_" + self.name(t.target)
        else:
            key = id(t)
            if key in self.names:
                return self.names[key]
            name = f"struct_{t.tag or 'anon'}_{len(self.names)}"
            self.names[key] = name
        if name not in self.layouts:
            self.layouts[name] = {}             # placeholder: recursive types refer to it
            fields = []
            for off, target in self.pointers(t):
                tname = self.name(target)
                fields.append([off, tname, tname not in self.read_only_targets])
            self.layouts[name] = {"size": t.size, "pointers": fields}
        return name

    def declared(self) -> dict:
        return dict(self.layouts)
