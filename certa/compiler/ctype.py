"""C types of the subset, with the x86-64 System V (LP64) sizes and layouts.

Integers: _Bool, char (signed), signed/unsigned char, short, int, long, long long, each
signed and unsigned. Pointers are 8 bytes. Arrays have a constant length (or none, for an
incomplete `int a[]` parameter). Structs are laid out as the ABI says: each field at the
next multiple of its alignment, the size rounded up to the largest alignment.
The integer promotions and usual arithmetic conversions live here as well.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class CType:
    def is_integer(self) -> bool:
        return isinstance(self, IntType)

    def is_pointer(self) -> bool:
        return isinstance(self, PointerType)

    def is_scalar(self) -> bool:
        return isinstance(self, (IntType, PointerType))

    def is_void(self) -> bool:
        return isinstance(self, VoidType)


@dataclass(frozen=True, eq=True)
class IntType(CType):
    name: str
    size: int
    signed: bool
    rank: int

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.size

    def __str__(self) -> str:
        return self.name

    @property
    def min(self) -> int:
        return -(1 << (8 * self.size - 1)) if self.signed else 0

    @property
    def max(self) -> int:
        if self.name == "_Bool":
            return 1
        return (1 << (8 * self.size - 1)) - 1 if self.signed else (1 << (8 * self.size)) - 1


BOOL = IntType("_Bool", 1, False, 0)
CHAR = IntType("char", 1, True, 1)
SCHAR = IntType("signed char", 1, True, 1)
UCHAR = IntType("unsigned char", 1, False, 1)
SHORT = IntType("short", 2, True, 2)
USHORT = IntType("unsigned short", 2, False, 2)
INT = IntType("int", 4, True, 3)
UINT = IntType("unsigned int", 4, False, 3)
LONG = IntType("long", 8, True, 4)
ULONG = IntType("unsigned long", 8, False, 4)
LLONG = IntType("long long", 8, True, 5)
ULLONG = IntType("unsigned long long", 8, False, 5)
SIZE_T = ULONG
PTRDIFF_T = LONG

UNSIGNED_OF = {INT: UINT, LONG: ULONG, LLONG: ULLONG}


@dataclass(frozen=True)
class VoidType(CType):
    size: int = 1   # GNU C's sizeof(void); pointer arithmetic on void* is rejected anyway

    def __str__(self) -> str:
        return "void"


VOID = VoidType()


@dataclass(frozen=True)
class PointerType(CType):
    target: CType
    size: int = 8
    align: int = 8

    def __str__(self) -> str:
        if isinstance(self.target, ArrayType):
            return f"{self.target.elem} (*)[{self.target.length}]"
        t = str(self.target)
        return t + ("*" if t.endswith("*") else " *")


@dataclass(frozen=True)
class ArrayType(CType):
    elem: CType
    length: int | None

    @property
    def size(self) -> int:  # type: ignore[override]
        return self.elem.size * (self.length or 0)

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.elem.align

    def __str__(self) -> str:
        return f"{self.elem}[{'' if self.length is None else self.length}]"


@dataclass(frozen=True)
class Field:
    name: str
    type: CType
    offset: int


@dataclass(eq=False)
class StructType(CType):
    """Compared by identity: two struct declarations are two types."""
    tag: str
    fields: list[Field] = field(default_factory=list)
    size: int = 0
    align: int = 1
    complete: bool = False

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def lay_out(self, members: list[tuple[str, CType]]) -> None:
        offset, align = 0, 1
        for name, t in members:
            offset = (offset + t.align - 1) // t.align * t.align
            self.fields.append(Field(name, t, offset))
            offset += t.size
            align = max(align, t.align)
        self.size = (offset + align - 1) // align * align
        self.align = align
        self.complete = True

    def __str__(self) -> str:
        return f"struct {self.tag}" if self.tag else "struct <anonymous>"

    def __hash__(self) -> int:
        return id(self)


@dataclass(frozen=True)
class FuncType(CType):
    ret: CType
    params: tuple[CType, ...]
    variadic: bool = False
    prototyped: bool = True

    def __str__(self) -> str:
        ps = ", ".join(map(str, self.params)) + (", ..." if self.variadic else "")
        return f"{self.ret} ({ps or 'void'})"


def promote(t: CType) -> CType:
    """Integer promotion: types narrower than int become int."""
    if isinstance(t, IntType) and t.rank < INT.rank:
        return INT
    return t


def usual_arithmetic(a: IntType, b: IntType) -> IntType:
    a, b = promote(a), promote(b)   # type: ignore[assignment]
    if a == b:
        return a
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    u, s = (a, b) if not a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.size > u.size:
        return s
    return UNSIGNED_OF[s]


def decay(t: CType) -> CType:
    if isinstance(t, ArrayType):
        return PointerType(t.elem)
    if isinstance(t, FuncType):
        return PointerType(t)
    return t


def same_type(a: CType, b: CType) -> bool:
    """Type identity for pointer compatibility (qualifiers are not tracked)."""
    if isinstance(a, PointerType) and isinstance(b, PointerType):
        return same_type(a.target, b.target)
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        return same_type(a.elem, b.elem) and (a.length == b.length or None in (a.length, b.length))
    if isinstance(a, IntType) and isinstance(b, IntType):
        # char and signed char are distinct types but have one representation.
        return a.size == b.size and a.signed == b.signed and a.rank == b.rank
    return a == b if not isinstance(a, StructType) else a is b


def iface_name(t: CType) -> str:
    """The type's spelling in `.certa.iface`."""
    if isinstance(t, PointerType):
        s = iface_name(t.target)
        return s + ("*" if s.endswith("*") else " *")
    if isinstance(t, ArrayType):
        return iface_name(PointerType(t.elem))
    return str(t)
