"""Worked steps: run a cell and show each assignment as symbol = values = result.

The cell is run statement by statement with a plain ``exec`` (no bytecode
tricks), then each statement is drawn by handcalcs' LaTeX renderer, with
forallpeople quantities shown with automatic prefixes (0.0015 A as 1.500 mA).

Unit names (mA, kOhm, V, ...) and sqrt, pi, sin, ... are available in the
cell without being put into the learner's namespace: while the cell runs they
sit behind the namespace, where Python looks after globals, so a learner's own
variable called ``V`` or ``m`` always wins.

    >>> from workings.render import render_workings
    >>> namespace = {}
    >>> print(render_workings("I = 1.5*mA\\nR = 2.2*kOhm\\nV = I*R", namespace).text)
    I = 1.500 mA
    R = 2.200 kΩ
    V = I * R = 1.500 mA * 2.200 kΩ = 3.300 V
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

from workings import display, si
from workings.errors import FormulaSyntaxError
from workings.explain import explain
from workings.formatting import format_value
from workings.latex import OHM_NAME, calculation_rows, given_rows

# A step whose plain text is longer than this is drawn over several lines.
LONG_STEP_CHARS = 70


@dataclass(frozen=True)
class WorkedStep:
    """One statement of the cell, drawn: its cell line, LaTeX rows and text."""

    line: int
    latex: str
    text: str


@dataclass(frozen=True)
class Workings:
    """The worked steps of a cell, as LaTeX (``text/latex``) and plain text."""

    steps: tuple

    @property
    def latex(self) -> str:
        if not self.steps:
            return ""
        rows = " \\\\\n".join(step.latex for step in self.steps)
        return f"$$\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n$$"

    @property
    def text(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def _repr_latex_(self) -> str:
        return self.latex

    def _repr_mimebundle_(self, include=None, exclude=None):
        return display.latex_bundle(self.latex, self.text)


@dataclass(frozen=True)
class _Options:
    precision: int
    sci: bool
    short: bool


def _is_shown(value) -> bool:
    """Only numbers and quantities are drawn; other values just run."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or si.is_quantity(value)


def _hidden_scope() -> dict:
    """What a cell can use without defining it: builtins, units, math names."""
    scope = dict(vars(builtins))
    scope.update(si.math_names())
    scope.update(si.units())
    return scope


def _user_names(node: ast.AST, namespace: dict) -> set[str]:
    """Names read by ``node`` that are the learner's variables (not units)."""
    return {
        n.id
        for n in ast.walk(node)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in namespace
    }


def _bound_names(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        names = []
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and node.id not in names:
                    names.append(node.id)
        return names
    return []


def _single_target(stmt: ast.stmt) -> str | None:
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        return stmt.targets[0].id
    return None


def _substituted(expr: ast.expr, values: dict, options: _Options) -> str:
    """The expression with each variable replaced by its value, as text."""
    tree = ast.parse(ast.unparse(expr), mode="eval")
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}

    class Swap(ast.NodeTransformer):
        def visit_Name(self, node):
            if node.id not in values:
                return node
            shown = format_value(values[node.id], options.precision, options.sci)
            parent = parents.get(id(node))
            in_power = isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Pow)
            negative = shown.startswith("-") and isinstance(parent, (ast.BinOp, ast.UnaryOp))
            if (in_power and " " in shown) or negative or isinstance(parent, ast.UnaryOp):
                shown = f"({shown})"
            return ast.copy_location(ast.Name(id=shown, ctx=ast.Load()), node)

    return ast.unparse(Swap().visit(tree))


def _results(namespace: dict) -> dict:
    return {k: v for k, v in namespace.items() if k != "__builtins__"}


def _step_source(stmt: ast.stmt, lines: list[str]) -> str:
    if stmt.lineno == stmt.end_lineno:
        return lines[stmt.lineno - 1].strip()
    return ast.unparse(stmt)


def _given(name: str, namespace: dict, options: _Options, line_number: int) -> WorkedStep:
    text = f"{name} = {format_value(namespace[name], options.precision, options.sci)}"
    latex = given_rows(name, _results(namespace), options.precision, options.sci)
    return WorkedStep(line_number, latex, text)


def _draw(stmt, namespace, before, lines, options, line_number) -> list[WorkedStep]:
    """The worked steps for one statement that has just run."""
    target = _single_target(stmt)
    if target is not None and _is_shown(namespace.get(target)):
        # Only numbers and quantities are substituted; a line that uses none
        # (I = 1.5*mA, x = math.pi) is a given, drawn as its value.
        values = {
            name: before[name] for name in _user_names(stmt.value, before) if _is_shown(before[name])
        }
        if not values:
            return [_given(target, namespace, options, line_number)]
        text = (
            f"{target} = {ast.unparse(stmt.value)} = "
            f"{_substituted(stmt.value, values, options)} = "
            f"{format_value(namespace[target], options.precision, options.sci)}"
        )
        ohms = any(
            isinstance(n, ast.Name) and n.id not in before and OHM_NAME.fullmatch(n.id)
            for n in ast.walk(stmt.value)
        )
        try:
            latex = calculation_rows(
                _step_source(stmt, lines),
                _results(namespace),
                result=target,
                long=not options.short and len(text) > LONG_STEP_CHARS,
                ohms=ohms,
                precision=options.precision,
                sci=options.sci,
            )
        except Exception:  # handcalcs cannot draw it: show the result
            latex = given_rows(target, _results(namespace), options.precision, options.sci)
        return [WorkedStep(line_number, latex, text)]
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Name):
        names = [stmt.value.id]
    else:
        names = _bound_names(stmt)
    return [_given(n, namespace, options, line_number) for n in names if _is_shown(namespace.get(n))]


def render_workings(
    source: str,
    namespace: dict | None = None,
    *,
    precision: int = 3,
    sci: bool = False,
    short: bool = False,
    first_line: int = 1,
) -> Workings:
    """Run ``source`` in ``namespace`` and return its worked steps.

    Each assignment is drawn as symbol = substituted values = result, with
    units; an assignment of plain values (``I = 1.5*mA``) as its value.  Other
    statements run but are not drawn.  ``first_line`` is the cell line of the
    first source line (2 under a ``%%workings`` line), so errors name the line
    the learner sees.

    >>> print(render_workings("P = 12*V * 0.5*A").text)
    P = 6.000 W
    """
    namespace = {} if namespace is None else namespace
    options = _Options(precision, sci, short)
    offset = first_line - 1
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        text = f": `{error.text.strip()}`" if error.text and error.text.strip() else ""
        raise FormulaSyntaxError(f"line {(error.lineno or 1) + offset}: {error.msg}{text}") from None

    lines = source.splitlines()
    had_builtins = "__builtins__" in namespace
    saved = namespace.get("__builtins__")
    namespace["__builtins__"] = _hidden_scope()
    steps: list[WorkedStep] = []
    try:
        for stmt in tree.body:
            line_number = stmt.lineno + offset
            before = _results(namespace)
            code = compile(ast.Module(body=[stmt], type_ignores=[]), "<workings>", "exec")
            try:
                exec(code, namespace)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as error:
                raise explain(error, stmt, _results(namespace), line_number) from None
            steps.extend(_draw(stmt, namespace, before, lines, options, line_number))
    finally:
        if had_builtins:
            namespace["__builtins__"] = saved
        else:
            namespace.pop("__builtins__", None)
    return Workings(tuple(steps))
