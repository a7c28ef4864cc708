"""Python code -> flowchart model: pyflowchart draws, then we make it educational.

Statements pyflowchart draws wrongly (nested defs, ``with``, ``match``, a ``break``
ending a ``try``) are rewritten first (:mod:`codecharts.reshape`); pyflowchart
(pinned, imported lazily) walks the code; then we reshape its graph:

* ``print(...)`` becomes an output box, ``input(...)`` an input box, ``return x``
  an output box, ``yield x`` an output box;
* loops stay decision loops; pyflowchart's one-line folding is never used (its
  labels lose letters), ``simplify=True`` folds with our own, correct labels;
* ``break`` leads out of its loop, ``continue`` back to its test, and a loop's
  ``else:`` block runs when the test says no (pyflowchart leaves these out);
* an exception no ``except`` matches leads to the end instead of running on;
* start and end boxes surround the chart (optional), and every way the code can
  finish leads to the end;
* ids are readable and restart for every chart: ``start``, ``op1``, ``cond1``,
  ``io1``, ``sub1``, ``end``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import warnings

from .errors import TooLargeError
from .model import Edge, Flowchart, Node
from .order import reading_order
from .raw_graph import RawGraph, RawNode, copy_pyflowchart
from .reshape import Reshaper
from .source import count_statements, find_function, parse_code

#: More boxes than this cannot be drawn legibly or read as a list of steps.
MAX_BOXES = 500

_ID_PREFIX = {
    "operation": "op",
    "condition": "cond",
    "inputoutput": "io",
    "input": "io",
    "output": "io",
    "subroutine": "sub",
    "parallel": "para",
}
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SIMPLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)
# Boxes whose way out is decided by us, not by the statement that follows them.
_NO_NATURAL_EXIT = ("break", "continue", "raise", "return_end")


def _calls(statement: ast.AST, name: str) -> bool:
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        for node in ast.walk(statement)
    )


def _parameter_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = function.args
    names = [a.arg for a in args.posonlyargs + args.args]
    if args.vararg:
        names.append("*" + args.vararg.arg)
    names += [a.arg for a in args.kwonlyargs]
    if args.kwarg:
        names.append("**" + args.kwarg.arg)
    return names


class _Builder:
    def __init__(self, function_name: str | None = None):
        self.function_name = function_name  # dotted, for the start and end labels
        self.graph = RawGraph()
        self.reshaper = Reshaper()
        self.loop_test: dict[int, int] = {}  # id(loop statement) -> key of its decision box
        self.loop_exit: dict[int, int | None] = {}
        self.roles: dict[int, str] = {}
        self.spliced: set[int] = set()

    # -- preparing the statements pyflowchart sees

    def run_pyflowchart(self, statements: list[ast.stmt]) -> tuple[int | None, list[int]]:
        """Let pyflowchart draw ``statements``; copy the result in. Returns (head, new keys)."""
        from pyflowchart.ast_node import parse as pyflowchart_parse

        before = self.graph.next_key
        # pyflowchart prints and warns from some of its fallbacks; a learner should not see that.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            process = pyflowchart_parse(statements, simplify=False)
        head = copy_pyflowchart(self.graph, process.head)
        new_keys = [key for key in self.graph.nodes if key >= before]
        self.classify(new_keys)
        return head, new_keys

    # -- making pyflowchart's boxes educational

    def classify(self, keys: list[int]) -> None:
        for key in keys:
            raw = self.graph.nodes[key]
            origin = type(raw.origin).__name__
            statement = raw.statement
            if self.reshaper.is_stand_in(statement):
                raw.kind = "operation"
            elif origin in ("CallSubroutine", "CommonOperation") and isinstance(statement, _SIMPLE):
                prints = (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Call)
                    and isinstance(statement.value.func, ast.Name)
                    and statement.value.func.id == "print"
                )
                reads = _calls(statement, "input")
                if prints and reads:
                    raw.kind = "inputoutput"
                elif prints:
                    raw.kind = "output"
                elif reads:
                    raw.kind = "input"
            elif origin == "YieldOutput":
                raw.kind = "output"
                raw.label = ast.unparse(statement).strip()
            elif origin == "ReturnOutput":
                raw.kind = "output"
                raw.label = ast.unparse(statement).strip()
            elif origin == "ReturnEnd":
                self.roles[key] = "return_end"
            elif origin == "BreakContinueSubroutine":
                raw.kind = "operation"
                if isinstance(statement, ast.Break):
                    self.roles[key] = "break"
                elif isinstance(statement, ast.Continue):
                    self.roles[key] = "continue"
                else:
                    self.roles[key] = "raise"
            elif origin == "FunctionDefStart":
                raw.label = f"start {self.function_name or statement.name}"
                self.roles[key] = "function_start"
            elif origin == "FunctionDefEnd":
                raw.label = f"end {self.function_name or statement.name}"
                self.roles[key] = "function_end"
            elif origin == "FunctionDefArgsInput":
                names = _parameter_names(statement)
                raw.kind = "input"
                raw.label = "input " + ", ".join(names)
                self.roles[key] = "parameters" if names else "no_parameters"
            elif origin == "LoopCondition":
                self.loop_test[id(statement)] = key
                self.roles[key] = "loop_test"
            elif origin == "IfCondition":
                self.roles[key] = "if_test"

    # -- wiring what pyflowchart leaves out

    def is_exit(self, key: int) -> bool:
        """A box the flow leaves by simply running on past the end of its block."""
        raw = self.graph.nodes[key]
        return (
            raw.kind not in ("end", "condition")
            and self.roles.get(key) not in _NO_NATURAL_EXIT
            and not self.graph.outgoing(key)
        )

    def splice_loop_else(self) -> None:
        pending = [key for key in self.graph.nodes if self._loop_with_else(key)]
        while pending:
            test = pending.pop()
            loop = self.graph.nodes[test].statement
            self.spliced.add(id(loop))
            no_edge = next((e for e in self.graph.outgoing(test) if e.branch == "no"), None)
            if no_edge is None:
                continue
            after = no_edge.target
            self.loop_exit[id(loop)] = after  # `break` skips the else block
            head, new_keys = self.run_pyflowchart(loop.orelse)
            for key in new_keys:
                if self.is_exit(key):
                    self.graph.add_edge(key, after)
            for edge in self.graph.edges:
                if edge.source in new_keys and edge.target is None:
                    edge.target = after
            no_edge.target = head
            pending.extend(key for key in new_keys if self._loop_with_else(key))

    def _loop_with_else(self, key: int) -> bool:
        raw = self.graph.nodes[key]
        return (
            type(raw.origin).__name__ == "LoopCondition"
            and isinstance(raw.statement, _LOOPS)
            and bool(raw.statement.orelse)
            and id(raw.statement) not in self.spliced
        )

    def stop_unhandled_exceptions(self) -> None:
        """An exception no ``except`` matches stops the code: it does not run on."""
        graph = self.graph
        for key, raw in graph.nodes.items():
            if type(raw.origin).__name__ != "ExceptHandlerCondition":
                continue
            for edge in graph.outgoing(key):
                target = graph.nodes.get(edge.target) if edge.target is not None else None
                if edge.branch == "no" and not (
                    target is not None and type(target.origin).__name__ == "ExceptHandlerCondition"
                ):
                    edge.target = None  # leads to the end, like `raise`

    def wire_break_continue(self) -> None:
        for key, role in list(self.roles.items()):
            if role not in ("break", "continue") or key not in self.graph.nodes:
                continue
            loop = self.reshaper.enclosing_loop.get(id(self.graph.nodes[key].statement))
            test = self.loop_test.get(id(loop)) if loop is not None else None
            if test is None or test not in self.graph.nodes:
                self.roles[key] = "raise"  # cannot tell where it goes: treat as a way out
                continue
            if role == "continue":
                self.graph.add_edge(key, test)
            else:
                if id(loop) in self.loop_exit:
                    after = self.loop_exit[id(loop)]
                else:
                    no_edge = next((e for e in self.graph.outgoing(test) if e.branch == "no"), None)
                    after = no_edge.target if no_edge else None
                self.graph.add_edge(key, after)

    def fold_one_line_bodies(self, head: int | None) -> int | None:
        """``simplify``: a loop or else-less if whose body is one plain box becomes one box.

        pyflowchart's own folding is not used: its labels lose letters
        (``"if found".lstrip("if")`` gives ``" ound"``) and call every loop ``while``.
        """
        graph = self.graph
        changed = True
        while changed:
            changed = False
            incoming: dict[int, int] = {}
            for edge in graph.edges:
                incoming[edge.target] = incoming.get(edge.target, 0) + 1
            for key in list(graph.nodes):
                role = self.roles.get(key)
                if role not in ("loop_test", "if_test"):
                    continue
                out = {edge.branch: edge for edge in graph.outgoing(key)}
                if set(out) != {"yes", "no"} or out["yes"].target is None:
                    continue
                body = out["yes"].target
                body_raw = graph.nodes[body]
                body_out = graph.outgoing(body)
                if (
                    body_raw.kind in ("condition", "end", "start")
                    or self.roles.get(body) in _NO_NATURAL_EXIT
                    or incoming.get(body, 0) != 1
                    or len(body_out) > 1
                ):
                    continue
                # A body box with no arrow yet runs on to whatever follows the block.
                body_next = body_out[0].target if body_out else None
                if role == "loop_test":
                    if body_next != key or graph.nodes[key].statement.orelse:
                        continue
                elif body_next != out["no"].target:
                    continue
                label = f"{graph.nodes[key].label}: {body_raw.label}"
                folded = graph.add_node("operation", label)
                if out["no"].target is not None:
                    graph.add_edge(folded, out["no"].target)
                graph.remove(body)
                graph.redirect(key, folded)
                graph.remove(key)
                self.roles.pop(key, None)
                if head == key:
                    head = folded
                changed = True
                break
        return head

    def finish_ends(self, head: int | None, start_end: bool, function_name: str | None) -> int | None:
        """Merge return ends, drop empty parameter boxes, add start/end; return the start key."""
        graph = self.graph
        for key, role in list(self.roles.items()):
            if role == "no_parameters" and key in graph.nodes:
                if head == key:
                    head = graph.outgoing(key)[0].target if graph.outgoing(key) else None
                graph.bypass(key)
        end_key = next((k for k, r in self.roles.items() if r == "function_end" and k in graph.nodes), None)
        if start_end and end_key is None:
            label = f"end {function_name}" if function_name else "end"
            end_key = graph.add_node("end", label)
        for key, role in list(self.roles.items()):
            if role == "return_end" and key in graph.nodes:
                graph.redirect(key, end_key)
                graph.remove(key)
        if not start_end:
            graph.edges = [edge for edge in graph.edges if edge.target is not None]
            return head
        if function_name is None:
            start_key = graph.add_node("start", "start")
            graph.add_edge(start_key, head)
            head = start_key
        for key in list(graph.nodes):
            if key != end_key and (self.is_exit(key) or self.roles.get(key) == "raise") and not graph.outgoing(key):
                graph.add_edge(key, end_key)
        for edge in graph.edges:
            if edge.target is None:
                edge.target = end_key
        return head


def _to_model(graph: RawGraph, head: int | None) -> Flowchart:
    """Keep what the start reaches; name boxes in reading order, list arrows as walked."""
    if head is None:
        return Flowchart((), ())
    outgoing: dict[int, list] = {}
    for edge in graph.edges:
        outgoing.setdefault(edge.source, []).append(edge)
    for edges in outgoing.values():
        edges.sort(key=lambda e: e.branch == "no")
    # Arrows in depth-first order (yes before no), so the script reads as chains.
    seen = {head}
    walked = []
    stack = [iter(outgoing.get(head, ()))]
    while stack:
        edge = next(stack[-1], None)
        if edge is None:
            stack.pop()
            continue
        walked.append(edge)
        if edge.target not in seen:
            seen.add(edge.target)
            stack.append(iter(outgoing.get(edge.target, ())))
    draft = Flowchart(
        [Node(str(key), graph.nodes[key].kind) for key in seen],
        [Edge(str(e.source), str(e.target), e.branch) for e in walked],
    )
    order = [int(key) for key in reading_order(draft)]
    names: dict[int, str] = {}
    counters: dict[str, int] = {}
    for key in order:
        kind = graph.nodes[key].kind
        prefix = _ID_PREFIX.get(kind, kind)
        counters[prefix] = counters.get(prefix, 0) + 1
        number = counters[prefix]
        if kind in ("start", "end"):
            names[key] = prefix if number == 1 else f"{prefix}{number}"
        else:
            names[key] = f"{prefix}{number}"
    nodes = tuple(_model_node(graph.nodes[key], names[key]) for key in order)
    edges = tuple(Edge(names[e.source], names[e.target], e.branch, e.direction) for e in walked)
    return Flowchart(nodes, edges)


def _model_node(raw: RawNode, name: str) -> Node:
    return Node(name, raw.kind, raw.label)


def flowchart_from_code(
    code: str,
    function: str | None = None,
    start_end: bool = True,
    simplify: bool = False,
    max_boxes: int | None = MAX_BOXES,
) -> Flowchart:
    """Draw Python ``code`` as a flowchart model (the whole code, or one ``function``).

    ``start_end`` adds start/end boxes; ``simplify`` folds a loop or an else-less
    ``if`` whose body is one plain box into one box (``for i in xs: print(i)``); more than ``max_boxes`` boxes raises
    :class:`~codecharts.errors.TooLargeError` (``None``: no limit).

    >>> chart = flowchart_from_code("name = input('Name? ')\\nprint('Hi', name)")
    >>> [(n.id, n.kind) for n in chart.nodes]
    [('start', 'start'), ('io1', 'input'), ('io2', 'output'), ('end', 'end')]
    """
    tree = parse_code(code)
    function_name = None
    if function:
        info = find_function(tree, function)
        function_name = info.name
        statements = [info.node] if start_end else info.node.body
    else:
        statements = tree.body
    size = count_statements(statements)
    if max_boxes is not None and size > max_boxes:
        raise TooLargeError(_too_large(size, max_boxes, function_name))
    builder = _Builder(function_name)
    try:
        if function and start_end:
            builder.reshaper.prepare(info.node.body)
        else:
            builder.reshaper.prepare(statements)
        head, _ = builder.run_pyflowchart(statements)
        builder.splice_loop_else()
        builder.stop_unhandled_exceptions()
        builder.wire_break_continue()
        if simplify:
            head = builder.fold_one_line_bodies(head)
        head = builder.finish_ends(head, start_end, function_name)
        chart = _to_model(builder.graph, head)
    except RecursionError:
        raise TooLargeError(
            "This code is nested too deeply to draw: split it into smaller functions."
        ) from None
    if max_boxes is not None and len(chart.nodes) > max_boxes:
        raise TooLargeError(_too_large(len(chart.nodes), max_boxes, function_name))
    return chart


def _too_large(size: int, limit: int, function_name: str | None) -> str:
    advice = (
        "Split the function into smaller ones and draw one at a time."
        if function_name
        else "Draw one function with `--function NAME`, or split the code into smaller cells."
    )
    return (
        f"This code makes a flowchart of about {size:,} boxes: too many to draw or read "
        f"(the limit is {limit:,}). {advice}"
    )
