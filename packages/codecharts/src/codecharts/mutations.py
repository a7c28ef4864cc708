"""Plausible wrong versions of a piece of code, made by changing its syntax tree.

Each :class:`Mutation` is one real edit of the kind learners get wrong (swapped
branches, a negated condition, a statement on the wrong side of a loop, an
off-by-one range or comparison, two steps in the wrong order), with a sentence
saying what changed. :mod:`codecharts.quiz` turns them into wrong answers.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from .source import parse_code

#: The kinds the quiz prefers, in order; later kinds fill in when these run out.
PRIMARY_KINDS = ("swap_branches", "negate_condition", "into_loop", "out_of_loop", "range_bound")
SECONDARY_KINDS = ("change_comparison", "swap_statements")

_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_INVERSE = {
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_OFF_BY_ONE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}


@dataclass(frozen=True)
class Mutation:
    """``code`` is the changed program; ``change`` says how it differs from the original.

    ``change`` completes "In this flowchart/code, ...", e.g.
    "the yes and no branches of `if x > 1` are swapped".
    """

    kind: str
    code: str
    change: str


def _short(node: ast.AST, limit: int = 50) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(statement: ast.stmt) -> str:
    if isinstance(statement, ast.While):
        return f"while {_short(statement.test)}"
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return f"for {_short(statement.target)} in {_short(statement.iter)}"
    return f"if {_short(statement.test)}"


def _blocks(tree: ast.AST):
    """Every statement list in the tree, as (owner, field name) in a fixed order."""
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield node, name


def _negated(test: ast.expr) -> ast.expr:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _INVERSE:
        return ast.Compare(test.left, [_INVERSE[type(test.ops[0])]()], test.comparators)
    return ast.UnaryOp(ast.Not(), test)


def _plus(node: ast.expr, amount: int) -> ast.expr:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return ast.Constant(node.value + amount)
    op = ast.Add() if amount > 0 else ast.Sub()
    return ast.BinOp(node, op, ast.Constant(abs(amount)))


class _Site:
    """Where to mutate: the n-th node of ``ast.walk`` (same n in a deep copy)."""

    def __init__(self, index: int, kind: str, apply, describe):
        self.index = index
        self.kind = kind
        self.apply = apply  # (node in the copy) -> None, edits in place
        self.describe = describe  # (original node) -> sentence


def _sites(tree: ast.Module) -> list[_Site]:
    nodes = list(ast.walk(tree))
    index_of = {id(node): index for index, node in enumerate(nodes)}
    sites: list[_Site] = []
    for index, node in enumerate(nodes):
        if isinstance(node, ast.If) and node.orelse:
            sites.append(_Site(
                index, "swap_branches",
                lambda n: setattr_many(n, body=n.orelse, orelse=n.body),
                lambda n: f"the yes and no branches of `{_header(n)}` are swapped",
            ))
        if isinstance(node, (ast.If, ast.While)):
            sites.append(_Site(
                index, "negate_condition",
                lambda n: setattr(n, "test", _negated(n.test)),
                lambda n: f"the condition `{_short(n.test)}` is turned around into "
                f"`{_short(_negated(copy.deepcopy(n.test)))}`",
            ))
            for compare in ast.walk(node.test):
                if isinstance(compare, ast.Compare) and len(compare.ops) == 1 and type(compare.ops[0]) in _OFF_BY_ONE:
                    sites.append(_Site(
                        index_of[id(compare)], "change_comparison",
                        lambda n: n.ops.__setitem__(0, _OFF_BY_ONE[type(n.ops[0])]()),
                        lambda n: f"the test is `{_short(_off_by_one(n))}` instead of `{_short(n)}`",
                    ))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "range"
            and 1 <= len(node.args) <= 3
            and not node.keywords
        ):
            stop = 0 if len(node.args) == 1 else 1
            for position, amount in ((stop, 1), (stop, -1)) + (((0, 1),) if len(node.args) > 1 else ()):
                sites.append(_Site(
                    index, "range_bound",
                    lambda n, p=position, a=amount: n.args.__setitem__(p, _plus(n.args[p], a)),
                    lambda n, p=position, a=amount: f"the loop goes through "
                    f"`{_short(_range_with(n, p, a))}` instead of `{_short(n)}`",
                ))
    for owner, name in _blocks(tree):
        block = getattr(owner, name)
        owner_index = index_of[id(owner)]
        for position, statement in enumerate(block):
            if isinstance(statement, _LOOPS) and len(statement.body) >= 2:
                sites.append(_Site(
                    owner_index, "out_of_loop",
                    lambda n, f=name, p=position: _move_out(getattr(n, f), p),
                    lambda n, f=name, p=position: _out_sentence(getattr(n, f)[p]),
                ))
            if isinstance(statement, _LOOPS) and position + 1 < len(block):
                sites.append(_Site(
                    owner_index, "into_loop",
                    lambda n, f=name, p=position: _move_in(getattr(n, f), p),
                    lambda n, f=name, p=position: _in_sentence(getattr(n, f)[p], getattr(n, f)[p + 1]),
                ))
            if position + 1 < len(block) and _swappable(statement, block[position + 1]):
                sites.append(_Site(
                    owner_index, "swap_statements",
                    lambda n, f=name, p=position: _swap(getattr(n, f), p),
                    lambda n, f=name, p=position: f"`{_short(getattr(n, f)[p])}` and "
                    f"`{_short(getattr(n, f)[p + 1])}` come in the opposite order",
                ))
    return sites


def setattr_many(node: ast.AST, **values) -> None:
    for name, value in values.items():
        setattr(node, name, value)


def _off_by_one(compare: ast.Compare) -> ast.Compare:
    return ast.Compare(compare.left, [_OFF_BY_ONE[type(compare.ops[0])]()], compare.comparators)


def _range_with(call: ast.Call, position: int, amount: int) -> ast.Call:
    changed = copy.deepcopy(call)
    changed.args[position] = _plus(changed.args[position], amount)
    return changed


def _move_out(block: list[ast.stmt], position: int) -> None:
    loop = block[position]
    block.insert(position + 1, loop.body.pop())


def _move_in(block: list[ast.stmt], position: int) -> None:
    loop = block[position]
    loop.body.append(block.pop(position + 1))


def _out_sentence(loop: ast.stmt) -> str:
    moved = loop.body[-1]
    return (
        f"`{_short(moved)}` comes after the loop `{_header(loop)}` instead of inside it, "
        "so it runs once instead of every time round"
    )


def _in_sentence(loop: ast.stmt, moved: ast.stmt) -> str:
    return (
        f"`{_short(moved)}` is inside the loop `{_header(loop)}` instead of after it, "
        "so it runs every time round instead of once"
    )


def _swappable(first: ast.stmt, second: ast.stmt) -> bool:
    simple = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)
    return (
        isinstance(first, simple)
        and isinstance(second, simple)
        and ast.dump(first) != ast.dump(second)
    )


def _swap(block: list[ast.stmt], position: int) -> None:
    block[position], block[position + 1] = block[position + 1], block[position]


def mutations(code: str) -> list[Mutation]:
    """Every single-edit mutation of ``code`` that is still valid Python, in source order.

    >>> [m.kind for m in mutations("if x > 1:\\n    print(x)\\nelse:\\n    print(0)")]
    ['swap_branches', 'negate_condition', 'change_comparison']
    """
    tree = parse_code(code)
    found: list[Mutation] = []
    seen: set[str] = {ast.unparse(tree)}
    for site in _sites(tree):
        original = list(ast.walk(tree))[site.index]
        change = site.describe(original)
        changed_tree = copy.deepcopy(tree)
        site.apply(list(ast.walk(changed_tree))[site.index])
        ast.fix_missing_locations(changed_tree)
        try:
            changed = ast.unparse(changed_tree)
            compile(changed, "<mutation>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError):
            continue  # e.g. `break` moved out of its loop: not a program a learner would see
        if changed in seen:
            continue
        seen.add(changed)
        found.append(Mutation(site.kind, changed, change))
    return found
