"""Statements pyflowchart draws wrongly, rewritten before it sees them.

pyflowchart gets the walk right for most statements; these it does not, so the
statement lists are rewritten (in place, on our own parse of the code) first:

* a nested ``def``/``class`` becomes one stand-in box (pyflowchart would draw a
  chart inside the chart, and a ``return`` in it would cut off the rest of the code);
* ``with X:`` becomes a box for ``with X`` followed by its body (pyflowchart folds
  the whole block into one box);
* ``match`` becomes the if/elif/else chain it behaves like (pyflowchart runs every
  case after the one that matched);
* ``try: ...; break`` moves the trailing ``break``/``continue`` into ``else:``, the
  same program, which pyflowchart can draw;
* a leading docstring goes: it documents the block, it is not a step.

It also records which loop each ``break``/``continue`` belongs to.
"""

from __future__ import annotations

import ast

_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _definition_label(statement: ast.stmt) -> str:
    if isinstance(statement, ast.ClassDef):
        bases = [ast.unparse(b) for b in statement.bases] + [ast.unparse(k) for k in statement.keywords]
        return f"class {statement.name}" + (f"({', '.join(bases)})" if bases else "")
    prefix = "async def" if isinstance(statement, ast.AsyncFunctionDef) else "def"
    return f"{prefix} {statement.name}({ast.unparse(statement.args)})"


def _match_as_ifs(match: ast.Match) -> list[ast.stmt]:
    """``match`` as the if/elif/else chain it behaves like, conditions worded as tests."""
    subject = ast.unparse(match.subject)
    chain: list[ast.stmt] = []
    for case in reversed(match.cases):
        pattern = case.pattern
        always = isinstance(pattern, ast.MatchAs) and pattern.pattern is None and case.guard is None
        if always:  # `case _:` or `case name:` matches whatever is left
            chain = list(case.body)
            continue
        test = f"{subject} matches {ast.unparse(pattern)}"
        if case.guard is not None:
            test += f" and {ast.unparse(case.guard)}"
        branch = ast.If(test=ast.Name(test, ast.Load()), body=list(case.body), orelse=chain)
        chain = [ast.copy_location(branch, case.pattern)]
    return chain


def _move_jumps_to_else(statement: ast.Try) -> None:
    """``try: a; break`` becomes ``try: a`` + ``else: break``: the same program.

    pyflowchart sends "no exception" on to the next statement, so a ``break`` or
    ``continue`` at the end of the try block would otherwise be lost.
    """
    jumps = []
    while statement.body and isinstance(statement.body[-1], (ast.Break, ast.Continue)):
        jumps.insert(0, statement.body.pop())
    if jumps:
        statement.orelse[:0] = jumps
        if not statement.body:
            statement.body.append(ast.copy_location(ast.Pass(), jumps[0]))


def _statement_lists(statement: ast.AST):
    """The lists of statements directly inside a compound statement."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if isinstance(block, list):
            yield block
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


class Reshaper:
    """Rewrites statement lists; remembers stand-ins and the loop of each break/continue."""

    def __init__(self):
        self.placeholders: dict[int, ast.stmt] = {}  # id(stand-in) -> the statement it replaces
        self.enclosing_loop: dict[int, ast.stmt] = {}  # id(break/continue) -> its loop

    def is_stand_in(self, statement) -> bool:
        return statement is not None and id(statement) in self.placeholders

    def prepare(self, statements: list[ast.stmt]) -> None:
        """Reshape statements pyflowchart draws wrongly; note which loop each break is in.

        In place: a nested def/class becomes one stand-in box, ``with X:`` a box
        followed by its body, ``match`` an if/elif chain (pyflowchart runs every
        case after the one that matched), and a leading docstring goes.
        """
        stack: list[tuple[list[ast.stmt], ast.stmt | None]] = [(statements, None)]
        while stack:
            block, loop = stack.pop()
            reshaped = [new for statement in block for new in self._reshape(statement)]
            if len(reshaped) > 1 and _is_docstring(reshaped[0]):
                del reshaped[0]  # a docstring documents the block; it is not a step
            block[:] = reshaped
            for statement in block:
                if isinstance(statement, (ast.Break, ast.Continue)) and loop is not None:
                    self.enclosing_loop[id(statement)] = loop
                if isinstance(statement, _LOOPS):
                    stack.append((statement.body, statement))
                    stack.append((statement.orelse, loop))  # a break in `else:` leaves the outer loop
                else:
                    for inner in _statement_lists(statement):
                        stack.append((inner, loop))

    def _stand_in(self, label: str, statement: ast.stmt) -> ast.stmt:
        # pyflowchart draws an expression statement as a box labelled with its source,
        # and a Name's source is its id: so this is a box labelled `label`.
        stand_in = ast.copy_location(ast.Expr(ast.Name(label, ast.Load())), statement)
        self.placeholders[id(stand_in)] = statement
        return stand_in

    def _reshape(self, statement: ast.stmt) -> list[ast.stmt]:
        if isinstance(statement, _SCOPES):
            return [self._stand_in(_definition_label(statement), statement)]
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            keyword = "async with" if isinstance(statement, ast.AsyncWith) else "with"
            items = ", ".join(ast.unparse(item) for item in statement.items)
            body = [new for inner in statement.body for new in self._reshape(inner)]
            return [self._stand_in(f"{keyword} {items}", statement)] + body
        if isinstance(statement, ast.Match):
            return _match_as_ifs(statement)
        if isinstance(statement, (ast.Try, getattr(ast, "TryStar", ast.Try))) and statement.handlers:
            _move_jumps_to_else(statement)
        return [statement]
