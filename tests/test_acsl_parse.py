"""The ACSL annotation parser: trees, precedence, positions, and clean errors for bad input.

Trees are compared by `shape()`, which drops positions, so the expected values stay
readable; positions have their own tests. Error tests pin both the message and the exact
line and column in the original file.
"""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from certa.compiler.acsl import (
    Assert, Assigns, At, Behavior, Binary, Binder, Bool, Builtin, Call, Cast, Clause, Cond,
    Contract, Index, Int, Let, LogicDef, LoopAnnot, Member, Null, Old, Pos, Quant, Range,
    Result, TypeName, Unary, Var, free_vars, parse_annotation, show,
)
from certa.compiler.preprocess import Annotation
from certa.diagnostics import CompileError

P0 = Pos("t.c", 0, 0)       # positions are ignored by shape()


def parse(text: str, line: int = 1, col: int = 1):
    return parse_annotation(Annotation("t.c", line, col, text))


def expr(text: str):
    """The expression of `assert TEXT;`."""
    (item,) = parse(f" assert {text};")
    return item.clause.expr


def shape(x):
    """`x` without positions: nested tuples of the class name and the other fields."""
    if dataclasses.is_dataclass(x):
        return (type(x).__name__,) + tuple(
            shape(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name != "pos")
    if isinstance(x, (tuple, list)):
        return tuple(shape(y) for y in x)
    return x


def v(name):
    return Var(P0, name)


def i(value):
    return Int(P0, value)


def b(op, left, right):
    return Binary(P0, op, left, right)


def ty(base, pointers=0):
    return TypeName(P0, base, pointers)


def same(got, want):
    assert shape(got) == shape(want), f"\n got: {shape(got)}\nwant: {shape(want)}"


def error(text: str, line: int = 1, col: int = 1) -> CompileError:
    with pytest.raises(CompileError) as info:
        parse(text, line, col)
    err = info.value
    assert err.message.startswith("annotation: ")
    assert err.file == "t.c"
    return err


def check_error(text, message, line, col, ann_line=1, ann_col=1):
    err = error(text, ann_line, ann_col)
    assert message in err.message, err.message
    assert (err.line, err.col) == (line, col), (err.line, err.col, err.message)


# -- literals and atoms --------------------------------------------------------------------
def test_integer_literals():
    assert expr("42").value == 42
    assert expr("0x1F").value == 31
    assert expr("017").value == 15
    assert expr("0").value == 0
    assert expr("10u").value == 10
    assert expr("7UL").value == 7
    assert expr("0xffLL").value == 255
    assert isinstance(expr("1"), Int)


def test_character_literals():
    assert expr("'a'").value == 97
    assert expr("'\\n'").value == 10
    assert expr("'\\0'").value == 0
    assert expr("'\\''").value == 39
    assert expr("'\\x41'").value == 65
    assert expr("'\\101'").value == 65


def test_atoms():
    same(expr("\\true"), Bool(P0, True))
    same(expr("\\false"), Bool(P0, False))
    same(expr("\\result"), Result(P0))
    same(expr("\\null"), Null(P0))
    same(expr("x_1"), v("x_1"))


def test_old_and_at():
    same(expr("\\old(x) + 1"), b("+", Old(P0, v("x")), i(1)))
    same(expr("\\at(a[i], LoopEntry)"), At(P0, Index(P0, v("a"), v("i")), "LoopEntry"))
    for label in ("Pre", "Here", "Old", "Post", "LoopCurrent", "Init"):
        assert expr(f"\\at(x, {label})").label == label


def test_unary_operators():
    same(expr("-x"), Unary(P0, "-", v("x")))
    same(expr("!~x"), Unary(P0, "!", Unary(P0, "~", v("x"))))
    same(expr("*p + &x"), b("+", Unary(P0, "*", v("p")), Unary(P0, "&", v("x"))))
    same(expr("+ -1"), Unary(P0, "+", Unary(P0, "-", i(1))))
    same(expr("-a[i]"), Unary(P0, "-", Index(P0, v("a"), v("i"))))


# -- precedence and associativity -------------------------------------------------------------
def test_arithmetic_precedence():
    same(expr("a + b * c"), b("+", v("a"), b("*", v("b"), v("c"))))
    same(expr("a * b % c"), b("%", b("*", v("a"), v("b")), v("c")))
    same(expr("a << 1 + b"), b("<<", v("a"), b("+", i(1), v("b"))))


def test_minus_is_left_associative():
    same(expr("a - b - c"), b("-", b("-", v("a"), v("b")), v("c")))
    same(expr("a / b / c"), b("/", b("/", v("a"), v("b")), v("c")))


def test_implication_is_right_associative():
    same(expr("a ==> b ==> c"), b("==>", v("a"), b("==>", v("b"), v("c"))))


def test_equivalence_is_left_associative_and_loosest():
    same(expr("a <==> b <==> c"), b("<==>", b("<==>", v("a"), v("b")), v("c")))
    same(expr("a ==> b <==> c"), b("<==>", b("==>", v("a"), v("b")), v("c")))


def test_logical_connective_levels():
    same(expr("a || b ^^ c && d"), b("||", v("a"), b("^^", v("b"), b("&&", v("c"), v("d")))))
    same(expr("a && b ==> c || d"), b("==>", b("&&", v("a"), v("b")), b("||", v("c"), v("d"))))


def test_bitwise_versus_logical_lexing():
    same(expr("a | b || c & d && e"),
         b("||", b("|", v("a"), v("b")), b("&&", b("&", v("c"), v("d")), v("e"))))
    same(expr("a ^ b & c"), b("^", v("a"), b("&", v("b"), v("c"))))
    same(expr("a|b^c"), b("|", v("a"), b("^", v("b"), v("c"))))
    same(expr("x==>y==z"), b("==>", v("x"), b("==", v("y"), v("z"))))


def test_comparison_binds_looser_than_shift_and_tighter_than_bitand():
    same(expr("a & b == c"), b("&", v("a"), b("==", v("b"), v("c"))))
    same(expr("a >> 1 < b"), b("<", b(">>", v("a"), i(1)), v("b")))


def test_conditional():
    same(expr("c ? a : b"), Cond(P0, v("c"), v("a"), v("b")))
    same(expr("c ? a : d ? e : f"), Cond(P0, v("c"), v("a"), Cond(P0, v("d"), v("e"), v("f"))))
    # Below <==>: the whole equivalence is the condition.
    same(expr("p <==> q ? a : b"), Cond(P0, b("<==>", v("p"), v("q")), v("a"), v("b")))
    same(expr("\\result == (x > 0 ? x : -x)"),
         b("==", Result(P0), Cond(P0, b(">", v("x"), i(0)), v("x"), Unary(P0, "-", v("x")))))


# -- comparison chains ----------------------------------------------------------------------
def test_chain_of_two_shares_the_middle_term():
    e = expr("0 <= i < n")
    same(e, b("&&", b("<=", i(0), v("i")), b("<", v("i"), v("n"))))
    assert e.left.right is e.right.left


def test_longer_chain_is_left_nested():
    same(expr("a <= b <= c < d"),
         b("&&", b("&&", b("<=", v("a"), v("b")), b("<=", v("b"), v("c"))),
           b("<", v("c"), v("d"))))


def test_chain_with_equality_and_descending():
    same(expr("a == b < c"), b("&&", b("==", v("a"), v("b")), b("<", v("b"), v("c"))))
    same(expr("n > i >= 0"), b("&&", b(">", v("n"), v("i")), b(">=", v("i"), i(0))))
    same(expr("a < b && c < d"), b("&&", b("<", v("a"), v("b")), b("<", v("c"), v("d"))))


# -- postfix, calls, builtins -----------------------------------------------------------------
def test_postfix_chain():
    same(expr("s.a[i]->f"),
         Member(P0, Index(P0, Member(P0, v("s"), "a", False), v("i")), "f", True))
    same(expr("m[i][j]"), Index(P0, Index(P0, v("m"), v("i")), v("j")))


def test_calls_and_bare_predicates():
    same(expr("sorted(a, n) && ok"),
         b("&&", Call(P0, "sorted", (v("a"), v("n"))), v("ok")))
    same(expr("P()"), Call(P0, "P", ()))


def test_builtins():
    same(expr("\\valid(p)"), Builtin(P0, "\\valid", (v("p"),)))
    same(expr("\\valid_read(a + (0..n-1))"),
         Builtin(P0, "\\valid_read", (b("+", v("a"), Range(P0, i(0), b("-", v("n"), i(1)))),)))
    same(expr("\\separated(p, q, r)"), Builtin(P0, "\\separated", (v("p"), v("q"), v("r"))))
    same(expr("\\abs(x) <= \\max(a, b)"),
         b("<=", Builtin(P0, "\\abs", (v("x"),)), Builtin(P0, "\\max", (v("a"), v("b")))))
    assert expr("\\min(a, b)").name == "\\min"
    assert expr("\\initialized(&x)").name == "\\initialized"


def test_ranges():
    same(expr("a + (0..n-1)"), b("+", v("a"), Range(P0, i(0), b("-", v("n"), i(1)))))
    same(expr("\\valid(a + (..n))"), Builtin(P0, "\\valid", (b("+", v("a"), Range(P0, None, v("n"))),)))
    same(expr("\\valid(a + (0..))"), Builtin(P0, "\\valid", (b("+", v("a"), Range(P0, i(0), None)),)))
    same(expr("\\valid(&a[0 .. n])"),
         Builtin(P0, "\\valid", (Unary(P0, "&", Index(P0, v("a"), Range(P0, i(0), v("n")))),)))


def test_casts_and_type_normalisation():
    same(expr("(integer) x + 1"), b("+", Cast(P0, ty("integer"), v("x")), i(1)))
    same(expr("(unsigned char *) p"), Cast(P0, ty("unsigned char", 1), v("p")))
    same(expr("(struct node **) p"), Cast(P0, ty("struct node", 2), v("p")))
    for written, base in [("long int", "long"), ("unsigned", "unsigned int"),
                          ("long unsigned long", "unsigned long long"),
                          ("signed char", "signed char"), ("short int", "short"),
                          ("signed", "int"), ("int64_t", "int64_t"), ("size_t", "size_t"),
                          ("_Bool", "_Bool"), ("const int", "int"), ("boolean", "boolean")]:
        assert expr(f"({written}) x").type.base == base, written
    same(expr("(int) -x"), Cast(P0, ty("int"), Unary(P0, "-", v("x"))))


# -- binders -------------------------------------------------------------------------------------
def test_quantifier_binders_and_body_extends_right():
    e = expr("\\forall integer i, j, int *p; 0 <= i < j < n ==> a[i] <= a[j]")
    assert isinstance(e, Quant) and e.kind == "\\forall"
    assert [(x.name, x.type.base, x.type.pointers) for x in e.binders] == [
        ("i", "integer", 0), ("j", "integer", 0), ("p", "int", 1)]
    assert isinstance(e.body, Binary) and e.body.op == "==>"


def test_quantifier_as_right_operand_swallows_the_rest():
    e = expr("x > 0 && \\exists integer k; a[k] == x || b")
    same(e, b("&&", b(">", v("x"), i(0)),
              Quant(P0, "\\exists", (Binder(P0, ty("integer"), "k"),),
                    b("||", b("==", Index(P0, v("a"), v("k")), v("x")), v("b")))))


def test_typedef_binder_and_let():
    e = expr("\\forall T x, y; P(x, y)")
    assert [(x.type.base, x.name) for x in e.binders] == [("T", "x"), ("T", "y")]
    same(expr("\\let s = a + b; s * s >= 0"),
         Let(P0, "s", b("+", v("a"), v("b")), b(">=", b("*", v("s"), v("s")), i(0))))


# -- clauses and items -------------------------------------------------------------------------
def test_contract_with_named_clauses():
    (c,) = parse(" requires nonneg: n >= 0;\n ensures a: b: \\result == n;\n terminates \\true;"
                 " decreases n;")
    assert isinstance(c, Contract)
    kinds = [(x.kind, x.names) for x in c.clauses]
    assert kinds == [("requires", ("nonneg",)), ("ensures", ("a", "b")), ("terminates", ()),
                     ("decreases", ())]
    same(c.clauses[0].expr, b(">=", v("n"), i(0)))


def test_assigns_clauses():
    (c,) = parse(" assigns \\nothing;")
    same(c.clauses, (Assigns(P0, "assigns", ()),))
    (c,) = parse(" assigns *p, x, a[i], s->f, a[0..n-1];")
    same(c.clauses[0].targets, (Unary(P0, "*", v("p")), v("x"), Index(P0, v("a"), v("i")),
                                Member(P0, v("s"), "f", True),
                                Index(P0, v("a"), Range(P0, i(0), b("-", v("n"), i(1))))))


def test_behaviors_and_completeness():
    (c,) = parse(" requires n >= 0;\n behavior pos: assumes x > 0; ensures \\result == x;\n"
                 " behavior neg: assumes x <= 0; assigns \\nothing; ensures \\result == -x;\n"
                 " complete behaviors pos, neg;\n disjoint behaviors;")
    assert [type(x).__name__ for x in c.clauses] == [
        "Clause", "Behavior", "Behavior", "Clause", "Clause"]
    pos, neg = c.clauses[1], c.clauses[2]
    assert isinstance(pos, Behavior) and pos.name == "pos"
    assert [x.kind for x in pos.clauses] == ["assumes", "ensures"]
    assert [x.kind for x in neg.clauses] == ["assumes", "assigns", "ensures"]
    same(c.clauses[3], Clause(P0, "complete behaviors", None, ("pos", "neg")))
    same(c.clauses[4], Clause(P0, "disjoint behaviors", None, ()))


def test_loop_annotation():
    (la,) = parse(" loop invariant 0 <= i <= n;\n loop invariant bound: s >= 0;\n"
                  " loop assigns i, s;\n loop variant n - i;")
    assert isinstance(la, LoopAnnot)
    assert [(getattr(x, "kind")) for x in la.clauses] == [
        "invariant", "invariant", "loop assigns", "variant"]
    assert la.clauses[1].names == ("bound",)
    same(la.clauses[3].expr, b("-", v("n"), v("i")))


def test_assert_check_and_several_items():
    items = parse(" assert x > 0; check y: x != 3;")
    assert [type(x) for x in items] == [Assert, Assert]
    assert items[0].clause.kind == "assert"
    assert items[1].clause.kind == "check" and items[1].clause.names == ("y",)


def test_logic_definitions():
    (d,) = parse(" predicate sorted(int *a, integer n) =\n"
                 "   \\forall integer i, j; 0 <= i <= j < n ==> a[i] <= a[j];")
    assert isinstance(d, LogicDef) and (d.kind, d.name, d.ret) == ("predicate", "sorted", None)
    assert [(p.type.base, p.type.pointers, p.name) for p in d.params] == [
        ("int", 1, "a"), ("integer", 0, "n")]
    assert isinstance(d.body, Quant)
    (f,) = parse(" logic integer sq(integer x) = x * x;")
    same(f, LogicDef(P0, "logic", "sq", ty("integer"), (Binder(P0, ty("integer"), "x"),),
                     b("*", v("x"), v("x"))))
    defs = parse(" predicate always = \\true; logic integer N = 10;")
    assert [(x.name, x.params) for x in defs] == [("always", ()), ("N", ())]


def test_empty_annotation_gives_no_items():
    assert parse("   ") == []
    assert parse("\n  @ \n  @") == []


# -- layout and positions -----------------------------------------------------------------------
def test_at_sign_continuation_lines():
    text = " requires x >= 0;\n   @ ensures\n   @@  \\result == x;\n   @"
    (c,) = parse(text, 3, 5)
    assert [x.kind for x in c.clauses] == ["requires", "ensures"]
    assert (c.clauses[1].pos.line, c.clauses[1].pos.col) == (4, 6)


def test_positions_in_multiline_comment():
    # The comment starts at line 10, column 5:  /*@ requires a;
    text = " requires a > 0;\n    @ ensures \\result ==\n    @    a + b;\n    @*/"[:-2]
    (c,) = parse(text, 10, 5)
    req, ens = c.clauses
    assert (req.pos.file, req.pos.line, req.pos.col) == ("t.c", 10, 9)
    assert (req.expr.left.pos.line, req.expr.left.pos.col) == (10, 18)
    plus = ens.expr.right
    assert isinstance(plus.right, Var) and plus.right.name == "b"
    assert (plus.left.pos.line, plus.left.pos.col) == (12, 10)
    assert (plus.right.pos.line, plus.right.pos.col) == (12, 14)
    assert (ens.expr.left.pos.line, ens.expr.left.pos.col) == (11, 15)


def test_positions_of_compound_nodes():
    e = expr("x + (0..n) + \\forall int k; k > 0")
    # body starts at column 4 of line 1; "assert " is 8 characters after the blank
    assert e.pos.col == 12                       # Binary starts at its left operand
    assert e.left.right.pos.col == 16            # the range starts at '('
    assert e.right.pos.col == 25                 # the quantifier at '\forall'
    assert e.right.binders[0].pos.col == 37      # a binder at its name


def test_line_comment_annotation_positions():
    (c,) = parse(" loop variant n - i;", 7, 9)
    assert (c.pos.line, c.pos.col) == (7, 13)
    assert (c.clauses[0].expr.right.pos.line, c.clauses[0].expr.right.pos.col) == (7, 30)


def test_comments_inside_annotation_are_blank():
    (c,) = parse(" requires x > 0; // positive\n ensures y; /* note */")
    assert [x.kind for x in c.clauses] == ["requires", "ensures"]


# -- consumers --------------------------------------------------------------------------------
def test_free_vars():
    assert free_vars(expr("\\forall integer i; 0 <= i < n ==> a[i] == x")) == {"n", "a", "x"}
    assert free_vars(expr("\\let t = u + 1; t * w")) == {"u", "w"}
    assert free_vars(expr("P(q) && \\result == \\old(z)")) == {"q", "z"}
    assert free_vars(expr("(\\exists int k; k == m) || k > 0")) == {"m", "k"}


def test_show_minimal_parentheses():
    assert show(expr("a - (b - c)")) == "a - (b - c)"
    assert show(expr("(a - b) - c")) == "a - b - c"
    assert show(expr("(a ==> b) ==> c")) == "(a ==> b) ==> c"
    assert show(expr("a ==> (b ==> c)")) == "a ==> b ==> c"
    assert show(expr("(a + b) * c")) == "(a + b) * c"
    assert show(expr("0 <= i < n")) == "0 <= i && i < n"
    assert show(expr("(a < b) == c")) == "(a < b) == c"
    assert show(expr("-(-x)")) == "- -x"
    assert show(expr("\\valid(a + (0..n-1))")) == "\\valid(a + (0..n - 1))"
    assert show(expr("(\\forall int x; P(x)) && Q")) == "(\\forall int x; P(x)) && Q"
    assert show(expr("(int *) p->f[i..]")) == "(int *) p->f[i..]"


ROUND_TRIP = [
    "\\forall integer i, j, int *p; 0 <= i < j < n ==> a[i] <= a[j]",
    "c ? a : d ? e : f", "(c ? a : d) ? e : f", "p <==> q ? x : y",
    "\\let s = a + b; s * s >= 0", "- -x + ~(a & b) - !c", "&*p == p",
    "\\at(\\old(x), Pre) + (..n) + (0..)", "\\separated(a + (0..n), b)",
    "(a | b) & c ^ d", "a[0..n - 1]", "x ==> \\exists int k; k > 0 || k < 0",
    "(unsigned long) x << 2 >> 1", "s.f->g[(int) 3]", "a % (b * c) / d",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_show_round_trips(text):
    e = expr(text)
    assert shape(expr(show(e))) == shape(e)


# -- errors -------------------------------------------------------------------------------------
def test_error_unknown_clause_suggests():
    check_error(" requries x > 0;", "unknown clause 'requries', did you mean 'requires'?", 1, 5)
    check_error(" ensure x;", "did you mean 'ensures'?", 1, 5)


def test_error_missing_semicolon():
    check_error(" requires x > 0\n ensures y;", "expected ';' after the clause, found 'ensures'",
                2, 2)
    check_error(" requires x > 0 ", "expected ';' after the clause, found end of annotation",
                1, 20)


def test_error_unterminated_range():
    check_error(" assigns a[0.n];", "unterminated range, expected '..'", 4, 18, 4, 3)
    check_error(" requires \\valid(a + (0...n));", "unterminated range, expected '..'", 1, 27)


def test_error_unexpected_end():
    check_error(" requires x >=", "unexpected end of annotation, expected an expression", 1, 18)
    check_error(" ensures a[", "unexpected end of annotation, expected an expression", 1, 15)


def test_error_mixed_chain_direction():
    check_error(" assert a < b > c;", "comparison chain mixes '<' and '>'", 1, 18)
    check_error(" assert a >= b == c <= d;", "mixes '>=' and '<='", 1, 24)


def test_error_second_loop_variant():
    check_error(" loop variant n;\n   loop variant m;", "only one 'loop variant'", 2, 4)


def test_error_mixing_contract_and_loop():
    check_error(" requires x;\n loop invariant y;",
                "a loop annotation cannot be mixed with a function contract", 2, 2)
    check_error(" loop invariant y; assert x;", "an assertion cannot be mixed", 1, 23)


def test_error_unsupported_constructs():
    check_error(" ghost int x = 0;", "ghost code is not supported", 1, 5)
    check_error(" global invariant g: x > 0;", "global invariants are not supported", 1, 5)
    check_error(" type invariant t(T x) = x > 0;", "type invariants are not supported", 1, 5)
    check_error(" inductive P(integer n) { case z: P(0); }",
                "inductive and axiomatic definitions are not supported", 1, 5)
    check_error(" axiomatic A { }", "inductive and axiomatic definitions are not supported", 1, 5)
    check_error(" for pos: loop invariant x;", "are not supported", 1, 5)
    check_error(" loop variant n for R;", "is not supported", 1, 20)
    check_error(" predicate P{L}(int *p) = \\true;", "logic labels", 1, 16)


def test_error_unknown_builtin_and_label():
    check_error(" requires \\vaild(p);", "unknown built-in '\\vaild', did you mean '\\valid'?",
                1, 14)
    check_error(" requires \\fresh(p, 4);", "unknown built-in '\\fresh'", 1, 14)
    check_error(" ensures \\at(x, Start) == 0;", "unknown label 'Start' in '\\at'", 1, 20)


def test_error_builtin_arity():
    check_error(" requires \\abs(a, b) > 0;", "'\\abs' expects 1 argument, got 2", 1, 14)
    check_error(" requires \\max(a) > 0;", "'\\max' expects 2 arguments, got 1", 1, 14)
    check_error(" requires \\valid();", "'\\valid' expects at least 1 argument", 1, 14)


def test_error_nesting_too_deep():
    ok = " requires " + "(" * 150 + "x" + ")" * 150 + ";"
    assert len(parse(ok)) == 1
    text = " requires " + "(" * 250 + "x" + ")" * 250 + ";"
    check_error(text, "nested more than 200 levels deep", 1, 14 + 200)
    check_error(" requires " + "-" * 100000 + "x;", "nested more than 200", 1, 14 + 199)
    check_error(" requires " + "x + " * 300 + "x;", "nested more than 200", 1, 14 + 4 * 199 + 2)


def test_error_literals_and_characters():
    check_error(" requires x > 1.5;", "real number literals are not supported", 1, 18)
    check_error(' requires s == "abc";', "string literals are not supported", 1, 19)
    check_error(" requires x # 1;", "unexpected character '#'", 1, 16)
    check_error(" requires x > 09;", "invalid integer literal '09'", 1, 18)
    check_error(" requires x > 1e5;", "invalid integer literal '1e5'", 1, 18)
    check_error(" requires x > 1_0;", "invalid integer literal", 1, 18)
    check_error(" requires c == 'ab';", "malformed character literal", 1, 19)
    check_error(" requires x @ y;", "unexpected character '@'", 1, 16)


def test_error_binders_and_types():
    check_error(" assert \\forall i; i > 0;", "missing type for the bound variable 'i'", 1, 20)
    check_error(" assert (short long) x > 0;", "invalid type 'short long'", 1, 13)
    check_error(" assert (double) x > 0;", "floating-point types are not supported", 1, 13)
    check_error(" assert \\forall integer i j; i > 0;", "expected ';' after the bound variables",
                1, 30)


def test_error_clause_structure():
    check_error(" assumes x;", "'assumes' is only allowed inside a behavior", 1, 5)
    check_error(" behavior b: ensures x;\n complete behaviors;\n requires y;",
                "'requires' must come before the behaviors", 3, 2)
    check_error(" predicate P(int x);", "needs a definition", 1, 23)
    check_error(" invariant x > 0;", "did you mean 'loop invariant'?", 1, 5)
    check_error(" loop invariant\n   x; loop invarant y;", "unknown loop clause 'invarant', "
                "did you mean 'invariant'?", 2, 12)
    check_error(" assert \\nothing;", "'\\nothing' is only allowed as an assigns clause", 1, 12)
    check_error(" assigns x + 1;", "'x + 1' is not a memory location", 1, 13)
    check_error(" requires 0 <= i..n;", "must be written in parentheses or brackets", 1, 20)
    check_error(" 42;", "expected a clause such as 'requires'", 1, 5)


def test_error_position_after_at_continuation():
    text = " requires x;\n  @ ensures \\result = 0;\n  @"
    check_error(text, "expected ';' after the clause, found '='", 6, 21, 5, 3)


def test_error_format_shows_the_file_position():
    err = error(" requries x;", 3, 1)
    assert err.format().startswith("t.c:3:5: error: annotation: unknown clause 'requries'")


# -- robustness ---------------------------------------------------------------------------------
VALID = [
    " requires \\valid(a + (0..n-1)) && n >= 0;\n  @ assigns a[0..n-1];\n  @ ensures "
    "\\forall integer k; 0 <= k < n ==> a[k] == \\old(a[k]) + 1;",
    " loop invariant 0 <= i <= n; loop assigns i, s; loop variant n - i;",
    " predicate sorted(int *a, integer n) = \\forall integer i, j; 0 <= i <= j < n ==> "
    "a[i] <= a[j];",
    " behavior b: assumes x > 0; ensures \\result == (x ? 'a' : -0x1F); complete behaviors b;",
    " assert \\let y = (unsigned char) x; y <==> \\at(p->f, Pre) ^^ \\exists int *q; *q == 1;",
]
ALPHABET = list("()[]{};:,.?!~*&|^<>=+-/%@\\'\"\n #0x9aZ_") + [
    "\\forall", "\\exists", "\\let", "\\result", "\\old(", "\\at(", "\\valid(", "\\nothing",
    "integer ", "int ", "requires ", "ensures ", "assigns ", "loop ", "invariant ", "variant ",
    "behavior ", "assert ", "predicate ", "logic ", "..", "==>", "<==>", "->", " x", " 1"]


def _run(text: str, line: int, col: int) -> None:
    ann = Annotation("t.c", line, col, text)
    try:
        items = parse_annotation(ann)
    except CompileError as err:
        assert err.message.startswith("annotation: ")
        assert line <= err.line <= line + text.count("\n")
        assert err.col >= 1
        return
    assert isinstance(items, list)
    for item in items:         # consumers must cope with whatever the parser produced
        for clause in getattr(item, "clauses", ()):
            if getattr(clause, "expr", None) is not None:
                show(clause.expr)
                free_vars(clause.expr)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join),
    st.tuples(st.sampled_from(VALID), st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 3), st.sampled_from(ALPHABET)),
        min_size=1, max_size=4)).map(lambda t: _mutate(*t)),
), st.integers(1, 50), st.integers(1, 30))
def test_fuzz_only_compile_errors(text, line, col):
    _run(text, line, col)


def _mutate(text: str, edits) -> str:
    for at, delete, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + delete:]
    return text


def test_valid_examples_parse():
    for text in VALID:
        assert parse(text)
