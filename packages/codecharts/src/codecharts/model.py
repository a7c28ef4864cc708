"""The flowchart model: boxes (nodes) joined by arrows (edges).

The model is plain data (frozen dataclasses), independent of Jupyter and of
pyflowchart. Everything else converts to or from it: code -> model
(:mod:`codecharts.from_code`), model <-> flowchart.js script (:mod:`codecharts.dsl`),
model -> words (:mod:`codecharts.description`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Node kinds, as flowchart.js spells them.
KINDS = (
    "start",
    "end",
    "operation",
    "inputoutput",
    "input",
    "output",
    "subroutine",
    "condition",
    "parallel",
)

#: Named ways out of a box: a condition has yes/no, a parallel box path1..path3.
BRANCHES = {
    "condition": ("yes", "no"),
    "parallel": ("path1", "path2", "path3"),
}

#: Sides an arrow may leave a box from.
DIRECTIONS = ("left", "right", "top", "bottom")

#: flowchart.js needs a side for every parallel path (``para(path1)`` alone is
#: misread as a direction), so these are filled in when none is given.
DEFAULT_PATH_DIRECTIONS = {"path1": "bottom", "path2": "right", "path3": "top"}


@dataclass(frozen=True)
class Node:
    """One box: ``id`` (a name like ``op1``), ``kind`` (one of :data:`KINDS`), ``label``.

    ``flowstate`` and ``params`` carry flowchart.js styling (``text|past``,
    ``cond(align-next=no)=>...``) through a parse/emit round trip.
    """

    id: str
    kind: str
    label: str = ""
    flowstate: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # flowchart.js trims every statement, so surrounding blanks never survive a
        # round trip: normalise them away here, once.
        label = self.label.replace("\r\n", "\n").replace("\r", "\n").strip()
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "flowstate", self.flowstate.strip())
        object.__setattr__(self, "params", tuple(tuple(pair) for pair in self.params))


@dataclass(frozen=True)
class Edge:
    """One arrow from ``source`` to ``target`` (node ids).

    ``branch`` is ``"yes"``/``"no"`` out of a condition, ``"path1"``..``"path3"`` out
    of a parallel box, else ``None``; ``direction`` is the side it leaves from, or ``None``.
    """

    source: str
    target: str
    branch: str | None = None
    direction: str | None = None


@dataclass(frozen=True)
class Flowchart:
    """A whole chart: nodes in definition order, edges in drawing order.

    flowchart.js starts drawing at the source of the first edge, so edge order matters.

    >>> chart = Flowchart((Node("st", "start", "start"), Node("e", "end", "end")),
    ...                   (Edge("st", "e"),))
    >>> chart.start_id
    'st'
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = field(default=())

    def __post_init__(self) -> None:
        # Accept lists for convenience; keep tuples so charts compare and hash.
        object.__setattr__(self, "nodes", tuple(self.nodes))
        object.__setattr__(self, "edges", tuple(self.edges))
        # Look-up tables (not dataclass fields, so equality ignores them): charts of
        # a few thousand boxes are walked many times, and a linear search each time adds up.
        by_id = {node.id: node for node in self.nodes}
        outgoing: dict[str, list[Edge]] = {}
        for edge in self.edges:
            outgoing.setdefault(edge.source, []).append(edge)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_outgoing", {k: tuple(v) for k, v in outgoing.items()})

    def node(self, node_id: str) -> Node:
        """The node called ``node_id`` (KeyError if there is none)."""
        return self._by_id[node_id]

    def outgoing(self, node_id: str) -> tuple[Edge, ...]:
        """Edges leaving ``node_id``, in drawing order."""
        return self._outgoing.get(node_id, ())

    @property
    def start_id(self) -> str | None:
        """Where flowchart.js starts drawing: the first edge's source, else the first node."""
        if self.edges:
            return self.edges[0].source
        if self.nodes:
            return self.nodes[0].id
        return None
