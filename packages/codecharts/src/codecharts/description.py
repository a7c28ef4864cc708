"""A long text description of a flowchart, for people who cannot see it.

Follows the W3C WAI pattern for complex images: one summary sentence, then
numbered steps that follow the arrows. Steps are numbered in reading order
(:mod:`codecharts.order`), so most steps simply lead to the next number;
decisions say where yes and no lead, and arrows that go back say "go back to step N".
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Edge, Flowchart, Node
from .order import BRANCH_ORDER, reading_order

_KIND_NAMES = {
    "start": "Start",
    "end": "End",
    "operation": "Process",
    "inputoutput": "Input or output",
    "input": "Input",
    "output": "Output",
    "subroutine": "Subroutine",
    "condition": "Decision",
    "parallel": "Parallel split",
}
# A label that already begins with its kind's word reads as it is ("start area", "end").
_SELF_NAMING = {"start": "start", "end": "end", "input": "input", "output": "output"}


@dataclass(frozen=True)
class Description:
    """A description in parts: ``summary``, ``steps`` (unnumbered), ``notes``.

    ``text`` joins them with the steps numbered, one per line.
    """

    summary: str
    steps: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        numbered = [f"{number}. {step}" for number, step in enumerate(self.steps, 1)]
        return "\n".join([self.summary, *numbered, *self.notes])


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _sentence(text: str) -> str:
    return text if text[-1:] in ".?!:;" else text + "."


def _spoken_label(label: str) -> str:
    # Multi-line labels (folded code) read as one line.
    return "; ".join(part.strip() for part in label.split("\n") if part.strip())


def _head(node: Node) -> str:
    label = _spoken_label(node.label)
    name = _KIND_NAMES.get(node.kind, node.kind.capitalize())
    if not label:
        return name + "."
    word = _SELF_NAMING.get(node.kind)
    first = label.split(maxsplit=1)[0].lower()
    if word and first == word:
        return _sentence(label[0].upper() + label[1:])
    return _sentence(f"{name}: {label}")


def _go_to(step: int, target: int) -> str:
    return f"go back to step {target}" if target <= step else f"go to step {target}"


def _is_for_loop(node: Node) -> bool:
    return node.label.startswith(("for ", "async for "))


def _flow(chart: Flowchart, node: Node, step: int, number: dict[str, int]) -> str:
    edges = chart.outgoing(node.id)
    if node.kind == "condition":
        by_branch: dict[str | None, Edge] = {edge.branch: edge for edge in edges}
        hints = {"yes": "", "no": ""}
        if _is_for_loop(node):
            hints = {"yes": " (another item)", "no": " (no items left)"}
        parts = []
        for branch in ("yes", "no"):
            edge = by_branch.get(branch)
            if edge is None:
                parts.append(f"If {branch}{hints[branch]}, the flow stops.")
            else:
                parts.append(f"If {branch}{hints[branch]}, {_go_to(step, number[edge.target])}.")
        return " ".join(parts)
    if node.kind == "parallel":
        paths = sorted(edges, key=lambda e: BRANCH_ORDER.get(e.branch, 1))
        if not paths:
            return "The flow stops here."
        where = []
        for edge in paths:
            target = number[edge.target]
            verb = "goes back to" if target <= step else "goes to"
            where.append(f"path {(edge.branch or 'path?')[-1]} {verb} step {target}")
        if len(where) == 1:
            return f"Then {where[0]}."
        return f"Then {len(where)} paths run side by side: {', '.join(where)}."
    if node.kind == "end":
        return ""
    if not edges:
        return "The flow stops here."
    target = number[edges[0].target]
    if target == step + 1:
        return ""
    return f"Then {_go_to(step, target)}."


def describe_steps(chart: Flowchart) -> Description:
    """Describe ``chart`` in parts (see :class:`Description`); :func:`describe` joins them."""
    order = reading_order(chart)
    if not order:
        return Description("An empty flowchart.", ())
    number = {node_id: index for index, node_id in enumerate(order, 1)}
    nodes = [chart.node(node_id) for node_id in order]

    loops = set()
    for node_id in order:
        for edge in chart.outgoing(node_id):
            if number[edge.target] <= number[node_id]:
                loops.add(edge.target)
    decisions = sum(node.kind == "condition" for node in nodes)
    parallels = sum(node.kind == "parallel" for node in nodes)
    ends = sum(node.kind == "end" for node in nodes)

    extras = []
    if decisions:
        extras.append(_plural(decisions, "decision"))
    if loops:
        extras.append(_plural(len(loops), "loop"))
    if parallels:
        extras.append(_plural(parallels, "parallel split"))
    if ends > 1:
        extras.append(_plural(ends, "end"))
    steps_phrase = _plural(len(order), "step")
    if not extras:
        summary = f"A flowchart with {steps_phrase}, one after another."
    elif len(extras) == 1:
        summary = f"A flowchart with {steps_phrase} and {extras[0]}."
    else:
        summary = f"A flowchart with {steps_phrase}, {', '.join(extras[:-1])} and {extras[-1]}."

    steps = []
    for step, node in enumerate(nodes, 1):
        flow = _flow(chart, node, step, number)
        steps.append(f"{_head(node)} {flow}".strip())

    notes = []
    unreached = [node for node in chart.nodes if node.id not in number]
    if unreached:
        listed = "; ".join(_head(node).removesuffix(".") for node in unreached)
        notes.append(
            f"Not drawn, because no arrow leads to {'it' if len(unreached) == 1 else 'them'} "
            f"from the start: {listed}."
        )
    return Description(summary, tuple(steps), tuple(notes))


def describe(chart: Flowchart) -> str:
    """The long description of ``chart``: a summary sentence, then numbered steps.

    >>> from codecharts.dsl import parse_dsl
    >>> print(describe(parse_dsl("st=>start: start\\nop=>operation: Boil water\\ne=>end: end\\nst->op->e")))
    A flowchart with 3 steps, one after another.
    1. Start.
    2. Process: Boil water.
    3. End.
    """
    return describe_steps(chart).text
